"""Management-grip reports (implementation plan 2.7): a monthly report for senior officers and
an annual report for the corporate parenting board. Built from engine results only.

The monthly report names children and workers: it is for officers, inside the case. The annual
report goes to councillors and the public, so every count from 1 to 5 is suppressed, with
secondary suppression where a hidden count could be worked back from a published total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from carematters.compliance import ComplianceSettings, evaluate
from carematters.compliance.aggregate import caseloads, rates, with_workers
from carematters.compliance.items import ITEM_NAMES
from carematters.data.caredata import CareData, combine_years
from carematters.data.episodes import drop_short_breaks, looked_after_on
from carematters.data.years import add_months, collection_year_of, year_end, year_label
from carematters.indicators import compute, results_frame
from carematters.reports import grip_figures as f
from carematters.reports.grip_forecast import forecast_section
from carematters.reports.grip_render import Report, Section, TableBlock, bar_chart
from carematters.reports.grip_voice import voice_section
from carematters.reports.indicators import format_value, indicator_table
from carematters.stocktake.suppression import DEFAULT_THRESHOLD, SUPPRESSED, is_small

MAX_EXCEPTIONS = 200


def _d(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


# --- Monthly report ---------------------------------------------------------------------------

def monthly_report(
    data: CareData,
    as_at: date,
    *,
    teams: Mapping[str, str] | None = None,
    settings: ComplianceSettings | None = None,
    home_areas: Sequence[str] | None = None,
    suppress_small: bool = False,
) -> Report:
    """Compliance, exceptions, caseloads, missing, out-of-area placements and the key indicators
    on `as_at`. `suppress_small` hides indicator counts of 1 to 5 (and what they could be worked
    out from) when the report goes to people outside the case."""
    items = with_workers(evaluate(data, as_at, settings), data, as_at, teams)
    window_start = add_months(as_at, -12)
    recent = items.filter(pl.col("DUE").is_between(window_start, as_at) | (pl.col("STATUS") == "due_soon"))
    in_care = looked_after_on(drop_short_breaks(data["Episodes"]), as_at)
    sections = [
        _headline(data, as_at, in_care, items),
        _compliance_section(recent, window_start, as_at),
        _exceptions_section(items, as_at),
        _workers_section(data, items.filter(pl.col("DUE") >= window_start), as_at, teams),
        _missing_section(data, items, as_at),
        _out_of_area_section(data, in_care, home_areas),
        indicators_section(data, as_at, suppress_small=suppress_small),
    ]
    notes: list[str] = []
    forecast = forecast_section(data, as_at, suppress_small=suppress_small)
    if forecast is None:
        notes.append(f"Forecast and sufficiency: left out, nobody was in care on {_d(as_at)}.")
    else:
        sections.append(forecast)
    return Report(
        title="Children in care: monthly management report",
        subtitle=f"As at {_d(as_at)}. Compliance covers items due in the 12 months from "
        f"{_d(window_start)}. For officers only: names children and workers.",
        sections=sections,
        notes=notes,
    )


def _headline(data: CareData, as_at: date, in_care: pl.DataFrame, items: pl.DataFrame) -> Section:
    month_start = as_at.replace(day=1)
    eps = drop_short_breaks(data["Episodes"])
    starts = eps.filter((pl.col("RNE") == "S") & pl.col("DECOM").is_between(month_start, as_at))
    ceased = eps.filter(
        pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
        & pl.col("DEC").is_between(month_start, as_at)
    )
    overdue_now = items.filter((pl.col("STATUS") == "overdue") & pl.col("ACTIVE"))
    return Section("Summary", lines=[
        f"{in_care.height} children were looked after on {_d(as_at)}.",
        f"Since {_d(month_start)}, {starts['CHILD'].n_unique()} children started to be looked "
        f"after and {ceased['CHILD'].n_unique()} stopped.",
        f"{overdue_now.height} statutory items are overdue for {overdue_now['CHILD'].n_unique()} "
        f"children and still need doing.",
    ])


def _compliance_section(recent: pl.DataFrame, start: date, as_at: date) -> Section:
    by_item = rates(recent)
    rows = [
        (r["ITEM"], ITEM_NAMES.get(r["ITEM"], ""), r["DUE_OR_DONE"], r["DONE_ON_TIME"], r["DONE_LATE"],
         r["OVERDUE"], r["OVERDUE_NOW"], r["DUE_SOON"], _pct(r["RATE"]))
        for r in by_item.to_dicts()
    ]
    judged = by_item.filter(pl.col("RATE").is_not_null())
    chart = bar_chart(judged["ITEM"].to_list(), judged["RATE"].to_list(),
                      title="Items done on time (%)", unit="%") if judged.height else None
    return Section(
        "Compliance with statutory timescales",
        lines=[f"Items that fell due between {_d(start)} and {_d(as_at)}, and items due in the "
               "next 14 days. The rate is on time out of everything that fell due."],
        tables=[TableBlock(
            "Compliance by timescale",
            ["Item", "What", "Fell due", "On time", "Late", "Overdue", "Still open",
             "Due soon", "On time %"],
            rows, numeric=[False, False] + [True] * 7,
        )],
        charts=[chart] if chart is not None else [],
    )


def _exceptions_section(items: pl.DataFrame, as_at: date) -> Section:
    overdue = items.filter((pl.col("STATUS") == "overdue") & pl.col("ACTIVE")).sort("DUE")
    days = (pl.lit(as_at) - pl.col("DUE")).dt.total_days()
    shown = overdue.with_columns(days.alias("DAYS")).head(MAX_EXCEPTIONS)
    rows = [(r["CHILD"], r["SW_ID"], r["ITEM"], r["TITLE"], _d(r["DUE"]), r["DAYS"])
            for r in shown.to_dicts()]
    lines = ["Overdue items whose duty still applies, oldest first."]
    if overdue.height > MAX_EXCEPTIONS:
        lines.append(f"Showing the oldest {MAX_EXCEPTIONS} of {overdue.height}.")
    return Section("Exceptions", lines=lines, tables=[TableBlock(
        "Overdue items by child", ["Child", "Worker", "Item", "What", "Due", "Days overdue"],
        rows, numeric=[False] * 5 + [True],
    )])


def _workers_section(
    data: CareData, items: pl.DataFrame, as_at: date, teams: Mapping[str, str] | None
) -> Section:
    loads = caseloads(data, as_at, teams)
    per_worker = rates(items, ["SW_ID"]).join(loads.select("SW_ID", "CHILDREN"), on="SW_ID",
                                              how="full", coalesce=True, suffix="_HELD")
    rows = [
        (r["SW_ID"], (teams or {}).get(r["SW_ID"], ""), r["CHILDREN_HELD"] or 0,
         r["OVERDUE_NOW"] or 0, _pct(r["RATE"]))
        for r in per_worker.sort("SW_ID").to_dicts()
    ]
    tables = [TableBlock("Caseloads and compliance by worker",
                         ["Worker", "Team", "Children held", "Overdue now", "On time %"],
                         rows, numeric=[False, False, True, True, True])]
    if teams:
        per_team = rates(items, ["TEAM"])
        tables.append(TableBlock("Compliance by team", ["Team", "Overdue now", "On time %"], [
            (r["TEAM"], r["OVERDUE_NOW"], _pct(r["RATE"])) for r in per_team.to_dicts()
        ], numeric=[False, True, True]))
    charts = []
    if loads.height:
        top = loads.head(30)
        charts.append(bar_chart(top["SW_ID"].to_list(), top["CHILDREN"].to_list(),
                                title="Children held per worker", horizontal=True))
    return Section("Caseloads", lines=[
        f"{loads.height} workers hold {int(loads['CHILDREN'].sum())} children on {_d(as_at)}."
    ], tables=tables, charts=charts)


def _missing_section(data: CareData, items: pl.DataFrame, as_at: date) -> Section:
    month_start = as_at.replace(day=1)
    missing = data["Missing"].filter(pl.col("MIS_START") <= as_at)
    started = missing.filter(pl.col("MIS_START") >= month_start)
    still = missing.filter(pl.col("MIS_END").is_null() | (pl.col("MIS_END") > as_at))
    rhi = items.filter((pl.col("ITEM") == "T26") & pl.col("DUE").is_between(month_start, as_at))
    status = Counter(rhi["STATUS"].to_list())
    rows = [(r["CHILD"], r["MISSING"], _d(r["MIS_START"])) for r in still.sort("MIS_START").to_dicts()]
    return Section("Missing and return interviews", lines=[
        f"Since {_d(month_start)}: {started.height} missing or away episodes for "
        f"{started['CHILD'].n_unique()} children.",
        f"Return interviews due since {_d(month_start)}: {rhi.height}; offered within 72 hours "
        f"{status['done_on_time']}, late {status['done_late']}, not yet offered {status['overdue']}.",
    ], tables=[TableBlock("Children missing or away now", ["Child", "Type", "Since"], rows)])


def postcode_area(postcode: pl.Expr) -> pl.Expr:
    """The postcode area: the letters before the first digit ("SW1A 1AA" -> "SW")."""
    return postcode.str.to_uppercase().str.extract(r"^([A-Z]{1,2})", 1)


def _out_of_area_section(
    data: CareData, in_care: pl.DataFrame, home_areas: Sequence[str] | None
) -> Section:
    if not home_areas:
        # [C] Without a list from the authority, its area is the postcode area most children's
        # home postcodes fall in.
        counts = in_care.select(postcode_area(pl.col("HOME_POST")).alias("A")).drop_nulls()
        common = counts["A"].mode().sort().to_list()[:1] if counts.height else []
        home_areas, basis = common, "the postcode area most of the children come from"
    else:
        basis = "the postcode areas given"
    outside = in_care.filter(
        pl.col("PL_POST").is_not_null()
        & ~postcode_area(pl.col("PL_POST")).is_in(list(home_areas)).fill_null(False)
    ).sort("CHILD")
    rows = [(r["CHILD"], r["PLACE"], r["PLACE_PROVIDER"] or "", r["PL_POST"], _d(r["DECOM"]))
            for r in outside.to_dicts()]
    return Section("Placements outside the authority's area", lines=[
        f"{outside.height} of {in_care.height} children are placed outside "
        f"{', '.join(home_areas) or 'the authority'} ({basis})."
    ], tables=[TableBlock("Children placed out of area",
                          ["Child", "Placement", "Provider", "Placement postcode", "Since"], rows)])


#: The key indicators of the monthly report: stability, reviews, health (OC2) and care leavers.
KEY_INDICATORS = (
    "NI62", "NI63", "NI66", "OC2_HEALTH_ASSESSMENT", "OC2_IMMUNISATIONS", "OC2_DENTAL",
    "NI58_COMPLETION", "CL19_21_IN_TOUCH", "CL19_21_EET", "CL19_21_ACCOM",
)


def last_complete_year(as_at: date) -> int:
    """The latest collection year (to 31 March) that has ended by `as_at`: indicators are
    defined for whole years, so a month's report shows the last year that is complete."""
    year = collection_year_of(as_at)
    return year if as_at >= year_end(year) else year - 1


