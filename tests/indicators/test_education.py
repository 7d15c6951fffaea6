"""NI 99, NI 100, NI 101 and modern attainment measures from the Attainment table (spec §2.6)."""

from carematters.indicators import compute_one

from .builders import care_data, episodes, frame

EPISODES = episodes(
    ("U1", "01/01/2020", "S", "C2", "U4", None, None),
    ("U2", "01/01/2020", "S", "C2", "U4", None, None),
    ("U3", "01/01/2020", "S", "C2", "K2", None, None),
    ("U4", "01/06/2023", "S", "V2", "U6", None, None),  # not looked after for 12 months
)
ATTAINMENT = frame(
    "Attainment", ("CHILD", "ACADEMIC_YEAR", "KEY_STAGE", "MEASURE", "RESULT"),
    ("U1", 2024, "KS2", "ENG_L4", "1"),
    ("U1", 2024, "KS2", "MAT_L4", "0"),
    ("U1", 2023, "KS2", "ENG_L4", "0"),  # another academic year: ignored
    ("U2", 2024, "KS2", "ENG_L4", "Y"),
    ("U2", 2024, "KS2", "MAT_L4", "Y"),
    ("U3", 2024, "KS4", "5AC_EM", "0"),
    ("U3", 2024, "KS4", "ATT8", "35.5"),
    ("U4", 2024, "KS2", "ENG_L4", "1"),  # outside the cohort
)
DATA = care_data((2024,), Episodes=EPISODES, Attainment=ATTAINMENT)


def test_attainment_rates():
    summary = {i: (r.numerator, r.denominator) for i in ("NI99", "NI100", "NI101")
               for r in [compute_one(i, DATA, 2024)]}
    assert summary == {"NI99": (2, 2), "NI100": (1, 2), "NI101": (0, 1)}


def test_attainment_8_average():
    assert compute_one("KS4_ATT8", DATA, 2024).value == 35.5


def test_attainment_needs_the_extension_table():
    result = compute_one("NI99", care_data((2024,), Episodes=EPISODES), 2024)
    assert not result.available and "Attainment" in result.note
