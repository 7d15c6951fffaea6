from datetime import date

import polars as pl
import pytest

from carematters.data.years import (
    add_months,
    add_working_days,
    add_working_days_expr,
    age_on,
    age_on_expr,
    collection_year_of,
    is_working_day,
    year_end,
    year_start,
)


def test_collection_year_is_named_by_the_year_it_ends():
    assert year_start(2025) == date(2024, 4, 1)
    assert year_end(2025) == date(2025, 3, 31)
    assert collection_year_of(date(2024, 4, 1)) == 2025
    assert collection_year_of(date(2025, 3, 31)) == 2025
    assert collection_year_of(date(2025, 4, 1)) == 2026


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year: clipped to 29 Feb
        (date(2022, 8, 31), 6, date(2023, 2, 28)),
        (date(2023, 9, 29), 3, date(2023, 12, 29)),  # spec §2.5 example: due2
        (date(2024, 1, 10), 6, date(2024, 7, 10)),
        (date(2024, 1, 31), -2, date(2023, 11, 30)),
    ],
)
def test_add_months_clips_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("dob", "day", "age"),
    [
        (date(2008, 3, 15), date(2024, 3, 15), 16),  # birthday reached on the anniversary
        (date(2008, 3, 15), date(2024, 3, 14), 15),
        (date(2008, 2, 29), date(2025, 2, 28), 17),  # 29 Feb reaches it on 28 Feb in a common year
        (date(2008, 2, 29), date(2025, 2, 27), 16),
        (date(2008, 2, 29), date(2024, 2, 28), 15),  # leap year: on the 29th itself
        (date(2008, 2, 29), date(2024, 2, 29), 16),
    ],
)
def test_age_on_whole_years(dob, day, age):
    assert age_on(dob, day) == age
    frame = pl.DataFrame({"dob": [dob], "day": [day]})
    assert frame.select(age_on_expr(pl.col("dob"), pl.col("day"))).item() == age


def test_working_days_skip_weekends_and_bank_holidays():
    # Spec §2.5: a period starting Mon 04/09/2023 has its first review due 02/10/2023.
    assert add_working_days(date(2023, 9, 4), 20) == date(2023, 10, 2)
    # Over Christmas 2023: 25 and 26 December are bank holidays; 1 January 2024 too.
    assert add_working_days(date(2023, 12, 22), 1) == date(2023, 12, 27)
    assert add_working_days(date(2023, 12, 29), 1) == date(2024, 1, 2)
    assert not is_working_day(date(2024, 5, 6))  # early May bank holiday


def test_working_days_from_a_weekend_count_from_the_next_working_day():
    # Day 0 is the Saturday itself; Monday is the first working day after it.
    assert add_working_days(date(2023, 12, 23), 1) == date(2023, 12, 27)
    days = [date(2023, 9, 4), date(2023, 12, 22), date(2023, 12, 23), date(2024, 3, 28)]
    got = pl.DataFrame({"d": days}).select(add_working_days_expr(pl.col("d"), 20))["d"].to_list()
    assert got == [add_working_days(d, 20) for d in days]
