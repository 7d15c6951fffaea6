"""Reading the Ofsted provider register: the two Ofsted workbooks and the plain CSV form."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from carematters.data.providers import (
    SCHEMA,
    RegisterError,
    by_urn,
    read_register,
    write_register_csv,
)


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An xlsx file: sheet name -> rows (the first is the header); datetimes as date cells."""
    book = xlsxwriter.Workbook(str(path))
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write_datetime(r, c, value, dated)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


CH_HEADER = ["URN", "Local Authority", "Provider Code", "Provider Placement Code", "Closed Date",
             "Setting Postcode"]
SCP_HEADER = ["URN", "Local authority", "Placement code", "Placement provider code",
              "Setting postcode"]


@pytest.fixture
def ch(tmp_path):
    return workbook(tmp_path / "ch.xlsx", {"Provider information": [
        CH_HEADER,
        # "Provider Code" is the placement type, "Provider Placement Code" the provider code.
        ["SC123456", "Oxfordshire", "K2", "PR4", datetime(2024, 3, 31), "ox1 1aa"],  # closed
        ["sc654321", "Leeds", "K1,K2", "PR1/PR2", None, "LS1 1AA"],
    ]})


@pytest.fixture
def scp(tmp_path):
    return workbook(tmp_path / "scp.xlsx", {
        "Current providers": [SCP_HEADER, [1234567, "York", "S1", "PR4,PR5", "YO1 7HH"]],
        "Providers closed": [SCP_HEADER + ["Deregistration date"],
                             ["SC000002", "Cardiff", "K3", "PR4", "CF10 1AA", "01/02/2023"]],
    })


def test_reads_both_workbooks_typed(ch, scp):
    register = read_register(children_homes=ch, social_care_providers=scp)
    assert register.schema == pl.Schema(SCHEMA)
    rows = {r["URN"]: r for r in register.iter_rows(named=True)}
    assert set(rows) == {"SC123456", "SC654321", "1234567", "SC000002"}  # numbers as text
    home = rows["SC123456"]
    assert home["REG_END"] == date(2024, 3, 31) and home["POSTCODE"] == "OX11AA"
    assert home["LA"] == "E10000025" and home["PLACE_CODES"] == ["K2"]  # Oxfordshire
    assert rows["SC654321"]["PROVIDER_CODES"] == ["PR1", "PR2"]
    assert rows["SC654321"]["PLACE_CODES"] == ["K1", "K2"] and rows["SC654321"]["REG_END"] is None
    assert rows["1234567"]["PROVIDER_CODES"] == ["PR4", "PR5"]
    closed = rows["SC000002"]
    assert closed["REG_END"] == date(2023, 2, 1) and closed["LA"] == "WAL"  # text date, Wales
    assert closed["SOURCE"] == "social care providers"


def test_older_children_homes_layout_with_two_sheets(tmp_path):
    path = workbook(tmp_path / "old.xlsx", {
        "Settings and Inspection Info": [CH_HEADER[:-1], ["SC123456", "Leeds", "K2", "PR4", None]],
        "Address Details": [["URN", "Setting Address Postcode"], ["SC123456", "LS1 1AA"]],
    })
    register = read_register(children_homes=path)
    assert register["POSTCODE"].to_list() == ["LS11AA"]


def test_missing_column_names_file_sheet_column_and_expected(tmp_path):
    path = workbook(tmp_path / "ch.xlsx", {"Provider information": [
        [c for c in CH_HEADER if c != "Provider Code"], ["SC123456", "Leeds", "K2", None, "LS1"]]})
    with pytest.raises(RegisterError) as error:
        read_register(children_homes=path)
    text = str(error.value)
    assert "ch.xlsx" in text and "Provider information" in text
    assert "'Provider Code' not found" in text and "expected the columns URN" in text


def test_missing_sheet_is_explained(ch, tmp_path):
    with pytest.raises(RegisterError, match="expected a sheet 'Provider information'"):
        read_register(children_homes=workbook(tmp_path / "x.xlsx", {"Sheet1": [["URN"]]}))
    with pytest.raises(RegisterError, match="expected two sheets"):
        read_register(social_care_providers=ch)  # the wrong list in the box
    with pytest.raises(RegisterError, match="Deregistration date"):
        read_register(social_care_providers=workbook(tmp_path / "s.xlsx", {
            "Current providers": [SCP_HEADER], "Providers closed": [SCP_HEADER]}))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a spreadsheet")
    with pytest.raises(RegisterError, match="cannot be read as an Excel workbook"):
        read_register(children_homes=path)


def test_csv_form_round_trip_and_by_urn(ch, scp, tmp_path):
    register = read_register(children_homes=ch, social_care_providers=scp)
    path = write_register_csv(register, tmp_path / "register.csv")
    again = read_register(csv=path)
    assert again.drop("SOURCE").sort("URN").equals(register.drop("SOURCE").sort("URN"))
    # A provider listed twice (premises in two areas): one row with both.
    both = by_urn(pl.concat([register, register.filter(pl.col("URN") == "SC000002").with_columns(
        pl.lit("LS11AA").alias("POSTCODE"), pl.lit(None, pl.Date).alias("REG_END"))]))
    row = both.filter(pl.col("URN") == "SC000002").row(0, named=True)
    assert row["POSTCODES"] == ["CF101AA", "LS11AA"] and row["REG_END"] is None


def test_csv_missing_column(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("URN,PLACE_CODES,REG_END,POSTCODE\nSC123456,K2,,LS1 1AA\n")
    with pytest.raises(RegisterError, match="'PROVIDER_CODES' not found"):
        read_register(csv=path)
