"""Care leavers: the OC3 measures at 17 to 21 (and 22 to 25), and NI 147 / NI 148 (spec §2.7).

OC3 records a care leaver around each birthday from the 17th to the 21st. Rates are a
percentage of every young person in the cohort, so "not known" counts against them.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from carematters.data.codes import ACTIV, EET_ACTIV, NEET_ACTIV, SHORT_BREAK_LS
from carematters.data.years import year_start
from carematters.indicators._common import everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator

EXCLUDED_IN_TOUCH = ("DIED", "RHOM")  # died since leaving care; home for 6+ months


def eet_codes(year: int) -> list[str]:
    """F3/P3 count before 2022, F4/P4/F5/P5 from 2022 (spec §2.7)."""
    return [code for code in ACTIV.values(year) if code in EET_ACTIV]


def _short_break_only(ctx: Context) -> pl.DataFrame:
    return (
        ctx.all_episodes.group_by("CHILD")
        .agg(pl.col("LS").is_in(SHORT_BREAK_LS).all().alias("ONLY"))
        .filter("ONLY")
        .select("CHILD")
    )


def _looked_after_on_birthday(ctx: Context, rows: pl.DataFrame) -> pl.DataFrame:
    eps = ctx.episodes.join(rows.select("CHILD", "BIRTHDAY"), on="CHILD")
    return eps.filter(
        (pl.col("DECOM") <= pl.col("BIRTHDAY"))
        & (pl.col("DEC").is_null() | (pl.col("DEC") > pl.col("BIRTHDAY")))
    ).select("CHILD").unique()


def oc3_cohort(ctx: Context, ages: tuple[int, int]) -> pl.DataFrame:
    return ctx.memo(("oc3_cohort", ages), lambda: _oc3_cohort(ctx, ages))


def _oc3_cohort(ctx: Context, ages: tuple[int, int]) -> pl.DataFrame:
    """OC3 rows for young people whose birthday at an age in `ages` fell in the year.

    Excludes those who died or went home for 6 months or more, short-break-only children and
    anyone still looked after on the birthday.
    """
    rows = ctx.with_age(ctx.data["OC3"]).filter(pl.col("AGE").is_between(*ages))
    rows = rows.with_columns(pl.col("DOB").dt.offset_by(pl.format("{}y", pl.col("AGE"))).alias("BIRTHDAY"))
    return (
        rows.filter(~pl.col("IN_TOUCH").is_in(EXCLUDED_IN_TOUCH).fill_null(False))
        .join(_short_break_only(ctx), on="CHILD", how="anti")
        .join(_looked_after_on_birthday(ctx, rows), on="CHILD", how="anti")
        .sort("CHILD")
    )


MEASURES: dict[str, tuple[str, Callable[[int], pl.Expr], str]] = {
    "IN_TOUCH": ("in touch with the authority", lambda _y: pl.col("IN_TOUCH") == "YES", "higher"),
    "EET": ("in education, employment or training",
            lambda y: pl.col("ACTIV").is_in(eet_codes(y)), "higher"),
    "NEET": ("not in education, employment or training",
             lambda _y: pl.col("ACTIV").is_in(NEET_ACTIV), "lower"),
    "ACCOM": ("in suitable accommodation", lambda _y: pl.col("ACCOM").str.ends_with("1"), "higher"),
}

_DEFINITIONS = {
    "IN_TOUCH": "IN_TOUCH = YES",
    "EET": "ACTIV in F1, P1, F2, P2, F4, P4, F5, P5 (F3, P3 before 2022)",
    "NEET": "ACTIV in G4, G5, G6",
    "ACCOM": "ACCOM ending in 1 (suitable)",
}


def _oc3_measure(measure: str, ages: tuple[int, int]) -> None:
    label, test, direction = MEASURES[measure]
    age_text = str(ages[0]) if ages[0] == ages[1] else f"{ages[0]}-{ages[1]}"
    suffix = age_text.replace("-", "_")

    @indicator(
        f"CL{suffix}_{measure}",
        title=f"Care leavers aged {age_text} {label}",
        theme="care_leavers",
        definition=f"Percentage of care leavers whose birthday at age {age_text} fell in the year "
                   f"(the OC3 cohort) who were {label} around that birthday.",
        numerator=f"Young people in the cohort with {_DEFINITIONS[measure]}.",
        denominator=f"Care leavers in OC3 aged {age_text} at 31 March (birthday in the year).",
        exclusions="Died since leaving care or returned home for 6 months or more (RHOM); "
                   "short-break-only children; anyone still looked after on the birthday. "
                   "'Not known' stays in the denominator.",
        direction=direction, unit="%", tables=("OC3", "Episodes"), spec="§2.7",
    )
    def oc3_measure(ctx: Context) -> pl.DataFrame:
        return everyone_in(oc3_cohort(ctx, ages), test(ctx.year))


for _age in (17, 18, 19, 20, 21):
    for _measure in MEASURES:
        _oc3_measure(_measure, (_age, _age))
for _measure in MEASURES:
    _oc3_measure(_measure, (19, 21))


@indicator(
    "CL22_25_IN_TOUCH",
    title="Care leavers aged 22-25 receiving support who are in touch",
    theme="care_leavers",
    definition="Percentage of care leavers aged 22 to 25 who asked for and receive support "
               "(the OC3 rows at those ages) with whom the authority is in touch.",
    numerator="Young people with IN_TOUCH = YES.",
    denominator="OC3 rows for young people aged 22 to 25 at 31 March.",
    exclusions="Died since leaving care.",
    direction="higher", unit="%", tables=("OC3",), spec="§2.7",
)
def in_touch_22_25(ctx: Context) -> pl.DataFrame:
    rows = ctx.with_age(ctx.data["OC3"]).filter(
        pl.col("AGE").is_between(22, 25) & (pl.col("IN_TOUCH") != "DIED").fill_null(True)
    )
    return everyone_in(rows, pl.col("IN_TOUCH") == "YES")


def ni_era_cohort(ctx: Context) -> pl.DataFrame:
    """Former relevant young people whose 19th birthday fell in the year and who were looked
    after on 1 April in their 17th year (aged 16): 1 April three years before the year ends."""
    nineteen = ctx.with_age(ctx.data["OC3"]).filter(pl.col("AGE") == 19)
    on_day = year_start(ctx.year - 2)
    was_looked_after = ctx.episodes.filter(
        (pl.col("DECOM") <= on_day) & (pl.col("DEC").is_null() | (pl.col("DEC") > on_day))
    ).select("CHILD").unique()
    return nineteen.join(was_looked_after, on="CHILD", how="semi").sort("CHILD")


_NI_ERA = dict(
    theme="care_leavers",
    denominator="Young people in OC3 whose 19th birthday fell in the year and who were looked "
                "after on 1 April when aged 16 (three years before 31 March).",
    exclusions="None: young people not in touch count against the rate.",
    direction="higher", unit="%", tables=("OC3", "Episodes"), history_years=3, spec="§2.7",
)


@indicator(
    "NI147",
    title="Care leavers in suitable accommodation (at 19)",
    definition="Percentage of former relevant young people aged 19 in the year, looked after "
               "when 16, who were in suitable accommodation around their 19th birthday.",
    numerator="Young people in the cohort with ACCOM ending in 1.",
    **_NI_ERA,
)
def ni147(ctx: Context) -> pl.DataFrame:
    return everyone_in(ni_era_cohort(ctx), pl.col("ACCOM").str.ends_with("1"))


@indicator(
    "NI148",
    title="Care leavers in education, employment or training (at 19)",
    definition="Percentage of former relevant young people aged 19 in the year, looked after "
               "when 16, who were in education, employment or training around their 19th "
               "birthday.",
    numerator="Young people in the cohort with an EET activity code.",
    **_NI_ERA,
)
def ni148(ctx: Context) -> pl.DataFrame:
    return everyone_in(ni_era_cohort(ctx), pl.col("ACTIV").is_in(eet_codes(ctx.year)))
