"""Spec §1.1 and §2.0 building blocks, on the spec's worked examples."""

from datetime import date

import polars as pl

from carematters.data.episodes import (
    carer_spells,
    ceased_in_year,
    continuously_looked_after,
    drop_short_breaks,
    looked_after_at_year_end,
    periods_of_care,
    started_in_year,
)
from tests.indicators.builders import episodes
from tests.indicators.examples import NI62_EPISODES


def test_short_breaks_are_removed_before_anything_is_counted():
    kept = drop_short_breaks(NI62_EPISODES)
    assert "C6" not in kept["CHILD"].to_list()
    assert kept.height == NI62_EPISODES.height - 2  # C6's two V3 episodes


def test_looked_after_at_31_march_excludes_children_who_ceased_that_year():
    cohort = looked_after_at_year_end(drop_short_breaks(NI62_EPISODES), 2024)
    assert sorted(cohort["CHILD"]) == ["C1", "C2", "C3", "C4", "C7"]


def test_an_episode_ending_on_31_march_is_not_looked_after_at_31_march():
    eps = episodes(("X", "01/01/2024", "S", "C2", "U6", "31/03/2024", "E4A"))
    assert looked_after_at_year_end(eps, 2024).is_empty()


def test_periods_of_care_split_at_a_new_start():
    periods = periods_of_care(NI62_EPISODES).filter(pl.col("CHILD") == "C7")
    assert periods.select("PERIOD", "PERIOD_START", "PERIOD_END", "END_REASON").rows() == [
        (1, date(2020, 1, 1), date(2023, 8, 1), "E4B"),
        (2, date(2023, 11, 1), None, None),
    ]


def test_a_gap_between_episodes_starts_a_new_period_even_without_rne_s():
    eps = episodes(
        ("G", "01/01/2023", "S", "C2", "U6", "01/02/2023", "X1"),
        ("G", "05/02/2023", "P", "C2", "U4", None, None),
    )
    assert periods_of_care(eps)["PERIOD"].to_list() == [1, 2]


def test_carer_spells_follow_the_worked_example():
    spells = carer_spells(drop_short_breaks(NI62_EPISODES))
    per_child = dict(spells.group_by("CHILD").len().rows())
    # C1: three carers. C2: L and T keep the carer. C3: T3 and the return are absorbed.
    # C4: S, P, B. C7: two periods, one spell each.
    assert per_child == {"C1": 3, "C2": 1, "C3": 2, "C4": 3, "C5": 3, "C7": 2}
    c3 = spells.filter(pl.col("CHILD") == "C3")
    assert c3.select("SPELL_START", "FIRST_PLACE", "LAST_PLACE").rows() == [
        (date(2021, 6, 1), "U4", "U4"),
        (date(2024, 2, 5), "U6", "U6"),
    ]


def test_a_temporary_move_not_followed_by_a_return_is_a_new_spell():
    eps = episodes(
        ("T", "01/01/2023", "S", "C2", "U4", "10/07/2023", "X1", "CV1 1AA"),
        ("T", "10/07/2023", "P", "C2", "T1", "17/07/2023", "X1", "CV9 9ZZ"),
        ("T", "17/07/2023", "P", "C2", "K2", None, None, "CV5 5EE"),
    )
    assert carer_spells(eps).height == 3


def test_started_and_ceased_count_each_child_once():
    eps = drop_short_breaks(NI62_EPISODES)
    assert sorted(started_in_year(eps, 2024)["CHILD"]) == ["C2", "C4", "C5", "C7"]
    ceased = ceased_in_year(eps, 2024)
    assert sorted(ceased.select("CHILD", "REC").rows()) == [("C5", "E4A"), ("C7", "E4B")]


def test_continuously_looked_after_cohort():
    eps = NI62_EPISODES.vstack(
        episodes(
            ("V", "01/01/2020", "S", "C2", "U6", None, None),
            ("V", "01/06/2023", "S", "V3", "K2", "03/06/2023", "E8"),
            ("A", "01/04/2023", "S", "C2", "U6", None, None),  # entered on 1 April: 12 months
        )
    )
    cohort = continuously_looked_after(eps, 2024)["CHILD"].to_list()
    # C1 and C3 were in care all year; C7 ceased and came back; V had a short break; A entered 1/4.
    assert cohort == ["A", "C1", "C3"]


def test_a_reason_for_ending_that_is_no_code_does_not_end_care():
    # Each child moves placement on 1 October 2023, the next episode starting the same day.
    eps = episodes(
        ("LOWER", "01/01/2022", "S", "C2", "U6", "01/10/2023", "x1"),  # slip for X1: no code
        ("LOWER", "01/10/2023", "P", "C2", "U4", None, None),
        ("BLANK", "01/01/2022", "S", "C2", "U6", "01/10/2023", None),  # blank: 148's finding
        ("BLANK", "01/10/2023", "P", "C2", "U4", None, None),
        ("LEFT", "01/01/2022", "S", "C2", "U6", "01/10/2023", "E8"),  # left care that day
        ("LEFT", "01/10/2023", "P", "C2", "U4", None, None),
    )
    # An unknown reason says nothing either way: the dates show care went on.
    assert continuously_looked_after(eps, 2024)["CHILD"].to_list() == ["BLANK", "LOWER"]
    assert ceased_in_year(eps, 2024)["CHILD"].to_list() == ["LEFT"]
