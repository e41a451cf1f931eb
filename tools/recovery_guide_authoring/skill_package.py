"""Write the Alexa skill package as an ASK CLI v2 project: `ask deploy` works from the repository.

    python -m recovery_guide_authoring.skill_package --endpoint-arn ARN [--privacy-policy-url URL]
        [--sms-enabled] [--out DIR]

Output (the layout the ASK CLI v2 and SMAPI import; DIR defaults to skill-package/ at the repository root):

    ask-resources.json                                 beside DIR: {"askcliResourcesVersion": "2020-03-31",
                                                       "profiles": {"default": {"skillMetadata": {"src": "./DIR"}}}}
    DIR/skill.json                                     the manifest
    DIR/interactionModels/custom/<locale>.json         copied from interaction_models/
    DIR/assets/images/small-icon.png, large-icon.png   108x108 and 512x512 store icons, drawn here

The backend is deployed by SAM (`make deploy`), so the ASK project carries skill metadata only
(no `code` or `skillInfrastructure`): `ask deploy` imports the manifest and models and points the
skill at ARN. `--sms-enabled` (the stack's EnableSms) decides whether the store listing promises
texting and the manifest asks for the mobile number permission.

ARN is the SkillFunctionArn output of the deployed stack (`make deploy`). Without it the manifest
gets a placeholder ARN and a warning: fine for looking at, not for importing.

The manifest is checked before it is written: every published locale has an interaction model whose
invocation name is the one the example phrases use, each example phrase after the first is one of
that model's sample utterances (certification rejects phrases the model does not accept), and each
locale's description names that country's emergency number (from content/countries.yaml).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
INVOCATION_NAME = "recovery guide"
PLACEHOLDER_ARN = "arn:aws:lambda:us-east-1:000000000000:function:REPLACE-WITH-SkillFunctionArn"
_ARN = re.compile(r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?")

NAME = "Recovery Guide"
SUMMARY = (
    "Short, sourced answers about coming off opioids, the right helplines for your country, "
    "and a daily affirmation."
)
EXAMPLE_PHRASES = [
    "Alexa, open recovery guide",
    "Alexa, ask recovery guide how long does withdrawal last",
    "Alexa, ask recovery guide for today's affirmation",
]
KEYWORDS = [
    "opioids", "opioid recovery", "withdrawal", "detox", "addiction", "recovery", "helpline",
    "naloxone", "methadone", "buprenorphine", "relapse", "affirmation", "sobriety", "support",
]
CATEGORY = "HEALTH_AND_FITNESS"
MOBILE_PERMISSION = "alexa::profile:mobile_number:read"
REMINDERS_PERMISSION = "alexa::alerts:reminders:skill:readwrite"
PERMISSIONS = [MOBILE_PERMISSION, REMINDERS_PERMISSION]
ASK_RESOURCES_VERSION = "2020-03-31"
ICONS = {"smallIconUri": ("small-icon.png", 108), "largeIconUri": ("large-icon.png", 512)}
EVENTS = ["SKILL_ENABLED", "SKILL_DISABLED", "SKILL_PERMISSION_ACCEPTED", "SKILL_PERMISSION_CHANGED"]
# Alexa's connecting words between the invocation name and an utterance ("ask X for ...").
_CONNECTORS = ("for", "to", "about", "whether", "if")


class PackageError(Exception):
    """The package would be wrong: a missing or mismatched interaction model, a bad argument."""


def _description(emergency_number: str, country_name: str, sms_enabled: bool = True) -> str:
    texting = ("and with your permission can text them to the mobile number on your Amazon account. "
               if sms_enabled else "")
    return (
        "Recovery Guide answers questions about getting off opioids in a few spoken sentences, "
        "and names the public health body each answer comes from. Ask how long withdrawal lasts, "
        "how to ease the symptoms, what methadone or buprenorphine are, what naloxone does, or "
        "where to find treatment, and say \"tell me more\" for the longer answer.\n\n"
        f"It gives the helplines for {country_name}, reads the numbers slowly, "
        + ("sends them to the Alexa app, " + texting if sms_enabled else "and sends them to the Alexa app. ") +
        "Ask for today's affirmation for a short encouraging thought each day, and set a daily "
        "reminder for it if you like.\n\n"
        "Recovery Guide is not medical advice and does not replace a doctor, pharmacist or treatment "
        "service. It cannot call emergency services or anyone else. If someone may be overdosing or "
        f"is in danger, call {emergency_number} yourself now.\n\n"
        "Privacy: the skill keeps only your settings, a reminder id and which affirmations you have "
        "heard recently, never your questions. Say \"forget me\" to delete them; disabling the skill "
        "deletes them too."
    )


def _emergency_numbers(content_dir: Path) -> dict[str, tuple[str, str]]:
    """locale -> (emergency number, country name), from the vetted content."""
    import yaml  # build time only

    countries = yaml.safe_load((content_dir / "countries.yaml").read_text(encoding="utf-8"))
    found = {}
    for country in countries:
        for locale in country.get("locales", []):
            found[locale] = (str(country["emergency"]["number"]), country.get("name") or country["code"])
    missing = [loc for loc in LOCALES if loc not in found]
    if missing:
        raise PackageError(f"content/countries.yaml has no emergency number for {', '.join(missing)}")
    return found


def _utterance_pattern(sample: str, slot_values: dict | None = None) -> re.Pattern:
    """A sample as a pattern: a slot of a custom type matches only its values and synonyms."""
    parts = re.split(r"(\{[^}]+\})", sample.lower())

    def slot(part: str) -> str:
        values = (slot_values or {}).get(part[1:-1])
        return "(" + "|".join(re.escape(v) for v in values) + ")" if values else "(.+)"
    return re.compile("".join(slot(p) if p.startswith("{") else re.escape(p) for p in parts))


def _accepted_by(model: dict, phrase: str) -> bool:
    """Does the model accept this example phrase (after "Alexa, ask <invocation>")?"""
    language = model["interactionModel"]["languageModel"]
    prefix = f"alexa, ask {language['invocationName']} "
    text = phrase.lower().rstrip(".?!")
    if not text.startswith(prefix):
        return False
    rest = text[len(prefix):]
    candidates = [rest] + [rest[len(c) + 1:] for c in _CONNECTORS if rest.startswith(c + " ")]
    type_values = {t["name"]: [w.lower() for v in t.get("values") or [] for w in [v["name"]["value"]]
                               + list(v["name"].get("synonyms") or [])] for t in language.get("types") or []}
    patterns = [_utterance_pattern(s, {slot["name"]: type_values.get(slot["type"]) for slot in intent.get("slots") or []})
                for intent in language["intents"] for s in intent.get("samples", [])]
    return any(p.fullmatch(c) for p in patterns for c in candidates)


def _load_models(models_dir: Path) -> dict[str, dict]:
    models = {}
    for locale in LOCALES:
        path = models_dir / f"{locale}.json"
        if not path.is_file():
            raise PackageError(f"no interaction model for {locale}: {path}")
        model = json.loads(path.read_text(encoding="utf-8"))
        invocation = model.get("interactionModel", {}).get("languageModel", {}).get("invocationName")
        if invocation != INVOCATION_NAME:
            raise PackageError(f"{path.name}: invocation name {invocation!r}, example phrases use {INVOCATION_NAME!r}")
        for phrase in EXAMPLE_PHRASES[1:]:
            if not _accepted_by(model, phrase):
                raise PackageError(f"{path.name}: example phrase {phrase!r} matches no sample utterance")
        models[locale] = model
    return models


def build_manifest(
    endpoint_arn: str,
    *,
    emergency: dict[str, tuple[str, str]],
    events_endpoint_arn: str | None = None,
    privacy_policy_url: str | None = None,
    terms_of_use_url: str | None = None,
    small_icon_uri: str | None = None,
    large_icon_uri: str | None = None,
    sms_enabled: bool = False,
) -> dict:
    locales = {}
    privacy_locales = {}
    for locale in LOCALES:
        number, country = emergency[locale]
        info = {
            "name": NAME,
            "summary": SUMMARY,
            "description": _description(number, country, sms_enabled),
            "examplePhrases": list(EXAMPLE_PHRASES),
            "keywords": list(KEYWORDS),
        }
        # An https URL given, else the icon drawn into the package (the ASK CLI uploads file:// assets).
        info["smallIconUri"] = small_icon_uri or "file://assets/images/" + ICONS["smallIconUri"][0]
        info["largeIconUri"] = large_icon_uri or "file://assets/images/" + ICONS["largeIconUri"][0]
        locales[locale] = info
        urls = {}
        if privacy_policy_url:
            urls["privacyPolicyUrl"] = privacy_policy_url
        if terms_of_use_url:
            urls["termsOfUseUrl"] = terms_of_use_url
        if urls:
            privacy_locales[locale] = urls
    privacy = {
        "allowsPurchases": False,
        # The mobile number, read only with the user's permission, to text them helpline numbers.
        "usesPersonalInfo": sms_enabled,
        "isChildDirected": False,
        "isExportCompliant": True,
        "containsAds": False,
    }
    if privacy_locales:
        privacy["locales"] = privacy_locales
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": locales,
                "isAvailableWorldwide": False,
                "distributionCountries": sorted({locale.split("-")[1] for locale in LOCALES}),
                "category": CATEGORY,
                "testingInstructions": (
                    "No account linking. Try: open recovery guide; how long does withdrawal last; "
                    "tell me more; give me the helpline; today's affirmation; remind me every day at "
                    "9 am; forget me."
                    + (" Texting a number needs the mobile number permission." if sms_enabled else
                       " Texting is turned off in this deployment: send it to my phone puts the numbers in the app.")
                ),
            },
            "privacyAndCompliance": privacy,
            "permissions": [{"name": name} for name in PERMISSIONS if sms_enabled or name != MOBILE_PERMISSION],
            "events": {
                "endpoint": {"uri": events_endpoint_arn or endpoint_arn},
                "subscriptions": [{"eventName": name} for name in EVENTS],
            },
            "apis": {"custom": {"endpoint": {"uri": endpoint_arn}}},
        }
    }


def png(size: int) -> bytes:
    """The store icon, drawn here (no image library): a calm teal square with a pale sunrise."""
    rows = []
    centre, radius = (size - 1) / 2, size * 0.32
    for y in range(size):
        row = bytearray([0])                  # PNG filter type 0 for each row
        for x in range(size):
            inside = (x - centre) ** 2 + (y - size * 0.62) ** 2 <= radius ** 2 and y <= size * 0.62
            ground = y > size * 0.66
            row += bytes((250, 214, 140) if inside else (24, 96, 104) if ground else (36, 128, 138))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)   # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def ask_resources(package_src: str) -> dict:
    """ask-resources.json of an ASK CLI v2 project that deploys skill metadata only."""
    return {"askcliResourcesVersion": ASK_RESOURCES_VERSION,
            "profiles": {"default": {"skillMetadata": {"src": package_src}}}}


def write_package(
    out_dir: Path,
    endpoint_arn: str,
    *,
    models_dir: Path = REPO / "interaction_models",
    content_dir: Path = REPO / "content",
    **manifest_options,
) -> Path:
    """Check everything, then write the package into out_dir (replacing what was there)."""
    for arn in (endpoint_arn, manifest_options.get("events_endpoint_arn") or endpoint_arn):
        if arn != PLACEHOLDER_ARN and not _ARN.fullmatch(arn):
            raise PackageError(f"not a Lambda function ARN: {arn!r}")
    for option in ("privacy_policy_url", "terms_of_use_url", "small_icon_uri", "large_icon_uri"):
        value = manifest_options.get(option)
        if value and not value.startswith("https://"):
            raise PackageError(f"{option} must be an https URL: {value!r}")
    models = _load_models(Path(models_dir))
    manifest = build_manifest(endpoint_arn, emergency=_emergency_numbers(Path(content_dir)), **manifest_options)

    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    custom = out_dir / "interactionModels" / "custom"
    custom.mkdir(parents=True)
    (out_dir / "skill.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for locale, model in models.items():
        (custom / f"{locale}.json").write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    images = out_dir / "assets" / "images"
    images.mkdir(parents=True)
    for name, size in ICONS.values():
        (images / name).write_bytes(png(size))
    project = out_dir.resolve().parent
    src = "./" + Path(os.path.relpath(out_dir.resolve(), project)).as_posix()
    (project / "ask-resources.json").write_text(json.dumps(ask_resources(src), indent=2) + "\n", encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m recovery_guide_authoring.skill_package", description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint-arn", default=PLACEHOLDER_ARN, help="the SkillFunctionArn stack output")
    parser.add_argument("--events-endpoint-arn", help="where skill events go (default: --endpoint-arn)")
    parser.add_argument("--privacy-policy-url", help="https URL of the privacy policy (needed to certify)")
    parser.add_argument("--terms-of-use-url")
    parser.add_argument("--small-icon-uri", help="https URL of a 108x108 PNG")
    parser.add_argument("--large-icon-uri", help="https URL of a 512x512 PNG")
    parser.add_argument("--models", type=Path, default=REPO / "interaction_models", help="interaction model folder")
    parser.add_argument("--content", type=Path, default=REPO / "content", help="content folder (countries.yaml)")
    parser.add_argument("--sms-enabled", action="store_true",
                        help="the stack's EnableSms is true: the listing promises texting, the manifest asks for the number")
    parser.add_argument("--out", type=Path, default=REPO / "skill-package",
                        help="the skill package folder; ask-resources.json is written beside it")
    args = parser.parse_args(argv)

    if args.endpoint_arn == PLACEHOLDER_ARN:
        print("warning: no --endpoint-arn given; skill.json carries a placeholder ARN", file=sys.stderr)
    if not args.privacy_policy_url:
        print("warning: no --privacy-policy-url; certification needs one (the skill uses personal info)", file=sys.stderr)
    try:
        out = write_package(
            args.out,
            args.endpoint_arn,
            models_dir=args.models,
            content_dir=args.content,
            events_endpoint_arn=args.events_endpoint_arn,
            privacy_policy_url=args.privacy_policy_url,
            terms_of_use_url=args.terms_of_use_url,
            small_icon_uri=args.small_icon_uri,
            large_icon_uri=args.large_icon_uri,
            sms_enabled=args.sms_enabled,
        )
    except (PackageError, OSError, ValueError) as exc:
        print(f"skill-package: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}/skill.json, {len(LOCALES)} interaction models, the icons, and "
          f"{out.resolve().parent / 'ask-resources.json'}: run `ask deploy` there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
