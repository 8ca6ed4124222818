"""The store's enforcement of the one role × action table (cstr_desk/permissions.py).

Every Session method names its action and calls `check` before touching anything, whatever
the screens show; the table itself, and why each role has each action, live in
cstr_desk/permissions.py. A refusal carries codes; cstr_desk/permission_words says it.
"""

from __future__ import annotations

from cstr_desk.domain import DecisionChannel, Role
from cstr_desk.permissions import Action, Refusal, decision_channel_allowed, may
from cstr_desk.store.errors import PermissionDenied


def check(role: Role, action: Action) -> None:
    if not may(role, action):
        raise PermissionDenied(Refusal(action, role))


def check_decision_channel(role: Role, channel: DecisionChannel) -> None:
    if not decision_channel_allowed(role, channel):
        raise PermissionDenied(Refusal(Action.RECORD_DECISION, role, channel))
