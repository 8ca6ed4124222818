"""The hub's one error: its message is for the user, in plain words."""

from __future__ import annotations


class HubError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
