"""The one error the workflow raises: an action the pathway does not allow, in plain words."""

from __future__ import annotations


class ActionRefused(Exception):
    """Raised when a pathway rule or a role refuses an action. `str(error)` is a complete
    sentence for the screen; `reasons` lists each unmet requirement on its own."""

    def __init__(self, message: str, reasons: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or [message]
