"""`generate(as_at=...)`: the world runs up to a day inside the last year, whose return is the
year to date; earlier years stay full-year cuts."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from carematters.compliance import evaluate
from carematters.data.years import add_years, year_end, year_start
from carematters.synth import Synthetic, generate

AS_AT = date(2026, 11, 23)  # collection year 2027, a little under eight months in


@pytest.fixture(scope="module")
def ytd() -> Synthetic:
    return generate(500, 3, seed=21, as_at=AS_AT)


def _date_columns(frame: pl.DataFrame) -> list[str]:
    return [name for name, dtype in frame.schema.items() if dtype == pl.Date()]


def test_years_end_with_the_year_containing_as_at(ytd):
    assert ytd.years == [2025, 2026, 2027]
    assert ytd.as_at == AS_AT
    assert [ytd.year_to_date(y) for y in ytd.years] == [False, False, True]
    assert all(data.years == (year,) for (_la, year), data in ytd.returns.items())


#: Dates that are deadlines set when the event was recorded, not events: they may lie ahead.
PLANNED = {("ReviewTriggers", "REVIEW_BY")}


def test_nothing_in_the_year_to_date_return_is_dated_after_as_at(ytd):
    data = ytd.returns[(ytd.authorities[0], 2027)]
    for name, frame in data.tables.items():
        for column in _date_columns(frame):
            if (name, column) in PLANNED:
                continue
            assert (frame[column].drop_nulls() <= AS_AT).all(), (name, column)
    # ...but the record runs right up to it: the last fortnight has visits, reviews, PEPs.
    for name, column in (("Visits", "VISIT_DATE"), ("Reviews", "REVIEW"), ("PEPs", "PEP_DATE")):
        assert (data[name][column] > AS_AT - timedelta(days=14)).any(), name


def test_episodes_open_at_as_at_are_blank_and_ended_ones_are_known(ytd):
    la = ytd.authorities[0]
    episodes = ytd.returns[(la, 2027)]["Episodes"]
    open_ = episodes.filter(pl.col("DEC").is_null())
    assert open_.height > 0
    assert open_["REC"].is_null().all() and open_["REASON_PLACE_CHANGE"].is_null().all()
    assert open_["CHILD"].is_unique().all()  # one open episode per child: the latest
    latest = episodes.sort("CHILD", "DECOM").group_by("CHILD", maintain_order=True).last()
    assert set(open_["CHILD"]) <= set(latest.filter(pl.col("DEC").is_null())["CHILD"])
    # Children looked after on 31 March 2026 whose care ended since: the ending is known.
    at_year_end = ytd.returns[(la, 2026)]["Episodes"].filter(pl.col("DEC").is_null())
    restated = episodes.join(at_year_end.select("CHILD", "DECOM"), on=["CHILD", "DECOM"])
    assert restated.height == at_year_end.height  # every open episode is re-stated
    assert restated.filter(pl.col("DEC").is_not_null()).height > 0
    assert (restated["DEC"].drop_nulls() >= year_start(2027)).all()


def test_year_to_date_has_no_oc2_and_only_the_oc3_birthdays_reached(ytd):
    for (_la, year), data in ytd.returns.items():
        if year < 2027:
            assert data["OC2"].height > 0
            continue
        assert data["OC2"].height == 0
        oc3 = data["OC3"]
        assert oc3.height > 0
        # The birthday in the collection year is the one from 1 April to 31 March.
        years_old = pl.lit(year) - pl.col("DOB").dt.year() - (pl.col("DOB").dt.month() >= 4)
        birthday = oc3.select(pl.col("DOB").dt.offset_by(pl.format("{}y", years_old)))
        assert (birthday.to_series() <= AS_AT).all()


def test_ad1_only_for_adoptions_up_to_as_at(ytd):
    data = ytd.returns[(ytd.authorities[0], 2027)]
    adopted = data["Episodes"].filter(pl.col("REC").is_in(["E11", "E12"]))
    assert set(data["AD1"]["CHILD"]) == set(adopted["CHILD"])
    assert (adopted["DEC"] <= AS_AT).all()


def test_care_leavers_without_their_birthday_yet_are_in_the_header(ytd):
    """Their pathway plans and adviser contacts since 1 April come with them, OC3 row or not."""
    data = ytd.returns[(ytd.authorities[0], 2027)]
    header = set(data["Header"]["CHILD"])
    for name in ("PathwayPlans", "PAContacts"):
        assert set(data[name]["CHILD"]) <= header
    covered = set(data["Episodes"]["CHILD"]) | set(data["OC3"]["CHILD"])
    extra = header - covered
    assert extra and extra <= set(data["PAContacts"]["CHILD"]) | set(data["PathwayPlans"]["CHILD"])


def test_earlier_years_are_full_year_cuts(ytd):
    for (_la, year), data in ytd.returns.items():
        if year == 2027:
            continue
        end = year_end(year)
        assert (data["Episodes"]["DEC"].drop_nulls() <= end).all()
        assert (data["Visits"]["VISIT_DATE"] > end - timedelta(days=14)).any()
        # Every Header child has an episode or an OC3 row, as in a submitted return.
        covered = set(data["Episodes"]["CHILD"]) | set(data["OC3"]["CHILD"])
        assert set(data["Header"]["CHILD"]) == covered


def test_as_at_on_31_march_is_exactly_a_full_year():
    """A complete year is no year-to-date cut: the same arguments without as_at give the same
    returns, so `as_at=None` (the default) is still the old generator."""
    full = generate(120, 2, seed=4, last_year=2026, errors=True)
    same = generate(120, 2, seed=4, as_at=year_end(2026), errors=True)
    assert same.as_at is None
    assert full.manifest.equals(same.manifest) and full.cell_text == same.cell_text
    assert full.returns.keys() == same.returns.keys()
    for key, data in full.returns.items():
        for name in data.tables:
            assert data[name].equals(same.returns[key][name]), (key, name)


def test_default_last_year_is_unchanged():
    assert generate(40, 1, seed=2).years == [2025]
    assert generate(40, 1, seed=2, as_at=date(2025, 4, 1)).years == [2026]


def test_as_at_outside_last_year_is_refused():
    with pytest.raises(ValueError, match="collection year 2027"):
        generate(40, 1, seed=2, last_year=2026, as_at=AS_AT)


def test_same_as_at_gives_the_same_returns(ytd):
    again = generate(500, 3, seed=21, as_at=AS_AT)
    for key, data in ytd.returns.items():
        for name in data.tables:
            assert data[name].equals(again.returns[key][name]), (key, name)


def test_compliance_as_at_is_a_realistic_mix(ytd):
    """A well-run authority up to as_at: most items due in the past year done on time, a few
    late, a small share overdue (not months of everything since 31 March)."""
    items = evaluate(ytd.authority(ytd.authorities[0]), AS_AT)
    recent = items.filter(pl.col("DUE").is_between(add_years(AS_AT, -1), AS_AT))
    share = recent.group_by("STATUS").len().with_columns(pl.col("len") / recent.height)
    shares = dict(share.iter_rows())
    assert shares["done_on_time"] > 0.75
    assert 0.03 < shares["done_late"] < 0.2
    assert 0.005 < shares["overdue"] < 0.06
    # Overdue duties still open today: most children have none, nobody has many. (Judged on
    # today with the world stopped at 31 March, over half the children had some, up to 8.)
    open_overdue = items.filter((pl.col("STATUS") == "overdue") & pl.col("ACTIVE"))
    children = items["CHILD"].n_unique()
    assert open_overdue["CHILD"].n_unique() < 0.35 * children
    assert open_overdue.height < 0.5 * children
    assert open_overdue.group_by("CHILD").len()["len"].max() <= 5
