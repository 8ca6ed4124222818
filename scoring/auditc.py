"""AUDIT-C: the AUDIT's three consumption questions (items 1-3), total 0-12 (Bush et al. 1998,
Arch Intern Med 158:1789-1795), with the UK threshold of 5."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers, skipped_answer_notes, skipped_items
from scoring.bands import BandScheme
from scoring.flags import present
from scoring.result import Flag, FlagCode, ScoreResult
from scoring.totals import scale_score

INSTRUMENT_ID = "auditc"

SCORING_SOURCE = "Bush et al. 1998, Arch Intern Med 158:1789-1795 (sum of AUDIT items 1-3, 0-12)"
# The AUDIT's own skip rule for its first items (Babor et al. 2001): item 1 "Never" means items
# 2 and 3 are not asked and score 0.
SKIP_SOURCE = "Babor et al. 2001, WHO AUDIT interview version (item 1 'Never': items 2-3 score 0)"
MISSING_SOURCE = "the AUDIT-C, which has no pro-rating rule,"

# UK AUDIT-C threshold: 5 or more is positive, i.e. increasing or higher risk drinking, and the
# full AUDIT should follow (Public Health England / DHSC "Alcohol use screening tests" AUDIT-C
# form; NICE PH24 2010 endorses AUDIT-C screening).
POSITIVE_AT = 5
POSITIVE_SOURCE = "PHE/DHSC AUDIT-C form (UK: 5+ positive)"

BANDS = BandScheme(
    name=f"AUDIT-C screen ({POSITIVE_SOURCE})",
    bands=(
        (0, "negative", "Screen negative (lower risk)"),
        # The advice to complete the full AUDIT is the flag's, so it can follow what was given.
        (POSITIVE_AT, "positive", "Screen positive (increasing or higher risk)"),
    ),
)

# No published reliable change value for the AUDIT-C was found; it is a screen here.
CHANGE = None


def positive_flag(auditc: float | None, *, within_full_audit: bool = False) -> Flag | None:
    """A positive AUDIT-C calls for the full AUDIT; inside a full AUDIT (its items 1-3) that
    advice is already followed, so the message says so instead of asking for it again."""
    if auditc is None or auditc < POSITIVE_AT:
        return None
    if within_full_audit:
        message = (f"AUDIT-C part (items 1-3) {auditc:g} is positive (5 or more); this full AUDIT "
                   f"is the follow-up it calls for ({POSITIVE_SOURCE}).")
    else:
        message = f"AUDIT-C {auditc:g} (5 or more) is positive: complete the full AUDIT ({POSITIVE_SOURCE})."
    return Flag(code=FlagCode.AUDITC_POSITIVE, message=message, items=(1, 2, 3))


def score(answers: Answers) -> ScoreResult:
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    skipped = skipped_items(form, checked)
    asked = {n: v for n, v in checked.items() if n not in skipped}
    scale = scale_score(asked, max_missing=0, scale="AUDIT-C", rule=MISSING_SOURCE)
    total = scale.total
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=total is not None,
        refusals=(scale.refusal,) if scale.refusal else (),
        missing_items=scale.missing,
        skipped_items=skipped,
        total=total,
        band=BANDS.band_for(total) if total is not None else None,
        flags=present(positive_flag(total)),
        notes=skipped_answer_notes(form, checked),
        sources=(SCORING_SOURCE, SKIP_SOURCE, POSITIVE_SOURCE),
    )
