"""GAD-7: anxiety severity, items 1-7 each 0-3, total 0-21; the difficulty question is not
scored (Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092-1097)."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers
from scoring.bands import BandScheme
from scoring.change import ChangeRule
from scoring.flags import caseness_flag, present
from scoring.result import ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "gad7"

# Spitzer et al. 2006, Arch Intern Med 166:1092-1097: the sum of items 1-7.
SCORING_SOURCE = Source.GAD7_SCORING

# No published missing-item rule was found for the GAD-7 (Spitzer 2006 gives none; the NHS Data
# Dictionary rule is for the PHQ-9). Application choice, conservative: no pro-rating. Seven
# items with caseness at 8 and reliable change at 4 leave little room for imputation, and at
# court the missing item can simply be asked again.
MAX_MISSING = 0
MISSING_SOURCE = Source.GAD7_MISSING

# Severity bands: Spitzer et al. 2006 give 5, 10 and 15 as the cut-off points for mild,
# moderate and severe anxiety.
BANDS = BandScheme(
    scheme=Source.GAD7_BANDS,
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
)

IAPT_SOURCE = Source.IAPT
# IAPT caseness: GAD-7 of 8 or more (IAPT Data Handbook v2.0, 2011; NHS Talking Therapies Manual).
CASENESS_CUTOFF = 8
# IAPT reliable change on the GAD-7: 4 points (same sources). Recovery: case before, not after.
RELIABLE_CHANGE = 4

CHANGE = ChangeRule(
    reliable_change=RELIABLE_CHANGE,
    clinical_cutoff=CASENESS_CUTOFF,
    score_key="total",
    defines_recovery=True,
    sources=(Source.GAD7_CHANGE,),
)


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
        flags=present(caseness_flag(scale.total, CASENESS_CUTOFF, IAPT_SOURCE)),
        sources=(SCORING_SOURCE, MISSING_SOURCE, BANDS.scheme, IAPT_SOURCE),
    )
