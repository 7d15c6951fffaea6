"""The engine: discovery, rule errors, findings shape, and robustness on mangled input."""

from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carematters.data.caredata import CareData
from carematters.data.schema import SSDA903_TABLES
from carematters.validation import all_rules, rule, rules_for, validate
from carematters.validation.context import Context
from carematters.validation.engine import FINDINGS_SCHEMA, RULE_ERROR, run_rule
from carematters.validation.registry import collect


def test_rules_are_discovered_and_declared_sensibly():
    rules = all_rules()
    assert {"141", "142", "148", "501", "503A"} <= set(rules)
    for code, one in rules.items():
        assert one.code == code
        assert one.message and one.tables


def test_a_code_declared_twice_raises():
    @rule("X1", "first", tables=["Episodes"])
    def first(ctx):
        return ctx.table("Episodes")

    @rule("X1", "second", tables=["Episodes"])
    def second(ctx):
        return ctx.table("Episodes")

    with pytest.raises(ValueError, match="X1"):
        collect([SimpleNamespace(a=first), SimpleNamespace(b=second)])


def test_rules_by_year():
    codes_2026 = {r.code for r in rules_for(2026)}
    codes_2027 = {r.code for r in rules_for(2027)}
    assert "700" not in codes_2026 and "700" in codes_2027
    with pytest.raises(KeyError):
        rules_for(2026, ["NOT-A-RULE"])


def test_a_rule_that_raises_becomes_a_rule_error_finding():
    @rule("BROKEN", "never works", tables=["Episodes"], fields=["DECOM"])
    def broken(ctx):
        raise ZeroDivisionError("boom")

    ctx = Context(CareData(), year=2026)
    found = run_rule(broken, ctx)
    assert found.schema == pl.Schema(FINDINGS_SCHEMA)
    assert found.rows(named=True)[0]["kind"] == RULE_ERROR
    assert "boom" in found["message"][0]


def test_findings_shape_and_rows_from_source():
    eps = pl.DataFrame({
        "CHILD": ["A", "B"], "DECOM": [date(2025, 5, 1), date(2025, 6, 1)],
        "DEC": [date(2025, 5, 1), None], "_row": [10, 20],
    })
    found = validate(CareData({"Episodes": eps}, years=(2026,)), rules=["355", "148"])
    assert found.frame.schema == pl.Schema(FINDINGS_SCHEMA)
    assert found.frame.select("rule", "row", "child").rows() == [("148", 10, "A"), ("355", 10, "A")]
    assert found.frame["fields"][0].to_list() == ["DEC", "REC"]


def test_progress_is_reported_per_rule():
    seen = []
    validate(CareData(), year=2026, rules=["141", "142"], progress=lambda *a: seen.append(a))
    assert seen == [(1, 2, "141"), (2, 2, "142")]


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_no_rule_raises_on_empty_data(year):
    found = validate(CareData(), CareData(), year=year)
    assert found.rule_errors.height == 0, found.rule_errors["message"].to_list()
    assert len(found) == 0


# --- mangled input: every rule must survive anything the readers can hand over -------------

TEXT = st.one_of(st.none(), st.sampled_from(["", " ", "X1", "A3", "T1", "S", "P", "E11", "V3",
                                              "C2", "N1", "PR0", "YES", "0", "1", "DIED"]),
                 st.text(max_size=4))
DATES = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2027, 12, 31)))


def _frame_strategy(tbl):
    def column(col):
        if col.name == "CHILD":
            return st.one_of(st.none(), st.sampled_from(["A", "B", "C"]))
        if col.kind == "date":
            return DATES
        if col.kind in ("int", "bool01"):
            return st.one_of(st.none(), st.integers(-3, 45))
        codes = col.allowed(2026) or []
        return st.one_of(TEXT, st.sampled_from(codes)) if codes else TEXT

    row = st.fixed_dictionaries({col.name: column(col) for col in tbl.columns})
    return st.lists(row, max_size=6).map(
        lambda rows: pl.DataFrame(rows, schema=tbl.polars_schema())
    )


CAREDATA = st.fixed_dictionaries({t.name: _frame_strategy(t) for t in SSDA903_TABLES})
TEXT_CELLS = st.lists(
    st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=14, max_size=14), max_size=6
)


def _no_rule_errors(current: CareData, previous: CareData, year: int) -> None:
    found = validate(current, previous, year=year)
    assert found.rule_errors.height == 0, found.rule_errors["message"].to_list()


def _text_frames(cells):
    # Every column as untyped text, as another tool might hand it over.
    return CareData({
        tbl.name: pl.DataFrame(
            [dict(zip(tbl.column_names, row[: len(tbl.column_names)], strict=True)) for row in cells],
            schema={n: pl.String() for n in tbl.column_names},
        )
        for tbl in SSDA903_TABLES
    })


# A few examples in the default suite (each runs every rule); many more in the slow suite.
FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(current=CAREDATA, previous=CAREDATA)
def test_no_rule_raises_on_mangled_typed_input(current, previous):
    _no_rule_errors(CareData(current), CareData(previous), 2026)


@FEW
@given(TEXT_CELLS)
def test_no_rule_raises_on_text_in_every_column(cells):
    _no_rule_errors(_text_frames(cells), _text_frames(cells), 2027)


@pytest.mark.slow
@MANY
@given(current=CAREDATA, previous=CAREDATA, year=st.sampled_from([2024, 2025, 2026, 2027]))
def test_no_rule_raises_on_many_mangled_inputs(current, previous, year):
    _no_rule_errors(CareData(current), CareData(previous), year)


@pytest.mark.slow
@MANY
@given(TEXT_CELLS)
def test_no_rule_raises_on_much_text(cells):
    _no_rule_errors(_text_frames(cells), _text_frames(cells), 2026)


def test_no_rule_raises_on_synthetic_returns():
    from carematters.synth.generate import generate

    synthetic = generate(150, 2, seed=3, last_year=2026, errors=True)
    (la,) = synthetic.authorities
    current, previous = synthetic.returns[(la, 2026)], synthetic.returns[(la, 2025)]
    found = validate(current, previous, year=2026)
    assert found.rule_errors.height == 0, found.rule_errors["message"].to_list()
    assert len(found) > 0  # errors were injected


def test_coverage_doc_is_current_and_every_peer_code_has_a_rule():
    from pathlib import Path

    from carematters.validation import coverage

    peer = coverage.peer_codes(Path(__file__).parent / "data")
    assert set(peer) == {2026, 2027}
    for year, codes in peer.items():
        missing = sorted(c for c in codes if c not in all_rules() or not all_rules()[c].in_force(year))
        assert not missing, f"peer codes for {year} without a rule here: {missing}"
    doc = coverage.DOC.read_text()
    assert coverage.rewrite(doc, peer) == doc, "run: python -m carematters.validation.coverage"


def test_no_rule_errors_on_a_large_blank_return():
    # Polars 2.1 mis-sized a filled literal filter on frames of 20,000 rows or more, which made
    # five rules raise on national-size returns; every rule must run at that size.
    import polars as pl

    from carematters.data import CareData, table
    from carematters.validation import validate

    ids = pl.DataFrame({"CHILD": [f"C{i}" for i in range(20_500)]})

    def blank(name: str) -> pl.DataFrame:
        return ids.with_columns(
            pl.lit(None, dtype).alias(column)
            for column, dtype in table(name).polars_schema().items()
            if column != "CHILD"
        )

    data = CareData({"Episodes": blank("Episodes"), "Header": blank("Header")}, years=(2026,))
    assert validate(data, year=2026).rule_errors.is_empty()
