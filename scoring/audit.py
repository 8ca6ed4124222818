"""AUDIT (WHO 2001 interview version): items 1-8 score 0-4, items 9-10 score 0, 2 or 4; total
0-40 (Babor, Higgins-Biddle, Saunders & Monteiro 2001, AUDIT: Guidelines for Use in Primary
Care, 2nd ed., WHO/MSD/MSB/01.6a)."""

from __future__ import annotations

from forms import load_form
from scoring.answers import Answers, checked_answers, skipped_answers, skipped_items
from scoring.auditc import POSITIVE_SOURCE, positive_flag
from scoring.bands import BandScheme
from scoring.flags import present
from scoring.result import Flag, FlagCode, ScoreResult
from scoring.sources import Source
from scoring.totals import scale_score

INSTRUMENT_ID = "audit"

# Babor et al. 2001, WHO AUDIT manual 2nd ed.: the sum of items 1-10, 0-40.
SCORING_SOURCE = Source.AUDIT_SCORING
# WHO 2001 interview version (Box 4): item 1 "Never" skips to items 9 and 10; items 2 + 3 = 0
# skips to items 9 and 10. Skipped items score 0. The rules themselves live in forms/audit.json.
SKIP_SOURCE = Source.AUDIT_SKIP
# The WHO manual gives no pro-rating rule, so every item still to be asked must be answered.
MISSING_SOURCE = Source.AUDIT_MISSING

# WHO risk zones (Babor et al. 2001: zones I-IV at 0-7, 8-15, 16-19, 20-40) with the NICE PH24
# (2010) names for the drinking patterns they indicate.
BANDS = BandScheme(
    scheme=Source.AUDIT_ZONES,
    bands=((0, "zone_1"), (8, "zone_2"), (16, "zone_3"), (20, "zone_4")),
)

# Supporting community order treatment requirements (2014), citing NOMS Alcohol Interventions
# Guidance (2010): 20+ is an accepted indicator of possible dependence for an ATR; 18-19 may
# warrant investigating suitability for an ATR. The score supports, never decides.
ATR_GUIDANCE = Source.ATR_GUIDANCE
POSSIBLE_DEPENDENCE_AT = 20
INVESTIGATE_ATR_AT = 18

# No published reliable change value for the AUDIT was found, and the ATR outcome measure is the
# TOP, not the AUDIT (Manual §2.4), so change is not offered.
CHANGE = None


def score(answers: Answers) -> ScoreResult:
    form = load_form(INSTRUMENT_ID)
    checked = checked_answers(form, answers)
    skipped = skipped_items(form, checked)
    asked = {n: v for n, v in checked.items() if n not in skipped}
    scale = scale_score(asked, max_missing=0, rule=MISSING_SOURCE)
    total = scale.total
    consumption = [0 if n in skipped else checked[n] for n in (1, 2, 3)]
    auditc = None if None in consumption else float(sum(v for v in consumption if v is not None))
    return ScoreResult(
        instrument_id=INSTRUMENT_ID,
        scorable=total is not None,
        refusals=(scale.refusal,) if scale.refusal else (),
        missing_items=scale.missing,
        skipped_items=skipped,
        total=total,
        # "auditc": items 1-3 (0-12), the AUDIT-C score within the full AUDIT.
        derived={"auditc": auditc},
        band=BANDS.band_for(total) if total is not None else None,
        flags=present(*_atr_flags(total), positive_flag(auditc)),
        notes=skipped_answers(form, checked),
        sources=(SCORING_SOURCE, SKIP_SOURCE, BANDS.scheme, ATR_GUIDANCE, POSITIVE_SOURCE),
    )


def _atr_flags(total: float | None) -> tuple[Flag | None, ...]:
    if total is None:
        return ()
    if total >= POSSIBLE_DEPENDENCE_AT:
        code, threshold = FlagCode.AUDIT_POSSIBLE_DEPENDENCE, POSSIBLE_DEPENDENCE_AT
    elif total >= INVESTIGATE_ATR_AT:
        code, threshold = FlagCode.AUDIT_INVESTIGATE_ATR, INVESTIGATE_ATR_AT
    else:
        return ()
    return (Flag(code=code, score=total, threshold=threshold, source=ATR_GUIDANCE),)
