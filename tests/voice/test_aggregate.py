from datetime import date

import polars as pl

from carematters.voice import ANSWER_SCHEMA, by_area, by_domain, by_question, responses_by_year
from carematters.voice.aggregate import unknown_answers

JUNE_2025 = date(2025, 6, 1)  # collection year 2026
FEB_2025 = date(2025, 2, 1)  # collection year 2025


def answers(*rows):
    return pl.DataFrame(list(rows), schema=ANSWER_SCHEMA, orient="row")


def test_a_child_counts_once_per_area_positive_when_half_or_more_answers_are_good():
    frame = answers(
        # r1 (8-11), keeping safe: safe_home yes (+), safe_out sometimes (-) -> 1 of 2: positive
        ("r1", JUNE_2025, "8-11", "safe_home", "yes"),
        ("r1", JUNE_2025, "8-11", "safe_out", "sometimes"),
        # r2 (8-11), keeping safe: no (-), hardly (-) -> not positive
        ("r2", JUNE_2025, "8-11", "safe_home", "no"),
        ("r2", JUNE_2025, "8-11", "safe_out", "hardly"),
        # r3 (11-17): safe_home not sure (left out), safe_out skipped -> not counted in the area
        ("r3", JUNE_2025, "11-17", "safe_home", "not_sure"),
        ("r3", JUNE_2025, "11-17", "safe_out", None),
        # r3 bullying: bullied "hardly" is good (reversed question) -> positive
        ("r3", JUNE_2025, "11-17", "bullied", "hardly"),
    )
    out = by_area(frame)
    safe = out.filter(pl.col("AREA") == "keeping_safe").select("BAND", "RESPONDENTS", "POSITIVE")
    assert safe.rows() == [("8-11", 2, 1), ("all", 2, 1)]
    bullying = out.filter(pl.col("AREA") == "bullying").select("BAND", "RESPONDENTS", "POSITIVE")
    assert bullying.rows() == [("11-17", 1, 1), ("all", 1, 1)]
    assert set(out["YEAR"]) == {2026}


def test_years_follow_the_collection_year():
    frame = answers(
        ("a", FEB_2025, "8-11", "safe_home", "yes"),   # year 2025
        ("b", JUNE_2025, "8-11", "safe_home", "no"),   # year 2026
    )
    out = by_area(frame).filter(pl.col("BAND") == "all")
    assert out.select("YEAR", "RESPONDENTS", "POSITIVE").rows() == [(2025, 1, 1), (2026, 1, 0)]


def test_domains_collect_questions_with_and_without_an_area():
    frame = answers(
        ("a", JUNE_2025, "11-17", "worker_trust", "always"),  # relationships, no area: +
        ("a", JUNE_2025, "11-17", "plan_family", "hardly"),   # relationships (care planning): -
        ("a", JUNE_2025, "11-17", "happy_life", "always"),    # recovery: +
    )
    out = by_domain(frame).filter(pl.col("BAND") == "all")
    assert out.select("DOMAIN", "RESPONDENTS", "POSITIVE").rows() == [
        ("recovery", 1, 1),
        ("relationships", 1, 1),  # 1 of 2 good answers: half counts as positive
    ]


def test_by_question_keeps_unsure_and_skipped_apart():
    frame = answers(
        ("a", JUNE_2025, "8-11", "know_complain", "yes"),       # positive
        ("b", JUNE_2025, "8-11", "know_complain", "no"),        # other
        ("c", JUNE_2025, "8-11", "know_complain", "not_sure"),  # unsure
        ("d", JUNE_2025, "8-11", "know_complain", None),        # skipped
    )
    row = by_question(frame).row(0, named=True)
    assert (row["RESPONDENTS"], row["POSITIVE"], row["UNSURE"], row["SKIPPED"]) == (2, 1, 1, 1)


def test_responses_by_year_counts_surveys_not_answers():
    frame = answers(
        ("a", JUNE_2025, "8-11", "safe_home", "yes"),
        ("a", JUNE_2025, "8-11", "hobby", "always"),
        ("b", JUNE_2025, "4-7", "young_safe", None),  # everything skipped still counts
    )
    assert responses_by_year(frame).rows() == [(2026, "4-7", 1), (2026, "8-11", 1),
                                               (2026, "all", 2)]


def test_unknown_questions_and_values_are_listed_not_counted():
    frame = answers(
        ("a", JUNE_2025, "8-11", "safe_home", "maybe"),     # unknown value
        ("a", JUNE_2025, "8-11", "favourite_food", None),   # unknown question
        ("a", JUNE_2025, "8-11", "hobby", None),            # fine: skipped
        ("a", JUNE_2025, "8-11", "safe_out", "always"),     # fine
    )
    assert unknown_answers(frame)["QUESTION"].to_list() == ["safe_home", "favourite_food"]
    assert by_area(frame).filter(pl.col("AREA") == "keeping_safe")["RESPONDENTS"].to_list() == [
        1, 1]


def test_no_answers_give_empty_results():
    assert by_area(answers()).is_empty()
