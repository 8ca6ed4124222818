"""CORE-10: psychological distress, 10 items each 0-4 after reverse keying items 2 and 3;
clinical score = total (0-40) (Barkham et al. 2013, Counselling and Psychotherapy Research
13:3-13; CORE-10 User Manual v1.0, 2007)."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers, scored_value
from scoring.bands import BandScheme
from scoring.change import ChangeRule
from scoring.flags import present, risk_flag
from scoring.result import RiskAdvice, ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "core10"

# Barkham et al. 2013, Counselling and Psychotherapy Research 13:3-13; CORE-10 User Manual v1.0,
# 2007: items 2 and 3 reverse scored; clinical score = total.
SCORING_SOURCE = Source.CORE10_SCORING

# CORE System Trust, "What's in a name (1): scoring CORE measures": the CORE-10 may be pro-rated
# with one item missing (mean of the other nine x 10); more than one missing, no score.
MAX_MISSING = 1
MISSING_SOURCE = Source.CORE10_MISSING

# CORE-10 User Manual v1.0 (2007), Figure 1 "Practice guide for interpreting CORE-10 clinical
# scores", and Barkham et al. 2013: healthy 0-5, low 6-10, mild 11-14, moderate 15-19,
# moderate-to-severe 20-24, severe 25-40. A pro-rated score is banded unrounded.
BANDS = BandScheme(
    scheme=Source.CORE10_BANDS,
    bands=((0, "healthy"), (6, "low"), (11, "mild"), (15, "moderate"), (20, "moderate_severe"),
           (25, "severe")),
)

# Barkham et al. 2013: clinical cut-off 11 (scores of 11 or more are in the clinical range) and
# a reliable change index of 6 points on the clinical score.
CLINICAL_CUTOFF = 11
RELIABLE_CHANGE = 6

CHANGE = ChangeRule(
    reliable_change=RELIABLE_CHANGE,
    clinical_cutoff=CLINICAL_CUTOFF,
    score_key="total",
    defines_recovery=False,
    # Reliable change 6, clinical cut-off 11: Barkham et al. 2013, CPR 13:3-13.
    sources=(Source.CORE10_CHANGE,),
)

# Application choice: the CORE System Trust advises treating risk items as flags, so item 6
# ("I made plans to end my life") answered above "Not at all" is raised whatever the total.
RISK_ADVICE = RiskAdvice.ASSESS_RISK


def score(answers: Answers) -> ScoreResult:
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    item_scores = {n: None if v is None else scored_value(form, n, v) for n, v in checked.items()}
    scale = scale_score(item_scores, max_missing=MAX_MISSING, rule=MISSING_SOURCE)
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=scale.total is not None,
        refusals=(scale.refusal,) if scale.refusal else (),
        missing_items=scale.missing,
        prorated=scale.prorated,
        total=scale.total,
        # "mean": item mean 0-4; "clinical": mean x 10, the same as the total for the CORE-10.
        derived={"mean": scale.mean, "clinical": scale.total},
        band=BANDS.band_for(scale.total) if scale.total is not None else None,
        flags=present(risk_flag(form, checked, RISK_ADVICE)),
        sources=(SCORING_SOURCE, MISSING_SOURCE, BANDS.scheme),
    )
