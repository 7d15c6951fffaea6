"""OC3 care-leaver measures and NI 147 / NI 148 (spec §2.7), year 2024."""

import pytest

from carematters.indicators import compute_one
from carematters.indicators.care_leavers import eet_codes

from .builders import care_data, episodes, frame

OC3 = frame(
    "OC3", ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    ("L1", "15/06/2004", "YES", "F1", "U1"),  # 19: in touch, EET, suitable
    ("L2", "01/01/2005", "NO", "0", "0"),  # 19: not known counts against every rate
    ("L3", "01/12/2003", "YES", "G5", "S2"),  # 20: NEET, unsuitable
    ("L4", "10/10/2002", "DIED", "0", "0"),  # 21: died -> excluded
    ("L5", "01/05/2004", "RHOM", "0", "0"),  # 19: home 6 months -> excluded
    ("L6", "20/02/2006", "YES", "F2", "Z1"),  # 18
    ("L7", "01/03/2006", "YES", "F2", "C1"),  # 18 but still looked after on the birthday
    ("L8", "01/07/2000", "YES", "F5", "U1"),  # 23: asked for support, in touch
    ("L9", "01/07/2001", "NO", "0", "0"),  # 22: not in touch
    ("L10", "01/09/2004", "YES", "F3", "D1"),  # 19: F3 is not an EET code in 2024
)
EPISODES = episodes(
    ("L1", "01/01/2019", "S", "C2", "U4", "01/08/2022", "E5"),
    ("L2", "01/06/2021", "S", "V2", "U4", "01/01/2023", "E6"),  # entered after 1/4/2021
    ("L7", "01/01/2020", "S", "V2", "K2", None, None),
    ("L10", "01/01/2015", "S", "C2", "U4", "01/09/2022", "E5"),
)
DATA = care_data((2022, 2023, 2024), OC3=OC3, Episodes=EPISODES)


@pytest.mark.parametrize(("ind", "numerator", "denominator"), [
    ("CL19_IN_TOUCH", 2, 3),  # L1, L10 of L1, L2, L10
    ("CL19_EET", 1, 3),  # L1
    ("CL19_NEET", 0, 3),
    ("CL19_ACCOM", 2, 3),  # L1 (U1), L10 (D1)
    ("CL19_21_IN_TOUCH", 3, 4),  # adds L3
    ("CL19_21_EET", 1, 4),
    ("CL19_21_NEET", 1, 4),  # L3
    ("CL19_21_ACCOM", 2, 4),
    ("CL18_EET", 1, 1),  # L6 only (L7 still looked after)
    ("CL21_IN_TOUCH", 0, 0),  # L4 died
    ("CL22_25_IN_TOUCH", 1, 2),  # L8 of L8, L9
    # NI-era cohort: 19 in the year and looked after on 1 April 2021: L1 and L10
    ("NI147", 2, 2),
    ("NI148", 1, 2),
])
def test_care_leaver_measures(ind, numerator, denominator):
    result = compute_one(ind, DATA, 2024)
    assert (result.numerator, result.denominator) == (numerator, denominator)


def test_eet_codes_change_in_2022():
    assert "F3" in eet_codes(2021) and "F4" not in eet_codes(2021)
    assert "F3" not in eet_codes(2022) and {"F4", "P5"} <= set(eet_codes(2022))
