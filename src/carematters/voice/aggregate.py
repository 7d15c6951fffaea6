"""Survey answers summed up by area, domain, question, age band and year.

Answers arrive long, one row per question a child was shown (schema `ANSWER_SCHEMA`); a skipped
question has a null answer. Each answer is scored against the instrument: positive, other
(a substantive answer that is not positive), unsure ("I'm not sure") or skipped.

Areas and domains are counted in **children**, not answers, so the small-number rules protect
children [C]: a child counts as positive about an area when at least half of the questions they
answered in it (unsure and skipped left out) got a positive answer. A child who answered none of
an area's questions is not counted in it.
"""

from __future__ import annotations

import polars as pl

from carematters.voice.instruments import SCALES, Instrument
from carematters.voice.questions import SURVEY

ANSWER_SCHEMA = {
    "RESPONSE": pl.String,  # one completed survey (never a child identifier)
    "ANSWERED_ON": pl.Date,
    "BAND": pl.String,
    "QUESTION": pl.String,
    "ANSWER": pl.String,  # null when skipped
}
ALL_BANDS = "all"


def question_frame(instrument: Instrument = SURVEY) -> pl.DataFrame:
    """One row per question and possible answer, with the answer's outcome."""
    rows = []
    for q in instrument.questions:
        scale = SCALES[q.scale]
        for value in scale.values():
            outcome = ("positive" if value in q.positive()
                       else "unsure" if value in scale.unsure else "other")
            rows.append((q.key, value, q.area, q.domain, outcome))
    return pl.DataFrame(rows, orient="row", schema={
        "QUESTION": pl.String, "ANSWER": pl.String, "AREA": pl.String, "DOMAIN": pl.String,
        "OUTCOME": pl.String})


def collection_year(day: pl.Expr) -> pl.Expr:
    """The collection year (ending 31 March) a date falls in, as `years.collection_year_of`."""
    return (day.dt.year() + (day.dt.month() >= 4).cast(pl.Int32)).cast(pl.Int32)


def scored(answers: pl.DataFrame, instrument: Instrument = SURVEY) -> pl.DataFrame:
    """The answers with YEAR, AREA, DOMAIN and OUTCOME. Answers to questions or with values the
    instrument does not know are left out here and listed by `unknown_answers`."""
    questions = question_frame(instrument)
    meta = questions.select("QUESTION", "AREA", "DOMAIN").unique("QUESTION")
    known = answers.join(meta, on="QUESTION", how="inner")
    given = known.filter(pl.col("ANSWER").is_not_null()).join(
        questions.select("QUESTION", "ANSWER", "OUTCOME"), on=["QUESTION", "ANSWER"],
        how="inner")
    skipped = known.filter(pl.col("ANSWER").is_null()).with_columns(
        OUTCOME=pl.lit("skipped"))
    return pl.concat([given, skipped.select(given.columns)]).with_columns(
        YEAR=collection_year(pl.col("ANSWERED_ON")))


def unknown_answers(answers: pl.DataFrame, instrument: Instrument = SURVEY) -> pl.DataFrame:
    """Rows naming a question or an answer value that is not in the instrument."""
    questions = question_frame(instrument).select("QUESTION", "ANSWER")
    return answers.join(questions, on=["QUESTION", "ANSWER"], how="anti",
                        nulls_equal=True).filter(
        pl.col("ANSWER").is_not_null()
        | ~pl.col("QUESTION").is_in(questions["QUESTION"].unique().implode()))


def _with_all_bands(counts: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    totals = counts.group_by(keys).agg(pl.col("RESPONDENTS", "POSITIVE").sum()).with_columns(
        BAND=pl.lit(ALL_BANDS))
    return pl.concat([counts, totals.select(counts.columns)])


def _children_by(scored_answers: pl.DataFrame, key: str) -> pl.DataFrame:
    per_child = (
        scored_answers.filter(pl.col("OUTCOME").is_in(["positive", "other"])
                              & pl.col(key).is_not_null())
        .group_by("YEAR", key, "BAND", "RESPONSE")
        .agg(positive=(pl.col("OUTCOME") == "positive").sum(), answered=pl.len())
    )
    counts = per_child.group_by("YEAR", key, "BAND").agg(
        RESPONDENTS=pl.len().cast(pl.Int64),
        POSITIVE=(pl.col("positive") * 2 >= pl.col("answered")).sum().cast(pl.Int64),
    )
    return _with_all_bands(counts, ["YEAR", key]).sort("YEAR", key, "BAND")


def by_area(answers: pl.DataFrame, instrument: Instrument = SURVEY) -> pl.DataFrame:
    """Children answering, and children positive, per year, care-monitor area and band (with an
    `all` band)."""
    return _children_by(scored(answers, instrument), "AREA")


def by_domain(answers: pl.DataFrame, instrument: Instrument = SURVEY) -> pl.DataFrame:
    """The same per well-being domain."""
    return _children_by(scored(answers, instrument), "DOMAIN")


def by_question(answers: pl.DataFrame, instrument: Instrument = SURVEY) -> pl.DataFrame:
    """Per year, question and band: children who gave a substantive answer, how many were
    positive, and how many were unsure or skipped it."""
    s = scored(answers, instrument)
    outcome = pl.col("OUTCOME")
    counts = s.group_by("YEAR", "QUESTION", "BAND").agg(
        RESPONDENTS=outcome.is_in(["positive", "other"]).sum().cast(pl.Int64),
        POSITIVE=(outcome == "positive").sum().cast(pl.Int64),
        UNSURE=(outcome == "unsure").sum().cast(pl.Int64),
        SKIPPED=(outcome == "skipped").sum().cast(pl.Int64),
    )
    return counts.sort("YEAR", "QUESTION", "BAND")


def responses_by_year(answers: pl.DataFrame) -> pl.DataFrame:
    """Completed surveys per year and band (with an `all` band)."""
    counts = (answers.with_columns(YEAR=collection_year(pl.col("ANSWERED_ON")))
              .group_by("YEAR", "BAND").agg(RESPONSES=pl.col("RESPONSE").n_unique()
                                            .cast(pl.Int64)))
    totals = counts.group_by("YEAR").agg(pl.col("RESPONSES").sum()).with_columns(
        BAND=pl.lit(ALL_BANDS))
    return pl.concat([counts, totals.select(counts.columns)]).sort("YEAR", "BAND")
