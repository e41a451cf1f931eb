"""Choose the store named by the configuration (see config.py)."""
from __future__ import annotations

from .base import UserStore


def store_from_config(config) -> UserStore:
    """`config.store`: "memory", "sqlite:PATH" or "dynamodb" (table `config.user_table`).

    Each store's module is imported only when chosen: the Lambda function never imports sqlite3,
    and nothing here imports boto3 (the DynamoDB store does that on its first request).
    """
    spec = (config.store or "").strip()
    if spec == "memory":
        from .memory_store import MemoryUserStore

        return MemoryUserStore()
    if spec.startswith("sqlite:"):
        path = spec[len("sqlite:"):]
        if not path:
            raise ValueError("RECOVERY_GUIDE_STORE=sqlite:PATH needs a path")
        from .sqlite_store import SqliteUserStore

        return SqliteUserStore(path)
    if spec == "dynamodb":
        if not config.user_table:
            raise ValueError("the dynamodb store needs USER_TABLE (the table name)")
        from .dynamodb_store import DynamoDbUserStore

        return DynamoDbUserStore(config.user_table, endpoint_url=config.dynamodb_endpoint)
    raise ValueError(f"unknown store {spec!r}: use memory, sqlite:PATH or dynamodb")
