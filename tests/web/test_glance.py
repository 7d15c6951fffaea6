"""The summary page's "at a glance" facts: right dates, only the sections allowed, two queries."""

from __future__ import annotations

from datetime import date

from carematters.web.children import models as m
from carematters.web.children.glance import at_a_glance, next_review_due, next_visit_due

EVERYTHING = dict.fromkeys(
    ("placements", "plans", "reviews", "visits", "health", "education", "missing"), True
)


def test_first_review_is_due_20_working_days_after_care_began():
    # 1 June 2024 is a Saturday; 20 working days on (no bank holidays in June) is Friday 28 June.
    assert next_review_due(date(2024, 6, 1), 0, None) == date(2024, 6, 28)


def test_second_review_within_three_months_then_six_monthly():
    assert next_review_due(date(2024, 6, 1), 1, date(2024, 6, 20)) == date(2024, 9, 20)
    assert next_review_due(date(2024, 6, 1), 2, date(2024, 9, 18)) == date(2025, 3, 18)
    assert next_review_due(None, 3, date(2024, 9, 18)) is None  # not looked after


def test_visit_due_a_week_after_placement_then_six_weekly():
    began = date(2024, 6, 1)
    assert next_visit_due(began, None) == date(2024, 6, 8)
    assert next_visit_due(began, date(2024, 5, 1)) == date(2024, 6, 8)  # a visit before this period
    assert next_visit_due(began, date(2025, 1, 10)) == date(2025, 2, 21)


def test_glance_of_a_child_with_records(world, django_assert_num_queries):
    child = world.children["own"]
    m.Review.objects.create(child=child, review_date=date(2024, 6, 20), review_code="PN1")
    m.SDQScore.objects.create(child=child, sdq_date=date(2024, 4, 1), score=12)
    m.SDQScore.objects.create(child=child, sdq_date=date(2025, 4, 1), score=9)
    m.MissingEpisode.objects.create(child=child, kind="M", mis_start=date(2025, 5, 2))
    m.MissingEpisode.objects.create(child=child, kind="M", mis_start=date(2023, 5, 2),
                                    mis_end=date(2023, 5, 3))
    with django_assert_num_queries(2):
        glance = at_a_glance(child, EVERYTHING, today=date(2025, 6, 1))
    assert glance.episode.place == "U3"
    assert glance.last_review == date(2024, 6, 20)
    assert glance.next_review_due == date(2024, 9, 20)  # one review since care began
    assert (glance.last_visit, glance.last_visit_alone) == (date(2025, 1, 10), True)
    assert glance.next_visit_due == date(2025, 2, 21)
    assert (glance.sdq_score, glance.sdq_date) == (9, date(2025, 4, 1))  # the latest score
    assert glance.health is None and glance.pep is None and glance.plan_date is None
    assert glance.missing_since == date(2025, 5, 2)
    assert glance.missing_last_year == 1  # the 2023 episode is over a year ago


def test_glance_reads_only_the_sections_allowed(world, django_assert_num_queries):
    child = world.children["own"]
    m.SDQScore.objects.create(child=child, sdq_date=date(2025, 4, 1), score=9)
    with django_assert_num_queries(1):  # health only: no episodes, no visits
        glance = at_a_glance(child, {"health": True}, today=date(2025, 6, 1))
    assert glance.sdq_score == 9
    assert glance.episode is None and glance.last_visit is None and glance.next_review_due is None
