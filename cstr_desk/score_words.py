"""Scores in words (issue 15 item 1: codes in the core, words at the edge).

`scoring` returns codes and parameters (a band's scheme and code, a flag's code with its items,
score and threshold, a refusal's missing items and rule); this module is the one place their
words are written, for the screens, the reports, the FHIR export and the command line alike.
Each function takes `tr` (context, English text) -> text: the screens pass Qt's translator
(QCoreApplication.translate), so the words marked here with QT_TRANSLATE_NOOP are read through
the catalogue; paper and exports keep the default, English.

Band labels are the published wording of each scheme, verbatim (../shared/instruments/;
each scheme's source is cited where its cut-offs are, in the scoring module).
"""

from __future__ import annotations

import forms
from cstr_desk.translatable import QT_TRANSLATE_NOOP, Translate, english
from scoring import audit
from scoring.result import (
    Band, ChangeResult, Flag, FlagCode, MissingItems, RiskAdvice, ScoreResult, SkippedAnswer,
)
from scoring.sources import MISSING_ITEM_RULES, Source

BAND_LABELS: dict[tuple[Source, str], str] = {
    # Andrews & Slade 2001, as the Australian Bureau of Statistics publishes them.
    (Source.K10_ANDREWS_SLADE_2001, "low"): QT_TRANSLATE_NOOP("score bands", "Low"),
    (Source.K10_ANDREWS_SLADE_2001, "moderate"): QT_TRANSLATE_NOOP("score bands", "Moderate"),
    (Source.K10_ANDREWS_SLADE_2001, "high"): QT_TRANSLATE_NOOP("score bands", "High"),
    (Source.K10_ANDREWS_SLADE_2001, "very_high"): QT_TRANSLATE_NOOP("score bands", "Very high"),
    # AIHW METeOR 376091 / Victorian Population Health Survey.
    (Source.K10_AIHW, "likely_well"): QT_TRANSLATE_NOOP("score bands", "Likely to be well"),
    (Source.K10_AIHW, "mild"): QT_TRANSLATE_NOOP("score bands", "Likely to have a mild mental disorder"),
    (Source.K10_AIHW, "moderate"): QT_TRANSLATE_NOOP("score bands", "Likely to have a moderate mental disorder"),
    (Source.K10_AIHW, "severe"): QT_TRANSLATE_NOOP("score bands", "Likely to have a severe mental disorder"),
    # CORE-10 User Manual v1.0 (2007), Figure 1; Barkham et al. 2013.
    (Source.CORE10_BANDS, "healthy"): QT_TRANSLATE_NOOP("score bands", "Healthy"),
    (Source.CORE10_BANDS, "low"): QT_TRANSLATE_NOOP("score bands", "Low level"),
    (Source.CORE10_BANDS, "mild"): QT_TRANSLATE_NOOP("score bands", "Mild"),
    (Source.CORE10_BANDS, "moderate"): QT_TRANSLATE_NOOP("score bands", "Moderate"),
    (Source.CORE10_BANDS, "moderate_severe"): QT_TRANSLATE_NOOP("score bands", "Moderate-to-severe"),
    (Source.CORE10_BANDS, "severe"): QT_TRANSLATE_NOOP("score bands", "Severe"),
    # Barkham et al. 2006, as used by the CORE System.
    (Source.CORE34_BANDS, "healthy"): QT_TRANSLATE_NOOP("score bands", "Healthy"),
    (Source.CORE34_BANDS, "low"): QT_TRANSLATE_NOOP("score bands", "Low level"),
    (Source.CORE34_BANDS, "mild"): QT_TRANSLATE_NOOP("score bands", "Mild"),
    (Source.CORE34_BANDS, "moderate"): QT_TRANSLATE_NOOP("score bands", "Moderate"),
    (Source.CORE34_BANDS, "moderate_severe"): QT_TRANSLATE_NOOP("score bands", "Moderate-to-severe"),
    (Source.CORE34_BANDS, "severe"): QT_TRANSLATE_NOOP("score bands", "Severe"),
    # Kroenke et al. 2001, as the NHS Data Dictionary names them.
    (Source.PHQ9_BANDS, "none_minimal"): QT_TRANSLATE_NOOP("score bands", "None-minimal"),
    (Source.PHQ9_BANDS, "mild"): QT_TRANSLATE_NOOP("score bands", "Mild"),
    (Source.PHQ9_BANDS, "moderate"): QT_TRANSLATE_NOOP("score bands", "Moderate"),
    (Source.PHQ9_BANDS, "moderately_severe"): QT_TRANSLATE_NOOP("score bands", "Moderately severe"),
    (Source.PHQ9_BANDS, "severe"): QT_TRANSLATE_NOOP("score bands", "Severe"),
    # Spitzer et al. 2006.
    (Source.GAD7_BANDS, "minimal"): QT_TRANSLATE_NOOP("score bands", "Minimal"),
    (Source.GAD7_BANDS, "mild"): QT_TRANSLATE_NOOP("score bands", "Mild"),
    (Source.GAD7_BANDS, "moderate"): QT_TRANSLATE_NOOP("score bands", "Moderate"),
    (Source.GAD7_BANDS, "severe"): QT_TRANSLATE_NOOP("score bands", "Severe"),
    # WHO risk zones (Babor et al. 2001) with the NICE PH24 (2010) names.
    (Source.AUDIT_ZONES, "zone_1"): QT_TRANSLATE_NOOP("score bands", "Zone I: lower risk"),
    (Source.AUDIT_ZONES, "zone_2"): QT_TRANSLATE_NOOP("score bands", "Zone II: hazardous drinking"),
    (Source.AUDIT_ZONES, "zone_3"): QT_TRANSLATE_NOOP("score bands", "Zone III: harmful drinking"),
    (Source.AUDIT_ZONES, "zone_4"): QT_TRANSLATE_NOOP("score bands", "Zone IV: possible dependence"),
    # PHE/DHSC AUDIT-C form.
    (Source.AUDITC_BANDS, "negative"): QT_TRANSLATE_NOOP("score bands", "Screen negative (lower risk)"),
    (Source.AUDITC_BANDS, "positive"): QT_TRANSLATE_NOOP("score bands", "Screen positive (increasing or higher risk)"),
}

