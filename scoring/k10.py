"""K10: non-specific psychological distress, items 1-10 each 1-5, total 10-50 (Kessler et al.
2002, Psychol Med 32:959-976; Kessler et al. 2003, Arch Gen Psychiatry 60:184-189)."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers
from scoring.bands import BandScheme
from scoring.result import ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "k10"

# Kessler et al. 2002, Psychol Med 32:959-976: the sum of items 1-10, 10-50.
SCORING_SOURCE = Source.K10_SCORING

# PMHC-MDS specification, K10 total score (from 1 November 2021): one missing item is
# pro-rated as round(sum of the 9 answered / 9 x 10); more than one missing, no score. The
# rounded value is the published total, so it is what is banded. (sum x 10 / 9 is never exactly
# x.5 for whole-number sums, so Python's round-half-even cannot differ from rounding half up.)
MAX_MISSING = 1
MISSING_SOURCE = Source.K10_MISSING

# Andrews & Slade 2001 (Aust N Z J Public Health 25:494-497), as used by the Australian Bureau
# of Statistics: 10-15 low, 16-21 moderate, 22-29 high, 30-50 very high.
ANDREWS_SLADE_2001 = BandScheme(
    scheme=Source.K10_ANDREWS_SLADE_2001,
    bands=((10, "low"), (16, "moderate"), (22, "high"), (30, "very_high")),
)
# AIHW METeOR 376091 / Victorian Population Health Survey: 10-19 likely to be well, 20-24 mild,
# 25-29 moderate, 30-50 severe mental disorder.
AIHW = BandScheme(
    scheme=Source.K10_AIHW,
    bands=((10, "likely_well"), (20, "mild"), (25, "moderate"), (30, "severe")),
)
SCHEMES: dict[str, BandScheme] = {"andrews_slade_2001": ANDREWS_SLADE_2001, "aihw": AIHW}
# We found no K10 banding set for England's services (Manual §4.1 names the K10 as a screen but
# gives no scheme, and England's national datasets do not use the K10). Andrews & Slade is the
# default: it fits the "during the last 30 days" K10 on these forms, it is the most widely cited
# scheme and the one the ABS publishes; a site reporting with AIHW bands sets scheme="aihw".
DEFAULT_SCHEME = "andrews_slade_2001"

# No published reliable change value for the K10 was found, and the K10 is a screen here, not a
# pre/post outcome measure (Manual §2.4 names CORE-34, PHQ-9, GAD-7), so change is not offered.
CHANGE = None


class SchemeError(ValueError):
    """An unknown K10 band scheme was asked for."""


def score(answers: Answers, *, scheme: str = DEFAULT_SCHEME) -> ScoreResult:
    if scheme not in SCHEMES:
        raise SchemeError(f"unknown K10 band scheme {scheme!r} (choose {' or '.join(SCHEMES)})")
    bands = SCHEMES[scheme]
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    scale = scale_score(checked, max_missing=MAX_MISSING, rule=MISSING_SOURCE)
    total = float(round(scale.total)) if scale.total is not None else None
    derived: dict[str, float | None] = {}
    if scale.prorated:
        derived["prorated_unrounded"] = scale.total
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=total is not None,
        refusals=(scale.refusal,) if scale.refusal else (),
        missing_items=scale.missing,
        prorated=scale.prorated,
        total=total,
        derived=derived,
        band=bands.band_for(total) if total is not None else None,
        sources=(SCORING_SOURCE, MISSING_SOURCE, bands.scheme),
    )
