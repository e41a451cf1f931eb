"""`recovery-guide content lint`: the vetting rules, each a function that returns problems.

A problem is one line a reviewer can act on: "<file>: <what is wrong>". The lint passes only
with none.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET

from recovery_guide.topics import NON_MEDICAL, NOT_IN_LIBRARY
from .compile import Renderer
from recovery_guide import ssml
from .content import Content, ContentError, all_phrasings, entry_countries, load, source_ids
from .models import sample_text

SPEAKABLE_TIERS = ("A", "A-")
MAX_ANSWER_WORDS = 60
MAX_MORE_WORDS = 120
MAX_GRADE = 8.0
REVIEW_STATUSES = ("source-checked", "clinician-approved")
# Stigmatising words (clinical-sources.md section 8, NIDA "Words Matter", VA style guide).
BANNED = ("addict", "addicts", "addicted", "addict's", "clean", "dirty", "abuser", "abusers", "abuse", "junkie",
          "junkies", "alcoholic", "alcoholics", "drunk", "habit", "habits", "user", "users", "druggie",
          "dope fiend", "substitution", "replacement therapy", "medication-assisted", "meth head", "hardcore",
          "relapser", "crackhead", "pothead", "scourge", "hopeless")
_BANNED_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in BANNED) + r")(?![\w-])", re.IGNORECASE)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "thousand": 1000})
# The skill speaks as "I" (or simply says what to do), never as a "we" behind the answer.
_WE_RE = re.compile(r"(?<![\w'-])((?i:we|we're|we've|we'll|we'd|our|ours|ourselves)|us)(?![\w'-])")
# A phone number with letters ("1-800-662-HELP") is heard as words: write its digits.
_VANITY_RE = re.compile(r"\d[\d -]*-[A-Z]{2,}|\b[A-Z]{3,}\(\d")
# What is left of an HTML/XML entity once the SSML is unescaped: heard as "ampersand hash ...".
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
MAX_SPOKEN_NAME_WORDS = 7
MAX_URGENT_WORDS = 20
# "one" is usually not a quantity ("no one", "one of the ..."), so it is not checked.
_CHECKED_WORDS = {w: n for w, n in _NUMBER_WORDS.items() if w not in ("zero", "one")}


def _rel(path: str) -> str:
    return os.path.relpath(path)


def numbers_in(text: str) -> set[str]:
    """Numbers a listener would hear: digit runs (phone numbers as their digits) and number words."""
    text = str(text)
    found = set()
    for run in re.findall(r"\d[\d,.\-– ]*\d|\d", text):
        digits = re.sub(r"[^\d]", "", run) if re.search(r"\d[-–]\d{3}", run) or " " in run.strip() else None
        if digits and len(digits) >= 6:
            found.add(digits)                       # a phone number: compare all its digits
        else:
            found.update(re.findall(r"\d+(?:\.\d+)?", run.replace(",", "")))
    for word in re.findall(r"[a-zA-Z]+", text.lower()):
        if word in _CHECKED_WORDS:
            found.add(str(_CHECKED_WORDS[word]))
    return found


def _all_numbers(text: str) -> set[str]:
    """Every number a quote supports, in every form (digits, number words, phone digits)."""
    text = str(text)
    found = set(re.findall(r"\d+(?:\.\d+)?", text.replace(",", "")))
    found |= {re.sub(r"[^\d]", "", m) for m in re.findall(r"\d[\d\- ()]{5,}\d", text)}
    for word in re.findall(r"[a-zA-Z]+", text.lower()):
        if word in _NUMBER_WORDS:
            found.add(str(_NUMBER_WORDS[word]))
    return found


def count_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", str(text)))


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if not word:
        return 0
    if word.isdigit():
        return max(1, len(word))
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed",)) and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(1, count)


def sentences_of(text: str) -> list[str]:
    return re.split(r"[.!?]+(?:\s|$)", str(text))


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
    sentences = [s for s in sentences_of(text) if re.search(r"[A-Za-z]", s)]
    # Phone numbers are read digit by digit: each digit is a short word, not one long one.
    text = re.sub(r"\d[\d -]{3,}\d", lambda m: " ".join(re.sub(r"\D", "", m.group(0))), str(text))
    words = re.findall(r"[A-Za-z0-9']+", text)
    if not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * (len(words) / max(1, len(sentences))) + 11.8 * (syl / len(words)) - 15.59


def _is_valid_ssml(fragment: str) -> bool:
    try:
        ET.fromstring(f"<speak>{fragment}</speak>")
        return True
    except ET.ParseError:
        return False


# -- the rules --------------------------------------------------------------------------------

def check_sources(content: Content) -> list[str]:
    problems = []    # fields, types and tiers: schema.py
    for sid, source in content.sources.items():
        where = _rel(content.source_files[sid])
        for key in ("spoken_name", "spoken_name_abroad"):
            name = str(source.get(key) or "")
            if "," in name or count_words(name) > MAX_SPOKEN_NAME_WORDS:
                problems.append(f"{where}: source {sid} {key} {name!r} is long; name it the way a listener "
                                f"knows it, in at most {MAX_SPOKEN_NAME_WORDS} words and no description")
    cited = {c.get("source") for e in content.entries.values() for c in e.get("citations") or []}
    cited |= {line.get("source") for line in content.helplines.values()}
    cited |= {c.get("source") for line in content.helplines.values() for c in line.get("citations") or []}
    for country in content.countries.values():
        cited.add(country.get("emergency", {}).get("source"))
        cited |= {c.get("source") for c in country.get("overdose", {}).get("citations") or []}
        cited |= {c.get("source") for c in country.get("treatment_citations") or []}
    for versions in ((content.emergency.get("overdose") or {}).get("steps") or {}).values():
        cited |= {c.get("source") for v in versions or [] for c in v.get("citations") or []}
    for sid in sorted(set(content.sources) - cited):
        problems.append(f"{_rel(content.source_files[sid])}: source {sid} is cited nowhere")
    return problems


def cited_quotes(citations: list, content: Content, where: str, problems: list) -> list[tuple[str, str]]:
    """(source id, quote) of each citation whose source is known; problems for unknown sources and
    empty quotes."""
    quotes = []
    for citation in citations:
        sid = citation.get("source")
        if sid not in content.sources:
            problems.append(f"{where}: cites unknown source {sid!r}")
            continue
        if not str(citation.get("quote") or "").strip():
            problems.append(f"{where}: citation of {sid} has no quote")
        quotes.append((sid, str(citation.get("quote") or "")))
    return quotes


_PHONE_RE = re.compile(r"\d{3}|\d[\d -]{4,}\d")


def check_entry(entry: dict, content: Content, renderer: Renderer, today: dt.date, known_numbers: set) -> list[str]:
    where = _rel(entry["_path"])
    problems = []
    eid = entry["id"]
    if os.path.splitext(os.path.basename(entry["_path"]))[0] != eid:
        problems.append(f"{where}: the file name should be {eid}.yaml")
    if entry["topic"] in NOT_IN_LIBRARY:     # unknown topic ids: schema.py
        problems.append(f"{where}: unknown or reserved topic id {entry['topic']!r}")
    if len(entry["questions"]) < 8:
        problems.append(f"{where}: only {len(entry['questions'])} question phrasings (at least 8)")
    for related in entry["related"]:
        if related not in content.entries:
            problems.append(f"{where}: related entry {related!r} does not exist")

    # Sources and quotes
    citations = entry["citations"]
    quotes = [quote for _, quote in cited_quotes(citations, content, where, problems)]
    out_of_scope = entry["topic"] in NON_MEDICAL
    if not out_of_scope:
        speakable = [c for c in citations if content.sources.get(c.get("source"), {}).get("tier") in SPEAKABLE_TIERS
                     and str(c.get("quote") or "").strip()]
        if not speakable:
            problems.append(f"{where}: no tier A or A- source with a supporting quote")
    speak_ids = source_ids(entry)
    has_safety = bool(str(entry.get("safety") or "").strip())
    if out_of_scope and not has_safety and not speak_ids:
        pass    # not a medical answer: nothing is attributed to a source
    elif not entry.get("speak_source"):
        problems.append(f"{where}: no speak_source")
    for speak in sorted(speak_ids):
        if speak not in content.sources:
            problems.append(f"{where}: speak_source {speak!r} is not a known source")
            continue
        if content.sources[speak].get("tier") not in SPEAKABLE_TIERS:
            problems.append(f"{where}: speak_source {speak} is tier {content.sources[speak].get('tier')}; "
                            "only A or A- may be named aloud")
        if speak not in {c.get("source") for c in citations}:
            problems.append(f"{where}: speak_source {speak} is not among the citations")
    for field in ("speak_source", "more_source"):
        value = entry.get(field)
        if isinstance(value, dict):
            if not value.get("default"):
                problems.append(f"{where}: {field} by country needs a default")
            unknown = set(value) - {"default", "US", "GB", "CA", "AU", "IN"}
            if unknown:
                problems.append(f"{where}: {field} names unknown countries {sorted(unknown)}")
    if has_safety and not [c for c in citations if content.sources.get(c.get("source"), {}).get("tier")
                           in SPEAKABLE_TIERS and str(c.get("quote") or "").strip()]:
        problems.append(f"{where}: the safety line has no tier A or A- source with a supporting quote")

    # Numbers spoken must be supported
    supported = set(known_numbers)
    for quote in quotes:
        supported |= _all_numbers(quote)
    has_urgent = bool(str(entry.get("urgent") or "").strip())
    spoken_fields = ("answer", "more") + (("safety",) if has_safety else ()) + (("urgent",) if has_urgent else ())
    if has_urgent and count_words(entry["urgent"]) > MAX_URGENT_WORDS:
        problems.append(f"{where}: urgent has {count_words(entry['urgent'])} words (at most {MAX_URGENT_WORDS}): "
                        "say only what to do first")
    for field in spoken_fields:
        for number in sorted(numbers_in(entry[field]) - supported):
            problems.append(f"{where}: {field} says the number {number}, which no cited quote or helpline supports")

    # Words, length, reading level
    if entry["topic"] == "helpline" and not _PHONE_RE.search(" ".join(sentences_of(entry["answer"])[:2])):
        # Asked about a helpline, people need its number, not only a description of it.
        problems.append(f"{where}: a helpline answer names the line's number in its first two sentences")
    for field in ("answer", "more", "title", "offer") + spoken_fields[2:]:
        for match in _BANNED_RE.finditer(str(entry[field])):
            problems.append(f"{where}: {field} uses {match.group(0)!r}; use person-first words")
    for field in spoken_fields:
        problems += [f"{where}: {p}" for p in voice_problems(field, entry[field])]
    for field, limit in (("answer", MAX_ANSWER_WORDS), ("more", MAX_MORE_WORDS)):
        words = count_words(entry[field]) + sum(count_words(entry[f]) for f in spoken_fields[2:] if field == "answer")
        if words > limit:
            problems.append(f"{where}: {field} has {words} words (at most {limit})")
        grade = grade_level(entry[field])
        if grade > MAX_GRADE:
            problems.append(f"{where}: {field} reads at grade {grade:.1f} (at most {MAX_GRADE:.0f}); "
                            "use shorter sentences and plainer words")
    for field in spoken_fields[2:]:
        if grade_level(entry[field]) > MAX_GRADE:
            problems.append(f"{where}: {field} reads at grade {grade_level(entry[field]):.1f} (at most "
                            f"{MAX_GRADE:.0f}); use shorter sentences and plainer words")

    # Review record
    review = entry["review"] or {}
    status = review.get("status")
    if status not in REVIEW_STATUSES:
        problems.append(f"{where}: review status is {status!r}; a draft cannot ship")
    try:
        reviewed = dt.date.fromisoformat(str(review.get("reviewed")))
        due = dt.date.fromisoformat(str(review.get("next_review")))
        if due < today:
            problems.append(f"{where}: review was due on {due}")
        if due > reviewed.replace(year=reviewed.year + 1):
            problems.append(f"{where}: next review {due} is more than 12 months after {reviewed}")
    except ValueError:
        problems.append(f"{where}: review dates must be YYYY-MM-DD")

    # Rendered SSML
    if not problems:
        for country in entry_countries(entry):
            rendered = renderer.entry(entry, country, set(content.entries))
            for key in ("answer", "more", "source", "more_source"):
                if key in rendered and not _is_valid_ssml(rendered[key]):
                    problems.append(f"{where}: {key} renders to invalid SSML for {country}")
            problems += [f"{where}: {country} {p}" for p in entity_problems(rendered)]
    return problems


def voice_problems(field: str, text: str) -> list[str]:
    """The skill's voice: no "we" or "our", and phone numbers written as digits."""
    problems = []
    for match in _WE_RE.finditer(str(text or "")):
        problems.append(f"{field} says {match.group(0)!r}: the skill speaks as \"I\", or simply says what to do")
    for match in _VANITY_RE.finditer(str(text or "")):
        problems.append(f"{field} has the number {match.group(0)!r} in letters: write its digits")
    return problems


