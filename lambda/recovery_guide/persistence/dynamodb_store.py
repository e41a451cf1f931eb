"""The deployed store: one DynamoDB item per user, written with optimistic concurrency.

Item layout (table key `user_key`, a string):

    user_key  S  sha256 of the Alexa user id (see base.user_key)
    record    S  the user record as compact JSON
    version   N  1 on creation, +1 on every write; the optimistic-concurrency token
    ttl       N  epoch seconds, now + 13 months, refreshed on every write (table TTL attribute)

Why the record is a JSON string and not a DynamoDB map: boto3 hands numbers back as `Decimal`
and rejects Python floats, DynamoDB refuses empty sets and (in maps) needs a type tag on every
value; converting both ways is code that can only drift from the SQLite store. A JSON string
round-trips exactly the plain types the other stores return (int, float, str, bool, None, list,
dict), is what SqliteUserStore stores too, and costs nothing here: the record is small (well under
the 400 KB item limit), always read and written whole, and never queried by attribute.

Only GetItem, PutItem and DeleteItem are called: the function's IAM policy grants nothing else.
boto3 is imported on first use, never when this module is imported (cold start, and local runs
without boto3 configured).
"""
from __future__ import annotations

import copy
import json
import os
import random
import threading
import time

from .base import Mutation, Record, StoreUnavailable, UserStore
from .. import logs

log = logs.get(__name__)

# 13 months, rounded up (13 * 30.44 days = 395.7 days): an inactive user's data expires after this.
TTL_SECONDS = 396 * 24 * 3600


class _Conflict(Exception):
    """The item changed between our read and our conditional write."""


