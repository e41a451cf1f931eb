"""The cold-start baseline: a minimal ask-sdk-core hello-world skill.

One LaunchRequest handler, the skill built once at import (`sb.create()`), and a module-level
`handler(event, context)`, the shape DESIGN.md section 4 recommends. bench/cold_start.py times a
fresh process importing this module and answering one LaunchRequest, against the same for ours.
"""
import json

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import RequestEnvelope


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        speech = "Hello world. What would you like to know?"
        return handler_input.response_builder.speak(speech).ask(speech).set_should_end_session(False).response


_sb = SkillBuilder()
_sb.add_request_handler(LaunchRequestHandler())
_skill = _sb.create()
_serializer = DefaultSerializer()


def handler(event, context):
    # What sb.lambda_handler() does, minus rebuilding the skill on every call.
    envelope = _serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
    response = _skill.invoke(request_envelope=envelope, context=context)
    return _serializer.serialize(response)
