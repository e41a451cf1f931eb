"""All SSML is built here: text escaped, phone numbers read digit by digit, length limits kept.

Alexa caps output speech at 8,000 characters and the whole response at 24 KB. `speak()` is the only
way text reaches a `<speak>` element, so nothing user-supplied can inject markup.
"""
from __future__ import annotations

import re

# No xml.sax.saxutils and no html at import: saxutils pulls in urllib.request, http.client, ssl and
# email (tens of milliseconds of every Lambda cold start, measured in bench/cold_start.py) for a
# five-character replacement. `html.unescape` is only needed by to_text(), which the local tools use.

MAX_SPEECH_CHARS = 8000
MAX_CARD_CHARS = 8000

_DIGIT_WORDS = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four",
                "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}
# Characters XML 1.0 forbids; they make Alexa reject the SSML.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text made safe to place inside SSML: markup characters escaped, forbidden characters removed."""
    # Same output as xml.sax.saxutils.escape(text, {'"': "&quot;", "'": "&apos;"}): "&" first.
    return (_INVALID_XML.sub("", str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def phone(display: str, spoken: str | None = None) -> str:
    """A phone number shown as written ("1-800-662-4357") and read digit by digit, group by group.

    `<sub>` keeps the written form in the plain-text rendering (cards, the CLI's `text`), while the
    alias makes Alexa say each digit ("one, eight zero zero, ...") rather than "eight hundred".
    """
    if spoken is None:
        groups = [g for g in re.split(r"[^0-9]+", display) if g]
        spoken = ", ".join(" ".join(_DIGIT_WORDS[d] for d in group) for group in groups)
    return f'<sub alias="{escape(spoken)}">{escape(display)}</sub>'


def pause(ms: int = 300) -> str:
    return f'<break time="{int(ms)}ms"/>'


def sentence(ssml_inner: str) -> str:
    return f"<s>{ssml_inner}</s>"


def wrap(ssml_inner: str) -> str:
    """Wrap SSML content in <speak>, cutting it at a tag boundary if it would exceed Alexa's limit."""
    return "<speak>" + limit(ssml_inner, MAX_SPEECH_CHARS - len("<speak></speak>")) + "</speak>"


def limit(ssml_inner: str, max_chars: int) -> str:
    """Cut SSML to at most max_chars without breaking a tag, an entity or an open element.

    Content is written to be far shorter than the limit; this guard only protects the response
    from being rejected whole if something unexpected (a huge slot value echoed back) gets through.
    """
    if len(ssml_inner) <= max_chars:
        return ssml_inner
    out: list[str] = []
    open_tags: list[str] = []
    size = 0
    for token in re.findall(r"<[^>]+>|&[#a-zA-Z0-9]+;|[^<&]+|[<&]", ssml_inner):
        if token.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z:]+)", token)
            closing = sum(len(f"</{t}>") for t in open_tags)
            if size + len(token) + closing + 8 > max_chars:
                break
            if token.startswith("</"):
                if open_tags:
                    open_tags.pop()
            elif not token.endswith("/>") and name:
                open_tags.append(name.group(1))
            out.append(token)
            size += len(token)
            continue
        closing = sum(len(f"</{t}>") for t in open_tags)
        room = max_chars - size - closing
        if room <= 0:
            break
        if token.startswith("&") and len(token) > room:
            break
        piece = token[:room] if not token.startswith("&") else token
        out.append(piece)
        size += len(piece)
        if len(piece) < len(token):
            break
    return "".join(out) + "".join(f"</{t}>" for t in reversed(open_tags))


def to_text(ssml_str: str) -> str:
    """The plain text a person would read: tags dropped, entities decoded, spaces folded.

    Phone numbers keep their written form, because `phone()` puts it inside `<sub>`.
    """
    from html import unescape   # local tools only: kept off the request path's imports
    no_tags = _TAG.sub(" ", ssml_str or "")
    text = _SPACE.sub(" ", unescape(no_tags)).strip()
    return re.sub(r"\s+([,.;:?!])", r"\1", text)


def limit_text(text: str, max_chars: int = MAX_CARD_CHARS) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"
