"""Reading hand-written CSV files: every flaw gives the exact problem (file, row, column)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from carematters.data.schema import SOURCE_ROW
from carematters.returns import ReadError, match_table, read_csv_files
from carematters.returns import csv as csv_module

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"


def where(problems) -> list[tuple]:
    return [(p.file, p.row, p.column) for p in problems]


def test_columns_in_any_order_and_any_case(write):
    path = write("eps.csv", (
        " dec , Child,DECOM,rne,LS,CIN,PLACE,PLACE_PROVIDER,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        ",A1,01/04/2024,S,C2,N1,U1,PR1,,,ab1   2cd,,\n"  # row 1: open episode
    ))
    result = read_csv_files([path], year=2025)
    assert result.problems == []
    episodes = result.data["Episodes"]
    assert episodes.columns[:3] == ["CHILD", "DECOM", "RNE"]
    assert episodes["DECOM"].to_list() == [date(2024, 4, 1)]
    assert episodes["DEC"].to_list() == [None]
    assert episodes["HOME_POST"].to_list() == ["AB1 2CD"]  # upper-cased, inner spaces collapsed
    assert episodes[SOURCE_ROW].to_list() == [1]


def test_bad_values_become_null_with_a_problem_each(write):
    path = write("Header.csv", HEADER + (
        "A1,M,31/02/2012,WBRI,UN1,,\n"      # row 1: no 31 February
        "A2,m,01/02/2012,WBRI,UN1,2,\n"     # row 2: lower-case sex code, MOTHER not 0/1
        "A3,F,2012-02-01,WBRI,UN1,0,\n"     # row 3: ISO date accepted
        "A4,F,01/02/12,WBRI,UN1,1,junk\n"   # row 4: two-digit year, junk MC_DOB
        "  A5 , F ,1/2/2012,WBRI,UN1,0,\n"  # row 5: padding stripped, d/m/yyyy accepted
    ))
    result = read_csv_files([path], year=2025)
    assert where(result.problems) == [
        ("Header.csv", 1, "DOB"),
        ("Header.csv", 2, "MOTHER"),
        ("Header.csv", 2, "SEX"),
        ("Header.csv", 4, "DOB"),
        ("Header.csv", 4, "MC_DOB"),
    ]
    assert str(result.problems[0]) == (
        "Header.csv row 1, column DOB: '31/02/2012' is not a valid date (expected dd/mm/yyyy)"
    )
    sex = result.problems[2]
    assert (sex.value, sex.expected) == ("m", "one of M, F, U")
    header = result.data["Header"]
    assert header["DOB"].to_list() == [None, date(2012, 2, 1), date(2012, 2, 1), None, date(2012, 2, 1)]
    assert header["SEX"].to_list() == ["M", "m", "F", "F", "F"]  # unknown codes kept as given
    assert header["MOTHER"].to_list() == [None, None, 0, 1, 0]
    assert header["CHILD"].to_list() == ["A1", "A2", "A3", "A4", "A5"]


def test_codes_are_checked_against_the_year(write):
    path = write("Header.csv", HEADER + "A1,1,01/01/2010,WBRI,UN1,,\n")  # 1 = male up to 2024
    assert read_csv_files([path], year=2024).problems == []
    [problem] = read_csv_files([path], year=2025).problems
    assert (problem.row, problem.column, problem.value) == (1, "SEX", "1")


def test_missing_and_extra_columns(write):
    path = write("Header.csv", "CHILD,SEX,DOB,UPN,NOTES,MOTHER,MC_DOB\nA1,M,01/01/2010,UN1,hello,0,\n")
    result = read_csv_files([path], year=2025)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (None, "NOTES", "column 'NOTES' is not a column of Header; dropped"),
        (None, "ETHNIC", "column ETHNIC is missing; read as blank"),
    ]
    header = result.data["Header"]
    assert header.columns == ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", SOURCE_ROW]
    assert header["ETHNIC"].to_list() == [None]


def test_duplicate_column_keeps_the_first(write):
    path = write("Header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX\nA1,M,01/01/2010,WBRI,UN1,0,,F\n")
    result = read_csv_files([path], year=2025)
    assert where(result.problems) == [("Header.csv", None, "SEX")]
    assert result.data["Header"]["SEX"].to_list() == ["M"]


def test_repeated_header_line_is_dropped_and_rows_keep_their_numbers(write):
    path = write("Header.csv", HEADER + (
        "A1,M,01/01/2010,WBRI,UN1,,\n"   # row 1
        + HEADER +                       # row 2: the header again (two files glued together)
        "\n"                             # row 3: blank line, no data
        "A2,M,01/01/2010,WBRI,UN1,,\n"   # row 4
    ))
    result = read_csv_files([path], year=2025)
    assert [(p.row, p.message) for p in result.problems] == [(2, "row repeats the header line; dropped")]
    assert result.data["Header"][SOURCE_ROW].to_list() == [1, 4]


def test_ragged_rows_keep_what_is_there(write):
    path = write("Header.csv", HEADER + (
        "A1,M,01/01/2010\n"                   # row 1: too few fields
        "A2,M,01/01/2010,WBRI,UN1,0,,extra\n"  # row 2: too many, extra field dropped
        "A3,M,01/01/2010,WBRI,UN1,0,,,\n"     # row 3: trailing empty fields, nothing lost
    ))
    result = read_csv_files([path], year=2025)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(1, None, None), (2, None, "extra")]
    header = result.data["Header"]
    assert header["DOB"].to_list() == [date(2010, 1, 1)] * 3
    assert header["UPN"].to_list() == [None, "UN1", "UN1"]


def test_bom_is_ignored(write):
    path = write("Header.csv", b"\xef\xbb\xbf" + (HEADER + "A1,M,01/01/2010,WBRI,UN1,,\n").encode())
    result = read_csv_files([path], year=2025)
    assert result.problems == []
    assert result.data["Header"]["CHILD"].to_list() == ["A1"]


def test_windows_1252_is_read_with_a_problem(write):
    text = "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON,DOB\nA1,SW12,01/01/2024,,MANAGE,01/01/2010\n"
    path = write("sw.csv", text.replace("SW12", "SW12\u2019").encode("cp1252"))
    result = read_csv_files([path], year=2025)
    assert [(p.file, p.row, p.message) for p in result.problems] == [
        ("sw.csv", None, "file is not UTF-8 (first bad byte 50); read as Windows-1252"),
    ]
    assert result.data["SWEpisodes"]["SW_ID"].to_list() == ["SW12\u2019"]


def test_empty_and_binary_files_are_problems_not_errors(write):
    empty = write("Header.csv", b"")
    garbage = write("Episodes.csv", bytes(range(256)) * 4)
    header_only = write("Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n")
    result = read_csv_files([empty, garbage, header_only], year=2025)
    assert [(p.file, p.row, p.message) for p in result.problems] == [
        ("Header.csv", None, "file is empty"),
        ("Episodes.csv", None, "file is not text (it holds binary data)"),
    ]
    assert list(result.data.tables) == ["Reviews"]
    assert result.data["Reviews"].height == 0


def test_columns_matching_no_table(write):
    path = write("notes.csv", "NAME,AGE\nBob,12\n")
    [problem] = read_csv_files([path]).problems
    assert (problem.file, problem.row, problem.column) == ("notes.csv", None, None)
    assert problem.message == "columns (NAME, AGE) match no single table; file not read"


def test_latin1_garbage_without_nul_bytes_is_a_problem(write):
    path = write("x.csv", bytes([0x81, 0x8D, 0xFF, 0x2C, 0x0A, 0xC3]) * 50)
    result = read_csv_files([path])
    assert [p.file for p in result.problems] == ["x.csv", "x.csv"]
    assert result.data.tables == {}


def test_year_from_the_latest_episode_date(write):
    path = write("Episodes.csv", (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "A1,01/04/2023,S,C2,N1,U1,PR1,31/03/2024,E13,,,,\n"  # latest date 31 March 2024: year 2024
    ))
    assert read_csv_files([path]).data.years == (2024,)


def test_header_recognition():
    assert match_table(["CHILD", "SEX", "DOB", "DUC"]).name == "UASC"
    assert match_table(["child", "sex", "dob", "ethnic"]).name == "Header"
    assert match_table(["CHILD", "DOB"]) is None  # shared by most tables
    assert match_table(["CHILD", "DOB"], "Reviews").name == "Reviews"  # the file name decides
    assert match_table(["CHILD", "MIS_START", "RHI_DATE"]).name == "ReturnInterviews"


def test_two_files_for_one_table_are_combined_with_a_problem(write):
    first = write("Header.csv", HEADER + "A1,M,01/01/2010,WBRI,UN1,,\n")
    second = write("Header2.csv", HEADER + "A2,M,01/01/2010,WBRI,UN1,,\n")
    result = read_csv_files([first, second], year=2025)
    assert where(result.problems) == [("Header2.csv", None, None)]
    assert result.data["Header"]["CHILD"].to_list() == ["A1", "A2"]


def test_no_files_at_all_is_a_read_error():
    with pytest.raises(ReadError):
        read_csv_files([])


def test_missing_file_is_a_problem(tmp_path):
    result = read_csv_files([tmp_path / "Header.csv"])
    assert [(p.file, p.row) for p in result.problems] == [("Header.csv", None)]


def test_extension_tables_are_read(write):
    path = write("visits.csv", "CHILD,VISIT_DATE,SW_ID,VISIT_KIND,SEEN,SEEN_ALONE\nA1,02/05/2024,SW1,STAT,1,0\n")
    result = read_csv_files([path], year=2025)
    assert result.problems == []
    assert result.data["Visits"]["SEEN"].dtype == pl.Int8


def test_files_are_read_one_at_a_time_and_named_per_table(write, monkeypatch):
    header = write("h.csv", HEADER + "A1,M,01/01/2010,WBRI,UN1,,\n")
    reviews = write("r.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n")
    events = []
    real_read = csv_module.read_csv_file
    monkeypatch.setattr(csv_module, "read_csv_file", lambda path: events.append(f"read {path.name}") or real_read(path))

    def paths():
        for path in (header, reviews):
            events.append(f"give {path.name}")
            yield path

    result = read_csv_files(paths(), year=2025)
    # each file is read before the next is asked for, so a progress bar around paths moves
    assert events == ["give h.csv", "read h.csv", "give r.csv", "read r.csv"]
    assert result.files == {"Header": "h.csv", "Reviews": "r.csv"}
