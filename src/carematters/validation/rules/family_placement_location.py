"""Rules on the DfE-derived placement fields: 164, 169, 179, 392a, 398, 406, 420, 454, 1015,
243, and the carry-over checks 452, 453, 503G, 503H, 503J.

The DfE derives PL_LA (authority of the placement), PL_LOCATION (IN or OUT of the returning
authority) and PL_DISTANCE (miles from the home postcode) from the postcodes sent; here they come
from the offline ONS postcode directory (`carematters.data.reference`, via `ctx.located`).
PL_DISTANCE is 999.9 when a postcode is given but cannot be located and blank when a postcode is
missing, as in the DfE derivation.

Children who are or were unaccompanied asylum-seeking children (a UASC record this year or last)
have no home postcode to measure from, so the distance rules leave them out (164, 392a) or
expect no distance (406).
"""

from __future__ import annotations

import polars as pl

from carematters.data.authorities import ons_codes
from carematters.data.codes import SHORT_BREAK_LS
from carematters.data.reference import UNKNOWN_DISTANCE, with_placement_fields
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, in_cohort, offending, present
from carematters.validation.registry import rule

EMPTY = {ROW: pl.Int64(), "CHILD": pl.String()}
#: Fostering, adoption and supported accommodation: own provision may be outside the authority.
OWN_PROVISION_ANYWHERE = ("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6", "K3")
OUTSIDE_ENGLAND = ("WAL", "SCO", "NIR", "NUK")


def short_break() -> pl.Expr:
    return pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)


def with_uasc(ctx: Context) -> pl.DataFrame:
    """`ctx.located` with IS_UASC: a UASC record (SEX or DUC given) this year or last year."""
    uasc = pl.concat([ctx.table("UASC"), ctx.prev("UASC")], how="diagonal_relaxed")
    children = uasc.filter(any_present(["SEX", "DUC"])).select("CHILD")
    return in_cohort(ctx.located, children, "IS_UASC")


def own_authority(ctx: Context) -> list[str]:
    """ONS codes of the returning authority; empty when it is not known."""
    return sorted(ons_codes(ctx.la)) if ctx.la else []


@rule("164", "Distance is not valid: check that valid postcodes have been entered",
      tables=["Episodes"], fields=["HOME_POST", "PL_POST"])
def rule_164(ctx: Context) -> pl.DataFrame:
    # The distance must lie in 0.0-999.9; 999.9 is what the derivation gives when a postcode
    # cannot be located, so it marks a postcode that is not a real one.
    eps = with_uasc(ctx)
    return offending(eps, ~short_break() & ~pl.col("IS_UASC")
                     & (pl.col("PL_DISTANCE") >= UNKNOWN_DISTANCE))


@rule("169", "Local authority of placement is not valid or is missing: check that a valid "
      "postcode has been entered", tables=["Episodes"], fields=["PL_POST"])
def rule_169(ctx: Context) -> pl.DataFrame:
    return offending(ctx.located, ~short_break() & pl.col("PL_LA").is_null())


@rule("179", "Placement location (in or out of the authority) is not a valid code",
      tables=["Episodes"], fields=["PL_POST"])
def rule_179(ctx: Context) -> pl.DataFrame:
    if not own_authority(ctx):  # IN/OUT cannot be derived without knowing the authority
        return pl.DataFrame(schema=EMPTY)
    return offending(ctx.located, ~short_break() & pl.col("PL_LOCATION").is_null())


@rule("392a", "Child is looked after but no distance is recorded", tables=["Episodes"],
      fields=["HOME_POST", "PL_POST"])
def rule_392a(ctx: Context) -> pl.DataFrame:
    eps = with_uasc(ctx)
    return offending(eps, ~short_break() & ~pl.col("IS_UASC") & pl.col("PL_DISTANCE").is_null())


@rule("398", "Distance completed but the child is looked after under legal status V3 or V4",
      tables=["Episodes"], fields=["LS", "HOME_POST", "PL_POST"])
def rule_398(ctx: Context) -> pl.DataFrame:
    return offending(ctx.located, short_break() & pl.col("PL_DISTANCE").is_not_null())


@rule("406", "Child is or was an unaccompanied asylum-seeking child, so distance should be blank",
      tables=["Episodes"], fields=["HOME_POST", "PL_POST"])
def rule_406(ctx: Context) -> pl.DataFrame:
    eps = with_uasc(ctx)
    return offending(eps, pl.col("IS_UASC") & pl.col("PL_DISTANCE").is_not_null())


@rule("420", "Local authority of placement completed but the child is looked after under legal "
      "status V3 or V4", tables=["Episodes"], fields=["LS", "PL_POST"])
def rule_420(ctx: Context) -> pl.DataFrame:
    return offending(ctx.located, short_break() & pl.col("PL_LA").is_not_null())


