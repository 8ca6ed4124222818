"""Permission refusals in words (issue 15 item 1: codes in the core, words at the edge).

The store refuses with a `permissions.Refusal` (the action, the role refused and, for a
decision, the channel); this module is the one place its sentence is made, for the screens and
the command line alike, as are the roles named with their article in the pathway's reasons.
"""

from __future__ import annotations

from cstr_desk.domain import Role
from cstr_desk.permissions import ACTION_LABELS, Action, Refusal, roles_for
from cstr_desk.translatable import QT_TRANSLATE_NOOP, Translate, english

# Each role with its article, written out rather than guessed from the first letter: the
# article follows the sound ("an MHTR practitioner"), and another language has its own.
ROLE_WITH_ARTICLE: dict[Role, str] = {
    Role.LD_WORKER: QT_TRANSLATE_NOOP("roles", "a Liaison & Diversion worker"),
    Role.PRACTITIONER: QT_TRANSLATE_NOOP("roles", "an MHTR practitioner"),
    Role.CLINICAL_LEAD: QT_TRANSLATE_NOOP("roles", "a Clinical Lead"),
    Role.COURT_DUTY_OFFICER: QT_TRANSLATE_NOOP("roles", "a Court Duty Officer"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("roles", "an Administrator"),
}

# Two or more roles: "an MHTR practitioner or a Clinical Lead".
_EITHER = QT_TRANSLATE_NOOP("roles", "{some} or {last}")


def role_with_article(role: Role, tr: Translate = english) -> str:
    """"a Clinical Lead", "an MHTR practitioner"."""
    return tr("roles", ROLE_WITH_ARTICLE[role])


def who_may(action: Action, tr: Translate = english) -> str:
    """"an MHTR practitioner or a Clinical Lead": the roles in the table, in words."""
    labels = [role_with_article(role, tr) for role in roles_for(action)]
    if len(labels) == 1:
        return labels[0]
    return tr("roles", _EITHER).format(some=", ".join(labels[:-1]), last=labels[-1])


def refusal_words(refusal: Refusal) -> str:
    """The one sentence a refusal is shown as."""
    if refusal.channel is not None:
        return ("Only a Clinical Lead can record a decision on this device; a practitioner "
                "records the Clinical Lead's telephone decision, with their name and the time "
                "you spoke.")
    return f"Only {who_may(refusal.action)} can {ACTION_LABELS[refusal.action]}."
