"""The user stores, against a real DynamoDB-compatible server on loopback (moto_server).

The behavioural tests run against all three stores (memory, SQLite, DynamoDB); the rest pin down
what only the DynamoDB store has: item layout and TTL, optimistic concurrency, failure handling.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from processes import stop

from recovery_guide.config import load as load_config
from recovery_guide.persistence.base import StoreUnavailable, user_key
from recovery_guide.persistence.dynamodb_store import TTL_SECONDS, DynamoDbUserStore
from recovery_guide.persistence.factory import store_from_config
from recovery_guide.persistence.memory_store import MemoryUserStore
from recovery_guide.persistence.sqlite_store import SqliteUserStore

TABLE = "recovery-guide-users-test"
DAY = 24 * 3600


# -- a real server on loopback ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _moto_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("moto_server")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    return base + ["-H", "127.0.0.1", "-p", str(port)]


@contextlib.contextmanager
def _running_moto(tmp_dir: Path):
    """Start moto_server on a free loopback port, wait until it answers, stop it on exit."""
    last_error = None
    for _ in range(3):  # the free port can be taken between probing and binding: try another
        port = _free_port()
        log_path = tmp_dir / f"moto-{port}.log"
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen(_moto_command(port), stdout=log_file, stderr=subprocess.STDOUT)
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(endpoint + "/", timeout=1):
                    break
            except OSError as exc:
                last_error = exc
                time.sleep(0.1)
        else:
            proc.kill()
            proc.wait()
            last_error = f"moto_server did not answer: {log_path.read_text()[-2000:]}"
            continue
        try:
            yield endpoint, proc
        finally:
            stop(proc)
        return
    raise RuntimeError(f"could not start moto_server: {last_error}")


@pytest.fixture(autouse=True)
def aws_env(monkeypatch):
    """Fake credentials and a region for each test here; nothing from ~/.aws or the host is read."""
    for name in (
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_REGION",
        # No other credential source is consulted either: container, web identity, instance metadata.
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def _raw_client(endpoint: str):
    import boto3

    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _create_table(endpoint: str, name: str = TABLE) -> None:
    """The table as template.yaml declares it: user_key (S) hash key, on demand, TTL on `ttl`."""
    client = _raw_client(endpoint)
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "user_key", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "user_key", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        SSESpecification={"Enabled": True},
    )
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})
    client.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})


@pytest.fixture(scope="session")
def dynamodb_endpoint(tmp_path_factory):
    """A moto_server for the whole session, with the user table created."""
    with _running_moto(tmp_path_factory.mktemp("moto")) as (endpoint, _proc):
        _create_table(endpoint)
        yield endpoint


@pytest.fixture
def raw_client(dynamodb_endpoint):
    return _raw_client(dynamodb_endpoint)


@pytest.fixture
def dynamo(dynamodb_endpoint):
    return DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)


@pytest.fixture(params=["memory", "sqlite", "dynamodb"])
def make_store(request, tmp_path):
    """A factory of store instances that share one backend (two devices of one user)."""
    if request.param == "memory":
        shared = MemoryUserStore()
        return lambda: shared
    if request.param == "sqlite":
        path = str(tmp_path / "users.sqlite3")
        return lambda: SqliteUserStore(path)
    endpoint = request.getfixturevalue("dynamodb_endpoint")
    return lambda: DynamoDbUserStore(TABLE, endpoint_url=endpoint)


@pytest.fixture
def store(make_store):
    return make_store()


@pytest.fixture
def key():
    return user_key("amzn1.ask.account." + uuid.uuid4().hex)


def _plain_types_only(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_types_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_types_only(v) for v in value)
    return value is None or type(value) in (bool, int, float, str)


# -- behaviour every store shares ----------------------------------------------------------------

RECORD = {
    "affirmations": [{"id": "aff-012", "date": "2026-11-23"}, {"id": "aff-007", "date": "2026-11-24"}],
    "reminder": {"alert_token": "tok-\u00e9-1"},
    "prefs": {"count": 3, "nested": [[1, 2], [3, [4, 5]]], "on": True, "none": None, "ratio": 0.25, "big": 2**53},
}


def test_missing_user_reads_as_empty(store, key):
    assert store.get(key) == {}


def test_update_then_get_round_trips_plain_types(store, key):
    saved = store.update(key, lambda record: {**record, **RECORD})
    assert saved == RECORD
    got = store.get(key)
    assert got == RECORD
    assert _plain_types_only(got), got  # ints stay int: no Decimal from DynamoDB
    assert type(got["prefs"]["count"]) is int and type(got["prefs"]["big"]) is int


def test_update_sees_the_previous_record(store, key):
    store.update(key, lambda r: {**r, "n": 1})
    store.update(key, lambda r: {**r, "n": r["n"] + 1, "list": r.get("list", []) + [r["n"]]})
    assert store.get(key) == {"n": 2, "list": [1]}


def test_a_failing_mutation_saves_nothing(store, key):
    store.update(key, lambda r: {"n": 1})

    def broken(record):
        record["n"] = 99  # changes its copy, then fails
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.update(key, broken)
    assert store.get(key) == {"n": 1}


def test_delete_forgets_the_user_and_leaves_others(store, key):
    other = user_key("someone-else-" + uuid.uuid4().hex)
    store.update(key, lambda r: {"n": 1})
    store.update(other, lambda r: {"n": 2})
    store.delete(key)
    assert store.get(key) == {}
    assert store.get(other) == {"n": 2}
    store.delete(key)  # deleting a missing user is not an error
    assert store.update(key, lambda r: {**r, "fresh": True}) == {"fresh": True}


def test_two_devices_writing_at_once_lose_no_update(make_store, key):
    errors = []

    def device(name: str):
        device_store = make_store()  # its own instance (own connection or client)
        for i in range(50):
            try:
                device_store.update(key, lambda r, i=i: {**r, "heard": r.get("heard", []) + [f"{name}-{i}"]})
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

    threads = [threading.Thread(target=device, args=(name,)) for name in ("kitchen", "bedroom")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    heard = make_store().get(key)["heard"]
    assert len(heard) == 100
    assert sorted(heard) == sorted(f"{n}-{i}" for n in ("kitchen", "bedroom") for i in range(50))
    for name in ("kitchen", "bedroom"):  # each device's own updates stay in order
        mine = [h for h in heard if h.startswith(name)]
        assert mine == [f"{name}-{i}" for i in range(50)]


# -- DynamoDB only: item layout, TTL, optimistic concurrency --------------------------------------


def _item(raw_client, key):
    return raw_client.get_item(TableName=TABLE, Key={"user_key": {"S": key}}, ConsistentRead=True).get("Item")


def test_item_layout_version_and_ttl(dynamo, raw_client, key):
    before = time.time()
    dynamo.update(key, lambda r: {"n": 1})
    item = _item(raw_client, key)
    assert set(item) == {"user_key", "record", "version", "ttl"}
    assert json.loads(item["record"]["S"]) == {"n": 1}
    assert item["version"] == {"N": "1"}
    ttl = int(item["ttl"]["N"])
    # About 13 months ahead (395.7 days), in epoch seconds.
    assert before + 390 * DAY <= ttl <= time.time() + 400 * DAY
    assert ttl - before == pytest.approx(TTL_SECONDS, abs=60)

    time.sleep(1.1)
    dynamo.update(key, lambda r: {"n": r["n"] + 1})
    item2 = _item(raw_client, key)
    assert item2["version"] == {"N": "2"}
    assert int(item2["ttl"]["N"]) > ttl  # refreshed on every write


def test_table_has_ttl_enabled_on_the_ttl_attribute(dynamo, raw_client):
    desc = raw_client.describe_time_to_live(TableName=TABLE)["TimeToLiveDescription"]
    assert desc["AttributeName"] == "ttl" and desc["TimeToLiveStatus"] == "ENABLED"


def test_an_expired_item_not_yet_swept_reads_as_empty(dynamo, raw_client, key):
    raw_client.put_item(
        TableName=TABLE,
        Item={
            "user_key": {"S": key},
            "record": {"S": '{"old": true}'},
            "version": {"N": "4"},
            "ttl": {"N": str(int(time.time()) - DAY)},
        },
    )
    assert dynamo.get(key) == {}
    assert dynamo.update(key, lambda r: {**r, "new": 1}) == {"new": 1}
    assert _item(raw_client, key)["version"] == {"N": "5"}


def test_a_write_in_between_makes_update_retry_on_the_fresh_record(dynamodb_endpoint, key):
    phone = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    speaker = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    phone.update(key, lambda r: {"heard": ["a"]})
    calls = []

    def add_b(record):
        calls.append(list(record["heard"]))
        if len(calls) == 1:  # the other device writes between our read and our write
            speaker.update(key, lambda r: {**r, "heard": r["heard"] + ["c"]})
        return {**record, "heard": record["heard"] + ["b"]}

    assert phone.update(key, add_b) == {"heard": ["a", "c", "b"]}
    assert calls == [["a"], ["a", "c"]]
    assert phone.get(key) == {"heard": ["a", "c", "b"]}


def test_forget_me_during_an_update_does_not_bring_old_data_back(dynamodb_endpoint, key):
    device = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    other = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    device.update(key, lambda r: {"prefs": {"old": True}})
    calls = []

    def mutate(record):
        calls.append(record)
        if len(calls) == 1:
            other.delete(key)  # "forget me" on the other device
        return {**record, "last": "2026-11-23"}

    assert device.update(key, mutate) == {"last": "2026-11-23"}
    assert device.get(key) == {"last": "2026-11-23"}


def test_new_record_created_twice_at_once_keeps_both(dynamodb_endpoint, key):
    a = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    b = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    calls = []

    def mutate(record):
        calls.append(record)
        if len(calls) == 1:
            b.update(key, lambda r: {**r, "b": 1})  # b creates the item first
        return {**record, "a": 1}

    assert a.update(key, mutate) == {"a": 1, "b": 1}


def test_endless_conflicts_give_up_with_store_unavailable(dynamo, key, mocker):
    from botocore.exceptions import ClientError

    client = dynamo._client()
    conflict = ClientError({"Error": {"Code": "ConditionalCheckFailedException", "Message": "no"}}, "PutItem")
    mocker.patch.object(client, "put_item", side_effect=conflict)
    mocker.patch("recovery_guide.persistence.dynamodb_store.time.sleep")
    calls = []
    with pytest.raises(StoreUnavailable):
        dynamo.update(key, lambda r: calls.append(1) or {"n": 1})
    assert len(calls) == DynamoDbUserStore.max_update_tries


def test_only_get_put_and_delete_item_are_called(dynamodb_endpoint, key):
    """The IAM policy grants dynamodb:GetItem, PutItem and DeleteItem only."""
    real = _raw_client(dynamodb_endpoint)
    used = []

    class Recorder:
        def __getattr__(self, name):
            used.append(name)
            return getattr(real, name)

    store = DynamoDbUserStore(TABLE, client=Recorder())
    store.get(key)
    store.update(key, lambda r: {"n": 1})
    store.update(key, lambda r: {"n": 2})
    store.delete(key)
    assert set(used) == {"get_item", "put_item", "delete_item"}


def test_client_is_lazy_and_configured_to_fail_fast(dynamodb_endpoint):
    store = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    assert store._client_obj is None  # nothing created by the constructor
    config = store._client().meta.config
    assert config.connect_timeout <= 1 and config.read_timeout <= 2
    assert config.retries["mode"] == "standard"
    assert config.retries.get("total_max_attempts", config.retries.get("max_attempts")) <= 2


def test_warm_builds_the_client_without_calling_dynamodb(aws_env, monkeypatch):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        store = DynamoDbUserStore(TABLE, endpoint_url=f"http://127.0.0.1:{listener.getsockname()[1]}")
        store.warm()
        assert store._client_obj is not None
        listener.settimeout(0.2)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody connected
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    DynamoDbUserStore(TABLE).warm()  # no region: logs, does not raise


def test_importing_the_store_and_factory_does_not_import_boto3():
    code = (
        "import sys\n"
        "import recovery_guide.persistence.dynamodb_store, recovery_guide.persistence.factory\n"
        "from recovery_guide.persistence.factory import store_from_config\n"
        "from recovery_guide.config import load\n"
        "store_from_config(load({'USER_TABLE': 't'}))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- DynamoDB only: failures become StoreUnavailable, quickly --------------------------------------


def _all_operations_fail_fast(store, key, limit: float = 3.0):
    store.warm()  # time the network failure, not the one-off boto3 import
    for operation in (lambda: store.get(key), lambda: store.update(key, lambda r: {"n": 1}), lambda: store.delete(key)):
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            operation()
        assert time.monotonic() - started < limit


def test_unreachable_endpoint_raises_store_unavailable_quickly(aws_env, key):
    port = _free_port()  # nothing listens there
    store = DynamoDbUserStore(TABLE, endpoint_url=f"http://127.0.0.1:{port}")
    _all_operations_fail_fast(store, key)


def test_stopped_server_raises_store_unavailable_quickly(aws_env, tmp_path, key):
    with _running_moto(tmp_path) as (endpoint, proc):
        _create_table(endpoint)
        store = DynamoDbUserStore(TABLE, endpoint_url=endpoint)
        store.update(key, lambda r: {"n": 1})  # a pooled connection to the server now exists
        assert store.get(key) == {"n": 1}
        proc.terminate()
        proc.wait(timeout=10)
        _all_operations_fail_fast(store, key)


def test_silent_server_times_out_then_fails_fast_for_a_while(aws_env, key):
    """A server that accepts connections and never answers: one timed-out call, then no waiting."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]

        class QuickStore(DynamoDbUserStore):
            read_timeout = 0.3

        store = QuickStore(TABLE, endpoint_url=f"http://127.0.0.1:{port}")
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.get(key)
        first = time.monotonic() - started
        assert first < 3.0
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.update(key, lambda r: {"n": 1})
        assert time.monotonic() - started < 0.2  # within the cool-down: no second wait


