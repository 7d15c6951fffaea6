"""The prepared postcode directory is cached between runs and reads back identical."""

from carematters.data import reference


def test_a_cached_letter_reads_back_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CAREMATTERS_REFERENCE_CACHE", raising=False)
    prepared = reference._prepare_letter("Y")
    assert reference._read_letter("Y").equals(prepared)  # builds and writes the cache
    cached = reference._cache_file("Y")
    assert cached is not None and cached.exists() and str(cached).startswith(str(tmp_path))
    assert reference._read_letter("Y").equals(prepared)  # from the cache


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CAREMATTERS_REFERENCE_CACHE", "0")
    assert reference._cache_file("Y") is None
    reference._read_letter("Y")
    assert not any(tmp_path.iterdir())
