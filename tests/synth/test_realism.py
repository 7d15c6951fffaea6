"""A ~2,000-child authority looks like England (spec §2.11 and the §2 benchmarks), loosely."""

from __future__ import annotations

import polars as pl
import pytest

from carematters.data.episodes import (
    carer_spells,
    drop_short_breaks,
    looked_after_at_year_end,
    started_in_year,
)
from carematters.data.years import add_years, year_end, year_start
from carematters.synth import generate

YEAR = 2025


@pytest.fixture(scope="module")
def data():
    return generate(2000, 3, seed=21).returns


@pytest.fixture(scope="module")
def at_end(data):
    (la, _), = [key for key in data if key[1] == YEAR]
    return drop_short_breaks(data[(la, YEAR)]["Episodes"]), data[(la, YEAR)]


def _share(frame: pl.DataFrame, codes: list[str]) -> float:
    return frame.filter(pl.col("PLACE").is_in(codes)).height / frame.height


def test_placement_mix(at_end):
    episodes, _ = at_end
    open_ = looked_after_at_year_end(episodes, YEAR)
    assert 0.65 <= _share(open_, ["U1", "U2", "U3", "U4", "U5", "U6"]) <= 0.78
    assert 0.07 <= _share(open_, ["K1", "K2", "R1", "S1"]) <= 0.17
    assert 0.03 <= _share(open_, ["K3"]) <= 0.10
    assert 0.02 <= _share(open_, ["P1"]) <= 0.09


def test_three_or_more_placements_in_year(at_end):
    episodes, _ = at_end
    open_ = looked_after_at_year_end(episodes, YEAR).select("CHILD")
    spells = carer_spells(episodes).filter(
        pl.col("SPELL_END").is_null() | (pl.col("SPELL_END") >= year_start(YEAR)))
    counts = open_.join(spells.group_by("CHILD").len(), on="CHILD", how="left")
    assert 0.05 <= (counts["len"] >= 3).mean() <= 0.20


def test_flows_and_cohorts(at_end):
    episodes, data = at_end
    stock = looked_after_at_year_end(episodes, YEAR).height
    assert 0.3 <= started_in_year(episodes, YEAR).height / stock <= 0.8
    assert 0.015 <= data["AD1"].height / stock <= 0.07
    assert 0.5 <= data["OC2"].height / stock <= 0.8
    assert 12 <= data["OC2"]["SDQ_SCORE"].mean() <= 16
    uasc = data["UASC"].filter(pl.col("DUC").is_null()).height / stock
    assert 0.03 <= uasc <= 0.15


def test_care_leavers_at_19(data):
    """Pooled over the three years: a single year has only about a hundred 19-year-olds."""
    at_19 = pl.concat([
        d["OC3"].filter(pl.col("DOB").map_elements(
            lambda dob, y=year: year_start(y) <= add_years(dob, 19) <= year_end(y),
            return_dtype=pl.Boolean))
        for (_, year), d in data.items()
    ])
    assert at_19.height > 150
    assert 0.45 <= at_19["ACTIV"].str.contains("^[FP]").mean() <= 0.72
    assert 0.75 <= at_19["ACCOM"].str.ends_with("1").mean() <= 0.95


def test_postcodes_are_real_and_mostly_in_the_authority(data):
    from carematters.data.authorities import ons_codes
    from carematters.data.reference import with_placement_fields

    (la, _), = [key for key in data if key[1] == YEAR]
    eps = data[(la, YEAR)]["Episodes"].filter(pl.col("PL_POST").is_not_null())
    located = with_placement_fields(eps, la)
    # Every synthetic postcode is in the ONS directory (injected errors aside: clean data here).
    assert located["PL_LA"].null_count() == 0
    homes = eps.filter(pl.col("HOME_POST").is_not_null())  # UASC have none
    home = with_placement_fields(homes.with_columns(pl.col("HOME_POST").alias("PL_POST")), la)
    assert home["PL_LA"].null_count() == 0
    # Most homes are in the authority; a good share of placements are out of it (~2 in 5).
    home_in = home.filter(pl.col("PL_LA").is_in(sorted(ons_codes(la)))).height / home.height
    assert home_in > 0.8
    out = (located["PL_LOCATION"] == "OUT").mean()
    assert 0.15 < out < 0.6
    # Distances are real: mostly local, none unknown.
    assert (located["PL_DISTANCE"] == 999.9).sum() == 0


def test_postcode_pool_is_deterministic_and_local():
    import numpy as np

    from carematters.data.reference import lookup
    from carematters.synth.places import postcode_pool

    pool = postcode_pool("931", "OX")  # Oxfordshire
    first = pool.draw(np.random.default_rng(5), 50, 0.0)
    again = pool.draw(np.random.default_rng(5), 50, 0.0)
    assert list(first) == list(again)
    assert set(lookup(list(first))["LA"].to_list()) == {"E10000025"}
    out = pool.draw(np.random.default_rng(5), 50, 1.0)
    assert "E10000025" not in set(lookup(list(out))["LA"].to_list())
