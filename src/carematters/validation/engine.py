"""Run the DfE rules over a return and collect the findings.

`validate` builds one `Context`, runs each rule in force for the collection year, and turns every
offending row into a finding. A rule that raises does not stop the run and is never lost: it
becomes a finding of kind "rule error" naming the rule and the exception. Problems the readers
found (values they could not parse and so nulled) come in through `problems=` and are reported
under the DfE rule for that field (see `validation.problems`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import polars as pl

from carematters.data.caredata import CareData
from carematters.validation.context import ROW, Context
from carematters.validation.problems import problem_findings
from carematters.validation.registry import Rule, RuleResult, rules_for

FINDINGS_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String(),
    "table": pl.String(),
    "row": pl.Int64(),
    "child": pl.String(),
    "fields": pl.List(pl.String()),
    "message": pl.String(),
    "kind": pl.String(),
}
FINDING = "finding"
RULE_ERROR = "rule error"

#: progress(done, total, code) is called after each rule.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Findings:
    """The findings of one run: `frame` has FINDINGS_SCHEMA, one row per (rule, table, row)."""

    frame: pl.DataFrame
    rules: tuple[Rule, ...] = field(default=())
    year: int | None = None

    def __len__(self) -> int:
        return self.frame.height

    @property
    def rule_errors(self) -> pl.DataFrame:
        return self.frame.filter(pl.col("kind") == RULE_ERROR)

    def for_rule(self, code: str) -> pl.DataFrame:
        return self.frame.filter(pl.col("rule") == code)


def empty_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDINGS_SCHEMA)


def collection_year(current: CareData, year: int | None) -> int:
    if year is not None:
        return year
    if len(current.years) == 1:
        return current.years[0]
    raise ValueError("say which collection year to validate (year=...)")


def validate(
    current: CareData,
    previous: CareData | None = None,
    *,
    year: int | None = None,
    la: str | None = None,
    rules: list[str] | None = None,
    progress: Progress | None = None,
    problems: Iterable[object] = (),
    providers: pl.DataFrame | None = None,
    history: CareData | None = None,
) -> Findings:
    """Findings of every rule in force in `year` (or just `rules`) over `current`.

    `previous` is last year's return, needed by the rules comparing years (502, 503A-J...).
    `providers` is the Ofsted provider register (`carematters.data.providers.read_register`),
    needed by the rules comparing an episode's URN with it (219, 221, 224, 227-229, 241, 1008).
    `history` holds the earlier returns, from before last year, put together (at least their
    Episodes; give their `years`): the rules that judge the child's whole care history (1000,
    1001, 1002, 199) then see care that ended before last year. Without it they see this year's
    and last year's returns only.
    """
    year = collection_year(current, year)
    problems = tuple(problems)
    ctx = Context(current, previous, year=year, la=la, providers=providers, problems=problems,
                  history=history)
    chosen = rules_for(year, rules)
    frames = [problem_findings(
        problems, ctx, {r.code: r for r in chosen}, restricted=rules is not None
    )]
    for done, one in enumerate(chosen, start=1):
        frames.append(run_rule(one, ctx))
        if progress is not None:
            progress(done, len(chosen), one.code)
    findings = (
        pl.concat(frames, how="vertical")
        .unique(["rule", "table", "row", "child", "kind"], keep="first", maintain_order=True)
        .sort(["child", "table", "row", "rule"], nulls_last=True, maintain_order=True)
    )
    return Findings(findings, tuple(chosen), year)


def run_rule(one: Rule, ctx: Context) -> pl.DataFrame:
    """One rule's findings; an exception becomes a single "rule error" finding."""
    try:
        return to_findings(one, one.check(ctx), ctx)
    except Exception as exc:  # noqa: BLE001 - a broken rule must not hide the others' findings
        return pl.DataFrame(
            {
                "rule": [one.code], "table": [one.tables[0] if one.tables else None],
                "row": [None], "child": [None], "fields": [list(one.fields)],
                "message": [f"rule {one.code} could not run: {type(exc).__name__}: {exc}"],
                "kind": [RULE_ERROR],
            },
            schema=FINDINGS_SCHEMA,
        )


def to_findings(one: Rule, result: RuleResult, ctx: Context) -> pl.DataFrame:
    """Normalise a rule's result (a frame, or frames keyed by table) into findings rows."""
    by_table = result if isinstance(result, dict) else {one.tables[0]: result}
    frames = [empty_findings()]
    for name, frame in by_table.items():
        if frame.height == 0:
            continue
        columns = ctx.table(name).columns
        fields = [f for f in one.fields if f in columns]
        child = pl.col("CHILD").cast(pl.String) if "CHILD" in frame.columns else pl.lit(None)
        frames.append(
            frame.select(
                pl.lit(one.code).alias("rule"),
                pl.lit(name).alias("table"),
                pl.col(ROW).cast(pl.Int64).alias("row"),
                child.cast(pl.String).alias("child"),
                pl.lit(fields, dtype=pl.List(pl.String())).alias("fields"),
                pl.lit(one.message).alias("message"),
                pl.lit(FINDING).alias("kind"),
            )
        )
    return pl.concat(frames, how="vertical")
