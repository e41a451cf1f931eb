"""content/ → lambda/recovery_guide/data/library.json: every answer rendered once per country.

Jinja2 renders the SSML here, at build time, with autoescaping on, so the request path reads
finished speech and never imports Jinja2 or YAML.
"""
from __future__ import annotations

import json
import os
import re

import jinja2
from markupsafe import Markup

from recovery_guide import ssml
from recovery_guide.locales import BRITISH_SPELLING
from recovery_guide.understanding.normalise import features
from recovery_guide.topics import NON_MEDICAL
from . import emergency_build, needles
from .content import (COUNTRIES, REPO_ROOT, Content, all_phrasings, entry_countries, load, source_for,
                      spoken_name)
from .spelling import british

GENERIC = "XX"
DATA_DIR = os.path.join(REPO_ROOT, "lambda", "recovery_guide", "data")   # what Lambda reads
_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
_DIGIT_NAMES = "Zero One Two Three Four Five Six Seven Eight Nine".split()


def intent_name(entry_id: str) -> str:
    """Alexa intent names allow letters and underscores only: "naloxone-2" → "AskNaloxoneTwoIntent"."""
    parts = re.split(r"[^a-zA-Z0-9]+", entry_id)
    camel = "".join(p[:1].upper() + p[1:] for p in parts if p)
    camel = re.sub(r"\d", lambda m: _DIGIT_NAMES[int(m.group(0))], camel)
    return f"Ask{camel}Intent"


def _capfirst(text):
    return text[:1].upper() + text[1:] if text else text


def line_names(line: dict) -> list[str]:
    """How a listener names a line: its name ("FRANK", "NHS 111", "Samaritans") and its number's digits
    ("111", "988"), lower case, so "should I be ringing 111" is answered with that line."""
    name = line["name"].lower().replace("\u2019", "'")
    name = re.sub(r"^the |'s\b", "", name)
    name = re.sub(r"[^a-z0-9 ]+", " ", name).split()
    digits = re.sub(r"\D", "", line.get("number") or "")
    return [n for n in (" ".join(name), digits) if len(n) >= 3]


