"""Health outcomes for children looked after for 12 months: NI 58 (SDQ) and OC2 (spec §2.1, §2.8).

The cohort is computed from episodes (looked after continuously for at least 12 months at
31 March, short breaks breaking continuity) and joined to the OC2 answers, so a child in the
cohort with no OC2 row counts against completion rather than vanishing.
"""

from __future__ import annotations

import polars as pl

from carematters.indicators._common import everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator

#: Carer-report three-band cut-offs for the total difficulties score (spec §2.1).
SDQ_BANDS = {"NORMAL": (0, 13), "BORDERLINE": (14, 16), "CONCERN": (17, 40)}

_OC2_COHORT = ("Children looked after continuously for at least 12 months at 31 March "
               "(no start, ceasing or short break in the year)")


def oc2_cohort(ctx: Context) -> pl.DataFrame:
    """The 12-month cohort with its OC2 answers and age on the reference date (31 March)."""
    return ctx.memo(("oc2_cohort",), lambda: ctx.with_age(
        ctx.continuously_looked_after.join(ctx.data["OC2"].drop("DOB"), on="CHILD", how="left"),
        on=ctx.oc2_reference_date,
    ))


def sdq_cohort(ctx: Context) -> pl.DataFrame:
    """Children due an SDQ: the 12-month cohort aged sdq_min_age to sdq_max_age at 31 March."""
    p = ctx.params
    return oc2_cohort(ctx).filter(pl.col("AGE").is_between(p.sdq_min_age, p.sdq_max_age))


def _valid_score() -> pl.Expr:
    return pl.col("SDQ_SCORE").is_between(0, 40)


_SDQ = dict(theme="health", tables=("Episodes", "Header", "OC2"),
            params=("sdq_min_age", "sdq_max_age", "oc2_reference"), spec="§2.1")


@indicator(
    "NI58",
    title="Emotional and behavioural health of children in care (average SDQ score)",
    definition="Average strengths and difficulties questionnaire total difficulties score (0-40) "
               "of children looked after for 12 months aged 4 to 16 at 31 March.",
    numerator="Sum of valid SDQ_SCORE values.",
    denominator="Children in the SDQ cohort with a valid score.",
    exclusions="Children with an SDQ_REASON (no score) are left out of the average and shown in "
               "the completion rate.",
    direction="lower", unit="mean", **_SDQ,
)
def ni58(ctx: Context) -> pl.DataFrame:
    cohort = sdq_cohort(ctx).filter(_valid_score())
    return everyone_in(cohort, True, pl.col("SDQ_SCORE"))


@indicator(
    "NI58_COMPLETION",
    title="SDQ completion for children looked after for 12 months",
    definition="Percentage of children due an SDQ (looked after for 12 months, aged 4 to 16 at "
               "31 March) with a valid total difficulties score.",
    numerator="Children in the SDQ cohort with a valid SDQ_SCORE.",
    denominator="Children looked after for 12 months aged 4 to 16 at 31 March.",
    direction="higher", unit="%", **_SDQ,
)
def ni58_completion(ctx: Context) -> pl.DataFrame:
    return everyone_in(sdq_cohort(ctx), _valid_score(), pl.col("SDQ_SCORE"))


def _band(band: str, low: int, high: int) -> None:
    @indicator(
        f"NI58_{band}",
        title=f"SDQ scores {low}-{high} ({band.lower().replace('concern', 'cause for concern')})",
        definition=f"Percentage of valid SDQ scores in the SDQ cohort that are {low} to {high} "
                   "(carer-report bands: 0-13 normal, 14-16 borderline, 17-40 cause for concern).",
        numerator=f"Children with a score from {low} to {high}.",
        denominator="Children in the SDQ cohort with a valid score.",
        direction="higher" if band == "NORMAL" else "lower", unit="%", **_SDQ,
    )
    def sdq_band(ctx: Context) -> pl.DataFrame:
        cohort = sdq_cohort(ctx).filter(_valid_score())
        return everyone_in(cohort, pl.col("SDQ_SCORE").is_between(low, high), pl.col("SDQ_SCORE"))