@rule("454", "Placement is more than 350 miles from home", tables=["Episodes"],
      fields=["HOME_POST", "PL_POST"], first_year=2026)
def rule_454(ctx: Context) -> pl.DataFrame:
    distance = pl.col("PL_DISTANCE")
    return offending(ctx.located, (distance > 350) & (distance != UNKNOWN_DISTANCE))


@rule("1015", "Placement provider is the authority's own provision but the child is not placed "
      "in the authority", tables=["Episodes"], fields=["PLACE_PROVIDER", "PL_POST"])
def rule_1015(ctx: Context) -> pl.DataFrame:
    own = own_authority(ctx)
    if not own:
        return pl.DataFrame(schema=EMPTY)
    checked = (
        (pl.col("PLACE_PROVIDER") == "PR1") & ~short_break() & present("LS") & present("PLACE")
        # A code sent in lower case is still that placement (146 reports the case).
        & ~pl.col("PLACE").str.to_uppercase().is_in(OWN_PROVISION_ANYWHERE).fill_null(False)
    )
    # A placement not located is 169's finding, not this one's.
    outside = pl.col("PL_LA").is_not_null() & ~pl.col("PL_LA").is_in(own)
    return offending(ctx.located, checked & outside)


@rule("243", "Only placements with providers registered with Ofsted should have a URN: this "
      "placement is outside England", tables=["Episodes"], fields=["URN", "PL_POST"],
      first_year=2026)
def rule_243(ctx: Context) -> pl.DataFrame:
    return offending(ctx.located, pl.col("PL_LA").is_in(OUTSIDE_ENGLAND) & present("URN"))


# --- carried over from last year's open episode -------------------------------------------


def carried(ctx: Context) -> pl.DataFrame:
    """This year's first episode per child (_row, CHILD, RNE and the derived PL_LA,
    PL_LOCATION, PL_DISTANCE) with last year's open latest episode (`*_LAST`); built once per
    run for the five rules comparing them."""
    return ctx.shared("placement_location.carried", lambda: _carried(ctx))


def _carried(ctx: Context) -> pl.DataFrame:
    # The derived fields of last year's open latest episodes only (ctx.prev_located would
    # derive them for every episode of last year, for the two-fifths used here).
    last_open = with_placement_fields(ctx.prev_episodes.lazy().filter(
        pl.col("IS_LAST") & pl.col("DEC").is_null()
    ).select("CHILD", "RNE", "HOME_POST", "PL_POST").collect(), ctx.la).lazy()
    first = ctx.located.lazy().filter(pl.col("IS_FIRST") & pl.col("DECOM").is_not_null())
    columns = ("RNE", "PL_LA", "PL_LOCATION", "PL_DISTANCE")
    return first.select(ROW, "CHILD", *columns).join(
        last_open.select("CHILD", *[pl.col(c).alias(f"{c}_LAST") for c in columns]),
        on="CHILD", how="inner").collect()


def _distance_moved() -> pl.Expr:
    # The DfE allows 0.2 miles for rounding; a distance that appears from nothing also differs.
    now, before = pl.col("PL_DISTANCE"), pl.col("PL_DISTANCE_LAST")
    return ((now - before).abs() >= 0.2) | (before.is_null() & now.is_not_null())


@rule("452", "Local authority of placement differs between last year's last episode and this "
      "year's first episode", tables=["Episodes"], fields=["PL_POST"])
def rule_452(ctx: Context) -> pl.DataFrame:
    same_rne = pl.col("RNE") == pl.col("RNE_LAST")
    return offending(carried(ctx), same_rne & pl.col("PL_LA").ne_missing(pl.col("PL_LA_LAST")))


@rule("453", "Placement distance differs between last year's last episode and this year's first "
      "episode", tables=["Episodes"], fields=["HOME_POST", "PL_POST"])
def rule_453(ctx: Context) -> pl.DataFrame:
    return offending(carried(ctx), (pl.col("RNE") == pl.col("RNE_LAST")) & _distance_moved())


@rule("503G", "The distance in the first episode does not match the episode open at the end of "
      "last year", tables=["Episodes"], fields=["HOME_POST", "PL_POST"])
def rule_503g(ctx: Context) -> pl.DataFrame:
    return offending(carried(ctx), _distance_moved())


@rule("503H", "The placement authority in the first episode does not match the episode open at "
      "the end of last year", tables=["Episodes"], fields=["PL_POST"])
def rule_503h(ctx: Context) -> pl.DataFrame:
    return offending(carried(ctx), pl.col("PL_LA").ne_missing(pl.col("PL_LA_LAST")))


@rule("503J", "The placement location (in/out of the authority) in the first episode does not "
      "match the episode open at the end of last year", tables=["Episodes"], fields=["PL_POST"])
def rule_503j(ctx: Context) -> pl.DataFrame:
    return offending(carried(ctx),
                     pl.col("PL_LOCATION").ne_missing(pl.col("PL_LOCATION_LAST")))
