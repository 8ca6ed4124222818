"""Permission refusals in words (issue 15 item 1: codes in the core, words at the edge).

The store refuses with a `permissions.Refusal` (the action, the role refused and, for a
decision, the channel); this module is the one place its sentence is made, for the screens and
the command line alike, as are the roles named with their article in the pathway's reasons.
"""

from __future__ import annotations

from cstr_desk.domain import Role
from cstr_desk.permissions import ACTION_LABELS, Action, Refusal, roles_for

# Each role with its article, written out rather than guessed from the first letter: the
# article follows the sound ("an MHTR practitioner"), and another language has its own.
ROLE_WITH_ARTICLE: dict[Role, str] = {
    Role.LD_WORKER: "a Liaison & Diversion worker",
    Role.PRACTITIONER: "an MHTR practitioner",
    Role.CLINICAL_LEAD: "a Clinical Lead",
    Role.COURT_DUTY_OFFICER: "a Court Duty Officer",
    Role.ADMINISTRATOR: "an Administrator",
}


def role_with_article(role: Role) -> str:
    """"a Clinical Lead", "an MHTR practitioner"."""
    return ROLE_WITH_ARTICLE[role]


def who_may(action: Action) -> str:
    """"an MHTR practitioner or a Clinical Lead": the roles in the table, in words."""
    labels = [role_with_article(role) for role in roles_for(action)]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def refusal_words(refusal: Refusal) -> str:
    """The one sentence a refusal is shown as."""
    if refusal.channel is not None:
        return ("Only a Clinical Lead can record a decision on this device; a practitioner "
                "records the Clinical Lead's telephone decision, with their name and the time "
                "you spoke.")
    return f"Only {who_may(refusal.action)} can {ACTION_LABELS[refusal.action]}."