# The missing-items rules as a refusal names them ("... K10: 2 items missing (2, 7); <rule>
# allows at most 1 missing."), shown on screen with the refusal.
MISSING_ITEM_RULE_WORDS: dict[Source, str] = {
    Source.K10_MISSING: QT_TRANSLATE_NOOP("score rules", "the PMHC-MDS K10 scoring rule (Nov 2021: pro-rate one missing item, rounded)"),
    Source.CORE10_MISSING: QT_TRANSLATE_NOOP("score rules", "the CORE System Trust rule ('What's in a name (1)': pro-rate one missing item)"),
    Source.CORE34_MISSING: QT_TRANSLATE_NOOP("score rules", "the CORE System Trust rule ('What's in a name (1)', 2023)"),
    Source.PHQ9_MISSING: QT_TRANSLATE_NOOP("score rules", "the NHS Data Dictionary PHQ-9 rule (pro-rate 1 or 2 missing items)"),
    Source.GAD7_MISSING: QT_TRANSLATE_NOOP("score rules", "CSTR Desk's rule for the GAD-7 (no published rule; no pro-rating)"),
    Source.AUDIT_MISSING: QT_TRANSLATE_NOOP("score rules", "the WHO AUDIT manual, which gives no pro-rating rule,"),
    Source.AUDITC_MISSING: QT_TRANSLATE_NOOP("score rules", "the AUDIT-C, which has no pro-rating rule,"),
}

_IAPT = "NHS Talking Therapies (IAPT) Manual and IAPT Data Handbook v2.0, 2011"
_AUDITC_POSITIVE = "PHE/DHSC AUDIT-C form (UK: 5+ positive)"