def _complement_small(results: pl.DataFrame) -> pl.Series:
    rest = (pl.col("denominator") - pl.col("numerator")).fill_null(0)
    return results.select(
        (pl.col("unit") == "%") & (rest > 0) & (rest <= DEFAULT_THRESHOLD)
    ).to_series()


def indicators_section(data: CareData, as_at: date, *, suppress_small: bool = False) -> Section:
    """The key national indicators for the last complete year, from `carematters.indicators`."""
    year = min(last_complete_year(as_at), max(data.years)) if data.years else None
    if year is None:
        return Section("Performance indicators", lines=["No collection year in the data."])
    results = results_frame(compute(data, year, ids=KEY_INDICATORS))
    table = indicator_table(results, suppress=suppress_small)
    if suppress_small:
        # As in the annual report: a rate is hidden too when the rest of its denominator is 1-5,
        # because that count could be worked back from the published figures.
        table = table.with_columns(
            pl.when(_complement_small(results)).then(pl.lit(SUPPRESSED)).otherwise(pl.col(c))
            .alias(c) for c in ("value", "numerator", "denominator")
        )
    rows = [
        (r["indicator"], r["title"], r["value"], r["numerator"], r["denominator"],
         "" if r["england"] is None else format_value(r["england"], r["unit"]),
         r["note"] or ("no children in this group" if r["denominator"] == "0" else ""))
        for r in table.to_dicts()
    ]
    lines = [f"The key indicators for the year to {_d(year_end(year))} (the last complete "
             "collection year), as defined in the indicators engine."]
    if suppress_small:
        lines.append(f"Counts from 1 to 5 are shown as {SUPPRESSED}, and so is any figure they "
                     "could be worked out from.")
    return Section("Performance indicators", lines=lines, tables=[TableBlock(
        f"Key indicators, {year_label(year)}",
        ["Indicator", "What", "Value", "Numerator", "Denominator", "England", "Note"],
        rows, numeric=[False, False, True, True, True, True, False],
    )])


