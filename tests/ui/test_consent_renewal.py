"""While the person is in treatment, the consent tab reminds the practitioner when the yearly
renewal is due (Manual Appendix 2: consent is renewed every year while in treatment)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cstr_desk.domain import (
    CaseRecord,
    ConsentRecord,
    Requirement,
    Role,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    TreatmentSession,
)
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.ui.consent import ConsentTab


@pytest.fixture
def practitioner(tmp_path: Path) -> Session:
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    session = open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    yield session
    session.close()


def in_treatment(consented_days_ago: int) -> CaseRecord:
    """A case sentenced to an MHTR with sessions booked, consent given some days ago."""
    now = datetime.now(timezone.utc)
    consented = now - timedelta(days=consented_days_ago)
    person = sample_person().model_copy(update={"id": 1})
    referral = sample_referral(1).model_copy(update={"id": 7})
    consent = ConsentRecord(
        id=1, referral_id=7, consent_version="2026.1",
        requirements_assessed_for=[Requirement.MHTR], requirements_consented=[Requirement.MHTR],
        explained_by=2, easy_read_used=True, acknowledgements={"information_sharing": True},
        signature_svg="<svg/>", consented_at=consented)
    sentence = SentenceOutcome(
        referral_id=7, sentenced_on=consented.date(), sentence=SentenceKind.COMMUNITY_ORDER,
        length_months=12, requirements=[SentenceRequirement.MHTR], recorded_by=2,
        recorded_at=consented)
    session = TreatmentSession(referral_id=7, number=1, scheduled_at=now + timedelta(days=3))
    return CaseRecord(person=person, referral=referral, consents=[consent], sentence=sentence,
                      sessions=[session])


def test_reminder_shows_in_the_month_before_renewal(qtbot, practitioner) -> None:
    tab = ConsentTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    case = in_treatment(consented_days_ago=350)
    tab.show_case(case)
    due = case.consents[0].consented_at.date().replace(year=case.consents[0].consented_at.year + 1)
    assert tab.renewal.isVisible()
    assert tab.renewal.text().startswith(f"Consent renewal is due on {due.strftime('%d/%m/%Y')}")
    assert tab.start_button.isEnabled()  # renewal can be taken now


def test_overdue_renewal_says_so(qtbot, practitioner) -> None:
    tab = ConsentTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(in_treatment(consented_days_ago=400))
    assert "Consent renewal was due on" in tab.renewal.text()


def test_no_reminder_early_in_treatment(qtbot, practitioner) -> None:
    tab = ConsentTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(in_treatment(consented_days_ago=30))
    assert not tab.renewal.isVisible()
    assert not tab.setup.isVisible()  # consent stands and is not due: nothing to take