# Every other source as it is cited on paper and in the FHIR export: references, so they are
# not translated.
CITATIONS: dict[Source, str] = {
    Source.K10_SCORING: "Kessler et al. 2002, Psychol Med 32:959-976 (sum of items 1-10, 10-50)",
    Source.K10_ANDREWS_SLADE_2001:
        "K10 levels of distress (Andrews & Slade 2001; Australian Bureau of Statistics)",
    Source.K10_AIHW: "K10 (AIHW METeOR 376091; Victorian Population Health Survey)",
    Source.CORE10_SCORING:
        "Barkham et al. 2013, Counselling and Psychotherapy Research 13:3-13; CORE-10 User Manual"
        " v1.0, 2007 (items 2 and 3 reverse scored; clinical score = total)",
    Source.CORE10_BANDS:
        "CORE-10 clinical score bands (CORE-10 User Manual 2007, Figure 1; Barkham et al. 2013)",
    Source.CORE10_CHANGE: "Reliable change 6, clinical cut-off 11: Barkham et al. 2013, CPR 13:3-13",
    Source.CORE34_SCORING:
        "Evans et al. 2002, Br J Psychiatry 180:51-60; CORE System Trust CORE-OM information"
        " (items 3, 4, 7, 12, 19, 21, 31, 32 reverse scored; means of answered items, x10 clinical)",
    Source.CORE34_BANDS: "CORE-OM clinical score bands (Barkham et al. 2006, CPR 6:3-15)",
    Source.CORE34_RELIABLE_CHANGE: "Reliable change 5 (clinical score): Evans et al. 2002; CORE IMS",
    Source.CORE34_CLINICAL_CUTOFF: "Clinical cut-off 10: Connell et al. 2007, Br J Psychiatry 190:69-74",
    Source.PHQ9_SCORING:
        "Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-613 (sum of items 1-9)",
    Source.PHQ9_BANDS: "PHQ-9 severity (Kroenke et al. 2001; NHS Data Dictionary)",
    Source.PHQ9_CHANGE: f"Reliable change 6, caseness 10, recovery: {_IAPT}",
    Source.GAD7_SCORING: "Spitzer et al. 2006, Arch Intern Med 166:1092-1097 (sum of items 1-7)",
    Source.GAD7_BANDS: "GAD-7 severity (Spitzer et al. 2006)",
    Source.GAD7_CHANGE: f"Reliable change 4, caseness 8, recovery: {_IAPT}",
    Source.IAPT: _IAPT,
    Source.AUDIT_SCORING: "Babor et al. 2001, WHO AUDIT manual 2nd ed. (sum of items 1-10, 0-40)",
    Source.AUDIT_SKIP:
        "Babor et al. 2001, interview version skip instructions (skipped items score 0)",
    Source.AUDIT_ZONES: "AUDIT risk zones (Babor et al. 2001, WHO; labels NICE PH24, 2010)",
    Source.ATR_GUIDANCE: "NOMS Alcohol Interventions Guidance 2010, in the 2014 CSTR guidance",
    Source.AUDITC_SCORING:
        "Bush et al. 1998, Arch Intern Med 158:1789-1795 (sum of AUDIT items 1-3, 0-12)",
    Source.AUDITC_SKIP:
        "Babor et al. 2001, WHO AUDIT interview version (item 1 'Never': items 2-3 score 0)",
    Source.AUDITC_POSITIVE: _AUDITC_POSITIVE,
    Source.AUDITC_BANDS: f"AUDIT-C screen ({_AUDITC_POSITIVE})",
}

CORE_OM_SCALE_NAMES: dict[str, str] = {
    "all": QT_TRANSLATE_NOOP("score scales", "All items"),
    "all_minus_risk": QT_TRANSLATE_NOOP("score scales", "All minus risk"),
    "W": QT_TRANSLATE_NOOP("score scales", "Well-being"),
    "P": QT_TRANSLATE_NOOP("score scales", "Problems"),
    "F": QT_TRANSLATE_NOOP("score scales", "Functioning"),
    "R": QT_TRANSLATE_NOOP("score scales", "Risk"),
}

