"""Written returns read back through carematters.returns: clean data exactly, errors reported."""

from __future__ import annotations

import pytest

from carematters.returns import read_return
from carematters.synth import generate, write


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_clean_returns_read_back_identical_without_problems(tmp_path, fmt):
    synthetic = generate(200, 2, seed=4)
    write(synthetic, tmp_path, fmt)
    for (_, year), data in synthetic.returns.items():
        result = read_return(tmp_path / str(year))
        assert result.problems == []
        assert result.data.without_source_rows().equals(data)


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_every_file_level_error_is_reported_by_the_reader(tmp_path, fmt):
    synthetic = generate(600, 1, seed=4, errors=True)
    write(synthetic, tmp_path, fmt)
    (key, cells), = synthetic.cell_text.items()
    assert cells
    problems = read_return(tmp_path / str(key[1])).problems
    reported = {(p.column, p.value) for p in problems}
    for cell in cells:
        assert (cell.column, cell.text) in reported
        if fmt == "csv":
            assert any(p.file == f"{cell.table}.csv" and p.row == cell.row + 1 for p in problems)
