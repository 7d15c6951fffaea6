"""From periods of care to episodes: legal changes, moves, temporary moves, adoption placements.

Every change in a period is an event (one row); events are sorted, same-day clashes resolved,
and the carer's details are carried forward column by column, so a house move with the same
carers (`RNE = T`) changes only the postcode and a return from a temporary placement (`RNE = P`)
takes back the previous placement and postcode exactly, as DfE rule 383 asks.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from carematters.synth import params as p
from carematters.synth._draw import YEAR, day, pick, pick_by_group, pick_series, uniform_days
from carematters.synth.places import Places, urns

# Event kinds, in the order that wins when two fall on the same day.
START, ADOPT, LEGAL_MOVE, LEGAL_SAME, LEGAL, MOVE, SAME, TEMP_START, TEMP_END = range(9)
RNE_OF_KIND = {START: "S", LEGAL_MOVE: "B", LEGAL_SAME: "U", LEGAL: "L", MOVE: "P", SAME: "T",
               TEMP_START: "P", TEMP_END: "P"}
CARER_KINDS = (START, LEGAL_MOVE, MOVE)
# P2 (independent living) is invalid for episodes open after 28 October 2023 (spec §1.3): no
# new P2 placements from April 2023. Supported accommodation needs an Ofsted URN from that date.
P2_LAST_START = day(date(2023, 4, 1))
SUPPORTED_REGISTRATION = day(date(2023, 10, 28))
TEMP_DAYS = {"T0": (1, 10), "T1": (2, 14), "T2": (3, 14), "T3": (3, 14), "T4": (1, 7)}
NONE = ""  # "deliberately blank" while carrying values forward (null means "not set here")


def _spread(rng: np.random.Generator, periods: pl.DataFrame, counts: np.ndarray,
            low: np.ndarray | None = None, high: np.ndarray | None = None) -> pl.DataFrame:
    """`counts[i]` event days spread uniformly over [low, high) of period i (by default
    strictly inside it, before its stop)."""
    rep = np.repeat(np.arange(periods.height), counts)
    start = (periods["start"].to_numpy() + 1 if low is None else low)[rep]
    stop = (periods["stop"].to_numpy() if high is None else high)[rep]
    days = start + np.floor(rng.random(rep.size) * np.maximum(stop - start, 0))
    return pl.DataFrame({"period": periods["period"].to_numpy()[rep],
                         "day": days.astype(np.int64)})


def _moves(rng: np.random.Generator, periods: pl.DataFrame, move_factor: float) -> pl.DataFrame:
    """Carer changes: a Poisson stream per period (the child's own instability scales it), plus
    an early move after an emergency placement for some."""
    years = (periods["stop"] - periods["start"]).to_numpy() / YEAR
    n = periods.height
    rate = periods["path"].replace_strict(p.MOVE_RATE, return_dtype=pl.Float64).to_numpy()
    rate = rate * periods["instability"].to_numpy() * move_factor
    # Moves come early: placements that last a year or two tend to last (NI 63 is ~68%).
    start, stop = periods["start"].to_numpy() + 1, periods["stop"].to_numpy()
    segments = []
    for first, last, factor in p.MOVE_RATE_BY_YEAR_IN_CARE:
        low = np.minimum(start + int(first * YEAR), stop)
        high = stop if last is None else np.minimum(start + int(last * YEAR), stop)
        counts = rng.poisson(rate * factor * (high - low) / YEAR)
        segments.append(_spread(rng, periods, counts, low, high))
    moves = pl.concat(segments)
    early = periods.select("period", "start").with_columns(
        (pl.col("start") + pl.Series(uniform_days(rng, 3, 60, n))).alias("day"),
        pl.Series("pick", rng.random(n) < p.EARLY_MOVE_P)).filter("pick").select("period", "day")
    same = _spread(rng, periods, rng.poisson(p.SAME_CARER_RATE * years))
    return pl.concat([moves.with_columns(pl.lit(MOVE).alias("kind")),
                      early.with_columns(pl.lit(MOVE).alias("kind")),
                      same.with_columns(pl.lit(SAME).alias("kind"))])


def _temporary_moves(rng: np.random.Generator, periods: pl.DataFrame) -> pl.DataFrame:
    """Pairs of events: the move to a T0-T4 placement, and the return some days later."""
    years = (periods["stop"] - periods["start"]).to_numpy() / YEAR
    temps = _spread(rng, periods, rng.poisson(p.TEMP_RATE * years))
    code = pick(rng, p.PLACEMENTS["temporary"], temps.height)
    low = np.array([TEMP_DAYS[c][0] for c in code], dtype=np.int64)
    high = np.array([TEMP_DAYS[c][1] for c in code], dtype=np.int64)
    temps = temps.with_columns(
        pl.Series("temp", code, dtype=pl.String),
        pl.Series("temp_id", np.arange(temps.height)),
        pl.Series("length", uniform_days(rng, low, high)),
    )
    return pl.concat([
        temps.with_columns(pl.lit(TEMP_START).alias("kind")),
        temps.with_columns((pl.col("day") + pl.col("length")).alias("day"),
                           pl.lit(TEMP_END).alias("kind")),
    ]).drop("length")


def _adoptive_placements(plans: pl.DataFrame) -> pl.DataFrame:
    """A3/A5 with the current foster carers (RNE T) or A4/A6 with new adopters (RNE P); A3/A4
    when the parents consented, A5/A6 under a placement order."""
    consent = pl.col("consent")
    place = pl.when(pl.col("with_carers")).then(
        pl.when(consent).then(pl.lit("A3")).otherwise(pl.lit("A5"))).otherwise(
        pl.when(consent).then(pl.lit("A4")).otherwise(pl.lit("A6")))
    return plans.filter(pl.col("placed").is_not_null()).select(
        "period", pl.col("placed").alias("day"), pl.lit(ADOPT).alias("kind"),
        place.alias("adopt_place"), "with_carers")


def _events(rng: np.random.Generator, periods: pl.DataFrame, legal: pl.DataFrame,
            plans: pl.DataFrame, move_factor: float) -> pl.DataFrame:
    roll = rng.random(legal.height)
    legal_kind = np.where(roll < p.LEGAL_WITH_MOVE_P, LEGAL_MOVE,
                          np.where(roll < p.LEGAL_WITH_MOVE_P + 0.04, LEGAL_SAME, LEGAL))
    events = pl.concat([
        periods.select("period", pl.col("start").alias("day"), pl.lit(START).alias("kind"),
                       pl.col("ls0").alias("ls")),
        legal.with_columns(pl.Series("kind", legal_kind)),
        _moves(rng, periods, move_factor),
        _temporary_moves(rng, periods),
        _adoptive_placements(plans),
    ], how="diagonal_relaxed")
    return events.with_columns(pl.col("kind").cast(pl.Int8), pl.col("day").cast(pl.Int64))


def _clean(events: pl.DataFrame, periods: pl.DataFrame, plans: pl.DataFrame) -> pl.DataFrame:
    """Drop clashing events: one event per day, nothing after an adoptive placement, temporary
    moves only as an uninterrupted pair (the move, then the return)."""
    placed = plans.select("period", pl.col("placed").alias("__placed"))
    events = (
        events.join(periods.select("period", "stop"), on="period")
        .join(placed, on="period", how="left")
        .filter(pl.col("day") < pl.col("stop"))
        .filter(
            pl.col("kind").is_in([START, ADOPT, LEGAL]) | pl.col("__placed").is_null()
            | (pl.col("day") < pl.col("__placed"))
        )
        .sort("period", "day", "kind")
        .filter((pl.col("period") != pl.col("period").shift(1)) | (pl.col("day") != pl.col("day").shift(1))
                | pl.col("period").shift(1).is_null())
    )
    nxt, prev = pl.col("temp_id").shift(-1), pl.col("temp_id").shift(1)
    paired = pl.when(pl.col("kind") == TEMP_START).then(nxt == pl.col("temp_id")).when(
        pl.col("kind") == TEMP_END).then(prev == pl.col("temp_id")).otherwise(True)
    return events.filter(paired.fill_null(False)).drop("stop", "__placed")


def _placement_group(events: pl.DataFrame) -> pl.Expr:
    age = pl.col("age")
    return (
        pl.when(pl.col("path") == "adoption").then(pl.lit("infant_foster"))
        .when(pl.col("path") == "remand").then(pl.lit("remand"))
        .when(pl.col("path") == "uasc").then(
            pl.when(age >= 16).then(pl.lit("uasc_older")).otherwise(pl.lit("uasc_young")))
        .when(age < 1).then(pl.lit("infant"))
        .when(age < 12).then(pl.lit("child"))
        .when(age < 16).then(pl.lit("teen"))
        .otherwise(pl.lit("older"))
    )


def _mixes(residential_factor: float) -> dict[str, dict[str, float]]:
    mixes = {k: dict(v) for k, v in p.PLACEMENTS.items() if k != "temporary"}
    mixes["infant_foster"] = {"U6": 52, "U5": 16, "U3": 16, "U2": 5, "U4": 11}
    for mix in mixes.values():
        if "K2" in mix:
            mix["K2"] *= residential_factor
    return mixes


def _carers(rng: np.random.Generator, events: pl.DataFrame, places: Places,
            residential_factor: float) -> pl.DataFrame:
    """Placement, provider, URN and postcode for each event that starts with a new carer."""
    is_carer = events["kind"].is_in(CARER_KINDS).to_numpy()
    rows = events.filter(pl.Series(is_carer)).with_columns(_placement_group(events).alias("group"))
    place = pick_by_group(rng, rows["group"].to_numpy(), _mixes(residential_factor))
    ls, age, start = rows["ls"].to_numpy(), rows["age"].to_numpy(), rows["day"].to_numpy()
    place[(place == "P1") & ~np.isin(ls, ["C1", "C2"])] = "U6"
    place[(place == "R5") & (age < 15)] = "K1"
    place[(place == "P2") & (start >= P2_LAST_START)] = "SEMI"
    # DfE age limits: residential school from 4, residential employment from 14.
    place[((place == "S1") & (age < 4)) | ((place == "P3") & (age < 14))] = "U6"
    period = rows["period"].to_numpy()
    follows = np.r_[False, period[1:] == period[:-1]]
    # A move back home to parents from home is no move (DfE 435): another foster placement.
    previous = np.concatenate([np.array([""], dtype=object), place[:-1]])
    place[follows & (place == "P1") & (previous == "P1")] = "U6"
    n = place.size
    provider = pick_by_group(rng, np.array([p.PROVIDER_GROUP.get(x, "none") for x in place]),
                             {k: v for k, v in p.PROVIDERS.items()})
    provider[place == "Z1"] = NONE
    urn = np.full(n, NONE, dtype=object)
    post = places.local(rng, n)
    for code, setting in (("K2", places.homes), ("K1", places.secure), ("SEMI", places.supported)):
        chosen = np.full(n, -1)
        idx = np.flatnonzero(place == code)
        chosen[idx] = rng.integers(0, setting.urn.size, idx.size)
        # Moving to the same home again is no move: take the next one in the pool.
        for _ in range(8):  # a run of moves between homes may need a few passes
            again = follows & (chosen >= 0) & (chosen == np.r_[-1, chosen[:-1]])
            if not again.any():
                break
            chosen[again] = (chosen[again] + 1) % setting.urn.size
        urn[idx], post[idx] = setting.urn[chosen[idx]], setting.postcode[chosen[idx]]
    foster = np.isin(place, ["U1", "U2", "U3", "U4", "U5", "U6"])
    urn[foster & np.isin(provider, ["PR1", "PR2"])] = places.fostering_urn
    ifa = np.flatnonzero(foster & np.isin(provider, ["PR4", "PR5"]))
    urn[ifa] = places.agencies.draw(rng, ifa.size)[0]
    # XXXXXXX (not Ofsted-inspected) is kept for independent living and adoption agencies
    # (DfE 242 allows it only for adoption and fostering from 2026): residential family centres
    # are Ofsted-registered (SC...), residential schools carry a 7-digit school URN.
    urn[place == "P2"] = "XXXXXXX"
    centre = np.flatnonzero(place == "R3")
    urn[centre] = urns(rng, centre.size)
    school = np.flatnonzero(place == "S1")
    urn[school] = np.char.mod("%07d", rng.integers(1_000_000, 10_000_000, school.size)).astype(object)
    return rows.select("period", "day").with_columns(
        pl.Series("place", place, dtype=pl.String), pl.Series("provider", provider, dtype=pl.String),
        pl.Series("urn", urn, dtype=pl.String), pl.Series("pl_post", post, dtype=pl.String))


def _adoptive_carers(rng: np.random.Generator, events: pl.DataFrame, places: Places) -> pl.DataFrame:
    rows = events.filter((pl.col("kind") == ADOPT) & ~pl.col("with_carers"))
    n = rows.height
    urn, post = places.adoption.draw(rng, n)
    urn = np.where(rng.random(n) < 0.4, "XXXXXXX", urn)
    provider = pick(rng, p.PROVIDERS["adoption"], n)
    return rows.select("period", "day", pl.col("adopt_place").alias("place")).with_columns(
        pl.Series("provider", provider, dtype=pl.String), pl.Series("urn", urn, dtype=pl.String),
        pl.Series("pl_post", places.local(rng, n, 0.5), dtype=pl.String))


def build(rng: np.random.Generator, periods: pl.DataFrame, legal: pl.DataFrame,
          plans: pl.DataFrame, children: pl.DataFrame, places: Places, horizon: int,
          move_factor: float, residential_factor: float) -> pl.DataFrame:
    """Episodes of every period: one row per episode, in lifetime form.

    PLACE holds "SEMI" for semi-independent/supported accommodation and "Z1" for other
    placements; the per-year cut turns them into the codes valid in each collection year.
    """
    # Row order feeds the random draws, so every join here keeps the left frame's order.
    periods = periods.with_columns(pl.col("end").fill_null(horizon + 1).alias("stop")).join(
        children.select("child", "dob", "instability"), on="child", maintain_order="left")
    events = _clean(_events(rng, periods, legal, plans, move_factor), periods, plans)
    events = events.join(periods.select("period", "child", "path", "cin", "dob"), on="period")
    # Every period opens with a START event that sets every carried column, so a plain forward
    # fill never leaks one period's values into the next (and is far faster than a window).
    events = events.sort("period", "day").with_columns(
        pl.col("ls").forward_fill(),
        ((pl.col("day") - pl.col("dob")) / YEAR).floor().cast(pl.Int32).alias("age"),
    )
    carers = pl.concat([_carers(rng, events, places, residential_factor),
                        _adoptive_carers(rng, events, places)], how="vertical_relaxed")
    with_carers = (pl.col("kind") == ADOPT) & pl.col("with_carers")
    events = events.join(carers, on=["period", "day"], how="left", maintain_order="left").with_columns(
        pl.when(with_carers).then(pl.col("adopt_place")).otherwise(pl.col("place")).alias("place"))
    events = events.with_columns(pl.col("place").forward_fill().alias("__place"))
    # A "same carer" move is a foster family moving house; other settings do not do that here.
    fostered = pl.col("__place").str.starts_with("U")
    events = events.filter((pl.col("kind") != SAME) | fostered).with_columns(
        pl.when((pl.col("kind") == LEGAL_SAME) & ~fostered).then(pl.lit(LEGAL, pl.Int8))
        .otherwise(pl.col("kind")).alias("kind")).drop("__place")
    house_move = _new_postcodes(rng, events, [SAME, LEGAL_SAME], places)
    events = events.with_columns(
        pl.when(pl.col("kind").is_in([SAME, LEGAL_SAME])).then(house_move)
        .otherwise(pl.col("pl_post")).alias("pl_post"))
    events = events.with_columns(pl.col("place", "provider", "urn", "pl_post").forward_fill())
    temp_post = _new_postcodes(rng, events, [TEMP_START], places)
    temp = pl.col("kind") == TEMP_START
    events = events.with_columns(
        pl.when(temp).then(pl.col("temp")).otherwise(pl.col("place")).alias("place"),
        pl.when(temp).then(pl.lit(NONE)).otherwise(pl.col("provider")).alias("provider"),
        pl.when(temp).then(pl.lit(NONE)).otherwise(pl.col("urn")).alias("urn"),
        pl.when(temp).then(temp_post).otherwise(pl.col("pl_post")).alias("pl_post"),
    )
    return _episode_rows(rng, events, periods, places)


def _new_postcodes(rng: np.random.Generator, events: pl.DataFrame, kinds: list[int],
                   places: Places) -> pl.Series:
    """A fresh postcode on rows of the given kinds, null elsewhere."""
    rows = np.flatnonzero(events["kind"].is_in(kinds).to_numpy())
    codes = pl.repeat(None, events.height, dtype=pl.String, eager=True)
    if rows.size:
        codes.scatter(rows, pl.Series(places.local(rng, rows.size, 0.3), dtype=pl.String))
    return codes


def _next(column: str) -> pl.Expr:
    """The next row's value within the same period (rows sorted by period and day)."""
    same = pl.col("period").shift(-1) == pl.col("period")
    return pl.when(same).then(pl.col(column).shift(-1))


def _episode_rows(rng: np.random.Generator, events: pl.DataFrame, periods: pl.DataFrame,
                  places: Places) -> pl.DataFrame:
    n = events.height
    nxt = _next("kind")
    next_place = _next("place")
    move_reason = pick_series(rng, p.MOVE_REASON, n)
    # Neither a temporary placement nor the move into it is a change of placement (DfE 226).
    reason = (
        pl.when(pl.col("place").str.starts_with("T") | (nxt == TEMP_START)).then(None)
        .when(nxt.is_in([MOVE, LEGAL_MOVE]) & (next_place == "R5")).then(pl.lit("CUSTOD"))
        .when(nxt.is_in([MOVE, LEGAL_MOVE])).then(move_reason)
        .when(nxt == ADOPT).then(pl.lit("CARPL"))
        .when(nxt.is_in([SAME, LEGAL_SAME])).then(pl.lit("PLACE"))
    )
    rne = (pl.when(pl.col("kind") == ADOPT)
           .then(pl.when(pl.col("with_carers")).then(pl.lit("T")).otherwise(pl.lit("P")))
           .otherwise(pl.col("kind").replace_strict(RNE_OF_KIND, return_dtype=pl.String)))
    # An unaccompanied asylum-seeking child has no family home here: HOME_POST is left blank, as
    # the DfE expects (392b does not ask for it; 406 says the distance must be blank).
    home_post = pl.Series("HOME_POST", places.local(rng, periods.height, 0.12), dtype=pl.String)
    home = periods.select(
        "period", pl.when(pl.col("path") == "uasc").then(None).otherwise(home_post)
        .alias("HOME_POST"), "end", "rec")
    episodes = events.join(home, on="period", maintain_order="left").with_columns(
        rne.alias("RNE"),
        _next("day").alias("next_day"),
        reason.alias("REASON_PLACE_CHANGE"),
        # Which of Z11-Z14 an "other placement" becomes from 2026: one choice per carer.
        pl.when(pl.col("kind").is_in(CARER_KINDS)).then(pl.Series(rng.integers(1, 5, n)))
        .forward_fill().cast(pl.Int8).alias("z_alt"),
    ).with_columns(
        pl.coalesce("next_day", "end").alias("DEC"),
        pl.when(pl.col("next_day").is_not_null()).then(pl.lit("X1")).otherwise(pl.col("rec"))
        .alias("REC"),
    )
    # Placed with parents: the placement is the family home.
    episodes = episodes.with_columns(
        pl.when(pl.col("place") == "P1").then(pl.col("HOME_POST")).otherwise(pl.col("pl_post"))
        .alias("pl_post"))
    episodes = _supported_accommodation(episodes, places)
    episodes = _own_provision_in_area(episodes, places)
    return _settle_exits(rng, episodes).select(
        "child", "period", pl.col("day").alias("DECOM"), "RNE", pl.col("ls").alias("LS"),
        pl.col("cin").alias("CIN"), pl.col("place").alias("PLACE"),
        pl.col("provider").replace(NONE, None).alias("PLACE_PROVIDER"), "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", pl.col("pl_post").alias("PL_POST"),
        pl.col("urn").replace(NONE, None).alias("URN"), "z_alt", "kind")


#: Own provision that may lie outside the authority (DfE 1015): fostering, adoption, K3.
OWN_PROVISION_ANYWHERE = ("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6", "K3")


def _own_provision_in_area(episodes: pl.DataFrame, places: Places) -> pl.DataFrame:
    """The authority's own provision (PR1) is inside the authority (DfE 1015), except fostering,
    adoption and supported accommodation. A home or setting drawn outside belongs to somebody
    else: a private provider (PR4). Every child placed in one setting gets the same answer, as
    a setting's postcode is fixed."""
    if places.pool is None:  # made-up postcodes: no authority to be in
        return episodes
    inside = pl.col("pl_post").is_in(pl.Series(places.pool.own, dtype=pl.String).implode())
    outside = ((pl.col("provider") == "PR1") & ~pl.col("place").is_in(OWN_PROVISION_ANYWHERE)
               & pl.col("pl_post").is_not_null() & ~inside)
    return episodes.with_columns(
        pl.when(outside).then(pl.lit("PR4")).otherwise(pl.col("provider")).alias("provider"))


def _supported_accommodation(episodes: pl.DataFrame, places: Places) -> pl.DataFrame:
    """Independent living (P2) and supported accommodation around 28 October 2023.

    Judged per placement (carer spell), so a placement keeps one code and URN throughout:
    P2 still running on that date becomes supported accommodation (P2 is invalid after it), and
    supported accommodation needs an Ofsted URN only if it ran past it (before, XXXXXXX).
    """
    spell = pl.col("kind").is_in([*CARER_KINDS, ADOPT]).cum_sum()
    last_day = pl.col("DEC").fill_null(SUPPORTED_REGISTRATION + 1).max().over("__spell")
    episodes = episodes.with_columns(spell.alias("__spell")).with_columns(
        (last_day > SUPPORTED_REGISTRATION).alias("__after"))
    spells = episodes["__spell"].to_numpy()
    supported = pl.Series(places.supported.urn[spells % places.supported.urn.size], dtype=pl.String)
    to_supported = (pl.col("place") == "P2") & pl.col("__after")
    return episodes.with_columns(
        pl.when(to_supported).then(pl.lit("SEMI")).otherwise(pl.col("place")).alias("place"),
        pl.when(to_supported).then(supported)
        .when((pl.col("place") == "SEMI") & ~pl.col("__after")).then(pl.lit("XXXXXXX"))
        .otherwise(pl.col("urn")).alias("urn"),
    ).drop("__spell", "__after")


def _settle_exits(rng: np.random.Generator, episodes: pl.DataFrame) -> pl.DataFrame:
    """Exit reasons that depend on where the child was last living (SGO, leaving at 18)."""
    n = episodes.height
    kin = pl.col("place").is_in(["U1", "U2", "U3"])
    foster = pl.col("place").str.starts_with("U")
    draws = {name: pick_series(rng, mix, n) for name, mix in {
        "sgo_kin": {"E45": 70, "E47": 30}, "sgo_foster": {"E46": 60, "E48": 40},
        "sgo_other": {"E47": 60, "E48": 40}, "at18_foster": p.AT_18_FOSTERED_REC,
        "at18_other": p.AT_18_OTHER_REC}.items()}
    rec = (
        pl.when(pl.col("REC") == "SGO").then(
            pl.when(kin).then(draws["sgo_kin"]).when(foster).then(draws["sgo_foster"])
            .otherwise(draws["sgo_other"]))
        .when(pl.col("REC") == "AT18").then(
            pl.when(foster | (pl.col("place") == "SEMI")).then(draws["at18_foster"])
            .otherwise(draws["at18_other"]))
        .otherwise(pl.col("REC"))
    )
    return episodes.with_columns(rec.alias("REC"))
