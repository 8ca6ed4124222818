"""PHQ-9: depression severity, items 1-9 each 0-3, total 0-27; the difficulty question is not
scored (Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-613)."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers
from scoring.bands import BandScheme
from scoring.change import ChangeRule
from scoring.flags import caseness_flag, present, risk_flag
from scoring.result import RiskAdvice, ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "phq9"

# Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-613: the sum of items 1-9.
SCORING_SOURCE = Source.PHQ9_SCORING

# NHS Data Dictionary, PHQ-9: with 1 or 2 items missing, each is replaced by the mean of the
# answered items (total x 9 / answered); with more than 2 missing there is no score.
MAX_MISSING = 2
MISSING_SOURCE = Source.PHQ9_MISSING

# Severity bands 0-4, 5-9, 10-14, 15-19, 20-27: Kroenke et al. 2001, as adopted by the NHS Data
# Dictionary, PHQ-9. A pro-rated total is banded unrounded.
BANDS = BandScheme(
    scheme=Source.PHQ9_BANDS,
    bands=((0, "none_minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"),
           (20, "severe")),
)

IAPT_SOURCE = Source.IAPT
# IAPT caseness: PHQ-9 of 10 or more (IAPT Data Handbook v2.0, 2011; NHS Talking Therapies Manual).
CASENESS_CUTOFF = 10
# IAPT reliable change on the PHQ-9: 6 points (IAPT Data Handbook v2.0, 2011, "reliable
# improvement"; NHS Talking Therapies Manual). Recovery: a case before, not a case after. IAPT
# reports recovery jointly over PHQ-9 and GAD-7 (a case on either before, on neither after); the
# result here is per measure, and a report wanting the joint figure combines the two.
RELIABLE_CHANGE = 6

CHANGE = ChangeRule(
    reliable_change=RELIABLE_CHANGE,
    clinical_cutoff=CASENESS_CUTOFF,
    score_key="total",
    defines_recovery=True,
    sources=(Source.PHQ9_CHANGE,),
)

# Application choice: item 9 asks about thoughts of death or self-harm; any answer above
# "Not at all" prompts a risk assessment (the PHQ-9 itself gives no rule).
RISK_ADVICE = RiskAdvice.ASSESS_RISK


def score(answers: Answers) -> ScoreResult:
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    scale = scale_score(checked, max_missing=MAX_MISSING, rule=MISSING_SOURCE)
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=scale.total is not None,
        refusals=(scale.refusal,) if scale.refusal else (),
        missing_items=scale.missing,
        prorated=scale.prorated,
        total=scale.total,
        band=BANDS.band_for(scale.total) if scale.total is not None else None,
        flags=present(
            risk_flag(form, checked, RISK_ADVICE),
            caseness_flag(scale.total, CASENESS_CUTOFF, IAPT_SOURCE),
        ),
        sources=(SCORING_SOURCE, MISSING_SOURCE, BANDS.scheme, IAPT_SOURCE),
    )
