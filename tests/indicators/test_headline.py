"""Headline counts, placement mix, UASC and location (spec §1.1, §2.11), year 2024."""

import polars as pl
import pytest

from carematters.indicators import Parameters, compute_one

from .builders import care_data, episodes, frame

EPISODES = episodes(
    # K1: looked after, U4 in area (CV1), home CV2 2BB
    ("K1", "01/01/2022", "S", "C2", "U4", None, None, "CV1 1AA", "CV2 2BB"),
    # K2: started 01/05/2023, children's home out of area
    ("K2", "01/05/2023", "S", "V2", "K2", None, None, "B1 1AA"),
    # K3: started and ceased (returned home) in the year
    ("K3", "01/06/2023", "S", "V2", "U6", "01/09/2023", "E4A"),
    # K4: adopted
    ("K4", "01/01/2021", "S", "C2", "U6", "01/06/2022", "X1"),
    ("K4", "01/06/2022", "P", "E1", "A6", "01/02/2024", "E11"),
    # K5: special guardianship then back in care with relatives: started once, ceased once
    ("K5", "01/01/2022", "S", "C2", "U4", "01/10/2023", "E45"),
    ("K5", "01/12/2023", "S", "V2", "U1", None, None, "CV2 9XX"),
    # K6: short breaks only -> nowhere
    ("K6", "01/05/2023", "S", "V3", "K2", "03/05/2023", "E8"),
    # K7: unaccompanied, started in the year, semi-independent, no placement postcode
    ("K7", "01/08/2023", "S", "V2", "H5", None, None, None),
    # K8: was UASC, status ceased 01/01/2024
    ("K8", "01/01/2022", "S", "V2", "U6", None, None, "CV3 1ZZ"),
)
UASC = frame("UASC", ("CHILD", "SEX", "DUC"), ("K7", "1", None), ("K8", "1", "01/01/2024"))
DATA = care_data((2024,), Episodes=EPISODES, UASC=UASC)


@pytest.mark.parametrize(("ind", "numerator", "denominator"), [
    ("LAC_31MAR", 5, None),  # K1, K2, K5, K7, K8
    ("STARTED", 4, None),  # K2, K3, K5, K7
    ("CEASED", 3, None),  # K3, K4, K5
    ("ADOPTED", 1, None),
    ("CEASED_ADOPTION", 1, 3),
    ("CEASED_SGO", 1, 3),
    ("CEASED_RETURN_HOME", 1, 3),
    ("CEASED_OTHER", 0, 3),
    ("PLACE_FOSTER", 2, 5),  # K1 U4, K8 U6
    ("PLACE_KINSHIP", 1, 5),
    ("PLACE_RESIDENTIAL", 1, 5),
    ("PLACE_SUPPORTED", 1, 5),
    ("UASC", 1, None),  # K7 (K8's status ceased)
])
def test_headline_counts(ind, numerator, denominator):
    result = compute_one(ind, DATA, 2024)
    assert (result.numerator, result.denominator) == (numerator, denominator)


def test_rate_per_10000_needs_population():
    assert not compute_one("LAC_RATE", DATA, 2024).available
    assert compute_one("LAC_RATE", DATA, 2024, Parameters(population=2500)).value == 20.0


def test_out_of_area_by_postcode_district():
    params = Parameters(la_postcode_districts=frozenset({"CV1", "CV2", "cv3"}))
    result = compute_one("OUT_OF_AREA", DATA, 2024, params)
    # K1, K2, K5, K8 have placement postcodes; K2 (B1) is outside
    assert (result.numerator, result.denominator) == (1, 4)
    assert result.numerator_children()["CHILD"].to_list() == ["K2"]


def test_distance_from_supplied_grid_references():
    grid = pl.DataFrame({"POSTCODE": ["CV1 1AA", "cv22bb"], "EASTING": [0, 3000],
                         "NORTHING": [0, 4000]})
    result = compute_one("DISTANCE", DATA, 2024, Parameters(postcode_locations=grid))
    # only K1 has both postcodes located: 5,000 metres
    assert result.denominator == 1
    assert result.value == pytest.approx(5000 / 1609.344)


REAL = episodes(
    # L1: home Oxford, placed in Oxford: IN, 1.0 mile
    ("L1", "01/01/2022", "S", "C2", "U4", None, None, "OX4 1AA", "OX1 1AA"),
    # L2: placed in Westminster: OUT, 51.4 miles
    ("L2", "01/01/2022", "S", "C2", "K2", None, None, "SW1A 1AA", "OX1 1AA"),
    # L3: placement postcode not a real one: left out of both
    ("L3", "01/01/2022", "S", "C2", "U4", None, None, "XX1 1XX", "OX1 1AA"),
    # L4: no home postcode: in OUT_OF_AREA (IN), not in DISTANCE
    ("L4", "01/01/2022", "S", "C2", "U4", None, None, "OX1 2AA"),
)


def _real(la: str | None):
    from carematters.data.caredata import CareData

    return CareData({"Episodes": REAL}, la=la, years=(2024,), source="test")


def test_out_of_area_from_the_postcode_directory():
    result = compute_one("OUT_OF_AREA", _real("931"), 2024)  # Oxfordshire
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.numerator_children()["CHILD"].to_list() == ["L2"]
    assert not compute_one("OUT_OF_AREA", _real(None), 2024).available  # authority unknown


def test_distance_from_the_postcode_directory():
    result = compute_one("DISTANCE", _real("931"), 2024)
    assert result.denominator == 2  # L1 and L2
    assert result.value == pytest.approx((1.0 + 51.4) / 2)
