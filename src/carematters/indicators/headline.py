"""Headline figures: how many children, how they came and went, where they live (spec §1.1, §2.11).

Counts follow the DfE conventions of §1.1 after short breaks are removed: looked after at
31 March, started (each child once), ceased (each child once, at the last ceasing).
"""

from __future__ import annotations

import polars as pl

from carematters.data.authorities import ons_codes
from carematters.data.codes import ADOPTED_REC
from carematters.data.episodes import ceased_in_year, started_in_year
from carematters.data.reference import UNKNOWN_DISTANCE, with_placement_fields
from carematters.indicators._common import everyone_in, outward_code
from carematters.indicators.context import Context
from carematters.indicators.registry import NotAvailable, indicator

CEASED_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ADOPTION": ("adopted", ADOPTED_REC),
    "SGO": ("special guardianship order", ("E43", "E44", "E45", "E46", "E47", "E48")),
    "CAO": ("child arrangements (residence) order", ("E41",)),
    "RETURN_HOME": ("returned home to parents or relatives", ("E4A", "E4B")),
    "INDEPENDENT": ("moved to independent living", ("E5", "E6")),
    "STAYING_PUT": ("aged 18+ and stayed with their carers", ("E17",)),
    "OTHER": ("other reasons (died, transfer, custody, remand ended, abroad, other)",
              ("E2", "E3", "E7", "E8", "E9", "E13", "E14", "E15", "E16")),
}

