"""Collection-year arithmetic, ages and working days.

The collection year is named by the year it ends: 2025 means 1 April 2024 to 31 March 2025
(spec §1.1). Every module asks these helpers rather than doing the sums itself.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import polars as pl


def year_start(year: int) -> date:
    """First day of collection year `year` (1 April of the year before)."""
    return date(year - 1, 4, 1)


def year_end(year: int) -> date:
    """Last day of collection year `year` (31 March)."""
    return date(year, 3, 31)


def collection_year_of(day: date) -> int:
    """The collection year a date falls in."""
    return day.year + 1 if day.month >= 4 else day.year


def year_label(year: int) -> str:
    """How a collection year is written for people: 2025 (ending 31 March 2025) is "2024-25"."""
    return f"{year - 1}-{year % 100:02d}"


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clipped to the month's end (31/08 + 6 months = 28 or 29/02).

    Spec §3: "Not more than M months after" means the same day-of-month M months later.
    """
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Anniversary `years` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def age_on(dob: date, day: date) -> int:
    """Whole years completed on `day` (spec §1.1: the birthday is reached on the anniversary)."""
    age = day.year - dob.year
    if day < add_years(dob, age):
        age -= 1
    return age


def age_on_expr(dob: pl.Expr, day: pl.Expr | date) -> pl.Expr:
    """Vectorised `age_on`: whole years from `dob` to `day`, with the 29 February convention.

    A 29 February birthday in a common year is reached on 28 February, which is what comparing
    (month, day) with the day clipped to the month gives.
    """
    on = pl.lit(day) if isinstance(day, date) else day
    years = on.dt.year() - dob.dt.year()
    birthday_month = dob.dt.month()
    birthday_day = dob.dt.day()
    # Clip a 29 Feb birthday to 28 Feb when the target year is not a leap year.
    leap = on.dt.is_leap_year()
    birthday_day = (
        pl.when((birthday_month == 2) & (birthday_day == 29) & ~leap)
        .then(28)
        .otherwise(birthday_day)
    )
    before = (on.dt.month() < birthday_month) | (
        (on.dt.month() == birthday_month) & (on.dt.day() < birthday_day)
    )
    return (years - before.cast(pl.Int32)).cast(pl.Int32)


def birthday_in_year(dob: date, age: int) -> date:
    """The date a child born on `dob` reaches `age`."""
    return add_years(dob, age)


# --- Working days -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[date]:
    """England-and-Wales bank holidays from the copy shipped with `govuk-bank-holidays`.

    Offline on purpose: a statutory clock must not depend on the network. Dates outside the
    shipped range are treated as ordinary weekdays; `bank_holiday_range` says which years are known.
    """
    from govuk_bank_holidays.bank_holidays import BankHolidays

    holidays = BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    )
    return frozenset(h["date"] for h in holidays)


def bank_holiday_range() -> tuple[int, int]:
    """First and last calendar year the shipped bank-holiday list covers."""
    years = [d.year for d in bank_holidays()]
    return min(years), max(years)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day`; `day` itself is day 0 (spec §3, working days [C])."""
    current = day
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def add_working_days_expr(day: pl.Expr, n: int) -> pl.Expr:
    """Vectorised `add_working_days` for a Date column.

    Rolling a weekend or holiday start *backward* keeps "the start is day 0": from a Saturday the
    first working day after is Monday, exactly as from the Friday before.
    """
    return day.dt.add_business_days(n, holidays=sorted(bank_holidays()), roll="backward")
