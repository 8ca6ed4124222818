"""The parts of a demo case's story that issue 20 added: the practitioner taking the case on,
how the person prefers to be contacted, the equality questions offered after the assessment
(some declined), the leaflet with the next appointment at sentence, each missed appointment
followed up and the treatment plan sent to the offender manager after a breach. Mixed into
`demo_cases._Story`, which provides `staff`, `referral_id`, `hearing`, `today`, `summary`,
`_do` and `side`: these facts draw from their own generator, so each story's main events stay
as they were for the same seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cstr_desk.domain import (
    PREFER_NOT_TO_SAY, ContactMethod, EqualityMonitoring, FollowUpContact, LeafletGiven,
    MissedFollowUp, TreatmentPlanSent, equality_options,
)
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import contact, continuity, equality, handover

if TYPE_CHECKING:
    from cstr_desk.workflow.demo_cases import DemoCasesSummary, DemoStaff

EQUALITY_ASKED, EQUALITY_ALL_DECLINED, ANSWER_DECLINED = 0.85, 0.1, 0.08
LEAFLET_RECORDED, FOLLOWED_UP, HAS_CARE_COORDINATOR = 0.95, 0.9, 0.3
CONTACT_METHODS = ((ContactMethod.PHONE, 0.45), (ContactMethod.TEXT, 0.35),
                   (ContactMethod.LETTER, 0.1), (ContactMethod.EMAIL, 0.05),
                   (ContactMethod.OUTREACH, 0.05))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), LONDON)


class ContactStory:
    staff: DemoStaff
    referral_id: int
    hearing: date
    today: date
    summary: DemoCasesSummary
    side: random.Random
    _do: Callable[..., object]

    def side_chance(self, rate: float) -> bool:
        return self.side.random() < rate

    def _after_assessment(self) -> None:
        """The practitioner takes the case on, asks how the person prefers to be contacted
        (Manual §4.7) and offers the equality questions (Manual §2.4), which may be declined."""
        practitioner = self.staff.practitioner
        self._do(_at(self.hearing, 10, 2), lambda day: continuity.allocate_practitioner(
            practitioner, self.referral_id, practitioner.user.id, day))
        methods, weights = zip(*CONTACT_METHODS)
        coordinator = self.side_chance(HAS_CARE_COORDINATOR)
        self._do(_at(self.hearing, 10, 4), lambda day: contact.set_contact_preferences(
            practitioner, self.referral_id, self.side.choices(methods, weights)[0],
            "07700 900000 (fictional)", "Alex Morgan, CMHT North (demo)" if coordinator else "",
            "0161 496 0999 (fictional)" if coordinator else "", today=day))
        self.summary.count("allocated, contact preferences recorded")
        if not self.side_chance(EQUALITY_ASKED):
            return
        if self.side_chance(EQUALITY_ALL_DECLINED):
            answers: dict[str, str] = equality.prefers_not_to_say_to_the_rest(EqualityMonitoring())
        else:
            answers = {f: PREFER_NOT_TO_SAY if self.side_chance(ANSWER_DECLINED)
                       else self.side.choice(equality_options(f)[:-1])
                       for f in EqualityMonitoring.model_fields}
        self._do(_at(self.hearing, 10, 8), lambda day: equality.record_equality(
            practitioner, self.referral_id, answers, today=day))
        self.summary.count("equality asked")

    def _leaflet(self, sentenced: date, first: datetime) -> None:
        """The CDO gives the leaflet with the first appointment at sentence (DRR/ATR service
        description, "Sentence")."""
        if not self.side_chance(LEAFLET_RECORDED):
            return
        moment = _at(sentenced, 16, 40)
        leaflet = LeafletGiven(
            referral_id=self.referral_id, given_on=sentenced, easy_read=self.side_chance(0.3),
            next_appointment_at=first, next_appointment_place="Northtown Wellbeing Hub (demo)",
            recorded_by=self.staff.cdo.user.id, recorded_at=moment)
        self._do(moment, lambda d: handover.record_leaflet(self.staff.cdo, leaflet, d))
        self.summary.count("leaflet given")

    def _follow_up_missed(self, session_id: int, at: datetime) -> None:
        """The person contacted by their chosen method, and the care coordinator told at once
        where a risk of self-harm or suicide is known (Manual §4.7)."""
        practitioner = self.staff.practitioner
        case = practitioner.load_case(self.referral_id)
        preferences = case.contact_preferences
        if preferences is not None and contact.suicide_risk(case):
            told = at + timedelta(hours=1, minutes=30)
            if told.date() <= self.today:
                follow = MissedFollowUp(
                    referral_id=self.referral_id, session_id=session_id,
                    contact=FollowUpContact.CARE_COORDINATOR, contacted_at=told,
                    method=ContactMethod.PHONE, reached=True,
                    contacted_who=preferences.care_coordinator or "Crisis team duty worker (demo)",
                    recorded_by=practitioner.user.id, recorded_at=told)
                self._do(told, lambda d: contact.record_missed_follow_up(practitioner, follow, d))
                self.summary.count("care coordinator told at once")
        contacted = at + timedelta(hours=self.side.randrange(3, 30))
        if preferences is None or contacted.date() > self.today or not self.side_chance(FOLLOWED_UP):
            return
        follow = MissedFollowUp(
            referral_id=self.referral_id, session_id=session_id, contact=FollowUpContact.PERSON,
            contacted_at=contacted, method=preferences.method, reached=self.side_chance(0.7),
            notes="Next appointment confirmed (demo).", recorded_by=practitioner.user.id,
            recorded_at=contacted)
        self._do(contacted, lambda d: contact.record_missed_follow_up(practitioner, follow, d))
        self.summary.count("missed appointment followed up")


    def _treatment_plan_sent(self, day: date) -> None:
        # The provider sends the offender manager the treatment plan for court (Manual §4.7).
        plan = TreatmentPlanSent(
            referral_id=self.referral_id, sent_on=day, sent_to="Offender manager, NPS Northtown (demo)",
            notes="Plan and attendance so far (demo).", recorded_by=self.staff.practitioner.user.id,
            recorded_at=_at(day, 13))
        self._do(_at(day, 13), lambda d: handover.record_treatment_plan_sent(
            self.staff.practitioner, plan, d))
        self.summary.count("treatment plan sent to the offender manager")
