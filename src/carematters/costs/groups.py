"""Placement cost groups: (PLACE, PLACE_PROVIDER) -> one row of the cost table (spec §1.5.6 [C]).

The same groups are the forecast's placement types, so a projected population can be costed
without translation.
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import ADOPTION_PLACEMENTS, TEMPORARY_PLACEMENTS
from carematters.data.episodes import with_periods

FOSTER_IN_HOUSE = "foster_in_house"
FOSTER_IFA = "foster_ifa"
KINSHIP = "kinship"
RESIDENTIAL_IN_HOUSE = "residential_in_house"
RESIDENTIAL_EXTERNAL = "residential_external"
SUPPORTED = "supported"
SECURE = "secure"
WITH_PARENTS = "with_parents"
ADOPTION = "adoption"
OTHER = "other"

#: Every group, in the order tables and charts show them.
GROUPS: tuple[str, ...] = (
    FOSTER_IN_HOUSE, FOSTER_IFA, KINSHIP, RESIDENTIAL_IN_HOUSE, RESIDENTIAL_EXTERNAL,
    SUPPORTED, SECURE, WITH_PARENTS, ADOPTION, OTHER,
)

LABELS: dict[str, str] = {
    FOSTER_IN_HOUSE: "In-house foster care",
    FOSTER_IFA: "Independent fostering agency",
    KINSHIP: "Kinship (family and friends) foster care",
    RESIDENTIAL_IN_HOUSE: "Residential, in-house",
    RESIDENTIAL_EXTERNAL: "Residential, private or voluntary",
    SUPPORTED: "Semi-independent / supported accommodation",
    SECURE: "Secure children's home or custody",
    WITH_PARENTS: "Placed with parents",
    ADOPTION: "Placed for adoption",
    OTHER: "Other (health, family centre, other)",
}

KINSHIP_PLACES = ("U1", "U2", "U3")
FOSTER_PLACES = ("U4", "U5", "U6")
# Spec §1.5.6: K2, R1, P3 and S1 are residential, split by provider like fostering.
RESIDENTIAL_PLACES = ("K2", "R1", "P3", "S1")
SUPPORTED_PLACES = ("H5", "K3", "P2")
SECURE_PLACES = ("K1", "R5")
#: PR4 private and PR5 voluntary are "external"; PR1-PR3 are public provision.
EXTERNAL_PROVIDERS = ("PR4", "PR5")
IN_HOUSE_PROVIDERS = ("PR1", "PR2", "PR3")


def placement_group(place: str = "PLACE", provider: str = "PLACE_PROVIDER") -> pl.Expr:
    """The cost group of an episode; null for temporary placements (T0-T4), which inherit.

    A fostering or residential episode with no provider is counted in-house [C]: external
    provision is always recorded with PR4/PR5, so a blank more often means the authority's own.
    """
    p = pl.col(place)
    external = pl.col(provider).is_in(EXTERNAL_PROVIDERS).fill_null(False)
    return (
        pl.when(p.is_in(TEMPORARY_PLACEMENTS)).then(pl.lit(None, pl.String))
        .when(p.is_in(KINSHIP_PLACES)).then(pl.lit(KINSHIP))
        .when(p.is_in(FOSTER_PLACES) & external).then(pl.lit(FOSTER_IFA))
        .when(p.is_in(FOSTER_PLACES)).then(pl.lit(FOSTER_IN_HOUSE))
        .when(p.is_in(RESIDENTIAL_PLACES) & external).then(pl.lit(RESIDENTIAL_EXTERNAL))
        .when(p.is_in(RESIDENTIAL_PLACES)).then(pl.lit(RESIDENTIAL_IN_HOUSE))
        .when(p.is_in(SUPPORTED_PLACES)).then(pl.lit(SUPPORTED))
        .when(p.is_in(SECURE_PLACES)).then(pl.lit(SECURE))
        .when(p == "P1").then(pl.lit(WITH_PARENTS))
        .when(p.is_in(ADOPTION_PLACEMENTS)).then(pl.lit(ADOPTION))
        .otherwise(pl.lit(OTHER))
    )


def with_groups(episodes: pl.DataFrame, group: pl.Expr | None = None) -> pl.DataFrame:
    """Episodes with PERIOD and GROUP; a temporary placement takes the group of the episode
    before it in the same period of care (spec §5.2: "temporary (T*) inherit previous spell"),
    or OTHER when the period opens with one.

    `group` replaces the cost grouping (e.g. a peer model's coarser categories); it must give
    null for placements that inherit.
    """
    expr = placement_group() if group is None else group
    return (
        with_periods(episodes)
        .with_columns(expr.alias("GROUP"))
        .with_columns(
            pl.col("GROUP").forward_fill().over(["CHILD", "PERIOD"]).fill_null(OTHER)
        )
    )
