"""OC2 for the children looked after continuously for 12 months at 31 March (spec §1.1).

Values are read from the case records of the year (health assessments, dental checks, SDQs), so
OC2 and the extension tables agree; the items the records do not hold (convictions, substance
misuse) are drawn. Age conditions follow the DfE rules: SDQ for ages 4-16, CONVICTED from 10,
HEALTH_CHECK under 5, intervention items only after a substance misuse problem.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.data.years import year_end, year_start
from carematters.synth._draw import age_at, day, pick

SDQ_MISSING_REASON = {"SDQ2": 25, "SDQ3": 15, "SDQ4": 40, "SDQ5": 20}


def cohort(episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Children looked after at 31 March, with no start in (1 April, 31 March] and no ceasing in
    [1 April, 31 March): the validator's "continuously looked after" (V3/V4 already removed)."""
    start, end = day(year_start(year)), day(year_end(year))
    per_child = episodes.group_by("child").agg(
        pl.col("DEC").is_null().any().alias("open"),
        ((pl.col("RNE") == "S") & (pl.col("DECOM") > start) & (pl.col("DECOM") <= end)).any()
        .alias("started"),
        ((pl.col("REC") != "X1") & (pl.col("DEC") >= start) & (pl.col("DEC") < end)).any()
        .alias("ceased"),
    )
    return per_child.filter(pl.col("open") & ~pl.col("started") & ~pl.col("ceased").fill_null(False)
                            ).select("child").sort("child")


def _in_year(frame: pl.DataFrame, col: str, start: int, end: int) -> pl.DataFrame:
    return frame.filter(pl.col(col).is_between(start, end)).sort("child", col)


def oc2_rows(life, episodes: pl.DataFrame, year: int) -> pl.DataFrame:
    start, end = day(year_start(year)), day(year_end(year))
    rng = np.random.default_rng((life.seed, int(life.la), year, 2))
    kids = cohort(episodes, year).join(life.children.select("child", "dob"), on="child",
                                       maintain_order="left")
    dob = kids["dob"].to_numpy()
    n = kids.height
    age_start, age_end = age_at(dob, np.full(n, start)), age_at(dob, np.full(n, end))
    tables = life.tables
    sdq = _in_year(tables["SDQScores"], "SDQ_DATE", start, end).group_by("child").agg(
        pl.col("SDQ_SCORE").last())
    checks = _in_year(tables["HealthAssessments"], "ASSESSMENT_DATE", start, end).group_by("child").agg(
        pl.col("IMMUNISATIONS_UP_TO_DATE").last().alias("imm"))
    dental = _in_year(tables["DentalChecks"], "CHECK_DATE", start, end).select("child").unique()
    teeth = dental.with_columns(pl.lit(1, pl.Int8).alias("teeth"))
    frame = (kids.join(sdq, on="child", how="left", maintain_order="left")
             .join(checks, on="child", how="left", maintain_order="left")
             .join(teeth, on="child", how="left", maintain_order="left"))
    # Ages 4-16 through the year: a score, or why not; turning 4 or 17 during it: SDQ1 (too
    # young or old at the assessment); under 4 at the end or 17 at the start: nothing (188/189).
    in_sdq_ages = (age_start >= 4) & (age_end <= 16)
    asked = (age_end >= 4) & (age_start <= 16)
    score = np.where(in_sdq_ages, frame["SDQ_SCORE"].fill_null(-1).to_numpy(), -1)
    reason = np.where(in_sdq_ages, pick(rng, SDQ_MISSING_REASON, n),
                      np.where(asked, "SDQ1", None))
    misuse = rng.random(n) < np.where(age_end >= 11, 0.045, 0.002)
    received = misuse & (rng.random(n) < 0.6)
    assessed = frame["imm"].is_not_null().to_numpy()

    def flag(values: np.ndarray, applies: np.ndarray) -> pl.Series:
        return pl.Series(np.where(applies, values.astype(float), np.nan)).fill_nan(None).cast(pl.Int8)

    return frame.select("child").with_columns(
        pl.Series("SDQ_SCORE", score).replace(-1, None),
        pl.Series("SDQ_REASON", np.where(score >= 0, None, reason).tolist(), dtype=pl.String),
        flag(rng.random(n) < 0.03, age_end >= 10).alias("CONVICTED"),
        flag(assessed, age_end < 5).alias("HEALTH_CHECK"),
        frame["imm"].fill_null(0).cast(pl.Int8).alias("IMMUNISATIONS"),
        frame["teeth"].fill_null(0).cast(pl.Int8).alias("TEETH_CHECK"),
        pl.Series("HEALTH_ASSESSMENT", assessed.astype(np.int8)),
        pl.Series("SUBSTANCE_MISUSE", misuse.astype(np.int8)),
        flag(received, misuse).alias("INTERVENTION_RECEIVED"),
        flag(rng.random(n) < 0.7, misuse & ~received).alias("INTERVENTION_OFFERED"),
    )
