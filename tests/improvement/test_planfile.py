"""The plan file: TOML read and written back, and clear errors on an inconsistent plan."""

from datetime import date

import pytest

from carematters.improvement import Action, Plan, PlanError, Priority, dumps, loads

PLAN_TEXT = '''
authority = "E09000001"
title = "Improvement plan 2024-2027"

[[priority]]
id = "P1"
title = "Fewer moves for children in care"
theme = "placements"
description = "Stability: \\"one home\\" for as long as it is needed"

[[action]]
id = "A1"
priority = "P1"
title = "Recruit 20 more foster carers"
owner = "Head of fostering"
due = 2025-03-31
status = "in progress"
indicator = "NI62"
baseline = 14          # an integer is read as 14.0
baseline_year = 2023
target = 10.5
target_year = 2026

[[action]]
id = "A2"
priority = "P1"
title = "Placement panel reviews every second move"
owner = "Service manager"
due = 2024-12-31
'''


def test_a_plan_file_is_read():
    plan = loads(PLAN_TEXT, {"NI62"})
    assert plan.authority == "E09000001"
    assert plan.priorities[0].description == 'Stability: "one home" for as long as it is needed'
    first, second = plan.actions
    assert first == Action("A1", "P1", "Recruit 20 more foster carers", "Head of fostering",
                           date(2025, 3, 31), "in progress", "NI62", 14.0, 2023, 10.5, 2026)
    assert second.status == "not started" and second.indicator is None
    assert plan.indicators() == ["NI62"] and plan.first_year() == 2023


def test_written_and_read_back_unchanged():
    plan = loads(PLAN_TEXT)
    assert loads(dumps(plan)) == plan


def test_writing_a_plan_built_in_code():
    plan = Plan("E1", "Plan with 'quotes' and \\ slashes", (
        Priority("P1", "Education", "education"),), (
        Action("A1", "P1", "Tutoring", "Virtual school head", date(2026, 7, 31), "done"),))
    assert loads(dumps(plan)) == plan


@pytest.mark.parametrize(("change", "message"), [
    (("theme = \"placements\"", "theme = \"stability\""), "theme 'stability'"),
    (("priority = \"P1\"\ntitle = \"Recruit", "priority = \"P9\"\ntitle = \"Recruit"),
     "no priority P9"),
    (("status = \"in progress\"", "status = \"ongoing\""), "status 'ongoing'"),
    (("target_year = 2026", "target_year = 2023"), "after baseline_year"),
    (("target = 10.5\n", ""), "needs baseline, baseline_year, target"),
    (("due = 2025-03-31", "due = \"soon\""), "due must be a date"),
    (("owner = \"Service manager\"", "owner = \"x\"\ncolour = \"red\""), "unknown keys colour"),
    (("indicator = \"NI62\"", "indicator = \"NI999\""), "unknown indicator NI999"),
    (("id = \"A2\"", "id = \"A1\""), "action A1 appears twice"),
    (("authority = \"E09000001\"", ""), "needs authority"),
    (("[[action]]\nid = \"A2\"", "[[action]\nid = \"A2\""), "not a valid plan file"),
])
def test_an_inconsistent_plan_is_refused_with_a_reason(change, message):
    old, new = change
    assert old in PLAN_TEXT
    with pytest.raises(PlanError, match=message):
        loads(PLAN_TEXT.replace(old, new, 1), {"NI62"})
