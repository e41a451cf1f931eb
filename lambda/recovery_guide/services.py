"""What handlers reach outside the skill through: the user store (created on first use) and,
added by their own modules, the Alexa service clients and SMS."""
from __future__ import annotations

from . import config as config_module
from .persistence.base import UserStore, user_key


class Services:
    def __init__(self, config: config_module.Config, store: UserStore | None = None):
        self.config = config
        self._store = store

    @property
    def store(self) -> UserStore:
        if self._store is None:
            from .persistence.factory import store_from_config
            self._store = store_from_config(self.config)
        return self._store

    @staticmethod
    def user_id(handler_input) -> str | None:
        envelope = handler_input.request_envelope
        system = getattr(getattr(envelope, "context", None), "system", None)
        user = getattr(system, "user", None) or getattr(getattr(envelope, "session", None), "user", None)
        return getattr(user, "user_id", None)

    def user_key(self, handler_input) -> str | None:
        uid = self.user_id(handler_input)
        return user_key(uid) if uid else None

    def forget_user(self, handler_input) -> None:
        key = self.user_key(handler_input)
        if key:
            self.store.delete(key)
