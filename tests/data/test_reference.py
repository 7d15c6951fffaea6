"""The offline postcode directory and the DfE-derived placement fields."""

from __future__ import annotations

import polars as pl

from carematters.data import authorities, reference


def test_lookup_normalises_and_finds_upper_tier_authority() -> None:
    found = reference.lookup(["OX1 1AA", "ox11aa", " SW1A 1AA", "XX1 1XX", None])
    assert found["POSTCODE"].to_list() == ["OX1 1AA", "ox11aa", " SW1A 1AA", "XX1 1XX", None]
    # Oxford city is a district of Oxfordshire county (E10000025): the county is returned.
    assert found["LA"].to_list() == ["E10000025", "E10000025", "E09000033", None, None]
    assert found["EASTING"][0] == 450673.0 and found["NORTHING"][0] == 205980.0


def test_only_needed_letters_are_read(monkeypatch) -> None:
    monkeypatch.setattr(reference, "_areas", {})  # a fresh cache, whatever ran before
    asked = []
    letter_rows = reference._letter_rows
    monkeypatch.setattr(reference, "_letter_rows",
                        lambda letter, wanted: asked.append(letter) or letter_rows(letter, wanted))
    reference.lookup(["OX1 1AA", "ox4 1aa", None, "", "12345"])
    assert asked == ["O"]
    assert set(reference._areas) <= {"O"}


def test_with_the_cache_a_lookup_keeps_no_whole_letter(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CAREMATTERS_REFERENCE_CACHE", raising=False)
    monkeypatch.setattr(reference, "_areas", {})
    first = reference.lookup(["OX1 1AA", "ox4 1aa", "OX9 9ZZ"])  # reads "O" whole, caches it
    monkeypatch.setattr(reference, "_areas", {})
    again = reference.lookup(["OX1 1AA", "ox4 1aa", "OX9 9ZZ"])  # only the rows asked for
    assert reference._areas == {}
    assert again.equals(first)


def test_distance_one_decimal_unknown_and_blank() -> None:
    miles = reference.distance_miles(
        ["OX1 1AA", "OX1 1AA", "OX1 1AA", "XX1 1XX", None],
        ["SW1A 1AA", "OX1 1AA", "OX1 2AA", "OX1 1AA", "OX1 1AA"])
    # 51.4 miles Oxford-Westminster; same postcode 0.0; 0.3 miles; unknown 999.9; blank null
    assert miles.to_list() == [51.4, 0.0, 0.3, 999.9, None]


def test_placement_fields() -> None:
    eps = pl.DataFrame({
        "HOME_POST": ["OX1 1AA", "OX1 1AA", "OX1 1AA", "OX1 1AA", None],
        "PL_POST": ["OX4 1AA", "SW1A 1AA", "CF10 1AA", "XX1 1XX", "JE2 3AA"],
    })
    out = reference.with_placement_fields(eps, "931")  # Oxfordshire by its DfE code
    assert out["PL_LA"].to_list() == ["E10000025", "E09000033", "WAL", None, "NUK"]
    assert out["PL_LOCATION"].to_list() == ["IN", "OUT", "OUT", None, "OUT"]
    assert out["PL_DISTANCE"].to_list() == [1.0, 51.4, 84.3, 999.9, None]
    by_ons = reference.with_placement_fields(eps, "E10000025")
    assert by_ons["PL_LOCATION"].to_list() == out["PL_LOCATION"].to_list()
    unknown = reference.with_placement_fields(eps, None)
    assert unknown["PL_LOCATION"].null_count() == 5


def test_empty_episodes() -> None:
    empty = pl.DataFrame(schema={"HOME_POST": pl.String, "PL_POST": pl.String})
    out = reference.with_placement_fields(empty, "931")
    assert out.height == 0 and {"PL_LA", "PL_LOCATION", "PL_DISTANCE"} <= set(out.columns)


def test_authority_codes() -> None:
    assert authorities.ons_codes("931") == {"E10000025"}
    assert authorities.ons_codes("909") == {"E06000063", "E06000064"}  # Cumbria, split 2023
    assert authorities.ons_codes("E09000027") == {"E09000027"}
    assert authorities.ons_codes("000") == frozenset()
    assert authorities.dfe_code("E09000027") == "318"
    assert authorities.name("318") == "Richmond upon Thames"
    assert authorities.name("E10000025") == "Oxfordshire"
