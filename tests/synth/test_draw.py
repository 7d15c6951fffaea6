"""The vectorised date helpers agree with the one-date helpers in carematters.data.years."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from carematters.data import years
from carematters.synth._draw import EPOCH, add_months, add_working_days, age_at, civil

RNG = np.random.default_rng(0)
DAYS = RNG.integers(-20_000, 40_000, 600)


def _date(n: int) -> date:
    return EPOCH + timedelta(days=int(n))


def test_civil_matches_python_dates():
    year, month, day = civil(DAYS)
    assert [(_date(n).year, _date(n).month, _date(n).day) for n in DAYS] == list(
        zip(year.tolist(), month.tolist(), day.tolist(), strict=True))


def test_add_months_clips_to_month_end():
    months = RNG.integers(-300, 300, DAYS.size)
    got = add_months(DAYS, months)
    assert all(_date(g) == years.add_months(_date(d), int(m)) for g, d, m in zip(got, DAYS, months, strict=True))
    # 31 August + 6 months is the end of February (spec §3).
    assert _date(add_months(np.array([(date(2023, 8, 31) - EPOCH).days]), 6)[0]) == date(2024, 2, 29)


def test_age_at_uses_the_29_february_convention():
    on = DAYS + RNG.integers(0, 12_000, DAYS.size)
    assert age_at(DAYS, on).tolist() == [years.age_on(_date(d), _date(o)) for d, o in zip(DAYS, on, strict=True)]


def test_working_days_match():
    start = RNG.integers((date(2015, 1, 1) - EPOCH).days, (date(2027, 1, 1) - EPOCH).days, 200)
    got = add_working_days(start, 20)
    assert [_date(g) for g in got] == [years.add_working_days(_date(s), 20) for s in start]
