"""AUDIT-C: the AUDIT's three consumption questions (items 1-3), total 0-12 (Bush et al. 1998,
Arch Intern Med 158:1789-1795), with the UK threshold of 5."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers, skipped_answers, skipped_items
from scoring.bands import BandScheme
from scoring.flags import present
from scoring.result import Flag, FlagCode, ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "auditc"

# Bush et al. 1998, Arch Intern Med 158:1789-1795: the sum of AUDIT items 1-3, 0-12.
SCORING_SOURCE = Source.AUDITC_SCORING
# The AUDIT's own skip rule for its first items (Babor et al. 2001): item 1 "Never" means items
# 2 and 3 are not asked and score 0.
SKIP_SOURCE = Source.AUDITC_SKIP
# The AUDIT-C has no pro-rating rule.
MISSING_SOURCE = Source.AUDITC_MISSING

# UK AUDIT-C threshold: 5 or more is positive, i.e. increasing or higher risk drinking, and the
# full AUDIT should follow (Public Health England / DHSC "Alcohol use screening tests" AUDIT-C
# form; NICE PH24 2010 endorses AUDIT-C screening).
POSITIVE_AT = 5
POSITIVE_SOURCE = Source.AUDITC_POSITIVE

BANDS = BandScheme(
    scheme=Source.AUDITC_BANDS,
    # The advice to complete the full AUDIT is the flag's, so it can follow what was given.
    bands=((0, "negative"), (POSITIVE_AT, "positive")),
)

# No published reliable change value for the AUDIT-C was found; it is a screen here.
CHANGE = None


def positive_flag(auditc: float | None) -> Flag | None:
    """A positive AUDIT-C calls for the full AUDIT; inside a full AUDIT (its items 1-3) that
    advice is already followed, so the flag's words say so there instead of asking again."""
    if auditc is None or auditc < POSITIVE_AT:
        return None
    return Flag(code=FlagCode.AUDITC_POSITIVE, items=(1, 2, 3), score=auditc,
                threshold=POSITIVE_AT, source=POSITIVE_SOURCE)


def score(answers: Answers) -> ScoreResult:
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    skipped = skipped_items(form, checked)
    asked = {n: v for n, v in checked.items() if n not in skipped}
    scale = scale_score(asked, max_missing=0, rule=MISSING_SOURCE)
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
        notes=skipped_answers(form, checked),
        sources=(SCORING_SOURCE, SKIP_SOURCE, POSITIVE_SOURCE),
    )
