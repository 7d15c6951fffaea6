"""Attainment: NI 99, NI 100, NI 101 and their modern replacements (spec §2.6).

The 903 carries no attainment, so these read the Attainment extension table (the virtual
school's records): one row per child, academic year (named by the year it ends, like the
collection year), key stage and measure, with RESULT "1"/"Y" when achieved, or a score. The
cohort is the OC2 one: looked after continuously for 12 months at 31 March, with a result for
that measure in the academic year (being in the year group and assessed).
"""

from __future__ import annotations

import polars as pl

from carematters.indicators._common import everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator

#: id -> (key stage, MEASURE code in the Attainment table, what achieving it means)
RATE_MEASURES: dict[str, tuple[str, str, str]] = {
    "NI99": ("KS2", "ENG_L4", "level 4 or above in English at Key Stage 2"),
    "NI100": ("KS2", "MAT_L4", "level 4 or above in mathematics at Key Stage 2"),
    "NI101": ("KS4", "5AC_EM", "5 or more GCSEs at A*-C (or equivalent) including English "
                               "and mathematics at Key Stage 4"),
    "KS2_RWM_EXPECTED": ("KS2", "RWM_EXP", "the expected standard in reading, writing and "
                                           "mathematics at Key Stage 2"),
    "KS4_EM_4PLUS": ("KS4", "EM_4PLUS", "grade 4 or above in English and mathematics at "
                                        "Key Stage 4"),
}
SCORE_MEASURES: dict[str, tuple[str, str, str]] = {
    "KS4_ATT8": ("KS4", "ATT8", "Attainment 8 score at Key Stage 4"),
}

_COHORT = ("Children looked after continuously for 12 months at 31 March with a {ks} result "
           "for measure {measure} in the academic year ending in the collection year.")


def results_for(ctx: Context, key_stage: str, measure: str) -> pl.DataFrame:
    """The 12-month cohort's RESULT for one key stage and measure in the matching academic year."""
    academic_year = ctx.year + ctx.params.attainment_year_offset
    rows = ctx.data["Attainment"].filter(
        (pl.col("ACADEMIC_YEAR") == academic_year)
        & (pl.col("KEY_STAGE").str.to_uppercase() == key_stage)
        & (pl.col("MEASURE").str.to_uppercase() == measure)
        & pl.col("RESULT").is_not_null()
    ).unique("CHILD", keep="last", maintain_order=True)
    return ctx.continuously_looked_after.join(rows.select("CHILD", "RESULT"), on="CHILD")


def _rate(ind_id: str, key_stage: str, measure: str, meaning: str) -> None:
    @indicator(
        ind_id, title=f"Looked after children achieving {meaning}", theme="education",
        definition=f"Percentage of children looked after for 12 months at 31 March, assessed at "
                   f"{key_stage} in the academic year, who achieved {meaning}.",
        numerator=f"Children whose {measure} RESULT is an achieved value (1, Y, YES).",
        denominator=_COHORT.format(ks=key_stage, measure=measure),
        exclusions="Children not in the year group or not assessed (no result row); children "
                   "not matched to school records.",
        direction="higher", unit="%", tables=("Episodes", "Attainment"),
        requires=("Attainment",), params=("attainment_achieved", "attainment_year_offset", "oc2_reference"),
        spec="§2.6",
    )
    def attainment_rate(ctx: Context) -> pl.DataFrame:
        achieved = [v.upper() for v in ctx.params.attainment_achieved]
        return everyone_in(results_for(ctx, key_stage, measure),
                           pl.col("RESULT").str.to_uppercase().is_in(achieved))


def _score(ind_id: str, key_stage: str, measure: str, meaning: str) -> None:
    @indicator(
        ind_id, title=f"Average {meaning} of looked after children", theme="education",
        definition=f"Average {meaning} of children looked after for 12 months at 31 March.",
        numerator=f"Sum of numeric {measure} results.",
        denominator=_COHORT.format(ks=key_stage, measure=measure),
        exclusions="Non-numeric results.", direction="higher", unit="mean",
        tables=("Episodes", "Attainment"), requires=("Attainment",),
        params=("attainment_year_offset", "oc2_reference"), spec="§2.6",
    )
    def attainment_score(ctx: Context) -> pl.DataFrame:
        return everyone_in(results_for(ctx, key_stage, measure), True,
                           pl.col("RESULT").cast(pl.Float64, strict=False))


for _id, (_ks, _measure, _meaning) in RATE_MEASURES.items():
    _rate(_id, _ks, _measure, _meaning)
for _id, (_ks, _measure, _meaning) in SCORE_MEASURES.items():
    _score(_id, _ks, _measure, _meaning)