def entity_problems(rendered, path: str = "") -> list[str]:
    """Every spoken string (SSML) of a rendered answer or pack, unescaped once, must hold no entity."""
    problems = []
    if isinstance(rendered, dict):
        for key, value in rendered.items():
            problems += entity_problems(value, f"{path}.{key}" if path else str(key))
    elif isinstance(rendered, list):
        for i, value in enumerate(rendered):
            problems += entity_problems(value, f"{path}[{i}]")
    elif isinstance(rendered, str):
        leftover = _ENTITY_RE.search(ssml.to_text(rendered))
        if leftover:
            problems.append(f"{path} would be heard as {leftover.group(0)!r} (text escaped twice)")
    return problems


def check_packs(content: Content, renderer: Renderer) -> list[str]:
    """The speech around the answers (prompts, crisis, helplines) for every country."""
    problems = []
    for code in list(content.countries) + ["XX"]:
        from .emergency_build import render_pack
        pack = {"prompts": renderer.prompts(code), "crisis": renderer.crisis(code),
                "helpline": renderer.helpline(code, "helpline"), "treatment": renderer.helpline(code, "treatment")}
        if content.emergency:
            pack["emergency_steps"] = render_pack(renderer, content, code)
        problems += [f"content/ ({code} pack): {p}" for p in entity_problems(pack)]
    for key, text in content.prompts.items():
        problems += [f"content/prompts.yaml: {p}" for p in voice_problems(key, text)]
    for lid, line in content.helplines.items():
        for field in ("name", "purpose", "text", "chat", "hours"):
            problems += [f"content/helplines.yaml: {lid} {p}" for p in voice_problems(field, line.get(field) or "")]
    for code, country in content.countries.items():
        for field in ("treatment_how",):
            problems += [f"content/countries.yaml: {code} {p}" for p in voice_problems(field, country.get(field) or "")]
    return problems


