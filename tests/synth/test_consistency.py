"""The clean data obeys the rules later engines rely on (spec §1.1, §1.6)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from carematters.data.episodes import continuously_looked_after, drop_short_breaks
from carematters.data.schema import table
from carematters.data.years import add_years, year_end, year_start


def _returns(clean):
    return sorted(clean.returns.items())


def test_frames_have_exactly_the_schema(clean):
    for _, data in _returns(clean):
        for name, frame in data.tables.items():
            assert frame.schema == pl.Schema(table(name).polars_schema()), name


def test_no_overlapping_episodes(clean):
    for _, data in _returns(clean):
        episodes = data["Episodes"].sort("CHILD", "DECOM")
        prev_dec = pl.col("DEC").shift(1).over("CHILD")
        clash = episodes.filter(pl.col("CHILD").is_first_distinct().not_() & (
            prev_dec.is_null() | (pl.col("DECOM") < prev_dec)))
        assert clash.height == 0
        assert episodes.filter(pl.col("DEC") <= pl.col("DECOM")).height == 0


def test_episodes_chain_x1_to_a_same_day_next_episode(clean):
    for (_, year), data in _returns(clean):
        episodes = data["Episodes"].sort("CHILD", "DECOM").with_columns(
            pl.col("DECOM").shift(-1).over("CHILD").alias("next_start"),
            pl.col("RNE").shift(-1).over("CHILD").alias("next_rne"))
        x1 = episodes.filter(pl.col("REC") == "X1")
        assert (x1["next_start"] == x1["DEC"]).all()
        assert (x1["next_rne"] != "S").all()
        ended = episodes.filter(pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
                                & pl.col("next_start").is_not_null())
        assert (ended["next_rne"] == "S").all()
        assert (ended["next_start"] > ended["DEC"]).all()
        assert data["Episodes"].filter(pl.col("DEC").is_null() != pl.col("REC").is_null()).height == 0
        assert (data["Episodes"]["DEC"].drop_nulls() <= year_end(year)).all()


def test_open_episode_reappears_unchanged_next_year(clean):
    recoded = {("H5", "K3"), ("Z1", "Z11"), ("Z1", "Z12"), ("Z1", "Z13"), ("Z1", "Z14")}
    for (la, year), data in _returns(clean):
        if (la, year + 1) not in clean.returns:
            continue
        still_open = data["Episodes"].filter(pl.col("DEC").is_null())
        nxt = clean.returns[(la, year + 1)]["Episodes"].sort("CHILD", "DECOM")
        first = nxt.group_by("CHILD", maintain_order=True).first()
        joined = still_open.join(first, on="CHILD", how="left", suffix="_next")
        assert joined["DECOM_next"].is_not_null().all()
        for column in ("DECOM", "RNE", "LS", "CIN", "PLACE_PROVIDER", "URN", "HOME_POST", "PL_POST"):
            assert joined.filter(pl.col(column).ne_missing(pl.col(f"{column}_next"))).height == 0, column
        changed = joined.filter(pl.col("PLACE") != pl.col("PLACE_next"))
        assert set(zip(changed["PLACE"], changed["PLACE_next"], strict=True)) <= recoded


def test_every_child_in_any_table_is_in_header(clean):
    for _, data in _returns(clean):
        header = set(data["Header"]["CHILD"])
        assert data["Header"]["CHILD"].is_unique().all()
        for name, frame in data.tables.items():
            assert set(frame["CHILD"]) <= header, name


def test_dates_of_birth_agree_with_header(clean):
    for _, data in _returns(clean):
        dob = data["Header"].select("CHILD", pl.col("DOB").alias("H"))
        for _name, frame in data.tables.items():
            if "DOB" in frame.columns:
                assert frame.join(dob, on="CHILD").filter(pl.col("DOB") != pl.col("H")).height == 0


def test_codes_valid_for_the_year(clean):
    for (_, year), data in _returns(clean):
        for name, frame in data.tables.items():
            for column in table(name).columns:
                allowed = column.allowed(year)
                if allowed is None:
                    continue
                values = set(frame[column.name].drop_nulls().cast(pl.String))
                assert values <= set(allowed), (year, name, column.name, values - set(allowed))


def test_year_dependent_codes_are_used(clean):
    by_year = {year: data for (la, year), data in _returns(clean) if la == clean.authorities[0]}
    assert {"1", "2"} == set(by_year[2024]["Header"]["SEX"])
    assert {"M", "F"} == set(by_year[2025]["Header"]["SEX"])
    assert "K3" in set(by_year[2025]["Episodes"]["PLACE"])
    assert "H5" in set(by_year[2024]["Episodes"]["PLACE"])
    assert set(by_year[2020]["OC3"]["ACTIV"]) & {"F3", "P3"}
    assert set(by_year[2023]["OC3"]["ACTIV"]) & {"F5", "F4", "P5"}


def test_required_columns_filled(clean):
    for _, data in _returns(clean):
        for name, frame in data.tables.items():
            for column in table(name).columns:
                if column.required:
                    assert frame[column.name].null_count() == 0, (name, column.name)


def test_nobody_looked_after_past_18(clean):
    for (_, year), data in _returns(clean):
        episodes = data["Episodes"].join(data["Header"].select("CHILD", "DOB"), on="CHILD")
        eighteen = pl.col("DOB").map_elements(lambda d: add_years(d, 18), return_dtype=pl.Date)
        late = episodes.filter(pl.coalesce("DEC", pl.lit(year_end(year))) > eighteen)
        assert late.filter(pl.col("DEC").is_not_null() | (eighteen <= year_end(year))).height == 0


def test_oc2_is_exactly_the_continuously_looked_after_cohort(clean):
    for (_, year), data in _returns(clean):
        cohort = continuously_looked_after(drop_short_breaks(data["Episodes"]), year)
        assert sorted(data["OC2"]["CHILD"]) == sorted(cohort["CHILD"])


def test_oc2_age_conditions(clean):
    for (_, year), data in _returns(clean):
        oc2 = data["OC2"].with_columns(
            pl.col("DOB").map_elements(lambda d, y=year: (year_end(y).year - d.year) - (
                (year_end(y).month, year_end(y).day) < (d.month, d.day)), return_dtype=pl.Int64)
            .alias("age"))
        assert oc2.filter((pl.col("age") < 10) & pl.col("CONVICTED").is_not_null()).height == 0
        assert oc2.filter((pl.col("age") >= 5) & pl.col("HEALTH_CHECK").is_not_null()).height == 0
        both = pl.col("SDQ_SCORE").is_not_null() & pl.col("SDQ_REASON").is_not_null()
        assert oc2.filter(both).height == 0
        # Nothing at all only for children under 4 at the end of the year or 17 at its start.
        neither = pl.col("SDQ_SCORE").is_null() & pl.col("SDQ_REASON").is_null()
        assert (oc2.filter(neither)["age"].is_in([0, 1, 2, 3, 17])).all()
        assert oc2.filter((pl.col("SUBSTANCE_MISUSE") == 0)
                          & pl.col("INTERVENTION_RECEIVED").is_not_null()).height == 0
        assert oc2.filter((pl.col("INTERVENTION_RECEIVED") == 1)
                          & pl.col("INTERVENTION_OFFERED").is_not_null()).height == 0


def test_oc3_rows_are_care_leavers_at_a_birthday_in_the_year(clean):
    for (_, year), data in _returns(clean):
        oc3 = data["OC3"].join(data["Header"].select("CHILD", pl.col("DOB").alias("B")), on="CHILD")
        for row in oc3.iter_rows(named=True):
            ages = [a for a in range(17, 26) if year_start(year) <= add_years(row["DOB"], a) <= year_end(year)]
            assert len(ages) == 1
        in_care_on_birthday = data["Episodes"].join(oc3.select("CHILD", "DOB"), on="CHILD")
        assert in_care_on_birthday.filter(pl.col("DEC").is_null()).height == 0
        yes = data["OC3"].filter(pl.col("IN_TOUCH") == "YES")
        assert ((yes["ACTIV"] != "0") & (yes["ACCOM"] != "0")).all()


def test_adoption_tables_agree(clean):
    for (_, _year), data in _returns(clean):
        adopted = data["Episodes"].filter(pl.col("REC").is_in(["E11", "E12"]))
        assert sorted(adopted["CHILD"]) == sorted(data["AD1"]["CHILD"])
        placed = data["PlacedAdoption"].select("CHILD", "DATE_PLACED")
        joined = data["AD1"].join(placed, on="CHILD", how="left")
        assert (joined["DATE_INT"] == joined["DATE_PLACED"]).all()
        last = adopted.select("CHILD", "PLACE")
        foster = data["AD1"].join(last, on="CHILD")
        assert (foster["FOSTER_CARE"] == foster["PLACE"].is_in(["A3", "A5"]).cast(pl.Int8)).all()
        pairs = set(zip(data["AD1"]["SEX_ADOPTR"], data["AD1"]["LS_ADOPTR"], strict=True))
        allowed = {("F1", "L0"), ("M1", "L0"), ("MF", "L11"), ("MF", "L3"), ("MM", "L12"),
                   ("MM", "L2"), ("MM", "L4"), ("FF", "L12"), ("FF", "L2"), ("FF", "L4")}
        assert pairs <= allowed


def test_uasc_status_ends_by_18(clean):
    for _, data in _returns(clean):
        uasc = data["UASC"].drop_nulls("DUC")
        assert all(duc <= add_years(dob, 18) for duc, dob in zip(uasc["DUC"], uasc["DOB"], strict=True))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_social_worker_episodes_cover_children_looked_after_at_31_march(clean, year):
    la = clean.authorities[0]
    data = clean.returns[(la, year)]
    at_end = drop_short_breaks(data["Episodes"]).filter(pl.col("DEC").is_null())["CHILD"].unique()
    sw = data["SWEpisodes"]
    assert sorted(sw["CHILD"].unique()) == sorted(at_end)
    assert (sw.group_by("CHILD").agg(pl.col("SW_DEC").is_null().sum())["SW_DEC"] == 1).all()


def test_reviews_and_missing_within_year(clean):
    for (_, year), data in _returns(clean):
        assert data["Reviews"]["REVIEW"].is_between(year_start(year), year_end(year)).all()
        missing = data["Missing"]
        assert (missing["MIS_START"] <= date(year, 3, 31)).all()
        assert missing.filter(pl.col("MIS_END") < pl.col("MIS_START")).height == 0


def _with_neighbours(data):
    return data["Episodes"].sort("CHILD", "DECOM").with_columns(
        *(pl.col(c).shift(-1).over("CHILD").alias(f"next_{c}") for c in ("RNE", "PLACE", "PL_POST")),
        *(pl.col(c).shift(1).over("CHILD").alias(f"prev_{c}") for c in ("PLACE", "PL_POST")),
    )


def test_placement_change_reasons_and_providers(clean):
    for _, data in _returns(clean):
        episodes = _with_neighbours(data)
        temporary = pl.col("PLACE").str.starts_with("T")
        into_temporary = pl.col("next_PLACE").str.starts_with("T").fill_null(False)
        moved = ((pl.col("REC") == "X1") & pl.col("next_RNE").is_in(["P", "B", "T", "U"])
                 & ~temporary & ~into_temporary)
        assert episodes.filter(moved & pl.col("REASON_PLACE_CHANGE").is_null()).height == 0
        assert episodes.filter(~moved & pl.col("REASON_PLACE_CHANGE").is_not_null()).height == 0
        no_provider = temporary | pl.col("PLACE").str.starts_with("Z")
        assert (episodes.filter(no_provider)["PLACE_PROVIDER"].is_null()).all()
        assert (episodes.filter(~no_provider)["PLACE_PROVIDER"].is_not_null()).all()
        assert (episodes.filter(pl.col("PLACE") == "P1")["PLACE_PROVIDER"] == "PR0").all()
        unregistered = pl.col("PLACE").is_in(["P1", "P3", "R1", "R2", "R5"]) | no_provider
        assert episodes.filter(unregistered)["URN"].is_null().all()
        urns = episodes.filter(~unregistered)["URN"]
        assert urns.str.contains(r"^(SC\d{6}|\d{7}|XXXXXXX)$").all()


def test_temporary_moves_return_to_the_previous_placement(clean):
    for _, data in _returns(clean):
        episodes = _with_neighbours(data)
        temps = episodes.filter(pl.col("PLACE").str.starts_with("T") & pl.col("prev_PLACE").is_not_null()
                                & pl.col("next_RNE").is_not_null())
        assert temps.height > 0
        assert (temps["RNE"] == "P").all() and (temps["next_RNE"] == "P").all()
        assert (temps["next_PLACE"] == temps["prev_PLACE"]).all()
        assert (temps["next_PL_POST"] == temps["prev_PL_POST"]).all()
        starts = episodes.filter(pl.col("RNE") == "S")
        assert not starts["PLACE"].str.starts_with("T").any()
        adoptive = episodes.filter(pl.col("PLACE").is_in(["A3", "A5"]) & (pl.col("prev_PLACE") != pl.col("PLACE")))
        assert adoptive["RNE"].is_in(["S", "T", "U"]).all()


def test_missing_episodes_do_not_overlap(clean):
    for _, data in _returns(clean):
        missing = data["Missing"].sort("CHILD", "MIS_START").with_columns(
            pl.col("MIS_END").shift(1).over("CHILD").alias("prev_end"))
        assert missing.filter(pl.col("MIS_START") <= pl.col("prev_end")).height == 0
        assert data["Missing"]["MISSING"].is_in(["M", "A"]).all()


def test_previous_permanence_dated_after_birth_and_before_entry(clean):
    for _, data in _returns(clean):
        perm = data["PrevPerm"]
        assert perm.filter(pl.col("PREV_PERM").is_in(["P1", "P2", "P3"]))["DATE_PERM"].is_not_null().all()
        assert perm.filter(pl.col("PREV_PERM").is_in(["P4", "Z1"]))["DATE_PERM"].is_null().all()
        year = perm["DATE_PERM"].str.slice(-4).cast(pl.Int32)
        assert (year.drop_nulls() >= perm.filter(pl.col("DATE_PERM").is_not_null())["DOB"].dt.year()).all()
