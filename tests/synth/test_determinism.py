from __future__ import annotations

from pathlib import Path

import pytest

from carematters.synth import generate, write


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes(tmp_path):
    write(generate(150, 2, seed=7, errors=True), tmp_path / "a")
    write(generate(150, 2, seed=7, errors=True), tmp_path / "b")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys() and "manifest.csv" in a
    assert a == b


def test_different_seed_gives_different_data(tmp_path):
    write(generate(150, 2, seed=7), tmp_path / "a")
    write(generate(150, 2, seed=8), tmp_path / "b")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a["2025/Episodes.csv"] != b["2025/Episodes.csv"]


def test_children_is_the_number_looked_after_in_the_window():
    synthetic = generate(250, 3, seed=2)
    episodes = synthetic.authority(synthetic.authorities[0])["Episodes"]
    assert episodes["CHILD"].n_unique() == 250


def test_folders_per_authority_when_several(tmp_path):
    synthetic = generate(60, 1, seed=1, authorities=2)
    write(synthetic, tmp_path)
    for la in synthetic.authorities:
        assert (tmp_path / la / "2025" / "Episodes.csv").exists()
    assert not (tmp_path / "manifest.csv").exists()  # no errors asked for


@pytest.mark.slow
def test_same_seed_identical_at_scale():
    """Large frames take Polars' parallel paths; row order must still not depend on threads."""
    first, second = generate(30_000, 2, seed=9, errors=True), generate(30_000, 2, seed=9, errors=True)
    assert first.manifest.equals(second.manifest)
    for key, data in first.returns.items():
        for name, frame in data.tables.items():
            assert frame.equals(second.returns[key][name]), (key, name)