# --- Annual report ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    label: str
    compute: f.FigureFunction
    better: str  # "higher", "lower" or "none"
    needs: tuple[str, ...] = ("Episodes",)  # tables without which the figure means nothing


_VISITS = ("T8", "T9", "T10", "T12", "T13")

QUESTIONS: tuple[tuple[str, tuple[Measure, ...]], ...] = (
    ("How many children do we look after?", (
        Measure("Children looked after at 31 March", f.looked_after_count, "none"),
        Measure("Children who started to be looked after", f.started_count, "none"),
        Measure("Children who stopped being looked after", f.ceased_count, "none"),
    )),
    ("Are children's homes stable?", (
        Measure("Children with three or more placements in the year (NI 62)",
                f.indicator_figure("NI62"), "lower"),
    )),
    ("Are children supported at school?", (
        Measure("Personal education plans on time", f.compliance_rate("T20"), "higher",
                ("Episodes", "PEPs")),
    )),
    ("Are children healthy?", (
        Measure("Annual health assessment (OC2)", f.oc2_flag("HEALTH_ASSESSMENT"), "higher",
                ("OC2",)),
        Measure("Immunisations up to date (OC2)", f.oc2_flag("IMMUNISATIONS"), "higher", ("OC2",)),
        Measure("Teeth checked by a dentist (OC2)", f.oc2_flag("TEETH_CHECK"), "higher", ("OC2",)),
        Measure("Strengths and difficulties questionnaire done, ages 4-16", f.sdq_completed,
                "higher", ("OC2",)),
    )),
    ("Are children heard?", (
        Measure("Reviews where the child took part", f.review_participation, "higher",
                ("Reviews",)),
        Measure("Reviews held on time", f.compliance_rate("T3", "T4", "T5"), "higher",
                ("Episodes", "Reviews")),
        Measure("Social worker visits on time", f.compliance_rate(*_VISITS), "higher",
                ("Episodes", "Visits")),
    )),
    ("How are care leavers aged 19 to 21 doing?", (
        Measure("In touch with the authority", f.leavers_in_touch, "higher", ("OC3",)),
        Measure("In education, employment or training", f.leavers_eet, "higher", ("OC3",)),
        Measure("In suitable accommodation", f.leavers_suitable_accommodation, "higher",
                ("OC3",)),
    )),
    ("Are children kept safe from going missing?", (
        Measure("Children who went missing or were away", f.children_missing, "lower",
                ("Missing",)),
        Measure("Return interviews offered within 72 hours", f.compliance_rate("T26"), "higher",
                ("Missing", "ReturnInterviews")),
    )),
)