RISK_ADVICE_WORDS: dict[RiskAdvice, str] = {
    RiskAdvice.ASSESS_RISK: QT_TRANSLATE_NOOP("scores", "assess risk now."),
    RiskAdvice.REVIEW_RISK_TO_SELF_AND_OTHERS: QT_TRANSLATE_NOOP("scores", "review risk to self and others now."),
}

_MISSING = {
    "one": QT_TRANSLATE_NOOP("scores", "{scale}: 1 item missing ({items}); {rule} allows {allowed}."),
    "many": QT_TRANSLATE_NOOP("scores", "{scale}: {count} items missing ({items}); {rule} allows {allowed}."),
}
_ALLOWED = {
    "none": QT_TRANSLATE_NOOP("scores", "no missing items"),
    "some": QT_TRANSLATE_NOOP("scores", "at most {count} missing"),
}
_SKIPPED = QT_TRANSLATE_NOOP("scores", "{instrument} item {item} has the answer {answer} but is skipped by the rule \"{rule}\", so it scores 0.")
_RISK_ITEM = QT_TRANSLATE_NOOP("scores", "{number} “{text}” answered “{answer}”")
_RISK = {
    "one": QT_TRANSLATE_NOOP("scores", "Risk item {items}: {advice}"),
    "many": QT_TRANSLATE_NOOP("scores", "Risk items {items}: {advice}"),
}
_NO_ANSWER = QT_TRANSLATE_NOOP("scores", "no answer")
_FLAGS: dict[FlagCode, str] = {
    FlagCode.IAPT_CASENESS: QT_TRANSLATE_NOOP("scores", "{instrument} score {score} is at or above the caseness cut-off of {threshold} ({source})."),
    FlagCode.AUDIT_POSSIBLE_DEPENDENCE: QT_TRANSLATE_NOOP("scores", "{instrument} {score} ({threshold} or more): possible dependence - consider ATR ({source}). The score supports the assessment; it does not decide it."),
    FlagCode.AUDIT_INVESTIGATE_ATR: QT_TRANSLATE_NOOP("scores", "{instrument} {score} ({threshold}-{below}): investigate ATR suitability ({source})."),
    FlagCode.AUDITC_POSITIVE: QT_TRANSLATE_NOOP("scores", "AUDIT-C {score} ({threshold} or more) is positive: complete the full AUDIT ({source})."),
}
# Inside a full AUDIT (its items 1-3) the advice to give the full AUDIT is already followed.
_AUDITC_POSITIVE_WITHIN_AUDIT = QT_TRANSLATE_NOOP("scores", "AUDIT-C part (items 1-3) {score} is positive ({threshold} or more); this full AUDIT is the follow-up it calls for ({source}).")
_CHANGE_NOT_SCORABLE = QT_TRANSLATE_NOOP("scores", "Change cannot be classified:")
_BEFORE = QT_TRANSLATE_NOOP("scores", "before: {reason}")
_AFTER = QT_TRANSLATE_NOOP("scores", "after: {reason}")


def band_label(band: Band, tr: Translate = english) -> str:
    """The band's published label: "Very high", "Zone II: hazardous drinking"."""
    return tr("score bands", BAND_LABELS[(band.scheme, band.code)])


def source_words(source: Source) -> str:
    """A source as `ScoreResult.sources` lists it on paper and in the FHIR export."""
    if source in MISSING_ITEM_RULES:
        return f"Missing items: {MISSING_ITEM_RULE_WORDS[source]}"
    return CITATIONS[source]


def _title(instrument_id: str) -> str:
    return forms.load_form(instrument_id).short_title


