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
from carematters.data.schema import table


def d(text: str | None) -> date | None:
    if text is None:
        return None
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def episodes(*rows) -> pl.DataFrame:
    """rows: (child, decom, rne, ls, place, dec, rec[, pl_post])"""
    records = []
    for row in rows:
        child, decom, rne, ls, place, dec, rec, *post = row
        records.append({
            "CHILD": child, "DECOM": d(decom), "RNE": rne, "LS": ls, "CIN": "N1",
            "PLACE": place, "PLACE_PROVIDER": None if place.startswith("T") else "PR1",
            "DEC": d(dec), "REC": rec, "PL_POST": post[0] if post else "AB1 2CD",
        })
    return pl.DataFrame(records).select(
        [pl.col(c).cast(t) if c in records[0] else pl.lit(None, t).alias(c)
         for c, t in table("Episodes").polars_schema().items()]
    )


# Spec §2.3 worked example (year 2024), episodes as DECOM, RNE, LS, PLACE -> DEC, REC.
NI62_EXAMPLE = episodes(
    ("C1", "10/05/2022", "S", "C2", "U6", "15/06/2023", "X1"),
    ("C1", "15/06/2023", "P", "C2", "U4", "02/01/2024", "X1"),
    ("C1", "02/01/2024", "P", "C2", "K2", None, None),
    ("C2", "01/09/2023", "S", "V2", "U6", "20/09/2023", "X1"),
    ("C2", "20/09/2023", "L", "C1", "U6", "01/12/2023", "X1"),
    ("C2", "01/12/2023", "T", "C1", "U6", None, None),
    ("C3", "01/06/2021", "S", "C2", "U4", "10/07/2023", "X1", "CV1 1AA"),
    ("C3", "10/07/2023", "P", "C2", "T3", "17/07/2023", "X1", "CV2 2BB"),
    ("C3", "17/07/2023", "P", "C2", "U4", "05/02/2024", "X1", "CV1 1AA"),
    ("C3", "05/02/2024", "P", "C2", "U6", None, None, "CV3 3CC"),
    ("C4", "15/04/2023", "S", "C1", "U6", "20/05/2023", "X1"),
    ("C4", "20/05/2023", "P", "C1", "U6", "30/06/2023", "X1"),
    ("C4", "30/06/2023", "B", "C2", "K2", None, None),
    ("C5", "01/05/2023", "S", "C2", "U6", "01/08/2023", "X1"),
    ("C5", "01/08/2023", "P", "C2", "U4", "01/11/2023", "X1"),
    ("C5", "01/11/2023", "P", "C2", "K2", "10/03/2024", "E4A"),
    ("C6", "01/05/2023", "S", "V3", "K2", "03/05/2023", "E8"),
    ("C7", "01/03/2020", "S", "C2", "U6", "01/08/2023", "E4B"),
    ("C7", "01/11/2023", "S", "V2", "U6", None, None),
)


def test_short_breaks_are_removed_before_anything_is_counted():
    kept = drop_short_breaks(NI62_EXAMPLE)
    assert "C6" not in kept["CHILD"].to_list()
    assert kept.height == NI62_EXAMPLE.height - 1


def test_looked_after_at_31_march_excludes_children_who_ceased_that_year():
    cohort = looked_after_at_year_end(drop_short_breaks(NI62_EXAMPLE), 2024)
    assert sorted(cohort["CHILD"]) == ["C1", "C2", "C3", "C4", "C7"]


def test_an_episode_ending_on_31_march_is_not_looked_after_at_31_march():
    eps = episodes(("X", "01/01/2024", "S", "C2", "U6", "31/03/2024", "E4A"))
    assert looked_after_at_year_end(eps, 2024).is_empty()


def test_periods_of_care_split_at_a_new_start():
    periods = periods_of_care(NI62_EXAMPLE).filter(pl.col("CHILD") == "C7")
    assert periods.select("PERIOD", "PERIOD_START", "PERIOD_END", "END_REASON").rows() == [
        (1, date(2020, 3, 1), date(2023, 8, 1), "E4B"),
        (2, date(2023, 11, 1), None, None),
    ]


def test_a_gap_between_episodes_starts_a_new_period_even_without_rne_s():
    eps = episodes(
        ("G", "01/01/2023", "S", "C2", "U6", "01/02/2023", "X1"),
        ("G", "05/02/2023", "P", "C2", "U4", None, None),
    )
    assert periods_of_care(eps)["PERIOD"].to_list() == [1, 2]


def test_carer_spells_follow_the_worked_example():
    spells = carer_spells(drop_short_breaks(NI62_EXAMPLE))
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
    eps = drop_short_breaks(NI62_EXAMPLE)
    assert sorted(started_in_year(eps, 2024)["CHILD"]) == ["C2", "C4", "C5", "C7"]
    ceased = ceased_in_year(eps, 2024)
    assert sorted(ceased.select("CHILD", "REC").rows()) == [("C5", "E4A"), ("C7", "E4B")]


def test_continuously_looked_after_cohort():
    eps = NI62_EXAMPLE.vstack(
        episodes(
            ("V", "01/01/2020", "S", "C2", "U6", None, None),
            ("V", "01/06/2023", "S", "V3", "K2", "03/06/2023", "E8"),
            ("A", "01/04/2023", "S", "C2", "U6", None, None),  # entered on 1 April: 12 months
        )
    )
    cohort = continuously_looked_after(eps, 2024)["CHILD"].to_list()
    # C1 and C3 were in care all year; C7 ceased and came back; V had a short break; A entered 1/4.
    assert cohort == ["A", "C1", "C3"]
