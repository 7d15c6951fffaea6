"""NI 62 and NI 63 on the spec's worked examples (§2.3, §2.4)."""

from carematters.indicators import compute_one

from .builders import care_data, episodes, header
from .examples import NI62_EPISODES


def test_ni62_worked_example_is_40_percent():
    result = compute_one("NI62", care_data((2024,), Episodes=NI62_EPISODES), 2024)
    assert (result.numerator, result.denominator, result.value) == (2, 5, 40.0)
    kids = result.children
    assert kids.filter("in_denominator")["CHILD"].to_list() == ["C1", "C2", "C3", "C4", "C7"]
    assert kids.filter("in_numerator")["CHILD"].to_list() == ["C1", "C4"]
    assert dict(zip(kids["CHILD"], kids["value"], strict=True)) == {
        "C1": 3, "C2": 1, "C3": 2, "C4": 3, "C7": 2}


# Spec §2.4 (year 2024): 2.5-year cut-off 30/09/2021, 2-year cut-off 31/03/2022.
NI63_EPISODES = episodes(
    # D1: same carer since 15/01/2020; an L episode does not break it -> numerator
    ("D1", "10/06/2019", "S", "V2", "U6", "15/01/2020", "X1"),
    ("D1", "15/01/2020", "P", "C2", "U4", "01/07/2022", "X1"),
    ("D1", "01/07/2022", "L", "C1", "U4", None, None),
    # D2: moved to new carers 20/11/2022 -> denominator only
    ("D2", "01/03/2020", "S", "C2", "U6", "20/11/2022", "X1"),
    ("D2", "20/11/2022", "P", "C2", "U4", None, None),
    # D3: 16 on 15/03/2024 -> not in cohort
    ("D3", "01/01/2015", "S", "C2", "U4", None, None),
    # D4: U6 from 01/08/2021 then A6 with adopters 10/01/2023: 973 days combined -> numerator
    ("D4", "01/08/2021", "S", "C2", "U6", "10/01/2023", "X1"),
    ("D4", "10/01/2023", "P", "E1", "A6", None, None),
    # D5: in care from 01/11/2021, only 2 years 5 months -> not in cohort
    ("D5", "01/11/2021", "S", "C2", "U4", None, None),
    # D6: house move with same carers coded T on 01/05/2023 -> numerator
    ("D6", "04/04/2018", "S", "C2", "U6", "01/06/2021", "X1"),
    ("D6", "01/06/2021", "P", "C2", "U4", "01/05/2023", "X1"),
    ("D6", "01/05/2023", "T", "C2", "U4", None, None),
    # D7: ceased 01/12/2021, re-entered 01/02/2022 -> current period too recent
    ("D7", "01/03/2019", "S", "C2", "U4", "01/12/2021", "E4A"),
    ("D7", "01/02/2022", "S", "C2", "U4", None, None),
)
NI63_HEADER = header(
    ("D1", "01/05/2012"), ("D2", "10/02/2010"), ("D3", "15/03/2008"), ("D4", "05/01/2019"),
    ("D5", "07/07/2015"), ("D6", "09/09/2011"), ("D7", "01/01/2013"),
)


def test_ni63_worked_example_is_75_percent():
    data = care_data((2022, 2023, 2024), Episodes=NI63_EPISODES, Header=NI63_HEADER)
    result = compute_one("NI63", data, 2024)
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75.0)
    assert result.denominator_children()["CHILD"].to_list() == ["D1", "D2", "D4", "D6"]
    assert result.numerator_children()["CHILD"].to_list() == ["D1", "D4", "D6"]
    assert result.note == ""


def test_ni63_notes_missing_history():
    data = care_data((2024,), Episodes=NI63_EPISODES, Header=NI63_HEADER)
    assert "needs returns for 2022-2024" in compute_one("NI63", data, 2024).note


def test_ni62_placed_for_adoption_with_foster_carers_is_not_a_move():
    data = care_data((2024,), Episodes=episodes(
        # F1: fostered from 2022; becomes A5 with the same carers, miscoded P; then a new
        #     carer -> 1 + 0 + 1 = 2 placements, not 3
        ("F1", "01/01/2022", "S", "C2", "U6", "01/06/2023", "X1"),
        ("F1", "01/06/2023", "P", "E1", "A5", "01/09/2023", "X1"),
        ("F1", "01/09/2023", "P", "E1", "U6", None, None),
    ))
    assert compute_one("NI62", data, 2024).children["value"].to_list() == [2]