PLACEMENT_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "FOSTER": ("foster care with other carers", ("U4", "U5", "U6")),
    "KINSHIP": ("foster care with relatives or friends", ("U1", "U2", "U3")),
    "ADOPTION": ("placed for adoption", ("A3", "A4", "A5", "A6")),
    "RESIDENTIAL": ("secure units, children's homes and residential settings",
                    ("K1", "K2", "R1", "S1", "P3")),
    "SUPPORTED": ("independent and semi-independent living", ("H5", "K3", "P2")),
    "PARENTS": ("placed with parents", ("P1",)),
    "OTHER": ("other placements (health, family centres, custody, temporary, other)",
              ("R2", "R3", "R5", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14")),
}

_H = dict(theme="headline", spec="§1.1", tables=("Episodes",))
#: What every plain count declares: no denominator, no better direction.
_COUNT = dict(denominator="(a count)", direction="none", unit="count")
_LAC = "Children looked after at 31 March."


def looked_after(ctx: Context) -> pl.DataFrame:
    """The children behind both the count and the rate (which divides by the population)."""
    return everyone_in(ctx.looked_after_at_end, True)


indicator(
    "LAC_31MAR", title="Children looked after at 31 March",
    definition="Number of children with an episode open at the end of 31 March.",
    numerator=_LAC,
    exclusions="Short breaks (V3/V4); an episode ending on 31 March is not open.", **_COUNT, **_H,
)(looked_after)
indicator(
    "LAC_RATE", title="Children looked after at 31 March per 10,000 children",
    definition="Children looked after at 31 March per 10,000 children under 18 living in the "
               "authority.",
    numerator=_LAC, denominator="Child population under 18 (a parameter).",
    exclusions="Short breaks (V3/V4).", direction="none", unit="rate", params=("population",),
    **_H,
)(looked_after)


@indicator(
    "STARTED", title="Children who started to be looked after",
    definition="Number of children who started to be looked after in the year (RNE = S), each "
               "counted once.",
    numerator="Children with a start in the year.", exclusions="Short breaks (V3/V4).",
    **_COUNT, **_H,
)
def started(ctx: Context) -> pl.DataFrame:
    return everyone_in(started_in_year(ctx.episodes, ctx.year), True)


@indicator(
    "CEASED", title="Children who ceased to be looked after",
    definition="Number of children who ceased to be looked after in the year, each counted once "
               "at their last ceasing.",
    numerator="Children with an episode ending in the year for a reason other than X1.",
    exclusions="Short breaks (V3/V4).", **_COUNT, **_H,
)
def ceased(ctx: Context) -> pl.DataFrame:
    return everyone_in(ceased_in_year(ctx.episodes, ctx.year), True)


@indicator(
    "ADOPTED", title="Children adopted",
    definition="Number of children who ceased to be looked after on adoption (E11, E12).",
    numerator="Children whose last ceasing in the year was an adoption.",
    **_COUNT, **_H,
)
def adopted(ctx: Context) -> pl.DataFrame:
    left = ceased_in_year(ctx.episodes, ctx.year)
    return everyone_in(left.filter(pl.col("REC").is_in(ADOPTED_REC)), True)


def _ceased_group(group: str, label: str, codes: tuple[str, ...]) -> None:
    @indicator(
        f"CEASED_{group}", title=f"Children who ceased: {label}",
        definition=f"Percentage of children who ceased to be looked after in the year whose "
                   f"reason was {label} (REC {', '.join(codes)}).",
        numerator=f"Children whose last ceasing had REC in {', '.join(codes)}.",
        denominator="Children who ceased to be looked after in the year.",
        direction="none", unit="%", **_H,
    )
    def ceased_group(ctx: Context) -> pl.DataFrame:
        return everyone_in(ceased_in_year(ctx.episodes, ctx.year), pl.col("REC").is_in(codes))


def _placement_group(group: str, label: str, codes: tuple[str, ...]) -> None:
    @indicator(
        f"PLACE_{group}", title=f"Children looked after at 31 March: {label}",
        definition=f"Percentage of children looked after at 31 March in {label} "
                   f"(PLACE {', '.join(codes)}).",
        numerator="Children whose placement at 31 March is in the group.", denominator=_LAC,
        direction="none", unit="%", **_H,
    )
    def placement_group(ctx: Context) -> pl.DataFrame:
        return everyone_in(ctx.looked_after_at_end, pl.col("PLACE").is_in(codes))


for _group, (_label, _codes) in CEASED_GROUPS.items():
    _ceased_group(_group, _label, _codes)
for _group, (_label, _codes) in PLACEMENT_GROUPS.items():
    _placement_group(_group, _label, _codes)


@indicator(
    "UASC", title="Unaccompanied asylum-seeking children looked after at 31 March",
    definition="Number of children looked after at 31 March who were unaccompanied asylum-seeking "
               "children then (in the UASC table, status not ceased by 31 March).",
    numerator="Looked-after children in UASC with DUC blank or after 31 March.",
    theme="headline", spec="§2.11", tables=("Episodes", "UASC"), **_COUNT,
)
def uasc(ctx: Context) -> pl.DataFrame:
    current = ctx.data["UASC"].filter(pl.col("DUC").is_null() | (pl.col("DUC") > ctx.end))
    return everyone_in(ctx.looked_after_at_end.join(current.select("CHILD"), on="CHILD",
                                                     how="semi"), True)


@indicator(
    "OUT_OF_AREA", title="Children placed outside the authority",
    definition="Percentage of children looked after at 31 March whose placement is outside the "
               "authority: PL_LOCATION OUT as the DfE derives it from the placement postcode "
               "(ONS postcode directory, offline). When the authority's postcode districts are "
               "given instead, a placement outside those districts counts as out of area.",
    numerator="Children whose placement postcode is in another authority (or outside the "
              "given districts).",
    denominator="Children looked after at 31 March with a placement postcode found in the "
                "directory (or any placement postcode, with districts).",
    exclusions="Children without a placement postcode, or whose postcode is not in the "
               "directory.", direction="lower", unit="%",
    params=("la_postcode_districts",), **_H,
)
def out_of_area(ctx: Context) -> tuple[pl.DataFrame, str]:
    placed = ctx.looked_after_at_end.filter(pl.col("PL_POST").is_not_null())
    districts = ctx.params.la_postcode_districts
    if districts:  # the authority's own definition of its area wins
        wanted = sorted(d.upper().strip() for d in districts)
        note = (f"judged by postcode district against {len(wanted)} districts given, not by the "
                "postcode directory")
        return everyone_in(placed, ~outward_code(pl.col("PL_POST")).is_in(wanted)), note
    if not ons_codes(ctx.data.la or ""):
        raise NotAvailable("needs the authority's code (DfE or ONS) or its postcode districts "
                           "(--districts)")
    located = with_placement_fields(placed, ctx.data.la).filter(
        pl.col("PL_LOCATION").is_not_null())
    return everyone_in(located, pl.col("PL_LOCATION") == "OUT"), \
        "placement authority from the ONS postcode directory (offline)"


def _normalise(postcode: pl.Expr) -> pl.Expr:
    return postcode.str.to_uppercase().str.replace_all(r"\s+", "")


@indicator(
    "DISTANCE", title="Average distance from home to placement (miles)",
    definition="Average straight-line distance in miles between the home postcode and the "
               "placement postcode of children looked after at 31 March: PL_DISTANCE as the DfE "
               "derives it (ONS postcode directory, offline), or from a supplied "
               "postcode-to-grid-reference table when one is given.",
    numerator="Sum of distances.", denominator="Children with both postcodes located.",
    exclusions="Children with a postcode missing or not located.",
    direction="lower", unit="miles", params=("postcode_locations",), **_H,
)
def distance(ctx: Context) -> pl.DataFrame:
    places = ctx.params.postcode_locations
    if places is None:
        located = with_placement_fields(ctx.looked_after_at_end, ctx.data.la).filter(
            pl.col("PL_DISTANCE").is_not_null() & (pl.col("PL_DISTANCE") != UNKNOWN_DISTANCE))
        return everyone_in(located, True, pl.col("PL_DISTANCE"))
    grid = places.select(_normalise(pl.col("POSTCODE")).alias("KEY"), "EASTING", "NORTHING")
    located = (
        ctx.looked_after_at_end.with_columns(
            _normalise(pl.col("HOME_POST")).alias("HOME_KEY"),
            _normalise(pl.col("PL_POST")).alias("PL_KEY"),
        )
        .join(grid.rename({"KEY": "HOME_KEY", "EASTING": "HE", "NORTHING": "HN"}), on="HOME_KEY")
        .join(grid.rename({"KEY": "PL_KEY", "EASTING": "PE", "NORTHING": "PN"}), on="PL_KEY")
    )
    metres = ((pl.col("HE") - pl.col("PE")) ** 2 + (pl.col("HN") - pl.col("PN")) ** 2).sqrt()
    return everyone_in(located, True, metres / 1609.344)
