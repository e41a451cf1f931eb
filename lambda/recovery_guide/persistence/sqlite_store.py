"""The embedded store for local runs: one SQLite file, no server."""
from __future__ import annotations

import copy
import json
import os
import sqlite3
import threading

from .base import Mutation, Record, StoreUnavailable, UserStore

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    user_key TEXT PRIMARY KEY,
    record   TEXT NOT NULL,
    version  INTEGER NOT NULL
)"""


class SqliteUserStore(UserStore):
    def __init__(self, path: str):
        self._path = path
        self._lock = threading.Lock()
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        try:
            # One connection per store; the lock serialises threads of the local HTTP server.
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5)
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc

    def get(self, key: str) -> Record:
        try:
            with self._lock:
                row = self._db.execute("SELECT record FROM users WHERE user_key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc
        return json.loads(row[0]) if row else {}

    def update(self, key: str, mutate: Mutation) -> Record:
        try:
            with self._lock:
                # BEGIN IMMEDIATE takes the write lock first, so other processes wait rather than lose updates.
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    row = self._db.execute(
                        "SELECT record, version FROM users WHERE user_key = ?", (key,)
                    ).fetchone()
                    current = json.loads(row[0]) if row else {}
                    new = mutate(copy.deepcopy(current))
                    self._db.execute(
                        "INSERT INTO users (user_key, record, version) VALUES (?, ?, 1) "
                        "ON CONFLICT(user_key) DO UPDATE SET record = excluded.record, version = version + 1",
                        (key, json.dumps(new, sort_keys=True)),
                    )
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc
        return new

    def delete(self, key: str) -> None:
        try:
            with self._lock:
                self._db.execute("DELETE FROM users WHERE user_key = ?", (key,))
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc
