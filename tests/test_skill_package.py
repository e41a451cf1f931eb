"""The skill package (skill.json + interaction models) built into a temporary folder."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_guide_authoring import skill_package as sp

REPO = Path(__file__).resolve().parent.parent
ARN = "arn:aws:lambda:us-east-1:123456789012:function:recovery-guide-SkillFunction-AbC123"
EMERGENCY = {"en-US": "911", "en-GB": "999", "en-CA": "911", "en-AU": "000", "en-IN": "112"}


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "skill-package"
    result = subprocess.run(
        [sys.executable, "-m", "recovery_guide_authoring.skill_package", "--endpoint-arn", ARN,
         "--privacy-policy-url", "https://example.org/recovery-guide/privacy", "--sms-enabled", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def manifest(package) -> dict:
    return json.loads((package / "skill.json").read_text(encoding="utf-8"))["manifest"]


def test_layout_is_an_ask_cli_v2_project(package):
    """The file names the ASK CLI v2 documents: ask-resources.json at the project root, naming the skill
    package folder, which holds skill.json, interactionModels/custom/<locale>.json and assets/."""
    assert sorted(p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()) == sorted(
        ["skill.json", "assets/images/small-icon.png", "assets/images/large-icon.png"]
        + [f"interactionModels/custom/{loc}.json" for loc in sp.LOCALES]
    )
    resources = json.loads((package.parent / "ask-resources.json").read_text(encoding="utf-8"))
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    assert set(resources["profiles"]) == {"default"}
    profile = resources["profiles"]["default"]
    assert set(profile) == {"skillMetadata"}      # the backend is SAM's: no code, no skillInfrastructure
    src = profile["skillMetadata"]["src"]
    assert src.startswith("./") and (package.parent / src / "skill.json").is_file()


def _png_size(data: bytes) -> tuple[int, int]:
    import struct
    import zlib
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 2)
    pos = 8
    while pos < len(data):            # every chunk's CRC is right
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind_and_data = data[pos + 4:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind_and_data)
        pos += 12 + length
    return width, height


def test_icons_are_small_pngs_of_the_sizes_the_store_asks_for(package, manifest):
    sizes = {"smallIconUri": (108, 108), "largeIconUri": (512, 512)}
    for locale, info in manifest["publishingInformation"]["locales"].items():
        for field, size in sizes.items():
            uri = info[field]
            assert uri.startswith("file://assets/images/"), uri
            data = (package / uri[len("file://"):]).read_bytes()
            assert _png_size(data) == size
            assert len(data) < 20_000


def test_texting_is_promised_only_when_the_deployment_enables_it(tmp_path):
    out = tmp_path / "skill-package"
    sp.write_package(out, ARN)                   # EnableSms false (the template's default)
    manifest = json.loads((out / "skill.json").read_text())["manifest"]
    for info in manifest["publishingInformation"]["locales"].values():
        assert "text them" not in info["description"] and "texting" not in info["description"].lower()
    assert [p["name"] for p in manifest["permissions"]] == ["alexa::alerts:reminders:skill:readwrite"]
    assert manifest["privacyAndCompliance"]["usesPersonalInfo"] is False
    sp.write_package(out, ARN, sms_enabled=True)
    manifest = json.loads((out / "skill.json").read_text())["manifest"]
    assert all("text them to the mobile number" in info["description"]
               for info in manifest["publishingInformation"]["locales"].values())


def test_models_are_copies_of_interaction_models(package):
    for locale in sp.LOCALES:
        built = json.loads((package / "interactionModels" / "custom" / f"{locale}.json").read_text(encoding="utf-8"))
        source = json.loads((REPO / "interaction_models" / f"{locale}.json").read_text(encoding="utf-8"))
        assert built == source
        assert built["interactionModel"]["languageModel"]["invocationName"] == "recovery guide"


def test_publishing_information(manifest):
    publishing = manifest["publishingInformation"]
    assert set(publishing["locales"]) == {"en-US", "en-GB", "en-CA", "en-AU", "en-IN"}
    assert publishing["category"] == "HEALTH_AND_FITNESS"
    assert set(publishing["distributionCountries"]) == {"US", "GB", "CA", "AU", "IN"}
    for locale, info in publishing["locales"].items():
        assert info["name"] == "Recovery Guide"
        assert 0 < len(info["summary"]) <= 160
        assert 0 < len(info["description"]) <= 4000
        assert "not medical advice" in info["description"]
        assert "cannot call emergency services" in info["description"]
        assert f"call {EMERGENCY[locale]} yourself" in info["description"]
        assert "life-saving" not in info["description"].lower()
        assert info["examplePhrases"][0] == "Alexa, open recovery guide"
        assert 1 <= len(info["examplePhrases"]) <= 3
        assert info["keywords"] and len(info["keywords"]) <= 30


def test_privacy_and_compliance(manifest):
    privacy = manifest["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is True
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    assert {loc: v["privacyPolicyUrl"] for loc, v in privacy["locales"].items()} == {
        loc: "https://example.org/recovery-guide/privacy" for loc in sp.LOCALES
    }


def test_permissions_events_and_endpoint(manifest):
    assert [p["name"] for p in manifest["permissions"]] == [
        "alexa::profile:mobile_number:read", "alexa::alerts:reminders:skill:readwrite",
    ]
    assert manifest["events"]["endpoint"]["uri"] == ARN
    assert {s["eventName"] for s in manifest["events"]["subscriptions"]} == {
        "SKILL_ENABLED", "SKILL_DISABLED", "SKILL_PERMISSION_ACCEPTED", "SKILL_PERMISSION_CHANGED",
    }
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == ARN
    assert manifest["manifestVersion"] == "1.0"


def test_example_phrases_are_accepted_by_every_model():
    for locale in sp.LOCALES:
        model = json.loads((REPO / "interaction_models" / f"{locale}.json").read_text(encoding="utf-8"))
        for phrase in sp.EXAMPLE_PHRASES[1:]:
            assert sp._accepted_by(model, phrase), (locale, phrase)
        assert not sp._accepted_by(model, "Alexa, ask recovery guide to order a pizza with extra cheese please now")


def _copy_models(tmp_path: Path) -> Path:
    models = tmp_path / "models"
    models.mkdir()
    for locale in sp.LOCALES:
        (models / f"{locale}.json").write_text((REPO / "interaction_models" / f"{locale}.json").read_text())
    return models


def test_missing_model_is_an_error(tmp_path):
    models = _copy_models(tmp_path)
    (models / "en-IN.json").unlink()
    with pytest.raises(sp.PackageError, match="en-IN"):
        sp.write_package(tmp_path / "out", ARN, models_dir=models)


def test_other_invocation_name_is_an_error(tmp_path):
    models = _copy_models(tmp_path)
    model = json.loads((models / "en-GB.json").read_text())
    model["interactionModel"]["languageModel"]["invocationName"] = "recovery helper"
    (models / "en-GB.json").write_text(json.dumps(model))
    with pytest.raises(sp.PackageError, match="invocation name"):
        sp.write_package(tmp_path / "out", ARN, models_dir=models)


@pytest.mark.parametrize("arn", ["not-an-arn", "arn:aws:lambda:us-east-1:123:function:x", "arn:aws:s3:::bucket"])
def test_bad_endpoint_arn_is_an_error(tmp_path, arn):
    with pytest.raises(sp.PackageError, match="ARN"):
        sp.write_package(tmp_path / "out", arn)


def test_without_arguments_it_warns_and_uses_a_placeholder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "recovery_guide_authoring.skill_package", "--out", str(tmp_path / "p")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "placeholder" in result.stderr and "privacy-policy-url" in result.stderr
    manifest = json.loads((tmp_path / "p" / "skill.json").read_text())["manifest"]
    assert json.loads((tmp_path / "ask-resources.json").read_text())["profiles"]["default"]["skillMetadata"] == {
        "src": "./p"}
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == sp.PLACEHOLDER_ARN
    assert "locales" not in manifest["privacyAndCompliance"]


def test_the_repository_is_the_ask_project():
    """`ask deploy` from the repository root deploys what `make skill-package` writes."""
    committed = json.loads((REPO / "ask-resources.json").read_text(encoding="utf-8"))
    assert committed == sp.ask_resources("./skill-package")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--out skill-package" in makefile