class Renderer:
    def __init__(self, content: Content):
        self.content = content
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                                      undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
        self.env.filters["capfirst"] = _capfirst
        # Prompts are plain text in content/: this environment escapes them once, into SSML. What it
        # renders is already SSML (Markup) and is never escaped again.
        self.prompt_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        self.prompt_env.filters["capfirst"] = _capfirst
        # Every number a person may need to dial, so answers read them digit by digit wherever they appear.
        self.numbers = {line["number"] for line in content.helplines.values() if line.get("number")}
        self.numbers |= {c["emergency"]["number"] for c in content.countries.values()}
        # Numbers inside a line's text or chat sentence ("text your ZIP code to 435748") are dialled too.
        for line in content.helplines.values():
            for field in ("text", "chat"):
                self.numbers |= set(re.findall(r"\d[\d -]{1,14}\d", str(line.get(field) or "")))

    # -- helpers ------------------------------------------------------------------------------
    def speakable(self, text: str, country: str) -> Markup:
        """Plain content text → escaped SSML, with known phone numbers read digit by digit."""
        text = " ".join(str(text).split())
        if country in BRITISH_SPELLING:
            text = british(text)
        out = ssml.escape(text)
        # One pass, longest number first, so a number inside a longer one ("13 11 14" inside Lifeline's
        # text line "0477 13 11 14") is read as part of the longer number, never wrapped twice.
        alternatives = "|".join(re.escape(ssml.escape(n)) for n in sorted(self.numbers, key=len, reverse=True))
        out = re.sub(r"(?<![\d-])(?:" + alternatives + r")(?![\d-])", lambda m: ssml.phone(m.group(0)), out)
        return Markup(out)

    def plain(self, text: str, country: str) -> str:
        text = " ".join(str(text).split())
        return british(text) if country in BRITISH_SPELLING else text

    def prompt(self, key: str, country: str, **extra) -> Markup:
        """A prompt from prompts.yaml rendered to SSML (escaped once)."""
        variables = self.prompt_variables(country)
        variables.update(extra)
        return self.ssml_text(self.content.prompts[key], **variables)

    def ssml_text(self, template: str, **variables) -> Markup:
        """A plain-text template with plain or Markup variables → SSML, escaped exactly once."""
        text = self.prompt_env.from_string(template).render(**variables)
        return Markup(" ".join(text.split()))

    def source_name(self, source_id: str, country: str) -> str:
        return self.plain(spoken_name(self.content.sources[source_id], country), country)

    def prompt_variables(self, country: str) -> dict:
        info = self.content.countries.get(country)
        if info is None:
            return {"emergency": Markup("your local emergency number"),
                    "emergency_text": "your local emergency number", "helpline_name": "a local helpline",
                    "crisis_line": Markup("a local crisis line")}
        number = info["emergency"]["number"]
        line = self.content.helplines.get(info.get("drug_helpline") or "")
        crisis = self.content.helplines.get(info.get("crisis_line") or "")
        crisis_line = (Markup(ssml.escape(crisis["name"])) + Markup(" on ")
                       + Markup(ssml.phone(crisis["number"], crisis.get("spoken")))) if crisis else Markup("a local crisis line")
        return {"emergency": Markup(ssml.phone(number, info["emergency"].get("spoken"))), "emergency_text": number,
                "helpline_name": line["name"] if line else "a local helpline", "crisis_line": crisis_line}

    def line_view(self, line_id: str | None, country: str) -> dict | None:
        line = self.content.helplines.get(line_id or "")
        if not line:
            return None
        facts = []
        if line.get("cost"):
            facts.append(str(line["cost"]))
        if line.get("confidential"):
            facts.append("confidential")
        if line.get("hours"):
            facts.append("open " + str(line["hours"]))
        if len(facts) > 2:
            fact_text = ", ".join(facts[:-1]) + ", and " + facts[-1]
        else:
            fact_text = " and ".join(facts)
        return {
            "id": line["id"], "name": self.plain(line["name"], country), "number": line["number"],
            "number_ssml": Markup(ssml.phone(line["number"], line.get("spoken"))),
            "purpose": self.plain(line["purpose"], country) if line.get("purpose") else None,
            "text": self.speakable(line["text"], country) if line.get("text") else None,
            "hours": self.plain(line["hours"], country) if line.get("hours") else None,
            "facts": self.plain(fact_text, country) if fact_text else None,
            "confidential": bool(line.get("confidential")),
        }

    # -- packs ---------------------------------------------------------------------------------
    def pack(self, country: str) -> dict:
        return {
            "country": country,
            "emergency": (self.content.countries.get(country) or {}).get("emergency", {}).get("number"),
            "prompts": self.prompts(country),
            "crisis": self.crisis(country),
            "emergency_steps": emergency_build.render_pack(self, self.content, country),
            "helpline": self.helpline(country, "helpline"),
            "treatment": self.helpline(country, "treatment"),
            "lines": self.lines(country),
            "entries": self.entries(country),
        }

    def prompts(self, country: str) -> dict:
        keys = [k for k in self.content.prompts if k not in ("more_offer", "more_offer_alone", "next_offer",
                                                                 "source", "help_card", "help_card_title",
                                                                 "out_of_scope_offer")]
        out = {k: self.prompt(k, country) for k in keys}
        out["help_card"] = {"title": self.content.prompts["help_card_title"],
                            "text": ssml.to_text(self.prompt("help_card", country))}
        return out

    def crisis(self, country: str) -> dict:
        info = self.content.countries.get(country)
        variables = self.prompt_variables(country)
        steps = [self.speakable(s, country) for s in (info or {}).get("overdose", {}).get("steps", [])]
        if not steps:   # the generic pack: the CDC steps are not country-specific
            steps = [self.speakable(s, country) for s in self.content.countries["US"]["overdose"]["steps"]]
        overdose = self.env.get_template("overdose.ssml.j2").render(emergency=variables["emergency"], steps=steps)
        line = self.line_view((info or {}).get("crisis_line"), country)
        suicide = self.env.get_template("suicide.ssml.j2").render(emergency=variables["emergency"], line=line)
        number = variables["emergency_text"]
        return {
            "crisis_overdose": {
                "speech": overdose, "reprompt": f"Call {ssml.escape(number)} now. Say repeat to hear the steps again.",
                "card": {"title": f"Overdose: call {number} now", "text": ssml.to_text(overdose)},
                "lines": [],
            },
            "crisis_suicide": {
                "speech": suicide,
                "reprompt": "Would you like me to repeat that" + (", or send the number to your phone?" if line else "?"),
                "card": {"title": f"Help now: {number}" + (f" or {line['number']}" if line else ""),
                         "text": ssml.to_text(suicide)},
                "lines": [line["id"]] if line else [],
            },
        }

    def helpline(self, country: str, which: str) -> dict:
        info = self.content.countries.get(country) or {}
        if which == "helpline":
            ids = [info.get("drug_helpline")] + list(info.get("more_lines") or []) + [info.get("crisis_line")]
            extra = None
        else:
            ids = list(info.get("treatment_lines") or [info.get("treatment_line")])
            extra = self.speakable(info["treatment_how"], country) if info.get("treatment_how") else None
        lines = [v for v in (self.line_view(i, country) for i in dict.fromkeys(i for i in ids if i)) if v]
        if lines:
            closing = "Shall I repeat that, or send it to your phone?"
        else:
            closing = ("I don't have a verified helpline for where you are. A doctor, a pharmacist or your local "
                       "health service can help you find one. What else would you like to know?")
        speech = self.env.get_template("helpline.ssml.j2").render(lines=lines, extra=extra, closing=closing)
        title = "Helplines" if which == "helpline" else "Finding treatment"
        return {"speech": speech, "reprompt": ssml.escape(closing),
                "card": {"title": title, "text": ssml.to_text(speech.replace(closing, ""))},
                "lines": [line["id"] for line in lines]}

    def lines(self, country: str) -> dict:
        """Each of the country's lines on its own ("the suicide line", "the drug helpline", "the second
        one"), and which line answers which need."""
        info = self.content.countries.get(country) or {}
        needs = {"drug": info.get("drug_helpline"), "crisis": info.get("crisis_line"),
                 "treatment": info.get("treatment_line") or info.get("drug_helpline")}
        out = {"needs": {need: lid for need, lid in needs.items() if lid}, "speech": {}, "named": {}}
        template = self.env.get_template("helpline.ssml.j2")
        for lid, line in sorted(self.content.helplines.items()):
            if line.get("country") != country:
                continue
            view = self.line_view(lid, country)
            out["named"][lid] = line_names(line)
            closing = "Shall I repeat that, or send it to your phone?"
            speech = template.render(lines=[view], extra=None, closing=closing)
            # "line": the line alone, without the closing offer, so "say the numbers again" can join
            # several lines and close once.
            out["speech"][lid] = {"speech": speech, "line": template.render(lines=[view], extra=None, closing=None).strip(),
                                  "closing": f"<p>{ssml.escape(closing)}</p>", "reprompt": ssml.escape(closing),
                                  "card": {"title": view["name"], "text": ssml.to_text(speech.replace(closing, ""))}}
        return out

    def entries(self, country: str) -> dict:
        out = {}
        available = {eid for eid, e in self.content.entries.items() if country in entry_countries(e)} \
            if country != GENERIC else {eid for eid, e in self.content.entries.items() if not e.get("countries")
                                        or set(entry_countries(e)) == set(COUNTRIES)}
        for eid in sorted(available):
            out[eid] = self.entry(self.content.entries[eid], country, available)
        return out

    def entry(self, entry: dict, country: str, available: set) -> dict:
        if entry["topic"] in NON_MEDICAL:
            return self.out_of_scope_entry(entry, country)
        source_id = source_for(entry, "speak_source", country)
        more_id = source_for(entry, "more_source", country)
        nxt = next((r for r in entry.get("related", []) if r in available), None)
        offer_text = self.content.entries[nxt]["offer"] if nxt else None
        if offer_text:
            offer = self.ssml_text(self.content.prompts["more_offer"], offer=offer_text)
            next_offer = self.ssml_text(self.content.prompts["next_offer"], offer=offer_text)
        else:
            offer, next_offer = self.ssml_text(self.content.prompts["more_offer_alone"]), None
        answer = self.env.get_template("answer.ssml.j2").render(
            source_name=self.source_name(source_id, country), answer=self.speakable(entry["answer"], country),
            offer=offer, urgent=self.speakable(entry["urgent"], country) if entry.get("urgent") else None)
        card_answer = self.plain(entry["answer"], country)
        card_answer = card_answer[:1].upper() + card_answer[1:]
        if entry.get("urgent"):
            card_answer = self.plain(entry["urgent"], country) + " " + card_answer
        more = self.env.get_template("more.ssml.j2").render(more=self.speakable(entry["more"], country),
                                                            offer=next_offer)
        title = self.plain(entry["title"], country)
        out = {
            "answer": answer.strip(), "reprompt": str(offer),
            "card": {"title": title, "text": card_answer + "\n\n" + self.footer(source_id, country)},
            "more": more.strip(),
            "more_reprompt": str(next_offer or self.ssml_text("What else would you like to know?")),
            "more_card": {"title": title, "text": self.plain(entry["more"], country) + "\n\n"
                          + self.footer(more_id, country)},
            "source_id": source_id,
            "next": nxt,
        }
        out.update(self.source_speech(source_id, country))
        if more_id != source_id:
            # "Where is that from?" after "tell me more" names the longer answer's own source.
            more_source = self.source_speech(more_id, country)
            out.update({"more_source_id": more_id, "more_source": more_source["source"],
                        "more_source_card": more_source["source_card"]})
        return out

    def source_speech(self, source_id: str, country: str) -> dict:
        source = self.content.sources[source_id]
        speech = self.ssml_text(self.content.prompts["source"], organisation=self.source_name(source_id, country),
                                title=source["title"].rstrip(".?!"))
        return {"source": str(speech),
                "source_card": {"title": f"Source: {source['organisation']}", "text": f"{source['title']}\n{source['url']}"}}

    def footer(self, source_id: str, country: str) -> str:
        source = self.content.sources[source_id]
        emergency = self.prompt_variables(country)["emergency_text"]
        return (f"Source: {source['organisation']}, {source['title'].rstrip('.?!')}. {source['url']}\n"
                f"Information, not medical advice. In an emergency call {emergency}.")

    def out_of_scope_entry(self, entry: dict, country: str) -> dict:
        """Not a medical answer: what the skill covers and the helpline offered, or the way into the
        daily affirmation (its handler adds the day's words and its own offer). No source is named,
        except for an entry's `safety` line (stopping alcohol or benzodiazepines), which is medical:
        it is said first, with its source named, before what the skill covers."""
        if entry["topic"] == "affirmation":
            intro = str(self.speakable(entry["answer"], country))
            card = {"title": self.plain(entry["title"], country), "text": self.plain(entry["more"], country)}
            return {"answer": intro, "reprompt": "", "card": card, "more": str(self.speakable(entry["more"], country)),
                    "more_reprompt": str(self.ssml_text("What else would you like to know?")), "more_card": card,
                    "source": str(self.ssml_text("That's not from a medical source: the affirmations are written "
                                                 "for Recovery Guide.")),
                    "source_card": card, "next": None, "offer": None}
        offer = self.prompt("out_of_scope_offer", country)
        safety = Markup("")
        card_safety = ""
        source_id = source_for(entry, "speak_source", country) if entry.get("safety") else None
        if source_id:
            safety = self.ssml_text("{{ name|capfirst }} says", name=self.source_name(source_id, country)) \
                + Markup(" ") + self.speakable(entry["safety"], country) + Markup(" ")
            card_safety = self.plain(entry["safety"], country)
            card_safety = card_safety[:1].upper() + card_safety[1:] + "\n"
        answer = Markup("<p>") + safety + self.speakable(entry["answer"], country) + Markup(" ") + offer + Markup("</p>")
        more = Markup("<p>") + safety + self.speakable(entry["more"], country) + Markup(" ") + offer + Markup("</p>")
        card = {"title": self.plain(entry["title"], country),
                "text": card_safety + self.plain(entry["more"], country)
                + "\nRecovery Guide shares information, not medical advice."}
        out = {"answer": str(answer), "reprompt": str(offer), "card": card, "more": str(more),
               "more_reprompt": str(offer), "more_card": card,
               "source": str(self.ssml_text("That's not from a medical source: it's just what Recovery Guide covers. ")
                             + offer),
               "source_card": card, "next": None, "offer": "helpline"}
        if source_id:
            out.update(self.source_speech(source_id, country))
            out["source_id"] = source_id
        return out


