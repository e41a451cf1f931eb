"""Configuration from the environment, read once per process.

| variable | meaning | default |
|---|---|---|
| SKILL_ID | the Alexa skill id requests must carry. Required on Lambda (the function refuses to start without it); unset locally means any id is accepted, and the log says so | unset |
| USER_TABLE | DynamoDB table name; when set, the DynamoDB store is used | unset |
| RECOVERY_GUIDE_STORE | `sqlite:PATH`, `memory` or `dynamodb` to choose a store explicitly | sqlite in ./var |
| DYNAMODB_ENDPOINT | endpoint URL for a local DynamoDB-compatible server | unset |
| SMS_ENABLED | "true" to allow texting numbers with Amazon SNS | false |
| SESSION_KEY | seals what a session remembers for "repeat" (turn.py); the same in every container | random per process |
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    skill_id: str | None
    store: str
    user_table: str | None
    dynamodb_endpoint: str | None
    sms_enabled: bool
    on_lambda: bool = False   # AWS_LAMBDA_FUNCTION_NAME is set: the Lambda runtime is running us


def load(env: dict | None = None) -> Config:
    env = os.environ if env is None else env
    table = env.get("USER_TABLE") or None
    default_store = "dynamodb" if table else "sqlite:" + os.path.join("var", "recovery-guide.sqlite3")
    return Config(
        skill_id=(env.get("SKILL_ID") or "").strip() or None,
        store=env.get("RECOVERY_GUIDE_STORE") or default_store,
        user_table=table,
        dynamodb_endpoint=env.get("DYNAMODB_ENDPOINT") or None,
        sms_enabled=(env.get("SMS_ENABLED", "").lower() == "true"),
        on_lambda=bool(env.get("AWS_LAMBDA_FUNCTION_NAME")),
    )
