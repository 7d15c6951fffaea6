"""Adoption scorecard (spec §2.9 worked example) and NI 61 (§2.2 worked check)."""

import pytest

from carematters.indicators import Parameters, compute_one

from .builders import care_data, episodes, frame

SCORECARD_EPISODES = episodes(
    # E1: entered 01/02/2021, placement order 15/11/2021, A6 with new adopters 04/04/2022
    #     -> A1 = A10 = 427 days; matched 01/03/2022 -> A2 = 106; 3 days past entry + 14 months
    ("E1", "01/02/2021", "S", "V2", "U6", "15/11/2021", "X1"),
    ("E1", "15/11/2021", "L", "E1", "U6", "04/04/2022", "X1"),
    ("E1", "04/04/2022", "P", "E1", "A6", "12/12/2022", "E11"),
    # E2: entered 10/06/2020 with carer Y, moved to carers X 01/09/2020, became A5 with X
    #     20/01/2022 -> A1 = 589, A10 = 83 (moved in with X); order 01/05/2021, matched
    #     10/01/2022 -> A2 = 254
    ("E2", "10/06/2020", "S", "C2", "U6", "01/09/2020", "X1"),
    ("E2", "01/09/2020", "P", "C2", "U6", "01/05/2021", "X1"),
    ("E2", "01/05/2021", "L", "E1", "U6", "20/01/2022", "X1"),
    ("E2", "20/01/2022", "T", "E1", "A5", "30/08/2022", "E11"),
    # E3: entered 01/10/2021, order 01/06/2022, placed with F1 01/09/2022 (disrupted),
    #     A6 with F2 03/04/2023 -> A1 = A10 = 549; matched 20/03/2023 -> A2 = 292
    ("E3", "01/10/2021", "S", "C1", "U6", "01/06/2022", "X1"),
    ("E3", "01/06/2022", "L", "E1", "U6", "01/09/2022", "X1"),
    ("E3", "01/09/2022", "P", "E1", "A6", "01/12/2022", "X1"),
    ("E3", "01/12/2022", "P", "E1", "U6", "03/04/2023", "X1"),
    ("E3", "03/04/2023", "P", "E1", "A6", "15/11/2023", "E12"),
    # E4: adopted 10/05/2024 -> after the window
    ("E4", "01/01/2022", "S", "C2", "U6", "01/02/2024", "X1"),
    ("E4", "01/02/2024", "P", "E1", "A6", "10/05/2024", "E11"),
    # E5: adopted 15/03/2021 -> before the window
    ("E5", "01/01/2019", "S", "C2", "U6", "01/06/2020", "X1"),
    ("E5", "01/06/2020", "P", "E1", "A6", "15/03/2021", "E11"),
)
AD1_COLUMNS = ("CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR")
SCORECARD_AD1 = frame(
    "AD1", AD1_COLUMNS,
    ("E1", "01/12/2021", "01/03/2022", 0, 2),
    ("E2", "01/06/2021", "10/01/2022", 1, 2),
    ("E3", "01/07/2022", "20/03/2023", 0, 1),
    ("E4", "01/06/2023", "15/01/2024", 0, 2),
    ("E5", "01/03/2020", "15/05/2020", 0, 2),
)
SCORECARD = care_data((2022, 2023, 2024), Episodes=SCORECARD_EPISODES, AD1=SCORECARD_AD1)


@pytest.mark.parametrize(("ind", "days", "shown"), [
    ("A1", [427, 589, 549], 522), ("A10", [427, 83, 549], 353), ("A2", [106, 254, 292], 217),
])
def test_scorecard_worked_example(ind, days, shown):
    result = compute_one(ind, SCORECARD, 2024)
    assert result.children["CHILD"].to_list() == ["E1", "E2", "E3"]
    assert result.children["value"].to_list() == days
    assert (result.numerator, result.denominator) == (sum(days), 3)
    assert round(result.value) == shown


def test_a3_nobody_within_14_months_under_either_reading():
    assert compute_one("A3", SCORECARD, 2024).value == 0.0
    by_days = compute_one("A3", SCORECARD, 2024, Parameters(a3_rule="days"))
    assert by_days.value == 0.0
    # E1's 427 days is one day over the 426-day reading; a 428-day limit lets it in.
    looser = compute_one("A3", SCORECARD, 2024, Parameters(a3_rule="days", a3_days=428))
    assert looser.numerator_children()["CHILD"].to_list() == ["E1"]


NI61_EPISODES = episodes(
    # G1: decision 10/05/2022, placed 01/02/2023 -> 267 days -> numerator (spec §2.2 check)
    ("G1", "01/01/2022", "S", "C2", "U6", "01/02/2023", "X1"),
    ("G1", "01/02/2023", "P", "E1", "A6", "01/03/2023", "E11"),
    # G2: decision 01/01/2022, placed 01/01/2023 -> exactly 12 months: not before the deadline
    #     (counts under the 365-day reading)
    ("G2", "01/06/2021", "S", "C2", "U6", "01/01/2023", "X1"),
    ("G2", "01/01/2023", "P", "E1", "A6", "20/03/2023", "E12"),
    # G3: first adoptive placement disrupted -> excluded
    ("G3", "01/06/2021", "S", "C2", "U6", "01/02/2022", "X1"),
    ("G3", "01/02/2022", "P", "E1", "A6", "01/04/2022", "X1"),
    ("G3", "01/04/2022", "P", "E1", "U6", "01/09/2022", "X1"),
    ("G3", "01/09/2022", "P", "E1", "A6", "01/03/2023", "E11"),
    # G4: adopted in 2021-22 -> not this year
    ("G4", "01/06/2020", "S", "C2", "U6", "01/06/2021", "X1"),
    ("G4", "01/06/2021", "P", "E1", "A6", "01/02/2022", "E11"),
)
NI61_AD1 = frame(
    "AD1", AD1_COLUMNS,
    ("G1", "10/05/2022", "01/01/2023", 0, 2),
    ("G2", "01/01/2022", "01/12/2022", 0, 2),
    ("G3", "01/01/2022", "01/08/2022", 0, 2),
    ("G4", "01/01/2021", "01/05/2021", 0, 1),
)


def test_ni61_worked_check_and_twelve_month_boundary():
    data = care_data((2023,), Episodes=NI61_EPISODES, AD1=NI61_AD1)
    result = compute_one("NI61", data, 2023)
    assert result.children["CHILD"].to_list() == ["G1", "G2"]
    assert result.children["value"].to_list() == [267, 365]
    assert result.numerator_children()["CHILD"].to_list() == ["G1"]
    assert result.value == 50.0
    by_days = compute_one("NI61", data, 2023, Parameters(ni61_rule="days"))
    assert by_days.value == 100.0