# What "it" means in a follow-up after an answer on each topic ("where do I get it" after naloxone),
# unless the entry's own phrasings name a medicine most of the time.
TOPIC_SUBJECTS = {
    "withdrawal_symptoms": "withdrawal", "withdrawal_timeline": "withdrawal", "withdrawal_danger": "withdrawal",
    "withdrawal_relief": "withdrawal", "detox_what_is": "detox", "detox_at_home_vs_medical": "detox",
    "buprenorphine": "buprenorphine", "methadone": "methadone", "naltrexone": "naltrexone",
    "maintenance_vs_abstinence": "medication for opioid use", "overdose_signs_response": "an overdose",
    "naloxone": "naloxone", "fentanyl_harm_reduction": "fentanyl", "tolerance_after_detox": "tolerance",
    "relapse": "relapse", "staying_clean_long_term": "recovery support", "find_treatment": "treatment",
    "cost_insurance": "treatment", "helpline": "the helpline", "pregnancy": "pregnancy",
}
_SUBJECT_MEDICINES = ("buprenorphine", "naloxone", "naltrexone", "methadone", "lofexidine")


def subject(content: Content, entry: dict) -> str | None:
    from recovery_guide.understanding.normalise import normalise
    phrasings = [normalise(q) for q in all_phrasings(content, entry["id"])]
    for medicine in _SUBJECT_MEDICINES:
        if phrasings and sum(medicine in q for q in phrasings) >= 0.5 * len(phrasings):
            return medicine
    return TOPIC_SUBJECTS.get(entry["topic"])