def test_throttling_raises_store_unavailable(dynamo, key, mocker):
    from botocore.exceptions import ClientError

    throttled = ClientError(
        {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "Rate exceeded"}}, "GetItem"
    )
    client = dynamo._client()
    mocker.patch.object(client, "get_item", side_effect=throttled)
    with pytest.raises(StoreUnavailable, match="ProvisionedThroughputExceeded"):
        dynamo.get(key)
    with pytest.raises(StoreUnavailable):
        dynamo.update(key, lambda r: {"n": 1})
    mocker.stopall()

    put_throttled = ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "PutItem")
    mocker.patch.object(client, "put_item", side_effect=put_throttled)
    with pytest.raises(StoreUnavailable, match="ThrottlingException"):
        dynamo.update(key, lambda r: {"n": 1})
    # Throttling is not a network failure: the next call is tried again, not short-circuited.
    mocker.stopall()
    assert dynamo.update(key, lambda r: {"n": 1}) == {"n": 1}


def test_missing_table_raises_store_unavailable(dynamodb_endpoint, key):
    store = DynamoDbUserStore("no-such-table", endpoint_url=dynamodb_endpoint)
    _all_operations_fail_fast(store, key)


def test_missing_credentials_raise_store_unavailable(aws_env, monkeypatch, key):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    store = DynamoDbUserStore(TABLE, endpoint_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreUnavailable, match="NoCredentials"):
        store.get(key)


