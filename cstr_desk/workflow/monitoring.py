"""The monthly monitoring return (Manual §2.4; process evaluation Annex D "Overall Figures").

Pure counting: `monthly_return(rows, month)` takes one `MonitoringFacts` per referral (from the
store's `monitoring_rows`, or `facts_from_case` over full case records) and returns raw counts;
`monitoring_anonymise.anonymise` turns those into what may leave the device (small-number
suppression); the figures after assessment are `monitoring_later`'s.

Which month an event counts in: the Europe/London calendar month in which it happened.
  referred ............ Referral.created_at (the hearing date when no creation time is known)
  screened (MH / SM) .. the first completed K10/CORE-10 (MH) or AUDIT-C/AUDIT (SM) administration
  assessed ............ the practitioner assessment's completion
  consented / did not / withdrew .. the latest consent record's date / its withdrawal date
  Clinical Lead ....... the decision's discussion time (the All CSTRs and MHTR sheets)
  treatment provider .. the provider's latest answer on a DRR or ATR, when it was given (the
                        All CSTRs, DRR and ATR sheets: Manual §2.4 counts "provider approval
                        for ATR/DRR" apart from "MHTR Clinical Lead Approval")
  recommended in a PSR  the PSR's proposal as the Court Duty Officer recorded it, when it
                        proposes a CSTR (PsrProposal.proposes_cstr)
  sentenced (all rows)  the sentence date; "on the day" is derived (workflow.treatment)
  first appointment ... the date of the first session, counted when it was attended
  missed 2 or more .... the date of the second missed appointment (when the count reaches 2)
  breach .............. the date probation returned the case to court
  adjournments ........ each adjournment's date
  treatment start ..... DRR (2 working days) and ATR (14 days) orders of the month, by whether
                        treatment started within the standard (workflow.start_standards): met,
                        missed, or not due yet on the day the return is made
  equality breakdowns . the people assessed that month (Manual §2.4 "Pre-sentence": "the
                        individuals assessed"), age on the assessment day.

Separate sheets for MHTR, DRR and ATR (Manual §2.4: "separate tabs for MHTRs, ATRs and DRRs"):
a case belongs to a requirement's sheet when it was assessed for, consented to or sentenced to
that requirement, or its treatment provider answered on it; a case with no requirement yet (referred or screened only) is on the overall
sheet alone, so the requirement sheets do not add up to the overall one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache

from cstr_desk.domain import (
    PROVIDER_REQUIREMENTS,
    Administration,
    AdministrationStatus,
    AssessedProfile,
    CaseRecord,
    MeetingKind,
    MonitoringFacts,
    MonitoringSummary,
    MonthView,
    OffenceType,
    SentenceOutcome,
    SentenceRequirement,
)
from cstr_desk.outcome_pairs import outcome_changes
from cstr_desk.progress_lines import Progress
from cstr_desk.store import Session
from cstr_desk.ukdates import LONDON, london_date
from cstr_desk.vocabulary import OFFENCE_NAMES, REFERRAL_SOURCE_NAMES
from cstr_desk.workflow import monitoring_later as later
from cstr_desk.workflow.monitoring_lines import Group, Line, MonitoringReturn, Sheet
from cstr_desk.workflow.monitoring_summary import (
    EQUALITY_FIELDS,
    in_month,
    profile_of,
    summary_of,
    view_of,
)
from cstr_desk.workflow.monitoring_summary import MonthWindow as _Month
from cstr_desk.workflow.start_standards import (
    REQUIREMENTS_WITH_STANDARDS,
    START_STANDARDS,
    StartState,
    checks_for,
)
from cstr_desk.workflow.treatment import order_combination

# Annex D: "screened for Mental Health problems ... (e.g. using K-10, Core-10)" and
# "screened for Substance Misuse problems ... (e.g. using AUDIT C, SADQ)".
MH_SCREENS = ("k10", "core10")
SM_SCREENS = ("auditc", "audit")
REQUIREMENT_SHEETS = ("mhtr", "drr", "atr")
OVERALL = "All CSTRs"
EQUALITY = "Equality"

# Annex D "Number sentenced, by type of order": every combination the court can give (ATR with
# DRR cannot be given, so it falls in "Other combination" if ever recorded).
ORDER_COMBINATIONS = ("MHTR", "ATR", "DRR", "MHTR + ATR", "MHTR + DRR", "MHTR + RAR", "ATR + RAR",
                      "DRR + RAR", "MHTR + ATR + RAR", "MHTR + DRR + RAR")
OTHER_COMBINATION = "Other combination"

# Manual §2.4: "court adjournments and reasons (due to assessments not being available on the
# day or court led adjournment)". Any other wording counts as "Other", so free text never leaves.
ADJOURNMENT_REASONS = {
    "assessment_not_available": "Assessment not available on the day",
    "court_led": "Court-led adjournment",
    "other": "Other",
}

AGE_BANDS = ((18, "18-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55-64"),
             (65, "65 and over"))
NOT_RECORDED = "Not recorded"
_WITH_STANDARDS = set(REQUIREMENTS_WITH_STANDARDS)
_START_KEYS = {StartState.MET: "met", StartState.MISSED: "missed", StartState.DUE: "not_due"}


# --- from a full case record to the facts counted -------------------------------------------


def facts_from_case(case: CaseRecord) -> MonitoringFacts:
    """The reference definition of every `MonitoringFacts` field (the store's query agrees)."""
    consent = case.current_consent
    decision, sentence, assessment = case.decision, case.sentence, case.assessment
    first = min(case.sessions, key=lambda s: s.number, default=None)
    proposal = case.psr_proposal
    to_court = min((b for b in case.breaches if b.returned_to_court),
                   key=lambda b: b.decided_on, default=None)
    completion = case.completion
    attended = [london_date(s.scheduled_at) for s in case.sessions if s.attendance == "attended"]
    return MonitoringFacts(
        referral_id=case.referral.id or 0,
        referred_at=case.referral.created_at,
        hearing_date=case.referral.hearing_date,
        referral_source=case.referral.referral_source.value,
        offence_type=case.referral.offence_type.value,
        date_of_birth=case.person.date_of_birth,
        equality=case.person.equality.model_dump(),
        mh_screened_at=_first_completed(case.administrations, MH_SCREENS),
        sm_screened_at=_first_completed(case.administrations, SM_SCREENS),
        assessed_at=assessment.completed_at if assessment and assessment.completed else None,
        assessed_for=_ordered(consent.requirements_assessed_for) if consent else (),
        consent_at=consent.consented_at if consent else None,
        consented=_ordered(consent.requirements_consented) if consent else (),
        withdrawn_at=consent.withdrawn_at if consent else None,
        decided_at=decision.discussed_at if decision else None,
        decision=decision.outcome.value if decision else None,
        psr_at=proposal.recorded_at if proposal is not None and proposal.proposes_cstr else None,
        sentenced_on=sentence.sentenced_on if sentence else None,
        sentenced_at=sentence.sentenced_at if sentence else None,
        sentence=sentence.sentence.value if sentence else None,
        sentence_requirements=_in_order(sentence.requirements, SentenceRequirement) if sentence else (),
        first_session_at=first.scheduled_at if first else None,
        first_session_attendance=first.attendance.value if first else None,
        missed_at=tuple(sorted(s.scheduled_at for s in case.sessions if s.attendance == "missed")),
        breach_to_court_on=to_court.decided_on if to_court else None,
        adjournments=tuple(sorted((a.adjourned_on, a.reason) for a in case.adjournments)),
        treatment_starts=tuple(sorted((s.requirement.value, s.started_on)
                                      for s in case.treatment_starts)),
        provider_answers=tuple((r.value, answer.accepted, answer.decided_at)
                               for r in PROVIDER_REQUIREMENTS
                               if (answer := case.provider_answer(r)) is not None),
        gp_registered=assessment.gp_registered if assessment else None,
        first_episode_psychosis=assessment.first_episode_psychosis if assessment else None,
        first_attended_on=min(attended, default=None),
        order_length_months=sentence.length_months if sentence else None,
        sentencer_answered=sentence is not None and _sentencer_answered(sentence),
        custody_without_cstr=bool(sentence and sentence.without_cstr_custody_weeks),
        breach_outcome=to_court.outcome.value if to_court and to_court.outcome else None,
        treatment_ended_on=completion.ended_on if completion else None,
        treatment_completed=completion.completed if completion else None,
        meeting_on=min((m.held_on for m in case.meetings if m.kind is MeetingKind.THREE_WAY),
                       default=None),
        outcome_changes=outcome_changes(case) if completion else (),
        registered_through_cstr_on=_registered_through_cstr(case),
    )


def _registered_through_cstr(case: CaseRecord) -> date | None:
    """The day a check first found registered someone the assessment found not registered."""
    if case.assessment is None or case.assessment.gp_registered is not False:
        return None
    return min((c.checked_on for c in case.gp_checks if c.registered), default=None)


def _sentencer_answered(sentence: SentenceOutcome) -> bool:
    """Annex B's answers recorded: the sentence without the CSTR, or the sentencer's comments."""
    return bool(sentence.without_cstr_sentence or sentence.without_cstr_custody_weeks is not None
                or sentence.sentencer_comments.strip())


def _first_completed(administrations: list[Administration], instruments: tuple[str, ...]
                     ) -> datetime | None:
    done = (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)
    return min((a.completed_at for a in administrations if a.instrument_id in instruments
                and a.status in done and a.completed_at), default=None)


def _in_order(given: Iterable[str], vocabulary: type[SentenceRequirement]) -> tuple[str, ...]:
    chosen = {str(r) for r in given}
    return tuple(r.value for r in vocabulary if r.value in chosen)


def _ordered(requirements: Iterable[str]) -> tuple[str, ...]:
    given = {str(r) for r in requirements}
    return tuple(r for r in REQUIREMENT_SHEETS if r in given)


# --- counting -------------------------------------------------------------------------------


def month_view(facts: MonitoringFacts, window: _Month) -> MonthView:
    """What of the referral's facts the month's figures read (monitoring_summary defines it,
    in the two steps the store's grouped query shares)."""
    return view_of(in_month(summary_of(facts), window), window)


def assessed_profile(facts: MonitoringFacts) -> AssessedProfile:
    """What the Equality sheet counts of someone assessed in the month."""
    summary = summary_of(facts)
    assert summary.assessed_age is not None
    return profile_of(summary.assessed_age, summary.offence_type, summary.equality)


def monthly_return(cases: Iterable[MonitoringFacts | CaseRecord], month: date,
                   today: date | None = None) -> MonitoringReturn:
    """Raw counts for the London calendar month containing `month`, as known on `today`
    (a start standard not yet due is neither met nor missed). Never leaves the device as it
    is: pass it through `anonymise` first."""
    window = _Month(month, today or datetime.now(LONDON).date())
    views: Counter[MonthView] = Counter()
    profiles: Counter[AssessedProfile] = Counter()
    for item in cases:
        facts = facts_from_case(item) if isinstance(item, CaseRecord) else item
        views[month_view(facts, window)] += 1
        if window.has_moment(facts.assessed_at):
            profiles[assessed_profile(facts)] += 1
    return _counted(views, profiles, window)


def monthly_return_from_store(session: Session, month: date, today: date | None = None,
                              progress: Progress | None = None) -> MonitoringReturn:
    """The same return from the store's per-referral summary, grouped by the store as the
    month sees it (store.monitoring_summary); `progress(done, of)` is told of a long
    summarising of the referrals changed since their summary (all, after an upgrade)."""
    window = _Month(month, today or datetime.now(LONDON).date())
    groups, assessed = session.monitoring_month(window.first, window.next, summary_of, progress)
    return monthly_return_from_groups(groups, assessed, month, window.today)


def monthly_return_from_groups(groups: Iterable[tuple[MonitoringSummary, int]],
                               assessed: Iterable[tuple[int, str, str, int]], month: date,
                               today: date) -> MonitoringReturn:
    """The return from summary rows already reduced to the month (`in_month`), each with the
    number of referrals it stands for, and the assessed people's (age, offence type,
    equality answers) with theirs: each group's view counted once."""
    window = _Month(month, today)
    views: Counter[MonthView] = Counter()
    for row, number in groups:
        views[view_of(row, window)] += number
    profiles: Counter[AssessedProfile] = Counter()
    for age, offence_type, equality, number in assessed:
        profiles[profile_of(age, offence_type, equality)] += number
    return _counted(views, profiles, window)


def _counted(views: Counter[MonthView], profiles: Counter[AssessedProfile],
             window: _Month) -> MonitoringReturn:
    """Each distinct view's events, once per referral that looks so: on the overall sheet and
    on each of its requirement sheets. Who approved a case depends on the sheet (the Clinical
    Lead an MHTR, a provider a DRR or ATR)."""
    tallies: dict[str, Counter[str]] = {name: Counter() for name in (OVERALL, *REQUIREMENT_SHEETS)}
    stats: dict[str, list[float]] = defaultdict(list)  # the medians' and means' values
    for view, number in views.items():
        events = _events(view, window)
        approvals = _approval_events(view)
        if not events and not approvals:
            continue
        for sheet in (OVERALL, *_requirements(view)):
            tally = tallies[sheet]
            for event in (*events, *approvals.get(sheet, ())):
                tally[event] += number
        for key, value in later.measures(view, window):
            stats[key] += [value] * number
    sheets = [_sheet(OVERALL, "", tallies[OVERALL], stats)]
    sheets += [_sheet(r.upper(), r, tallies[r], None) for r in REQUIREMENT_SHEETS]
    sheets.append(_equality_sheet(_equality_cells(profiles), tallies[OVERALL]["assessed"]))
    return MonitoringReturn(month=window.first, sheets=tuple(sheets))


def _requirements(view: MonthView) -> set[str]:
    """The requirement sheets a case is on: assessed for, consented to, answered by a
    provider on, or sentenced to."""
    found = set(view.assessed_for)
    found.update(view.consented)
    found.update(r for r, _accepted, _in_month in view.provider_answers)
    found.update(r for r in view.sentence_requirements if r in REQUIREMENT_SHEETS)
    return found


def _events(view: MonthView, window: _Month) -> list[str]:
    """Every event of the case in the month, as tally keys (a case counts once per event)."""
    events: list[str] = []
    if view.referred:
        events += ("referred", "source:" + view.referral_source)
    for key, happened in (("screened_mh", view.screened_mh), ("screened_sm", view.screened_sm),
                          ("assessed", view.assessed), ("withdrew", view.withdrew),
                          ("psr", view.psr), ("first_attended", view.first_attended_in),
                          ("missed_two", view.missed_two)):
        if happened:
            events.append(key)
    if view.consent_in:
        events.append("consented" if view.consented else "did_not_consent")
    if window.has(view.sentenced_on):
        events += _sentence_events(view)
        events += _start_events(view, window.today)
    cstr = (view.sentenced_on is not None
            and _combination_key(view.sentence, view.sentence_requirements) is not None)
    events += later.events(view, window, cstr)
    if window.has(view.breach_to_court_on):
        events.append("breach")
    for reason in view.adjournments:
        events += ("adjourned", "adjourned:" + (reason if reason in ADJOURNMENT_REASONS else "other"))
    return events


def _approval_events(view: MonthView) -> dict[str, list[str]]:
    """Approvals in the month, per sheet: the Clinical Lead's decision on the All CSTRs and
    MHTR sheets (Manual §4.4), each DRR or ATR provider's answer on that requirement's sheet,
    and on the All CSTRs sheet once per case and answer (a case with one requirement accepted
    and another not is in both, so each sheet's figure stays at most the All CSTRs one)."""
    found: dict[str, list[str]] = {}
    if view.decision is not None:
        key = "cl_agreed" if view.decision == "treat" else "cl_not_accepted"
        found[OVERALL] = [key]
        found["mhtr"] = [key]
    answers = [(r, accepted) for r, accepted, in_month in view.provider_answers if in_month]
    for requirement, accepted in answers:
        found[requirement] = ["provider_accepted" if accepted else "provider_not_accepted"]
    overall = {"provider_accepted" if accepted else "provider_not_accepted"
               for _r, accepted in answers}
    if overall:
        found.setdefault(OVERALL, []).extend(sorted(overall))
    return found


@lru_cache(maxsize=256)
def _combination_key(sentence: str | None, requirements: tuple[str, ...]) -> str | None:
    combination = order_combination(requirements)
    if combination is None or sentence not in ("community_order", "suspended_sentence_order"):
        return None
    return "combination:" + (combination if combination in ORDER_COMBINATIONS else OTHER_COMBINATION)


def _sentence_events(view: MonthView) -> list[str]:
    combination = _combination_key(view.sentence, view.sentence_requirements)
    if combination is None:
        return ["sentenced", "not_cstr"]
    events = ["sentenced", "cstr", "order:" + str(view.sentence), combination]
    if view.on_the_day:
        events.append("on_the_day")
    return events


def _start_events(view: MonthView, today: date) -> list[str]:
    """The start standard of each DRR or ATR of an order made this month (2014 guidance)."""
    if view.sentenced_on is None or not (set(view.sentence_requirements) & _WITH_STANDARDS):
        return []
    return [f"start_{_START_KEYS[check.state]}:{check.requirement.value}"
            for check in checks_for(view.sentenced_on, view.sentence_requirements,
                                    view.first_starts, today)]


def _equality_cells(profiles: Counter[AssessedProfile]) -> Counter[tuple[str, str]]:
    """People assessed, per (field, value), from the profiles of those assessed (few people
    differ in all of them)."""
    cells: Counter[tuple[str, str]] = Counter()
    for profile, count in profiles.items():
        cells["age", _age_band(profile.age)] += count
        cells["offence_type", profile.offence_type] += count
        for field, value in zip(EQUALITY_FIELDS, profile.equality):
            cells[field, value or NOT_RECORDED] += count
    return cells


def _age_band(age: int) -> str:
    band = "Under 18"
    for lowest, label in AGE_BANDS:
        if age >= lowest:
            band = label
    return band


# --- laying out the sheets ------------------------------------------------------------------


def _sheet(name: str, requirement: str, tally: Counter[str],
           stats: dict[str, list[float]] | None) -> Sheet:
    def line(key: str, label: str) -> Line:
        return Line(f"{name}/{key}", label, tally[key])

    def combination_line(combination: str) -> Line:
        # A combination with this sheet's requirement is the very same cases as on the overall
        # sheet: one figure, one key, so suppressing it anywhere suppresses it everywhere.
        key = f"combination:{combination}"
        return Line(f"{OVERALL}/{key}", combination, tally[key])

    def single(key: str, label: str) -> Group:
        return Group(label, (line(key, label),))

    # A requirement's sheet lists the combinations with that requirement; anything else its
    # cases were given (e.g. an MHTR alone for someone assessed for a DRR) is "Other", so the
    # lines still add up to the total.
    combinations = [c for c in ORDER_COMBINATIONS
                    if not requirement or requirement.upper() in c.split(" + ")]
    listed = sum(tally[f"combination:{c}"] for c in combinations)
    other = Line(f"{name}/combination:{OTHER_COMBINATION}", OTHER_COMBINATION, tally["cstr"] - listed)
    return Sheet(name, (
        Group("Source of referral for assessment",
              tuple(line(f"source:{s.value}", label) for s, label in REFERRAL_SOURCE_NAMES.items()),
              line("referred", "Referred (total)")),
        single("screened_mh", "Screened for mental health problems (K10, CORE-10)"),
        single("screened_sm", "Screened for substance misuse problems (AUDIT-C, AUDIT)"),
        single("assessed", "Assessed for a CSTR"),
        *later.gp_groups(line),
        single("consented", "Agreed to consent to treatment"),
        single("did_not_consent", "Did not agree to consent to treatment"),
        single("withdrew", "Initially agreed to treatment but later withdrew consent"),
        *_approval_groups(requirement, single),
        single("psr", "Recommended for a CSTR by probation in a PSR"),
        Group("Sentenced", (line("cstr", "Sentenced to a CSTR"),
                            line("not_cstr", "Not sentenced to a CSTR")),
              line("sentenced", "Sentenced (total)")),
        Group("Sentenced to a CSTR, by type of order",
              (*(combination_line(c) for c in combinations), other),
              line("cstr", "Sentenced to a CSTR")),
        Group("Sentenced to a CSTR, by order",
              (line("order:community_order", "Community order"),
               line("order:suspended_sentence_order", "Suspended sentence order")),
              line("cstr", "Sentenced to a CSTR")),
        single("on_the_day", "Sentenced to a CSTR on the day (within 24 hours of assessment)"),
        *later.sentence_groups(line, name, requirement, tally),
        *_start_groups(name, requirement, tally),
        single("first_attended", "Attended first treatment appointment"),
        single("missed_two", "Missed at least 2 appointments"),
        single("breach", "Returned to court due to breach"),
        *later.after_sentence_groups(line, name, requirement, stats),
        Group("Adjournments, by reason",
              tuple(line(f"adjourned:{code}", label) for code, label in ADJOURNMENT_REASONS.items()),
              line("adjourned", "Adjournments (total)")),
    ))


def _approval_groups(requirement: str, single: Callable[[str, str], Group]) -> list[Group]:
    """The MHTR is approved by the Clinical Lead, a DRR or ATR by its treatment provider
    (Manual §2.4 "Pre-sentence"); the All CSTRs sheet shows both."""
    groups = []
    if requirement in ("", "mhtr"):
        groups += [single("cl_agreed", "Agreed by the Clinical Lead"),
                   single("cl_not_accepted", "Assessed but not accepted by the Clinical Lead")]
    if requirement in ("", "drr", "atr"):
        groups += [single("provider_accepted", "Approved by the treatment provider"),
                   single("provider_not_accepted", "Not accepted by the treatment provider")]
    return groups


def _start_groups(name: str, requirement: str, tally: Counter[str]) -> list[Group]:
    groups = []
    for code in REQUIREMENTS_WITH_STANDARDS:
        if requirement and requirement != code:
            continue
        wording = START_STANDARDS[SentenceRequirement(code)].wording
        lines = tuple(Line(f"{name}/start_{key}:{code}", label, tally[f"start_{key}:{code}"])
                      for key, label in (("met", "Started within the standard"),
                                         ("missed", "Not started within the standard"),
                                         ("not_due", "Not started, not due yet")))
        # Every order is in one of the three, so they add up to the month's orders: shown as
        # the group's total, as every breakdown has one (the disclosure audit reads it so).
        total = Line(f"{name}/start_orders:{code}", f"{code.upper()} orders made in the month",
                     sum(line.count for line in lines))
        groups.append(Group(f"{code.upper()} treatment start ({wording})", lines, total))
    return groups


def _equality_sheet(cells: Counter[tuple[str, str]], assessed: int) -> Sheet:
    total = Line(f"{OVERALL}/assessed", "Assessed for a CSTR", assessed)
    fields = {"age": "Age", "offence_type": "Offence type", **EQUALITY_FIELDS}
    groups = []
    for field, title in fields.items():
        values = sorted(value for f, value in cells if f == field)
        lines = tuple(Line(f"{EQUALITY}/{field}:{value}", _value_label(field, value),
                           cells[field, value]) for value in values)
        groups.append(Group(f"{title} (people assessed)", lines, total))
    return Sheet(EQUALITY, tuple(groups))


def _value_label(field: str, value: str) -> str:
    if field == "offence_type" and value in OFFENCE_NAMES:
        return OFFENCE_NAMES[OffenceType(value)]
    if value == NOT_RECORDED or value[0].isdigit() or value == "Under 18":
        return value
    return value.replace("_", " ").capitalize()
