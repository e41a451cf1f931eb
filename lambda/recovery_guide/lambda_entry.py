"""The AWS Lambda entry point named in template.yaml."""
from __future__ import annotations

import sys

from . import app

if "logging" in sys.modules:   # the Lambda runtime has set up logging: let request records through
    import logging
    logging.getLogger().setLevel(logging.INFO)
    from . import logs
    logs.quiet_libraries()   # whatever the level, library loggers never log request bodies or URLs
_skill = app.get()   # built once per container, at import (during Lambda's init phase)


def handler(event, context):
    return _skill.invoke(event, context)