def figure_text(fig: f.Figure | None) -> str:
    """A figure as published: counts 1-5 suppressed, and a rate whenever its numerator, or the
    part of the denominator it leaves, is 1-5 (either could be worked back from the other)."""
    if fig is None:
        return ""
    if fig.denominator is None:
        return SUPPRESSED if is_small(fig.numerator) else f"{fig.numerator:,}"
    if fig.denominator == 0:
        return "none in cohort"
    if is_small(fig.denominator):
        return SUPPRESSED
    if is_small(fig.numerator) or is_small(fig.denominator - fig.numerator):
        return f"{SUPPRESSED} of {fig.denominator:,}"
    return f"{fig.rate:.0f}% ({fig.numerator:,} of {fig.denominator:,})"


def _published(fig: f.Figure | None) -> float | None:
    """The number a chart and a sentence may show: None where suppressed or missing."""
    if fig is None or SUPPRESSED in figure_text(fig) or fig.denominator == 0:
        return None
    return float(fig.numerator) if fig.denominator is None else fig.rate


def plain_line(measure: Measure, year: int, figs: Mapping[int, f.Figure | None]) -> str:
    """One sentence for members: the figure, and how it moved since the year before."""
    fig, label = figs.get(year), measure.label
    if fig is None:
        return f"{label}: not recorded in {year_label(year)}."
    if fig.denominator == 0:
        return f"{label}: no children were in this group in {year_label(year)}."
    now, before = _published(fig), _published(figs.get(year - 1))
    if now is None:
        return f"{label}: the numbers in {year_label(year)} are too small to publish safely."
    sentence = f"{label}: {figure_text(fig)} in {year_label(year)}"
    if before is None:
        return sentence + "."
    if round(now) == round(before):
        return sentence + ", the same as the year before."
    unit = "" if fig.denominator is None else "%"
    direction = "up" if now > before else "down"
    verdict = ""
    if measure.better != "none":
        verdict = " (better)" if (now > before) == (measure.better == "higher") else " (worse)"
    return f"{sentence}, {direction} from {before:,.0f}{unit} the year before{verdict}."