def check_phrasings(content: Content) -> list[str]:
    problems = []
    claimed: dict[tuple[str, str], str] = {}
    for eid, entry in sorted(content.entries.items()):
        for question in all_phrasings(content, eid):   # the entry's questions and content/phrasings/
            key = sample_text(question)
            for country in entry_countries(entry):
                other = claimed.get((key, country))
                if other and other != eid:
                    problems.append(f"{_rel(entry['_path'])}: the phrasing {question!r} is also claimed by {other}")
                    break
                claimed[(key, country)] = eid
    return problems


def check_understanding(content: Content) -> list[str]:
    """The training corpora (content/understanding/) must not teach two answers for one sentence: a
    line under two kinds, or a crisis line that is also a question's phrasing."""
    problems = []
    seen: dict[str, str] = {}
    for corpus, kinds in sorted(content.understanding.items()):
        if corpus == "emergency_follow_ups":
            kinds = {f"{group}/{kind}": lines for group, sub in (kinds or {}).items() for kind, lines in (sub or {}).items()}
        for kind, lines in sorted((kinds or {}).items()):
            if not isinstance(lines, list):
                problems.append(f"content/understanding/{corpus}.yaml: {kind} must be a list of sentences")
                continue
            for line in lines:
                key = f"{corpus}:" + sample_text(str(line))
                other = seen.get(key)
                if other and other != kind:
                    problems.append(f"content/understanding/{corpus}.yaml: {line!r} is under {other} and {kind}")
                seen[key] = kind
    phrasings = {sample_text(q): eid for eid in content.entries for q in all_phrasings(content, eid)}
    library_topics = {entry["topic"] for entry in content.entries.values()}
    for topic, lines in sorted((content.understanding.get("questions") or {}).items()):
        if topic not in library_topics:
            problems.append(f"content/understanding/questions.yaml: {topic!r} is not a topic of the library")
        for line in lines or []:
            eid = phrasings.get(sample_text(str(line)))
            if eid and content.entries[eid]["topic"] != topic:
                problems.append(f"content/understanding/questions.yaml: {line!r} ({topic}) is also a phrasing of {eid}")
    crisis = content.understanding.get("crisis") or {}
    for kind in ("emergency_overdose", "emergency_suicide", "at_risk"):
        for line in crisis.get(kind) or []:
            if sample_text(str(line)) in phrasings:
                problems.append(f"content/understanding/crisis.yaml: {line!r} ({kind}) is also a phrasing of "
                                f"{phrasings[sample_text(str(line))]}")
    return problems