class DynamoDbUserStore(UserStore):
    # The Lambda function times out after 7 s, and Alexa waits about 8 s: fail fast and let the
    # skill answer without its stored data rather than time out. Worst case of one call against
    # a silent server: 2 attempts x (1 s connect or 2 s read) + one back-off of at most 1 s.
    connect_timeout = 1.0
    read_timeout = 2.0
    total_max_attempts = 2  # botocore "standard" retry mode; first call included (one retry)
    # Optimistic-concurrency retries of update(): each try is a GetItem and a conditional PutItem
    # (a few ms each against DynamoDB) after a jittered back-off of at most 50 ms, so 20 tries stay
    # within about 1.5 s. Two writers that never pause can make one of them lose ten rounds in a
    # row (measured against moto_server: 1 update in 1,000 needed 10 tries with this back-off).
    max_update_tries = 20
    # After a connection failure or timeout, fail fast for this long instead of waiting on the
    # network again: one invocation then spends its time budget on one failed call at most.
    unreachable_cooldown = 5.0

    def __init__(
        self,
        table_name: str,
        *,
        endpoint_url: str | None = None,
        region_name: str | None = None,
        client=None,
    ):
        if not table_name:
            raise ValueError("DynamoDbUserStore needs a table name")
        self.table_name = table_name
        self._endpoint_url = endpoint_url
        self._region_name = region_name
        self._client_obj = client
        self._client_lock = threading.Lock()
        self._down_until = 0.0

    # -- client ---------------------------------------------------------------------------

    def _client(self):
        """The boto3 client, created on first use (thread-safe; boto3 clients are)."""
        if self._client_obj is not None:
            return self._client_obj
        with self._client_lock:
            if self._client_obj is None:
                self._client_obj = self._make_client()
        return self._client_obj

    def warm(self) -> None:
        """Import boto3 and build the client now, without a network call.

        For Lambda's init phase (module scope of the entry point): importing boto3 and building a
        client costs about 0.45 CPU-seconds, which otherwise lands on the first request that uses
        the store, where a small function's CPU share makes it take seconds. Never raises: a
        misconfiguration shows up as StoreUnavailable on the first real call instead.
        """
        try:
            self._client()
        except StoreUnavailable as exc:
            log.warning("DynamoDB client not ready: %s", exc)

    def _make_client(self):
        try:
            import boto3.session
            from botocore.config import Config
            from botocore.exceptions import BotoCoreError
        except ImportError as exc:  # boto3 is in the Lambda runtime and in the dev extras
            raise StoreUnavailable(f"boto3 is not installed: {exc}") from exc
        from .. import logs
        logs.quiet_libraries()   # botocore at DEBUG would log the user key and the record
        region = self._region_name
        if region is None and self._endpoint_url:
            # A local DynamoDB-compatible server does not care about the region; do not fail on it.
            region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        config = Config(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            retries={"total_max_attempts": self.total_max_attempts, "mode": "standard"},
        )
        try:
            # A private session: boto3.client() shares a default session that is not thread-safe to create.
            return boto3.session.Session().client(
                "dynamodb", region_name=region, endpoint_url=self._endpoint_url, config=config
            )
        except BotoCoreError as exc:  # NoRegionError, unknown endpoint, ...
            raise StoreUnavailable(f"DynamoDB client: {type(exc).__name__}: {exc}") from exc

    def _call(self, operation: str, **kwargs):
        """One DynamoDB call; every botocore failure becomes StoreUnavailable (conflicts: _Conflict)."""
        now = time.monotonic()
        if now < self._down_until:
            raise StoreUnavailable("DynamoDB was unreachable moments ago; not waiting on it again yet")
        client = self._client()
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectionError as BotoConnectionError,
            HTTPClientError,
        )

        try:
            return getattr(client, operation)(**kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = error.get("Code", "")
            if code == "ConditionalCheckFailedException":
                raise _Conflict() from exc
            # Throttling, ResourceNotFound (wrong table), AccessDenied, validation, 5xx, ...
            log.warning("DynamoDB %s failed: %s", operation, code or exc)
            raise StoreUnavailable(f"DynamoDB {operation}: {code}: {error.get('Message', '')}") from exc
        except (BotoConnectionError, HTTPClientError) as exc:  # refused, DNS, timeouts, dropped
            self._down_until = time.monotonic() + self.unreachable_cooldown
            log.warning("DynamoDB %s unreachable: %s", operation, type(exc).__name__)
            raise StoreUnavailable(f"DynamoDB {operation}: {type(exc).__name__}: {exc}") from exc
        except BotoCoreError as exc:  # NoCredentialsError, NoRegionError, parameter validation, ...
            log.warning("DynamoDB %s failed: %s", operation, type(exc).__name__)
            raise StoreUnavailable(f"DynamoDB {operation}: {type(exc).__name__}: {exc}") from exc

    # -- items ----------------------------------------------------------------------------

    def _read(self, key: str) -> tuple[Record, int | None]:
        """(record, version); version is None when there is no item at all.

        Strongly consistent: a user's second device must see what the first just wrote, and the
        optimistic loop in update() would otherwise spin on stale reads. An item past its TTL that
        DynamoDB has not swept yet (that can take days) reads as an empty record.
        """
        response = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"user_key": {"S": key}},
            ConsistentRead=True,
            ProjectionExpression="#r, #v, #t",
            ExpressionAttributeNames={"#r": "record", "#v": "version", "#t": "ttl"},
        )
        item = response.get("Item")
        if not item:
            return {}, None
        version = int(item["version"]["N"]) if "version" in item else 0
        expires = int(item["ttl"]["N"]) if "ttl" in item else None
        if expires is not None and expires < time.time():
            return {}, version
        try:
            record = json.loads(item["record"]["S"]) if "record" in item else {}
        except (KeyError, ValueError) as exc:
            raise StoreUnavailable(f"unreadable record in {self.table_name}") from exc
        return (record if isinstance(record, dict) else {}), version

    def get(self, key: str) -> Record:
        return self._read(key)[0]

    def update(self, key: str, mutate: Mutation) -> Record:
        for attempt in range(self.max_update_tries):
            current, version = self._read(key)
            new = mutate(copy.deepcopy(current))
            body = json.dumps(new, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            item = {
                "user_key": {"S": key},
                "record": {"S": body},
                "version": {"N": str((version or 0) + 1)},
                "ttl": {"N": str(int(time.time()) + TTL_SECONDS)},
            }
            # Write only if the item is still as we read it. Where we read an item, require its
            # version (this also fails if a "forget me" deleted it meanwhile, so an old record is
            # never brought back); where we read none, require that there still is none. This is
            # "attribute_not_exists(user_key) OR version = :expected" split by case, so that a
            # concurrent delete is a conflict rather than a licence to write the old record back.
            if version is None:
                condition = {"ConditionExpression": "attribute_not_exists(user_key)"}
            else:
                condition = {
                    "ConditionExpression": "#v = :expected",
                    "ExpressionAttributeNames": {"#v": "version"},
                    "ExpressionAttributeValues": {":expected": {"N": str(version)}},
                }
            try:
                self._call("put_item", TableName=self.table_name, Item=item, **condition)
                return new
            except _Conflict:
                # Another device wrote first: back off (full jitter, so two writers do not collide
                # again in lock-step and the one that just lost is not starved by the winner's
                # next write), then apply `mutate` to the fresh record.
                if attempt + 1 < self.max_update_tries:
                    time.sleep(random.uniform(0, min(0.05, 0.005 * (2**attempt))))
        log.warning("DynamoDB update gave up after %d conflicting writes", self.max_update_tries)
        raise StoreUnavailable(f"too many concurrent writes to one record ({self.max_update_tries} tries)")

    def delete(self, key: str) -> None:
        self._call("delete_item", TableName=self.table_name, Key={"user_key": {"S": key}})
