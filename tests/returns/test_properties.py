"""Properties: valid data round-trips through both formats; no input makes a reader raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carematters.data.schema import SOURCE_ROW
from carematters.returns import read_csv_files, read_xml, write_csv, write_xml
from carematters.returns.records import _split_fast, _split_plain, _split_quoted
from tests.returns.sample import sample_data
from tests.returns.strategies import care_data

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A whole return per example: fewer of them keeps the suite to seconds.
ROUND_TRIP = settings(FAST, max_examples=30)

# Problems about a whole row or line rather than one cell (ragged rows, a repeated header, an
# unreadable CSV record, an unknown XML element, a syntax error): they name no column.
WHOLE_ROW = {"a well-formed CSV record", "data", "well-formed XML"}


def _check_named(problems, data) -> None:
    """Every row-level problem names its file and a row; cell problems also their column, and
    that row is in the data (so `_row` and the problem agree)."""
    rows = {row for frame in data.tables.values() if SOURCE_ROW in frame.columns for row in frame[SOURCE_ROW]}
    for problem in problems:
        assert problem.file
        if problem.row is None:
            continue
        assert problem.row >= 1
        whole_row = problem.expected in WHOLE_ROW or problem.expected.endswith("fields") or problem.expected.startswith("an element of")
        if not whole_row:
            assert problem.column is not None, problem
            assert problem.row in rows, problem
        str(problem)


@ROUND_TRIP
@given(care_data())
def test_valid_data_round_trips_through_csv(data):
    with tempfile.TemporaryDirectory() as folder:
        result = read_csv_files(write_csv(data, Path(folder)), year=data.year)
    assert result.problems == []
    assert result.data.equals(data)


@ROUND_TRIP
@given(care_data())
def test_valid_data_round_trips_through_xml(data):
    with tempfile.TemporaryDirectory() as folder:
        result = read_xml(write_xml(data, Path(folder) / "r.xml"))
    assert result.problems == []
    assert result.data.years == data.years
    assert result.data.equals(data)


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["Episodes.csv", "data.xml"]))
def test_arbitrary_bytes_never_raise(content, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        result = read_xml(path) if name.endswith(".xml") else read_csv_files([path])
    _check_named(result.problems, result.data)


def _sample_text(kind: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        if kind == "xml":
            return write_xml(sample_data(), Path(folder) / "r.xml").read_text()
        write_csv(sample_data(), Path(folder))
        return (Path(folder) / f"{kind}.csv").read_text()


_SAMPLES = {kind: _sample_text(kind) for kind in ("Episodes", "Header", "OC2", "xml")}
_NOISE = st.text(alphabet=st.sampled_from(list(',"\n\r x9/-é\x00<>&;')), max_size=6)


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, str]:
    """A valid file with a few random cuts, insertions and duplicated stretches."""
    kind = draw(st.sampled_from(sorted(_SAMPLES)))
    text = _SAMPLES[kind]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 40)))
        match draw(st.sampled_from(["cut", "insert", "repeat"])):
            case "cut":
                text = text[:at] + text[end:]
            case "insert":
                text = text[:at] + draw(_NOISE) + text[at:]
            case "repeat":
                text = text[:end] + text[at:end] + text[end:]
    return kind, text


@FAST
@given(mangled())
def test_mangled_files_never_raise_and_problems_say_where(sample):
    kind, text = sample
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("r.xml" if kind == "xml" else f"{kind}.csv")
        path.write_text(text, encoding="utf-8", newline="")
        result = read_xml(path, year=2025) if kind == "xml" else read_csv_files([path], year=2025)
    _check_named(result.problems, result.data)


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab ,\n\r")), max_size=80))
def test_both_ways_of_splitting_csv_agree_on_text_without_quotes(text):
    # Quote-free files are split by Polars, others by the csv module: same frame, same problems.
    plain, quoted = _split_plain(text, "f.csv"), _split_quoted(text, "f.csv")
    assert plain[0] == quoted[0]
    assert plain[2] == quoted[2]
    assert (plain[1] is None) == (quoted[1] is None)
    if plain[1] is not None:
        assert plain[1].equals(quoted[1])


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab ,\n\r")), max_size=80)
       | st.lists(st.sampled_from(["a,b", "a, ", ",", "b,a\r", "x"]), min_size=1, max_size=6)
       .map("\n".join))
def test_the_native_reader_agrees_with_the_line_splitter_when_it_takes_a_file(text):
    # The fast path declines (None) anything irregular; whatever it takes, it reads as
    # `_split_plain` does, with no problems.
    fast = _split_fast(text)
    if fast is None:
        return
    header, frame, problems = _split_plain(text, "f.csv")
    assert problems == []
    assert fast[0] == header
    assert fast[1].equals(frame)


def test_the_native_reader_takes_regular_files_and_declines_the_rest():
    assert _split_fast("A,B\r\n1,2\r\n3,\r\n") is not None  # Windows line ends
    assert _split_fast("A,B\n1,2\n\n3,4\n") is None  # a blank line: rows are numbered
    assert _split_fast("A,B\n1,2,3\n4\n") is None  # ragged rows, though the commas add up
    assert _split_fast("A,B\n1,2\r3,4\n") is None  # a lone \r ends a record