def check_helplines(content: Content) -> list[str]:
    problems = []
    where = "content/helplines.yaml"
    for lid, line in content.helplines.items():
        if line.get("source") and line["source"] not in content.sources:
            problems.append(f"{where}: {lid} cites unknown source {line['source']!r}")
        elif line.get("source") and content.sources[line["source"]].get("tier") not in SPEAKABLE_TIERS + ("B",):
            problems.append(f"{where}: {lid} is verified only by a tier {content.sources[line['source']].get('tier')} source")
        digits = re.sub(r"\D", "", str(line.get("number") or ""))
        if digits and digits not in re.sub(r"\D", "", str(line.get("quote") or "")):
            problems.append(f"{where}: {lid}'s number {line.get('number')} does not appear in its quote")
        for field in ("name", "purpose", "text", "chat", "hours"):
            for match in _BANNED_RE.finditer(str(line.get(field) or "")):
                problems.append(f"{where}: {lid} {field} uses {match.group(0)!r}")
    for code, country in content.countries.items():
        emergency = country.get("emergency") or {}
        if emergency.get("source") not in content.sources:
            problems.append(f"content/countries.yaml: {code} emergency number cites unknown source")
        if str(emergency.get("number")) not in str(emergency.get("quote") or ""):
            problems.append(f"content/countries.yaml: {code} emergency number is not in its quote")
        for key in ("crisis_line", "drug_helpline", "treatment_line"):
            if country.get(key) and country[key] not in content.helplines:
                problems.append(f"content/countries.yaml: {code} {key} {country[key]!r} is not a helpline")
        for key in ("more_lines", "treatment_lines"):
            for lid in country.get(key) or []:
                if lid not in content.helplines:
                    problems.append(f"content/countries.yaml: {code} {key} {lid!r} is not a helpline")
        if not (country.get("overdose") or {}).get("citations"):
            problems.append(f"content/countries.yaml: {code} overdose steps have no citation")
        for step in (country.get("overdose") or {}).get("steps") or []:
            for match in _BANNED_RE.finditer(str(step)):
                problems.append(f"content/countries.yaml: {code} overdose step uses {match.group(0)!r}")
    return problems


