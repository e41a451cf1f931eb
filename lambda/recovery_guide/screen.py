"""On devices with a screen, the numbers just spoken are shown large: one APL document, added to the
response by a global response interceptor, so no handler changes and the speech stays the same.

When: the device supports APL (`Alexa.Presentation.APL` in the request's supported interfaces),
the response speaks, and this turn is about numbers, that is, its offer is {"kind": "send", ...}
(the helpline, treatment and crisis answers) or handlers/phone.py marked it (the send-to-phone
turns). Never alongside a Connections directive (the voice permission request), never twice.

What: each number in big type with its line's name under it; in a crisis the emergency number
first. The same numbers the card carries, from the compiled library.

The interceptor never raises: it runs after the handler, and an exception here would replace a
crisis answer with the error handler's apology. Anything unexpected is logged (type only) and the
response goes out as the handler built it.
"""
from __future__ import annotations


from ask_sdk_core.dispatch_components import AbstractResponseInterceptor

from .turn import session
from . import logs

log = logs.get(__name__)

TOKEN = "helpline"
APL_VERSION = "2023.3"
_SKIP_DIRECTIVES = ("Connections.", "Dialog.Delegate", "Alexa.Presentation.APL.RenderDocument")

_BIG = "${viewport.width < 600 ? '44dp' : '76dp'}"
_NAME = "${viewport.width < 600 ? '20dp' : '30dp'}"
_TITLE = "${viewport.width < 600 ? '18dp' : '26dp'}"

# Inline, small, no imports: it renders without fetching anything.
def _document(description: str, items: list) -> dict:
    """An APL document: the items centred on a dark screen, scrolling when they do not fit."""
    return {
        "type": "APL",
        "version": APL_VERSION,
        "theme": "dark",
        "description": description,
        "mainTemplate": {
            "parameters": ["payload"],
            "items": [{
                "type": "ScrollView",
                "width": "100vw",
                "height": "100vh",
                "item": {
                    "type": "Container",
                    "width": "100vw",
                    "minHeight": "100vh",
                    "justifyContent": "center",
                    "alignItems": "center",
                    "paddingLeft": "6vw",
                    "paddingRight": "6vw",
                    "paddingTop": "4vh",
                    "paddingBottom": "4vh",
                    "items": items,
                },
            }],
        },
    }


DOCUMENT = _document("Phone numbers shown large", [
                    {"type": "Text", "text": "${payload.numbers.title}", "fontSize": _TITLE,
                     "textAlign": "center", "color": "#D0D0D0", "paddingBottom": "2vh"},
                    {
                        "type": "Container",
                        "data": "${payload.numbers.lines}",
                        "alignItems": "center",
                        "items": [{
                            "type": "Container",
                            "alignItems": "center",
                            "paddingTop": "2vh",
                            "paddingBottom": "2vh",
                            "items": [
                                {"type": "Text", "text": "${data.number}", "fontSize": _BIG, "fontWeight": "bold",
                                 "textAlign": "center", "color": "#FFFFFF"},
                                {"type": "Text", "text": "${data.label}", "fontSize": _NAME, "textAlign": "center",
                                 "color": "#FFFFFF", "maxLines": 2},
                            ],
                        }],
                    },
                ])


# In an emergency (emergency.py marks the turn): the number and the step being coached, both large.
EMERGENCY_KEY = "emergency_screen"
_STEP = "${viewport.width < 600 ? '24dp' : '40dp'}"
EMERGENCY_DOCUMENT = _document("The emergency number and the current step, large", [
                    {"type": "Text", "text": "${payload.emergency.label}", "fontSize": _NAME,
                     "textAlign": "center", "color": "#FFD0D0"},
                    {"type": "Text", "text": "${payload.emergency.number}", "fontSize": _BIG, "fontWeight": "bold",
                     "textAlign": "center", "color": "#FFFFFF", "paddingBottom": "3vh"},
                    {"type": "Text", "text": "${payload.emergency.step}", "fontSize": _STEP,
                     "textAlign": "center", "color": "#FFFFFF"},
                    {"type": "Text", "text": "${payload.emergency.line}", "fontSize": _NAME,
                     "textAlign": "center", "color": "#D0D0D0", "paddingTop": "3vh"},
                ])


def emergency_directive(marked: dict):
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
    line = marked.get("line") or {}
    return RenderDocumentDirective(token="emergency", document=EMERGENCY_DOCUMENT, datasources={"emergency": {
        "label": "Emergency", "number": str(marked.get("number") or ""), "step": str(marked.get("step") or ""),
        "line": f"{line['name']}: {line['number']}" if line.get("name") and line.get("number") else ""}})


def supports_apl(handler_input) -> bool:
    system = getattr(getattr(handler_input.request_envelope, "context", None), "system", None)
    interfaces = getattr(getattr(system, "device", None), "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def turn_numbers(handler_input) -> tuple[str | None, bool]:
    """Which numbers this turn is about ("helpline", "crisis_suicide", ...) or None, and whether
    this is a send-to-phone turn."""
    from . import phone   # not at import: most turns need none of it

    marked = handler_input.attributes_manager.request_attributes.get(phone.SCREEN_KEY)
    if marked in phone.WHATS:
        return marked, True
    offer = (session(handler_input) or {}).get("offer")
    if isinstance(offer, dict) and offer.get("kind") == "send" and offer.get("what") in phone.WHATS:
        return offer["what"], False
    return None, False


def render_directive(handler_input, what: str, sending: bool = False):
    from . import phone

    numbers = phone.numbers_for_screen(handler_input, what, sending=sending)
    if not numbers:
        return None
    card = phone.numbers_card(handler_input, what) or {}
    # Imported here: the APL model package is large, and most turns (and every cold start) need none of it.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
    return RenderDocumentDirective(
        token=TOKEN, document=DOCUMENT,
        datasources={"numbers": {"title": card.get("title") or "Numbers", "lines": numbers}})


class ScreenInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input, response):
        try:
            self._add_screen(handler_input, response)
        except Exception as exc:  # noqa: BLE001 - the spoken answer matters more than the screen
            log.warning("screen_failed type=%s", type(exc).__name__)

    @staticmethod
    def _add_screen(handler_input, response) -> None:
        if response is None or response.output_speech is None or not supports_apl(handler_input):
            return
        directives = list(response.directives or [])
        if any(str(getattr(d, "object_type", "") or "").startswith(_SKIP_DIRECTIVES) for d in directives):
            return
        marked = handler_input.attributes_manager.request_attributes.get(EMERGENCY_KEY)
        if isinstance(marked, dict):
            response.directives = directives + [emergency_directive(marked)]
            return
        what, sending = turn_numbers(handler_input)
        if what is None:
            return
        directive = render_directive(handler_input, what, sending)
        if directive is None:
            return
        response.directives = directives + [directive]