def test_missing_region_raises_store_unavailable(aws_env, monkeypatch, key):
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    store = DynamoDbUserStore(TABLE)  # no endpoint, no region: as on a misconfigured host
    with pytest.raises(StoreUnavailable, match="NoRegion"):
        store.get(key)


# -- the factory ------------------------------------------------------------------------------------


def test_factory_maps_each_store_name(tmp_path):
    assert isinstance(store_from_config(load_config({"RECOVERY_GUIDE_STORE": "memory"})), MemoryUserStore)
    path = tmp_path / "x" / "users.sqlite3"
    sqlite_store = store_from_config(load_config({"RECOVERY_GUIDE_STORE": f"sqlite:{path}"}))
    assert isinstance(sqlite_store, SqliteUserStore) and path.exists()
    dynamo = store_from_config(load_config({"USER_TABLE": "users", "DYNAMODB_ENDPOINT": "http://127.0.0.1:1"}))
    assert isinstance(dynamo, DynamoDbUserStore)
    assert dynamo.table_name == "users" and dynamo._endpoint_url == "http://127.0.0.1:1"


@pytest.mark.parametrize(
    "env",
    [{"RECOVERY_GUIDE_STORE": "dynamodb"}, {"RECOVERY_GUIDE_STORE": "sqlite:"}, {"RECOVERY_GUIDE_STORE": "redis"}],
)
def test_factory_rejects_incomplete_or_unknown_stores(env):
    with pytest.raises(ValueError):
        store_from_config(load_config(env))
