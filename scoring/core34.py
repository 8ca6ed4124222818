"""CORE-OM (CORE-34): 34 items each 0-4 after reverse keying the eight positively worded items;
scores are item means (0-4) and clinical scores (mean x 10) for All items, All minus risk and
the four domains (Evans et al. 2002, Br J Psychiatry 180:51-60; CORE System Trust)."""

from __future__ import annotations

from forms import load_form
from forms.schema import FormDefinition
from scoring.answers import Answers, checked_answers, scored_value
from scoring.bands import BandScheme
from scoring.change import ChangeRule
from scoring.flags import present, risk_flag
from scoring.result import RiskAdvice, ScoreResult
from scoring.sources import Source
from scoring.totals import ScaleScore, scale_score

INSTRUMENT_ID = "core34"

# Evans et al. 2002, Br J Psychiatry 180:51-60; CORE System Trust CORE-OM information: items 3,
# 4, 7, 12, 19, 21, 31, 32 reverse scored; means of answered items, x10 clinical.
SCORING_SOURCE = Source.CORE34_SCORING

# CORE System Trust, "What's in a name (1): scoring CORE measures" (note of 17/04/2023): pro-rate
# (mean of the answered items) when no more than about 10% of a scale's items are missing:
# All items at most 3 of 34; All minus risk at most 3 of 28 (2 before April 2023); Problems and
# Functioning at most 1 of 12 each; Well-being (4) and Risk (6) none.
MAX_MISSING = {"all": 3, "all_minus_risk": 3, "W": 0, "P": 1, "F": 1, "R": 0}
MISSING_SOURCE = Source.CORE34_MISSING

# All items, All minus risk, and the domains Well-being, Problems, Functioning and Risk (their
# names are in cstr_desk/score_words.py).
SCALES = ("all", "all_minus_risk", "W", "P", "F", "R")

# Severity bands on the All-items clinical score (Barkham, Mellor-Clark, Connell & Cahill 2006,
# Counselling and Psychotherapy Research 6:3-15, as used by the CORE System): healthy < 6, low
# 6-9.9, mild 10-14.9, moderate 15-19.9, moderate-to-severe 20-24.9, severe 25+. Unrounded.
BANDS = BandScheme(
    scheme=Source.CORE34_BANDS,
    bands=((0, "healthy"), (6, "low"), (10, "mild"), (15, "moderate"), (20, "moderate_severe"),
           (25, "severe")),
)

# Connell et al. 2007, Br J Psychiatry 190:69-74: clinical cut-off 10 on the clinical score
# (9.9 before rounding in the paper; CORE System Trust uses 10), compared with the unrounded
# score. Reliable change: 5 points on the clinical score, i.e. 0.5 on the item mean (CORE IMS
# guidance, from the reliability reported by Evans et al. 2002). Gender-specific cut-offs (Evans
# et al. 2002) are not used: they were not verified for this product.
CLINICAL_CUTOFF = 10
RELIABLE_CHANGE = 5

CHANGE = ChangeRule(
    reliable_change=RELIABLE_CHANGE,
    clinical_cutoff=CLINICAL_CUTOFF,
    score_key="all_clinical",
    defines_recovery=False,
    sources=(Source.CORE34_RELIABLE_CHANGE, Source.CORE34_CLINICAL_CUTOFF),
)

# Application choice, as for the CORE-10: any risk item (6, 9, 16, 22, 24, 34) above "Not at all"
# is raised as a flag, as the CORE System Trust advises for risk items.
RISK_ADVICE = RiskAdvice.REVIEW_RISK_TO_SELF_AND_OTHERS


def score(answers: Answers) -> ScoreResult:
    """`derived` keys: "<scale>_mean" (0-4) and "<scale>_clinical" (x10) for scale in all,
    all_minus_risk, W, P, F, R; None where that scale has too many missing items. `total` is the
    All-items mean x 34 (the item sum, pro-rated when items are missing)."""
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    item_scores = {n: None if v is None else scored_value(form, n, v) for n, v in checked.items()}
    scales = {key: _scale(form, item_scores, key) for key in SCALES}
    derived: dict[str, float | None] = {}
    for key, scale in scales.items():
        derived[f"{key}_mean"] = scale.mean
        derived[f"{key}_clinical"] = None if scale.mean is None else scale.mean * 10
    everything = scales["all"]
    clinical = derived["all_clinical"]
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=everything.total is not None,
        refusals=(everything.refusal,) if everything.refusal else (),
        missing_items=everything.missing,
        prorated=everything.prorated,
        total=everything.total,
        derived=derived,
        band=BANDS.band_for(clinical) if clinical is not None else None,
        flags=present(risk_flag(form, checked, RISK_ADVICE)),
        notes=tuple(s.refusal for k, s in scales.items() if k != "all" and s.refusal),
        sources=(SCORING_SOURCE, MISSING_SOURCE, BANDS.scheme),
    )


def _scale(form: FormDefinition, item_scores: dict[int, int | None], key: str) -> ScaleScore:
    if key == "all":
        numbers = [item.number for item in form.items]
    elif key == "all_minus_risk":
        numbers = [item.number for item in form.items if item.domain != "R"]
    else:
        numbers = [item.number for item in form.items if item.domain == key]
    return scale_score(
        {n: item_scores[n] for n in numbers},
        max_missing=MAX_MISSING[key],
        rule=MISSING_SOURCE,
        scale=key,
    )