def matcher_index(content: Content) -> dict:
    docs = []
    for eid, entry in sorted(content.entries.items()):
        countries = entry_countries(entry)
        scope = None if set(countries) == set(COUNTRIES) else countries
        for question in all_phrasings(content, eid):
            docs.append({"entry": eid, "countries": scope, "features": features(question)})
        extra = " ".join([entry.get("title", "")] + [str(k) for k in entry.get("keywords") or []])
        docs.append({"entry": eid, "countries": scope, "features": features(extra)})
    return {"docs": docs, "entries": {eid: {"topic": e["topic"]} for eid, e in content.entries.items()}}


def compile_library(content: Content) -> dict:
    """Everything the skill reads at run time, as {relative path under data/: JSON-ready object}."""
    renderer = Renderer(content)
    countries = COUNTRIES + (GENERIC,)
    files = {
        "library.json": {
            "schema": 2,
            "countries": list(countries),
            "entries": {eid: {"topic": e["topic"], "title": e["title"], "countries": entry_countries(e),
                              "speak_source": source_for(e, "speak_source", GENERIC), "offer": e.get("offer"),
                              "subject": subject(content, e)} for eid, e in sorted(content.entries.items())},
            "entry_intents": {intent_name(eid): eid for eid in sorted(content.entries)},
            "emergency_intents": emergency_build.intents(content.understanding.get("emergency_follow_ups") or {}),
            "sources": {sid: {k: s.get(k) for k in ("organisation", "spoken_name", "title", "url", "tier")}
                        for sid, s in sorted(content.sources.items())},
            "helplines": {lid: {k: line.get(k) for k in ("name", "number", "country")}
                          for lid, line in sorted(content.helplines.items())},
        },
        # Read only when an emergency conversation needs a follow-up classified.
        "emergency_model.json": emergency_build.train(content.understanding.get("emergency_follow_ups") or {}),
        # Which synonym patterns a text can need (understanding/normalise.py).
        "normalise_needles.json": needles.synonym_needles(),
    }
    for country in countries:
        pack = renderer.pack(country)
        # Answers are most of a pack: kept apart, so a launch or a crisis reads only the small part.
        files[f"answers/{country}.json"] = pack.pop("entries")
        files[f"packs/{country}.json"] = pack
    return files


def render_files(content: Content | None = None) -> dict[str, str]:
    """{path under data/: file text}: deterministic, so a test can check nothing has drifted."""
    files = compile_library(content or load())
    return {path: json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            for path, obj in files.items()}


def write(data_dir: str = DATA_DIR) -> list[str]:
    written = []
    for folder in ("packs", "answers"):
        os.makedirs(os.path.join(data_dir, folder), exist_ok=True)
        for stale in os.listdir(os.path.join(data_dir, folder)):
            os.remove(os.path.join(data_dir, folder, stale))
    for path, text in render_files().items():
        full = os.path.join(data_dir, path)
        with open(full, "w", encoding="utf-8") as fh:
            fh.write(text)
        written.append(full)
    return written