def missing_items_words(instrument_id: str, refusal: MissingItems, tr: Translate = english) -> str:
    """"PHQ-9: 3 items missing (1, 2, 3); the NHS Data Dictionary PHQ-9 rule (...) allows at
    most 2 missing.": the scale, what is missing and the rule that refuses."""
    scale = _title(instrument_id)
    if refusal.scale is not None and refusal.scale in CORE_OM_SCALE_NAMES:
        scale = f"{scale} {tr('score scales', CORE_OM_SCALE_NAMES[refusal.scale])}"
    allowed = (tr("scores", _ALLOWED["none"]) if refusal.max_missing == 0
               else tr("scores", _ALLOWED["some"]).format(count=refusal.max_missing))
    template = _MISSING["one"] if len(refusal.missing) == 1 else _MISSING["many"]
    return tr("scores", template).format(
        scale=scale, count=len(refusal.missing), items=", ".join(str(n) for n in refusal.missing),
        rule=tr("score rules", MISSING_ITEM_RULE_WORDS[refusal.rule]), allowed=allowed)


def refusal_words(result: ScoreResult, tr: Translate = english) -> list[str]:
    """Why the result cannot be scored, one sentence per refusing rule."""
    return [missing_items_words(result.instrument_id, r, tr) for r in result.refusals]


def note_words(result: ScoreResult, tr: Translate = english) -> list[str]:
    """What was left out of an otherwise scored form, one sentence each."""
    return [_note(result.instrument_id, note, tr) for note in result.notes]


def _note(instrument_id: str, note: MissingItems | SkippedAnswer, tr: Translate) -> str:
    if isinstance(note, MissingItems):
        return missing_items_words(instrument_id, note, tr)
    form = forms.load_form(instrument_id)
    rule = next(r for r in form.skip_rules if note.item in r.skip_items)
    return tr("scores", _SKIPPED).format(instrument=form.short_title, item=note.item,
                                         answer=note.answer, rule=rule.description)


def answer_label(form: forms.FormDefinition, number: int, value: int | None,
                 tr: Translate = english) -> str:
    """The option's printed wording for an answer value ("Sometimes"), as the form gives it."""
    for option in form.options_for(number):
        if option.value == value:
            return option.label
    return tr("scores", _NO_ANSWER) if value is None else str(value)


def endorsed_item(form: forms.FormDefinition, number: int, value: int | None,
                  tr: Translate = english) -> str:
    """'16 “I made plans to end my life” answered “Sometimes”': the item's printed wording."""
    return tr("scores", _RISK_ITEM).format(number=number, text=form.item(number).text.rstrip("."),
                                           answer=answer_label(form, number, value, tr))


def flag_words(instrument_id: str, flag: Flag, tr: Translate = english) -> str:
    """The flag's one sentence. A risk flag names each item (number and wording) and the answer
    given, so whoever reads it knows what was disclosed without opening the questionnaire."""
    if flag.code is FlagCode.RISK_ITEM:
        form = forms.load_form(instrument_id)
        named = "; ".join(endorsed_item(form, n, v, tr) for n, v in zip(flag.items, flag.answers))
        advice = tr("scores", RISK_ADVICE_WORDS[flag.advice]) if flag.advice else ""
        template = _RISK["one"] if len(flag.items) == 1 else _RISK["many"]
        return tr("scores", template).format(items=named, advice=advice)
    template = _FLAGS[flag.code]
    if flag.code is FlagCode.AUDITC_POSITIVE and instrument_id == audit.INSTRUMENT_ID:
        template = _AUDITC_POSITIVE_WITHIN_AUDIT
    return tr("scores", template).format(
        instrument=_title(instrument_id), score=_number(flag.score),
        threshold=_number(flag.threshold), below=_number(audit.POSSIBLE_DEPENDENCE_AT - 1),
        source=CITATIONS[flag.source] if flag.source else "")


def change_refusal_words(change: ChangeResult, tr: Translate = english) -> str:
    """Why change between two administrations cannot be classified: each side's refusals."""
    reasons = [tr("scores", _BEFORE).format(reason=missing_items_words(change.instrument_id, r, tr))
               for r in change.refusals_before]
    reasons += [tr("scores", _AFTER).format(reason=missing_items_words(change.instrument_id, r, tr))
                for r in change.refusals_after]
    return " ".join([tr("scores", _CHANGE_NOT_SCORABLE), *reasons])


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