def annual_report(by_year: Mapping[int, CareData], year: int, *, trend_years: int = 5,
                  survey_answers: pl.DataFrame | None = None) -> Report:
    """Councillors' questions answered for `year`, with the trend over up to `trend_years`.

    `survey_answers` (the frame `carematters.voice` reads) adds what children said in their own
    survey; without answers for `year` the section is left out and named in the notes.

    `by_year` holds each collection year's data (its own return plus extension tables); figures
    that need history (reviews, visits) use every year up to the one reported. A measure whose
    tables are absent in every year is left out and named in the notes.
    """
    years = [y for y in sorted(by_year) if year - trend_years < y <= year]
    combined = {y: combine_years([by_year[x] for x in sorted(by_year) if x <= y]) for y in years}
    sections, notes = [], []
    for question, measures in QUESTIONS:
        section = _question_section(question, measures, years, by_year, combined)
        shown = {row[0] for row in section.tables[0].rows} if section.tables else set()
        for m in measures:
            if m.label not in shown:
                absent = [n for n in m.needs if not any(n in by_year[y] for y in years)]
                notes.append(f"{m.label}: left out, no {' or '.join(absent)} data was supplied.")
        if shown:
            sections.append(section)
    # Outward-facing: the forecast is suppressed like every other count in this report.
    forecast = forecast_section(combined[year], year_end(year), suppress_small=True)
    if forecast is None:
        notes.append("Forecast and sufficiency: left out, nobody was in care at the end of "
                      "the year.")
    else:
        sections.append(forecast)
    voice = None if survey_answers is None else voice_section(survey_answers, year,
                                                              trend_years=trend_years)
    if voice is None:
        notes.append("The children's own views (surveys): left out; no survey answers were "
                     f"supplied for {year_label(year)}.")
    else:
        sections.append(voice)
    return Report(
        title=f"Children in care: annual report {year_label(year)}",
        subtitle="For the corporate parenting board and scrutiny committee. Counts of 1 to 5 are "
        f"shown as {SUPPRESSED}, and so is any figure they could be worked out from.",
        sections=sections,
        notes=notes + _annual_notes(),
    )


def _question_section(
    question: str, measures: Sequence[Measure], years: Sequence[int],
    by_year: Mapping[int, CareData], combined: Mapping[int, CareData],
) -> Section:
    lines, rows, charts = [], [], []
    year = years[-1]
    for measure in measures:
        figs: dict[int, f.Figure | None] = {}
        for y in years:
            source = _source(measure.compute, by_year[y], combined[y])
            recorded = all(name in source for name in measure.needs)
            figs[y] = measure.compute(source, y) if recorded else None
        if all(fig is None for fig in figs.values()):
            continue
        lines.append(plain_line(measure, year, figs))
        rows.append([measure.label] + [figure_text(figs[y]) for y in years])
        if len(years) > 1:
            counts = any(fig is not None and fig.denominator is None for fig in figs.values())
            charts.append(bar_chart([year_label(y) for y in years],
                                    [_published(figs[y]) for y in years],
                                    title=measure.label, unit="" if counts else "%"))
    table = TableBlock("Figures by year", ["Measure"] + [year_label(y) for y in years], rows,
                       numeric=[False] + [True] * len(years))
    return Section(question, lines=lines, charts=charts, tables=[table] if rows else [])


def _source(compute: f.FigureFunction, own: CareData, combined: CareData) -> CareData:
    return combined if getattr(compute, "needs_history", False) else own


def _annual_notes() -> list[str]:
    notes = [
        "Costs: placement costs only, in the forecast section, at the specification's "
        "illustrative 2024 weekly prices unless the authority's own are given; the costs of "
        "social care processes (reviews, court work) have no published figures and are left out.",
        "Attainment (Key Stage results): left out. The attainment measures need school results "
        "data and agreed definitions that this build does not have.",
    ]
    return notes
