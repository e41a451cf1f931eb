"""`recovery-guide content report`: one static HTML page for clinical reviewers, showing every
entry as it will be heard, its sources and quotes, its length, reading grade and review dates."""
from __future__ import annotations

import collections
import datetime as dt
import os

import jinja2

from recovery_guide import ssml
from .compile import Renderer
from .content import REPO_ROOT, entry_countries, load
from .lint import count_words, grade_level, lint

WORDS_PER_SECOND = 2.6   # Alexa's default speaking rate, roughly 155 words a minute
DEFAULT_OUT = os.path.join(REPO_ROOT, "build", "content-report.html")


def write_report(out: str | None = None) -> str:
    out = out or DEFAULT_OUT
    content = load()
    renderer = Renderer(content)
    today = dt.date.today()
    entries = []
    for eid, entry in sorted(content.entries.items(), key=lambda kv: (kv[1]["topic"], kv[0])):
        country = "US" if "US" in entry_countries(entry) else entry_countries(entry)[0]
        rendered = renderer.entry(entry, country, set(content.entries))
        heard = ssml.to_text(rendered["answer"])
        citations = []
        for c in entry.get("citations") or []:
            source = content.sources.get(c.get("source"), {})
            citations.append({**source, "quote": c.get("quote")})
        review = entry.get("review") or {}
        entries.append({
            "id": eid, "title": entry["title"], "topic": entry["topic"], "countries": entry_countries(entry),
            "heard": heard, "more_heard": ssml.to_text(rendered["more"]), "words": count_words(heard),
            "seconds": round(count_words(heard) / WORDS_PER_SECOND), "grade": round(grade_level(entry["answer"]), 1),
            "review": review, "overdue": str(review.get("next_review", "9999")) < today.isoformat(),
            "citations": citations, "questions": entry.get("questions") or [],
        })
    helplines = [{**line, "source": content.sources.get(line.get("source"), {}).get("organisation", line.get("source"))}
                 for line in sorted(content.helplines.values(), key=lambda h: (h["country"], h["id"]))]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
                             autoescape=True)
    html = env.get_template("report.html.j2").render(
        generated=today.isoformat(), entries=entries, sources=content.sources, helplines=helplines,
        problems=lint(content), topic_counts=sorted(collections.Counter(e["topic"] for e in entries).items()))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(html)
    return out
