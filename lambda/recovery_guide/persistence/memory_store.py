"""A store that keeps records in memory: for tests and for `ask --jsonl` batches."""
from __future__ import annotations

import copy
import threading

from .base import Mutation, Record, UserStore


class MemoryUserStore(UserStore):
    def __init__(self):
        self._records: dict[str, Record] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Record:
        with self._lock:
            return copy.deepcopy(self._records.get(key, {}))

    def update(self, key: str, mutate: Mutation) -> Record:
        with self._lock:
            new = mutate(copy.deepcopy(self._records.get(key, {})))
            self._records[key] = copy.deepcopy(new)
            return new

    def delete(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)
