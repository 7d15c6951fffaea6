"""Sufficiency splits: in-house vs external and in vs out of area, learnt per placement group."""

from datetime import date

import polars as pl
import pytest

from carematters.forecast.sufficiency import district, own_districts, placement_shares
from tests.costs.frames import episodes

EPISODES = episodes(
    # child, start, RNE, LS, PLACE, provider, end, REC, PL_POST, HOME_POST
    # A: in-house foster in area (CV1) all of 2023: 365 in-house, in-area days.
    ("A", "01/01/2023", "S", "C2", "U6", "PR1", None, None, "CV1 2AB", "CV1 1AA"),
    # B: IFA out of area (B90) for 365 days; lived in CV2.
    ("B", "01/01/2023", "S", "C2", "U6", "PR4", None, None, "B90 1AA", "CV2 3CD"),
    # C: IFA in area (CV2) for 365 days; lived in CV1.
    ("C", "01/01/2023", "S", "C2", "U4", "PR5", None, None, "CV2 9ZZ", "CV1 4EF"),
    # D: placed with parents (PR0): not commissioned; lived in LE1 (a minority district).
    ("D", "01/01/2023", "S", "C2", "P1", "PR0", None, None, "LE1 1AA", "LE1 1AA"),
)
WINDOW = (date(2023, 1, 1), date(2023, 12, 31))


def test_districts_are_outward_codes():
    frame = pl.DataFrame({"p": ["CV1 2AB", "cv12ab", "B90", "SW1A1AA"]})
    assert frame.select(district(pl.col("p")))["p"].to_list() == ["CV1", "CV1", "B90", "SW1A"]


def test_own_districts_cover_most_children_by_home_postcode():
    # Homes: CV1 ×2, CV2 ×1, LE1 ×1. CV1 holds 50%, CV1+CV2 75%, so LE1 is needed for 80%...
    assert own_districts(EPISODES, coverage=0.8) == ["CV1", "CV2", "LE1"]
    # ...but not for 75%.
    assert own_districts(EPISODES, coverage=0.75) == ["CV1", "CV2"]


def test_shares_are_day_weighted_per_group():
    shares = placement_shares(EPISODES, *WINDOW, ["CV1", "CV2"])
    by_group = {r["placement"]: r for r in shares.iter_rows(named=True)}
    assert by_group["foster_in_house"]["in_house_share"] == 1
    assert by_group["foster_in_house"]["out_of_area_share"] == 0
    # IFA: both external; one of two out of area.
    assert by_group["foster_ifa"]["in_house_share"] == 0
    assert by_group["foster_ifa"]["out_of_area_share"] == pytest.approx(0.5)
    # With parents: no commissioned days, so no in-house share; LE1 is outside CV1/CV2.
    assert by_group["with_parents"]["in_house_share"] is None
    assert by_group["with_parents"]["out_of_area_share"] == 1