def check_affirmations(content: Content, today: dt.date) -> list[str]:
    problems = []
    where = "content/affirmations.yaml"
    data = content.affirmations or {}
    for item in data.get("affirmations") or []:
        text = str(item.get("text", ""))
        for match in _BANNED_RE.finditer(text):
            problems.append(f"{where}: {item.get('id')} uses {match.group(0)!r}")
        if re.search(r"\d", text):
            problems.append(f"{where}: {item.get('id')} says a number")
        if not _is_valid_ssml(text.replace("&", "&amp;").replace("<", "&lt;")) or re.search(r"[<>&]", text):
            problems.append(f"{where}: {item.get('id')} has SSML-special characters")
    review = data.get("review") or {}
    if data and review.get("status") not in REVIEW_STATUSES:
        problems.append(f"{where}: review status is {review.get('status')!r}")
    if data and review.get("next_review") and dt.date.fromisoformat(str(review["next_review"])) < today:
        problems.append(f"{where}: review was due on {review['next_review']}")
    return problems


MAX_STEP_WORDS = 35    # an emergency step is heard while acting: one short breath


def check_emergency(content: Content, renderer: Renderer, today: dt.date, known_numbers: set) -> list[str]:
    """content/emergency/: the overdose steps are vetted like entries (tier A/A- quotes, numbers in
    quotes, person-first words, short and plain); the suicide lines render for every country."""
    from .emergency_build import OVERDOSE_STEPS, PLACEHOLDER, SUICIDE_STEPS, render_pack
    problems = []
    if not content.emergency:
        return problems
    where = "content/emergency/overdose.yaml"
    overdose = content.emergency.get("overdose") or {}
    steps = overdose.get("steps") or {}
    for kind in OVERDOSE_STEPS:
        if kind not in steps:
            problems.append(f"{where}: no step {kind!r}")
    for kind, versions in steps.items():
        seen: dict[str, int] = {}
        for version in versions or []:
            for country in version.get("countries") or []:
                seen[country] = seen.get(country, 0) + 1
                if country not in ("US", "GB", "CA", "AU", "IN"):
                    problems.append(f"{where}: {kind}: unknown country {country!r}")
            text = " ".join(str(version.get("text") or "").split())
            label = f"{kind} ({', '.join(version.get('countries') or [])})"
            if not text:
                problems.append(f"{where}: {label} has no text")
                continue
            quotes = cited_quotes(version.get("citations") or [], content, f"{where}: {label}", problems)
            if not version.get("plain") and not any(
                    content.sources[sid].get("tier") in SPEAKABLE_TIERS and q.strip() for sid, q in quotes):
                problems.append(f"{where}: {label}: no tier A or A- source with a supporting quote")
            supported = set(known_numbers)
            for _, quote in quotes:
                supported |= _all_numbers(quote)
            for number in sorted(numbers_in(text.replace(PLACEHOLDER, "")) - supported):
                problems.append(f"{where}: {label} says the number {number}, which no cited quote supports")
            for match in _BANNED_RE.finditer(text):
                problems.append(f"{where}: {label} uses {match.group(0)!r}; use person-first words")
            words = count_words(text.replace(PLACEHOLDER, "nine one one"))
            if words > MAX_STEP_WORDS:
                problems.append(f"{where}: {label} has {words} words (at most {MAX_STEP_WORDS})")
            grade = grade_level(text)
            if grade > MAX_GRADE:
                problems.append(f"{where}: {label} reads at grade {grade:.1f} (at most {MAX_GRADE:.0f})")
        for country in ("US", "GB", "CA", "AU", "IN"):
            if seen.get(country, 0) != 1:
                problems.append(f"{where}: {kind} has {seen.get(country, 0)} versions for {country} (exactly one)")
    review = overdose.get("review") or {}
    if review.get("status") not in REVIEW_STATUSES:
        problems.append(f"{where}: review status is {review.get('status')!r}; a draft cannot ship")
    try:
        if dt.date.fromisoformat(str(review.get("next_review"))) < today:
            problems.append(f"{where}: review was due on {review.get('next_review')}")
    except ValueError:
        problems.append(f"{where}: review dates must be YYYY-MM-DD")
    for kind in SUICIDE_STEPS:
        if kind not in ((content.emergency.get("suicide") or {}).get("steps") or {}):
            problems.append(f"content/emergency/suicide.yaml: no step {kind!r}")
    for country in ("US", "GB", "CA", "AU", "IN", "XX"):
        pack = render_pack(renderer, content, country)
        for conversation, rendered in pack.items():
            for kind, step in rendered["steps"].items():
                if not _is_valid_ssml(step["speech"]):
                    problems.append(f"content/emergency: {conversation} {kind} renders to invalid SSML for {country}")
                for match in _BANNED_RE.finditer(step["text"]):
                    problems.append(f"content/emergency: {conversation} {kind} uses {match.group(0)!r} ({country})")
    return problems


def lint(content: Content, today: dt.date | None = None) -> list[str]:
    today = today or dt.date.today()
    renderer = Renderer(content)
    known_numbers = set()
    for line in content.helplines.values():
        known_numbers |= numbers_in(line.get("number") or "") | _all_numbers(line.get("number") or "")
    for country in content.countries.values():
        known_numbers.add(str(country.get("emergency", {}).get("number")))
    from .schema import validate
    problems, misshapen = validate(content)      # file, record and field in every message
    problems += check_sources(content) + check_phrasings(content) + check_helplines(content)
    problems += check_understanding(content)
    problems += check_affirmations(content, today)
    problems += check_emergency(content, renderer, today, known_numbers)
    problems += check_packs(content, renderer)
    for eid, entry in content.entries.items():
        if eid not in misshapen:
            problems += check_entry(entry, content, renderer, today, known_numbers)
    return problems


def lint_repo(root: str | None = None) -> list[str]:
    try:
        content = load(root) if root else load()
    except ContentError as exc:
        return [str(exc)]
    return lint(content)