for _name, (_low, _high) in SDQ_BANDS.items():
    _band(_name, _low, _high)


def _oc2_flag(ind_id: str, title: str, column: str, cohort_text: str, direction: str,
              ages: tuple[int, int] | None = None) -> None:
    low, high = ages or (0, 99)

    @indicator(
        ind_id, title=title, theme="health",
        definition=f"Percentage of {cohort_text[0].lower() + cohort_text[1:]} with {column} = 1.",
        numerator=f"Children in the cohort with OC2 {column} = 1.",
        denominator=cohort_text + ".",
        exclusions="Short breaks (V3/V4) take a child out of the cohort.",
        direction=direction, unit="%", tables=("Episodes", "Header", "OC2"),
        params=("oc2_reference",), spec="§2.8",
    )
    def oc2_flag(ctx: Context) -> pl.DataFrame:
        cohort = oc2_cohort(ctx).filter(pl.col("AGE").is_between(low, high))
        return everyone_in(cohort, pl.col(column) == 1)


_oc2_flag("OC2_HEALTH_ASSESSMENT", "Annual health assessment", "HEALTH_ASSESSMENT",
          _OC2_COHORT, "higher")
_oc2_flag("OC2_IMMUNISATIONS", "Immunisations up to date", "IMMUNISATIONS", _OC2_COHORT, "higher")
_oc2_flag("OC2_DENTAL", "Dental check in the year", "TEETH_CHECK", _OC2_COHORT, "higher")
_oc2_flag("OC2_DEVELOPMENT", "Development assessments up to date (under 5)", "HEALTH_CHECK",
          _OC2_COHORT + ", aged under 5 at 31 March", "higher", ages=(0, 4))
_oc2_flag("OC2_SUBSTANCE_MISUSE", "Identified as having a substance misuse problem",
          "SUBSTANCE_MISUSE", _OC2_COHORT, "lower")
_oc2_flag("OC2_CONVICTED", "Convicted or given a youth caution in the year", "CONVICTED",
          _OC2_COHORT + ", aged 10 or over at 31 March", "lower", ages=(10, 99))


@indicator(
    "OC2_INTERVENTION_RECEIVED",
    title="Substance misuse: received an intervention",
    theme="health",
    definition="Percentage of children in the 12-month cohort identified with a substance misuse "
               "problem who received an intervention for it.",
    numerator="Children with INTERVENTION_RECEIVED = 1.",
    denominator="Children in the 12-month cohort with SUBSTANCE_MISUSE = 1.",
    direction="higher", unit="%", tables=("Episodes", "OC2"), spec="§2.8",
)
def intervention_received(ctx: Context) -> pl.DataFrame:
    cohort = oc2_cohort(ctx).filter(pl.col("SUBSTANCE_MISUSE") == 1)
    return everyone_in(cohort, pl.col("INTERVENTION_RECEIVED") == 1)


@indicator(
    "OC2_INTERVENTION_REFUSED",
    title="Substance misuse: offered an intervention and refused it",
    theme="health",
    definition="Percentage of children with a substance misuse problem who did not receive an "
               "intervention although one was offered.",
    numerator="Children with INTERVENTION_OFFERED = 1.",
    denominator="Children in the 12-month cohort with SUBSTANCE_MISUSE = 1 and "
                "INTERVENTION_RECEIVED = 0.",
    direction="none", unit="%", tables=("Episodes", "OC2"), spec="§2.8",
)
def intervention_refused(ctx: Context) -> pl.DataFrame:
    cohort = oc2_cohort(ctx).filter(
        (pl.col("SUBSTANCE_MISUSE") == 1) & (pl.col("INTERVENTION_RECEIVED") == 0)
    )
    return everyone_in(cohort, pl.col("INTERVENTION_OFFERED") == 1)
