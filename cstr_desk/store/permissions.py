"""The store's enforcement of the one role × action table (cstr_desk/permissions.py).

Every Session method names its action and calls `check` before touching anything, whatever
the screens show; the table itself, and why each role has each action, live in
cstr_desk/permissions.py.
"""

from __future__ import annotations

from cstr_desk.domain import DecisionChannel, Role
from cstr_desk.permissions import ACTION_LABELS, Action, decision_channel_allowed, may, who_may
from cstr_desk.store.errors import PermissionDenied


def denial_message(action: Action) -> str:
    return f"Only {who_may(action)} can {ACTION_LABELS[action]}."


def check(role: Role, action: Action) -> None:
    if not may(role, action):
        raise PermissionDenied(denial_message(action))


def check_decision_channel(role: Role, channel: DecisionChannel) -> None:
    if not decision_channel_allowed(role, channel):
        raise PermissionDenied(
            "Only a Clinical Lead can record a decision on this device; a practitioner records "
            "the Clinical Lead's telephone decision, with their name and the time you spoke."
        )
