"""The field-validity family: codes of the year's list and readable dates."""

import polars as pl
import pytest

from carematters.data.caredata import CareData
from carematters.data.schema import table as schema_table
from carematters.validation import validate
from carematters.validation.rules.family_field_validity import FIELDS
from tests.validation.util import rows


def test_sex_codes_follow_the_year():
    header = [
        {"CHILD": "A", "SEX": "M"},  # pass in 2026
        {"CHILD": "B", "SEX": "1"},  # fail in 2026: numeric codes ended in 2024
        {"CHILD": "C", "SEX": None},  # fail: blank
    ]
    assert rows("101", Header=header) == [2, 3]
    assert rows("101", Header=header, year=2024) == [1, 3]


def test_place_code_list_by_year():
    eps = [
        {"CHILD": "A", "PLACE": "Z1"},   # fail in 2026: split into Z11-Z14
        {"CHILD": "B", "PLACE": "Z11"},  # pass in 2026
        {"CHILD": "C", "PLACE": "u4"},   # fail: codes are case-sensitive
        {"CHILD": "D", "PLACE": None},   # fail: a required code left blank
    ]
    assert rows("146", Episodes=eps) == [1, 3, 4]


def test_numeric_and_flag_fields():
    ad1 = [
        {"CHILD": "A", "NB_ADOPTR": 1, "FOSTER_CARE": 1},  # pass
        {"CHILD": "B", "NB_ADOPTR": 3, "FOSTER_CARE": 2},  # fail 175 and 114
    ]
    assert rows("175", AD1=ad1) == [2]
    assert rows("114", AD1=ad1) == [2]


def test_dates_typed_as_text_are_checked():
    eps = pl.DataFrame({
        "CHILD": ["A", "B", "C", "D"],
        "DECOM": ["01/04/2025",   # pass
                  "31/02/2025",   # fail 141: no such day
                  "",             # fail 141: blank start date
                  "2025-05-01"],  # pass: ISO dates are read too
    })
    found = validate(CareData({"Episodes": eps}), year=2026, rules=["141"])
    assert found.frame["row"].to_list() == [2, 3]


def test_reader_problems_become_findings_of_the_field_rule():
    eps = pl.DataFrame({"CHILD": ["A", "B"], "_row": [7, 9]})
    problems = [
        {"table": "Episodes", "column": "DEC", "row": 9, "value": "30/02/2025"},  # → 147
        {"table": "Header", "column": "NOPE", "row": 1, "value": "x"},  # → READ, kept
    ]
    found = validate(CareData({"Episodes": eps}), year=2026, problems=problems)
    got = found.frame.filter(pl.col("rule").is_in(["147", "READ"]))
    assert got.select("rule", "table", "row", "child").rows() == [
        ("147", "Episodes", 9, "B"), ("READ", "Header", 1, None),
    ]
    assert "30/02/2025" in got["message"][0]


def test_reader_problems_found_by_file_name_or_column():
    from carematters.validation.problems import table_of

    assert table_of({"file": "episodes.csv", "column": "DOB"}) == "Episodes"
    assert table_of({"file": "Placed_for_Adoption.csv", "column": "DOB"}) == "PlacedAdoption"
    assert table_of({"file": "return.xml", "column": "DECOM"}) == "Episodes"  # only table with it
    assert table_of({"file": "return.xml", "column": "DOB"}) is None  # many tables have DOB


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.code)
def test_every_field_rule_passes_good_and_fails_bad_values(field):
    column = schema_table(field.table).column(field.column)
    year = field.first_year or 2026
    if column.kind == "date":
        good, bad = "01/05/2025", "31/02/2025"   # pass: a real day; fail: no such day
    else:
        allowed = column.allowed(year) or [str(column.minimum)]
        good, bad = allowed[0], "ZZ9"            # pass: a code of the year; fail: unknown code
    # Text frames, as another tool might hand them over; the Context converts them.
    frame = pl.DataFrame({"CHILD": ["A", "B", "C"], field.column: [good, bad, None]})
    found = validate(CareData({field.table: frame}), year=year, rules=[field.code])
    expected = [2, 3] if field.blank_is_error else [2]   # row 3 blank: fails only if required
    assert found.frame["row"].to_list() == expected
