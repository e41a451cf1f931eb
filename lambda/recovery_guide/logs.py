"""Loggers that cost nothing until something is logged.

The standard `logging` package (with traceback, threading, string and textwrap behind it) is a
large share of a bare process's start-up. A host that reads logs has imported it already (the
Lambda runtime's bootstrap, pytest, the local CLI), so routine records go through it when it is
there; in a bare process nothing is configured to print them anyway. Warnings and errors always
import it, so they are never lost.
"""
from __future__ import annotations

import sys


class Logger:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def _logger(self, force: bool):
        if not force and "logging" not in sys.modules:
            return None
        import logging
        return logging.getLogger(self.name)

    def debug(self, msg, *args):
        logger = self._logger(False)
        if logger is not None:
            logger.debug(msg, *args)

    def info(self, msg, *args):
        logger = self._logger(False)
        if logger is not None:
            logger.info(msg, *args)

    def warning(self, msg, *args):
        self._logger(True).warning(msg, *args)

    def error(self, msg, *args):
        self._logger(True).error(msg, *args)

    def exception(self, msg, *args):
        self._logger(True).exception(msg, *args)


def get(name: str) -> Logger:
    return Logger(name)


# At DEBUG, botocore logs request parameters and bodies (a phone number, a text, the hashed user key,
# a reminder token) and urllib3 logs URL paths (a device id). They stay at WARNING whatever level
# the skill or its host sets on the root logger. Called wherever one of them is first imported.
LIBRARY_LOGGERS = ("botocore", "boto3", "urllib3", "s3transfer", "requests")


def quiet_libraries() -> None:
    import logging
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:      # NOTSET inherits the root's level: pin it
            logger.setLevel(logging.WARNING)
