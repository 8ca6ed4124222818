"""After a missed appointment and at sentence: how the person prefers to be contacted, each
follow-up of a missed appointment, the treatment plan sent to the offender manager (Manual
§4.7) and the leaflet with the next appointment given at sentence (DRR/ATR service
description, "Sentence"). Each is final once written; corrections go through `amend`.
"""

from __future__ import annotations

from cstr_desk.domain import (
    ContactPreferences, GpRegistrationCheck, LeafletGiven, MissedFollowUp, TreatmentPlanSent,
)
from cstr_desk.permissions import Action
from cstr_desk.store import records
from cstr_desk.store.errors import RecordFinalised
from cstr_desk.store.session_clinical import ClinicalMixin


class ContactMixin(ClinicalMixin):
    def _only_one(self, kind: str, referral_id: int, action: Action, what: str) -> None:
        self._require(action)  # before saying whether one exists
        table, _ = records.DOCUMENTS[kind]
        if self._db.value(f"SELECT 1 FROM {table} WHERE referral_id = ?", (referral_id,)):
            raise RecordFinalised(f"{what} is already recorded; correct it with an amendment.")

    def record_contact_preferences(self, preferences: ContactPreferences) -> ContactPreferences:
        self._only_one("contact_preferences", preferences.referral_id, Action.RECORD_CONTACT,
                       "How the person prefers to be contacted")
        return self._add_document("contact_preferences", preferences, Action.RECORD_CONTACT)

    def record_missed_follow_up(self, follow_up: MissedFollowUp) -> MissedFollowUp:
        return self._add_document("missed_follow_up", follow_up, Action.RECORD_CONTACT)

    def record_treatment_plan_sent(self, sent: TreatmentPlanSent) -> TreatmentPlanSent:
        return self._add_document("treatment_plan_sent", sent, Action.RECORD_TREATMENT_PLAN_SENT)

    def record_gp_check(self, check: GpRegistrationCheck) -> GpRegistrationCheck:
        return self._add_document("gp_check", check, Action.RECORD_GP_CHECK)

    def record_leaflet(self, leaflet: LeafletGiven) -> LeafletGiven:
        self._only_one("leaflet", leaflet.referral_id, Action.RECORD_LEAFLET,
                       "The leaflet given at sentence")
        return self._add_document("leaflet", leaflet, Action.RECORD_LEAFLET)
