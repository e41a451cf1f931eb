"""SSML is built in one place: everything escaped, numbers read digit by digit, limits kept."""
import xml.etree.ElementTree as ET

from hypothesis import given, strategies as st

from recovery_guide import ssml


def parses(fragment: str) -> bool:
    ET.fromstring(f"<speak>{fragment}</speak>")
    return True


def test_markup_characters_in_text_are_escaped():
    spoken = ssml.escape('Suboxone & methadone <b> "quoted" it\'s')
    assert parses(spoken)
    assert ssml.to_text(spoken) == 'Suboxone & methadone <b> "quoted" it\'s'


def test_phone_numbers_are_read_digit_by_digit_but_shown_as_written():
    fragment = ssml.phone("1-800-662-4357")
    assert parses(fragment)
    assert 'alias="one, eight zero zero, six six two, four three five seven"' in fragment
    assert ssml.to_text(fragment) == "1-800-662-4357"


def test_an_emergency_number_can_have_its_own_spoken_form():
    assert 'alias="triple zero"' in ssml.phone("000", "triple zero")
    assert ssml.to_text(ssml.phone("000", "triple zero")) == "000"


def test_over_long_speech_is_cut_without_breaking_tags():
    long = ("<p>" + ssml.escape("word & more ") * 2000 + "</p>") * 3
    cut = ssml.limit(long, 8000)
    assert len(cut) <= 8000
    assert parses(cut)


def test_wrap_keeps_within_alexas_limit():
    assert len(ssml.wrap(ssml.escape("x" * 20000))) <= ssml.MAX_SPEECH_CHARS


@given(st.text())
def test_any_text_escaped_is_valid_ssml(text):
    assert parses(ssml.escape(text))


@given(st.text(), st.integers(min_value=20, max_value=400))
def test_limit_always_yields_valid_ssml_within_the_limit(text, size):
    fragment = "<p><s>" + ssml.escape(text) + "</s>" + ssml.phone("116 123") + "</p>"
    cut = ssml.limit(fragment, size)
    assert len(cut) <= max(size, 0) or cut == ""
    assert parses(cut)
