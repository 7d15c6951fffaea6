"""Injected errors are where the manifest says, in the typed returns and in the files."""

from __future__ import annotations

import csv

import polars as pl

from carematters.data.schema import SSDA903_TABLES
from carematters.synth import ERROR_KINDS, write
from carematters.synth.errors import _text


def test_about_one_percent_of_rows_and_many_kinds(with_errors):
    rows = sum(d[t.name].height for d in with_errors.returns.values() for t in SSDA903_TABLES)
    assert 0.007 * rows <= with_errors.manifest.height <= 0.013 * rows
    assert len(ERROR_KINDS) >= 20
    assert with_errors.manifest["kind"].n_unique() >= 15
    assert with_errors.manifest.select("la", "year", "table", "row", "column").is_unique().all()


def test_typed_errors_are_in_the_returns(with_errors):
    texts = {(la, y, c.table, c.row + 1, c.column) for (la, y), cells in with_errors.cell_text.items()
             for c in cells}
    typed = with_errors.manifest.filter(pl.col("column") != "")
    checked = 0
    for row in typed.iter_rows(named=True):
        key = (row["la"], row["year"], row["table"], row["row"], row["column"])
        if key in texts:
            continue
        frame = with_errors.returns[(row["la"], row["year"])][row["table"]]
        assert _text(frame[row["column"]][row["row"] - 1]) == row["injected"], row
        assert row["original"] != row["injected"], row
        checked += 1
    assert checked > 20


def test_added_rows(with_errors):
    added = with_errors.manifest.filter(pl.col("injected") == "row added")
    assert set(added["kind"]) == {"duplicate_episode", "oc2_not_in_cohort"}
    for row in added.iter_rows(named=True):
        frame = with_errors.returns[(row["la"], row["year"])][row["table"]]
        assert frame["CHILD"][row["row"] - 1] == row["child"]
        if row["kind"] == "duplicate_episode":
            assert frame.row(row["row"] - 1) == frame.row(row["row"] - 2)


def test_file_level_errors_are_in_the_written_files(with_errors, tmp_path):
    write(with_errors, tmp_path)
    cells = [(k, c) for k, cs in with_errors.cell_text.items() for c in cs]
    assert {"bad_date", "lowercase_code"} <= set(
        with_errors.manifest.filter(pl.col("injected").str.contains("[a-z/.-]"))["kind"])
    assert cells
    for (_la, year), cell in cells:
        with open(tmp_path / str(year) / f"{cell.table}.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows[cell.row][cell.column] == cell.text
    manifest = pl.read_csv(tmp_path / "manifest.csv", infer_schema=False)
    assert manifest.height == with_errors.manifest.height
    written = {}
    for row in manifest.iter_rows(named=True):
        if row["column"] and row["injected"] != "row added":
            path = tmp_path / row["year"] / f"{row['table']}.csv"
            if path not in written:
                with open(path, newline="", encoding="utf-8") as f:
                    written[path] = list(csv.DictReader(f))
            assert (written[path][int(row["row"]) - 1][row["column"]] or "") == (row["injected"] or "")


def test_clean_data_has_no_manifest(clean):
    assert clean.manifest.height == 0
    assert not clean.cell_text
