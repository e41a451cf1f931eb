"""template.yaml, checked offline: the real SAM transform (aws-sam-translator), then cfn-lint on both
the template as written and the CloudFormation the transform makes of it."""
from __future__ import annotations

import copy
import functools
import json
import os
import re
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "template.yaml"
SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
LINT_REGIONS = ["us-east-1", "eu-west-1", "us-west-2"]  # the regions Alexa calls Lambda endpoints in
BASIC_EXECUTION_ROLE = "AWSLambdaBasicExecutionRole"


@pytest.fixture(autouse=True)
def offline_aws(monkeypatch):
    """The translator asks boto3 for the region and partition; nothing here reaches AWS."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def _source() -> dict:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text(encoding="utf-8"))


class _OfflinePolicies:
    """Stands in for the IAM ListPolicies call the translator makes to resolve managed policy names."""

    def load(self):
        return {BASIC_EXECUTION_ROLE: f"arn:aws:iam::aws:policy/service-role/{BASIC_EXECUTION_ROLE}"}


def _transform(**parameters) -> dict:
    return copy.deepcopy(_transform_cached(tuple(sorted(parameters.items()))))


@functools.lru_cache(maxsize=None)
def _transform_cached(parameters: tuple) -> dict:
    from samtranslator.translator.transform import transform

    template = _source()
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            # `sam package` would upload lambda/ and put its S3 location here.
            resource["Properties"]["CodeUri"] = "s3://placeholder-bucket/recovery-guide.zip"
    return transform(template, {"SkillId": SKILL_ID, **dict(parameters)}, _OfflinePolicies())


@pytest.fixture(scope="module")
def transformed() -> dict:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    return _transform()


# -- a tiny evaluator for the intrinsics the assertions meet -----------------------------------------

_NO_VALUE = object()


def _evaluate(value, template: dict, parameters: dict):
    """Resolve Ref (to parameters), Fn::Equals, Fn::If and AWS::NoValue; leave everything else."""
    params = {name: str(spec.get("Default")) for name, spec in template.get("Parameters", {}).items()}
    params.update({k: str(v) for k, v in parameters.items()})

    def condition(name):
        return ev(template["Conditions"][name])

    def ev(v):
        if isinstance(v, dict) and len(v) == 1:
            (k, arg), = v.items()
            if k == "Ref" and arg == "AWS::NoValue":
                return _NO_VALUE
            if k == "Ref" and arg in params:
                return params[arg]
            if k == "Fn::Equals":   # CloudFormation compares parameter values as strings
                return str(ev(arg[0])) == str(ev(arg[1]))
            if k == "Fn::Not":
                return not ev(arg[0])
            if k == "Fn::If":
                return ev(arg[1] if condition(arg[0]) else arg[2])
            if k == "Condition":
                return condition(arg)
        if isinstance(v, dict):
            out = {k: ev(x) for k, x in v.items()}
            return {k: x for k, x in out.items() if x is not _NO_VALUE}
        if isinstance(v, list):
            return [x for x in (ev(y) for y in v) if x is not _NO_VALUE]
        return v

    return ev(value)


def _resources(template, type_):
    return {k: v for k, v in template["Resources"].items() if v["Type"] == type_}


def _role_of(template, function_id: str) -> dict:
    role_ref = template["Resources"][function_id]["Properties"]["Role"]
    return template["Resources"][role_ref["Fn::GetAtt"][0]]


def _inline_statements(template, function_id: str, parameters: dict) -> list[dict]:
    role = _evaluate(_role_of(template, function_id), template, parameters)
    return [s for policy in role["Properties"].get("Policies", []) for s in policy["PolicyDocument"]["Statement"]]


def _actions(statement) -> set[str]:
    action = statement["Action"]
    return {action} if isinstance(action, str) else set(action)


# -- the transform ----------------------------------------------------------------------------------


def test_alexa_may_invoke_the_skill_function_for_this_skill_only(transformed):
    permissions = [
        p["Properties"]
        for p in _resources(transformed, "AWS::Lambda::Permission").values()
        if p["Properties"].get("Principal") == "alexa-appkit.amazon.com"
    ]
    assert len(permissions) == 1
    permission = _evaluate(permissions[0], transformed, {"SkillId": SKILL_ID})
    assert permission["Action"] == "lambda:InvokeFunction"
    assert permission["EventSourceToken"] == SKILL_ID
    # The "live" alias (published versions: what SnapStart needs), not $LATEST.
    assert permission["FunctionName"] == {"Ref": "SkillFunctionAliaslive"}


def test_skill_id_is_required_and_validated():
    skill_id = _source()["Parameters"]["SkillId"]
    assert "Default" not in skill_id
    assert re.fullmatch(skill_id["AllowedPattern"], SKILL_ID)
    assert not re.fullmatch(skill_id["AllowedPattern"], "arn:aws:lambda:us-east-1:1:function:x")


def test_user_table_is_encrypted_recoverable_on_demand_and_expires_records(transformed):
    tables = _resources(transformed, "AWS::DynamoDB::Table")
    assert list(tables) == ["UserTable"]
    table = tables["UserTable"]
    props = table["Properties"]
    assert props["KeySchema"] == [{"AttributeName": "user_key", "KeyType": "HASH"}]
    assert props["AttributeDefinitions"] == [{"AttributeName": "user_key", "AttributeType": "S"}]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["TimeToLiveSpecification"] == {"AttributeName": "ttl", "Enabled": True}
    assert table["DeletionPolicy"] == "Retain" and table["UpdateReplacePolicy"] == "Retain"


@pytest.mark.parametrize("enable_sms, extra", [("false", set()), ("true", {"sns:Publish"})])
def test_skill_role_grants_exactly_the_calls_the_code_makes(enable_sms, extra):
    template = _transform(EnableSms=enable_sms)
    parameters = {"SkillId": SKILL_ID, "EnableSms": enable_sms}
    statements = _inline_statements(template, "SkillFunction", parameters)
    assert all(s["Effect"] == "Allow" for s in statements)
    actions = set().union(*(_actions(s) for s in statements))
    assert actions == {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"} | extra
    for s in statements:
        if _actions(s) & {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"}:
            assert s["Resource"] == {"Fn::GetAtt": ["UserTable", "Arn"]}
        else:
            assert _actions(s) == {"sns:Publish"}
            assert "Resource" not in s and s["NotResource"] == "arn:aws:sns:*:*:*"
    role = _role_of(template, "SkillFunction")["Properties"]
    # Logging comes from the managed basic execution role SAM attaches, and nothing else managed.
    assert [arn.rsplit("/", 1)[-1] for arn in role["ManagedPolicyArns"]] == [BASIC_EXECUTION_ROLE]


def test_sms_permission_hangs_on_the_enable_sms_condition(transformed):
    conditional = [
        p for p in _role_of(transformed, "SkillFunction")["Properties"]["Policies"] if "Fn::If" in p
    ]
    assert len(conditional) == 1
    condition, when_true, when_false = conditional[0]["Fn::If"]
    assert transformed["Conditions"][condition] == {"Fn::Equals": [{"Ref": "EnableSms"}, "true"]}
    assert when_true["PolicyDocument"]["Statement"][0]["Action"] == "sns:Publish"
    assert when_false == {"Ref": "AWS::NoValue"}
    assert _source()["Parameters"]["EnableSms"]["Default"] == "false"


def test_sms_may_go_to_phone_numbers_only_never_to_a_topic():
    """Publishing to a topic or platform endpoint names an SNS ARN; a text straight to a phone number
    names none. NotResource on every SNS ARN leaves the phone numbers alone."""
    statements = _inline_statements(_transform(EnableSms="true"), "SkillFunction",
                                     {"SkillId": SKILL_ID, "EnableSms": "true"})
    (sms,) = [s for s in statements if "sns:Publish" in _actions(s)]
    assert sms["Effect"] == "Allow" and _actions(sms) == {"sns:Publish"}
    assert "Resource" not in sms
    assert sms["NotResource"] == "arn:aws:sns:*:*:*"
    assert re.fullmatch(sms["NotResource"].replace("*", ".*"), "arn:aws:sns:us-east-1:123456789012:any-topic")


@pytest.mark.parametrize("function_id, parameter", [("SkillFunction", "SkillReservedConcurrency"),
                                                   ("FeedFunction", "FeedReservedConcurrency")])
def test_both_functions_reserve_concurrency_and_the_feed_is_capped(transformed, function_id, parameter):
    """A flood of public feed requests must not throttle the skill (crisis answers included)."""
    spec = _source()["Parameters"][parameter]
    assert spec["Type"] == "Number" and spec["MinValue"] == 0
    props = transformed["Resources"][function_id]["Properties"]
    by_default = _evaluate(props, transformed, {"SkillId": SKILL_ID})
    assert by_default["ReservedConcurrentExecutions"] == str(spec["Default"])
    assert int(spec["Default"]) >= 1
    # 0 means "reserve nothing" (accounts with a low concurrency quota), never "throttle everything".
    unreserved = _evaluate(props, transformed, {"SkillId": SKILL_ID, parameter: "0"})
    assert "ReservedConcurrentExecutions" not in unreserved
    params = _source()["Parameters"]
    assert params["FeedReservedConcurrency"]["Default"] < params["SkillReservedConcurrency"]["Default"]


def test_log_groups_keep_their_logs_when_the_stack_goes(transformed):
    """cfn-lint I3011: a stateful resource says what happens on delete and on replacement."""
    from cfnlint.api import ManualArgs, lint

    for group in _resources(transformed, "AWS::Logs::LogGroup").values():
        assert group["DeletionPolicy"] == "Retain" and group["UpdateReplacePolicy"] == "Retain"
    matches = lint(TEMPLATE.read_text(encoding="utf-8"), config=ManualArgs(regions=LINT_REGIONS))
    assert [m.rule.id for m in matches if m.rule.id == "I3011"] == []


def test_feed_role_has_only_the_basic_execution_role(transformed):
    role = _role_of(transformed, "FeedFunction")["Properties"]
    assert not role.get("Policies")
    assert [arn.rsplit("/", 1)[-1] for arn in role["ManagedPolicyArns"]] == [BASIC_EXECUTION_ROLE]


@pytest.mark.parametrize(
    "function_id, handler, max_timeout",
    [("SkillFunction", "recovery_guide.lambda_entry.handler", 7), ("FeedFunction", "recovery_guide.feed.handler", 5)],
)
def test_functions_are_arm64_short_and_log_to_their_own_retained_group(transformed, function_id, handler, max_timeout):
    props = transformed["Resources"][function_id]["Properties"]
    assert props["Handler"] == handler
    assert props["Architectures"] == ["arm64"]
    assert props["Runtime"] in ("python3.12", "python3.13")
    assert props["Timeout"] <= max_timeout
    assert props["MemorySize"] == ({"Ref": "MemorySize"} if function_id == "SkillFunction" else 128)
    group_id = props["LoggingConfig"]["LogGroup"]["Ref"]
    group = transformed["Resources"][group_id]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert _source()["Parameters"]["LogRetentionDays"]["Default"] == 30


def test_skill_function_environment(transformed):
    env = transformed["Resources"]["SkillFunction"]["Properties"]["Environment"]["Variables"]
    assert env == {"SKILL_ID": {"Ref": "SkillId"}, "USER_TABLE": {"Ref": "UserTable"}, "SMS_ENABLED": {"Ref": "EnableSms"},
                   "SESSION_KEY": {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]}}


def test_feed_is_a_public_function_url(transformed):
    urls = _resources(transformed, "AWS::Lambda::Url")
    assert len(urls) == 1
    (url,) = urls.values()
    assert url["Properties"]["AuthType"] == "NONE"
    assert url["Properties"]["TargetFunctionArn"] == {"Ref": "FeedFunction"}
    public = [
        p["Properties"]
        for p in _resources(transformed, "AWS::Lambda::Permission").values()
        if p["Properties"]["FunctionName"] == {"Ref": "FeedFunction"}
    ]
    assert {p["Principal"] for p in public} == {"*"}
    assert {p["Action"] for p in public} <= {"lambda:InvokeFunctionUrl", "lambda:InvokeFunction"}
    env = transformed["Resources"]["FeedFunction"]["Properties"]["Environment"]["Variables"]
    assert env == {"FEED_REDIRECT_URL": {"Ref": "FeedRedirectUrl"}}
    assert _source()["Parameters"]["FeedRedirectUrl"]["Default"].startswith("https://")


def test_outputs(transformed):
    outputs = transformed["Outputs"]
    assert outputs["SkillFunctionArn"]["Value"] == {"Ref": "SkillFunctionAliaslive"}
    assert outputs["FeedUrl"]["Value"] == {"Fn::GetAtt": ["FeedFunctionUrl", "FunctionUrl"]}
    assert outputs["UserTableName"]["Value"] == {"Ref": "UserTable"}


@pytest.mark.parametrize("enabled", ["false", "true"])
def test_snapstart_is_a_parameter_on_published_versions(enabled):
    template = _transform(EnableSnapStart=enabled)
    params = {"SkillId": SKILL_ID, "EnableSnapStart": enabled}
    function = _evaluate(template["Resources"]["SkillFunction"], template, params)["Properties"]
    assert function["Runtime"] in ("python3.12", "python3.13")      # SnapStart for Python needs 3.12+
    if enabled == "true":
        assert function["SnapStart"] == {"ApplyOn": "PublishedVersions"}
    else:
        assert "SnapStart" not in function
    assert _resources(template, "AWS::Lambda::Version") and _resources(template, "AWS::Lambda::Alias")
    assert _source()["Parameters"]["EnableSnapStart"]["Default"] == "false"
    feed = template["Resources"]["FeedFunction"]["Properties"]
    assert "SnapStart" not in feed


def test_memory_size_parameter():
    memory = _source()["Parameters"]["MemorySize"]
    assert 128 <= memory["Default"] <= 1769 and memory["MinValue"] == 128


def test_lambda_requirements_pin_the_runtime_dependencies_but_not_boto3():
    lines = [
        line.strip()
        for line in (REPO / "lambda" / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    pins = dict(line.split("==") for line in lines)
    assert "ask-sdk-core" in pins and "ask-sdk-model" in pins
    assert not {"boto3", "botocore"} & {name.lower() for name in pins}
    constraints = dict(
        line.strip().split("==") for line in (REPO / "constraints.txt").read_text().splitlines() if "==" in line
    )
    lower = {k.lower(): v for k, v in constraints.items()}
    for name, version in pins.items():
        assert lower.get(name.lower()) == version, f"{name} pinned to {version}, constraints.txt has {lower.get(name.lower())}"


# -- cfn-lint ---------------------------------------------------------------------------------------


def _lint(text: str, label: str) -> None:
    from cfnlint.api import ManualArgs, lint

    matches = lint(text, config=ManualArgs(regions=LINT_REGIONS))
    errors = [m for m in matches if m.rule.id.startswith("E")]
    for m in matches:
        if not m.rule.id.startswith("E"):
            print(f"cfn-lint {label}: {m.rule.id} line {m.linenumber}: {m.message}")
            warnings.warn(f"cfn-lint {label}: {m.rule.id} line {m.linenumber}: {m.message}", stacklevel=2)
    assert not errors, "\n".join(f"{m.rule.id} line {m.linenumber}: {m.message}" for m in errors)


def test_cfn_lint_template_as_written():
    _lint(TEMPLATE.read_text(encoding="utf-8"), "template.yaml")


@pytest.mark.parametrize("enable_sms, snapstart", [("false", "false"), ("true", "true")])
def test_cfn_lint_transformed_template(enable_sms, snapstart):
    _lint(json.dumps(_transform(EnableSms=enable_sms, EnableSnapStart=snapstart), indent=1),
          f"transformed (EnableSms={enable_sms}, EnableSnapStart={snapstart})")


def test_cfn_lint_catches_a_broken_template():
    """The lint really runs: a template with a wrong billing mode fails it."""
    from cfnlint.api import ManualArgs, lint

    broken = TEMPLATE.read_text(encoding="utf-8").replace("BillingMode: PAY_PER_REQUEST", "BillingMode: ON_DEMAND")
    assert any(m.rule.id.startswith("E") for m in lint(broken, config=ManualArgs(regions=LINT_REGIONS)))
    mutated = copy.deepcopy(_transform())
    mutated["Resources"]["SkillFunction"]["Properties"]["Timeout"] = "seven"
    assert any(
        m.rule.id.startswith("E") for m in lint(json.dumps(mutated), config=ManualArgs(regions=LINT_REGIONS))
    )
