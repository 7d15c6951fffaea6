"""The episode's Ofsted URN against the Ofsted provider register (spec §1.5.8).

The DfE checks each URN given (other than XXXXXXX, "not Ofsted-registered") against its lookup
of Ofsted's lists of children's homes and social care providers. Here the register is an optional
input (`validate(..., providers=...)`, `carematters validate --children-homes ...
--social-care-providers ...`, read by `carematters.data.providers`): without it these rules
report nothing, and 1008 checks only the URN's shape.

- 1008: the URN must be one the register holds.
- 219 / 224: the placement type / placement provider must be one the register allows the URN.
- 227 / 228: the setting must have been registered when the episode began / until it ended (an
  open episode: until 31 March).
- 221: for placements at the setting itself, the placement postcode must be the setting's.
- 229: provider PR1 (own authority) needs a setting in the authority, PR2 (another) one outside.
- 241: supported accommodation (K3) must lie in an authority where the provider has premises.

A URN the register does not hold is reported by 1008 alone: the other rules compare the
episode with the register's entry for the URN, so with no entry they have nothing to compare
(reporting it under six rules would bury the one thing to fix). A register entry that leaves a
field blank (no codes, no postcode) likewise leaves its rule nothing to compare.
"""

from __future__ import annotations

import polars as pl

from carematters.data.authorities import ons_codes
from carematters.data.codes import SHORT_BREAK_LS, TEMPORARY_PLACEMENTS
from carematters.data.providers import urn as clean_urn
from carematters.data.reference import normalise
from carematters.validation.context import Context
from carematters.validation.helpers import offending, present
from carematters.validation.registry import rule

NOT_REGISTERED = "XXXXXXX"


#: The episode columns these rules compare with the register.
COMPARED = ["_row", "CHILD", "URN", "PLACE", "PLACE_PROVIDER", "DECOM", "DEC", "LS", "PL_POST"]


def _registered(ctx: Context, *, located: bool = False) -> pl.DataFrame | None:
    """Episodes with a URN (not XXXXXXX) the register holds, with the register's PLACE_CODES,
    PROVIDER_CODES, REG_END, POSTCODES and LAS (and the derived PL_LA when `located`); None
    without a register. Made from the columns the rules compare only (not kept between rules:
    holding it for the whole run costs more memory than making it again costs time)."""
    register = ctx.providers_by_urn
    if register is None:
        return None
    frame = ctx.located.select(*COMPARED, "PL_LA") if located else ctx.table("Episodes").select(COMPARED)
    keyed = frame.lazy().with_columns(clean_urn(pl.col("URN")).alias("_URN"))
    keyed = keyed.filter(pl.col("_URN").is_not_null() & (pl.col("_URN") != NOT_REGISTERED))
    return keyed.join(register.lazy().rename({"URN": "_URN"}), on="_URN", how="inner").collect()


def _none(ctx: Context) -> pl.DataFrame:
    return ctx.table("Episodes").head(0).select("_row", "CHILD")


def _listed(value: str, codes: str) -> pl.Expr:
    """The episode's `value` is in the register's list `codes` (null when the list is empty:
    nothing to compare with)."""
    listed = pl.col(codes).list.contains(pl.col(value).cast(pl.String).str.strip_chars()
                                          .str.to_uppercase())
    return pl.when(pl.col(codes).list.len() > 0).then(listed)


@rule("1008", "Ofsted URN is not valid: not in the Ofsted register, or not SC and 6 digits, "
      "7 digits or XXXXXXX", tables=["Episodes"], fields=["URN"])
def rule_1008(ctx: Context) -> pl.DataFrame:
    episodes = ctx.table("Episodes")
    shape = pl.col("URN").str.strip_chars().str.contains(r"^(SC\d{6}|\d{7}|XXXXXXX)$")
    bad = present("URN") & ~shape.fill_null(False)
    if ctx.providers_by_urn is not None:
        known = ctx.providers_by_urn["URN"].implode()
        cleaned = clean_urn(pl.col("URN"))
        bad = bad | (present("URN") & (cleaned != NOT_REGISTERED) & ~cleaned.is_in(known))
    return offending(episodes, bad)


@rule("219", "The Ofsted URN does not match the placement type recorded",
      tables=["Episodes"], fields=["URN", "PLACE"])
def rule_219(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None:
        return _none(ctx)
    return offending(found, present("PLACE") & ~_listed("PLACE", "PLACE_CODES"))


@rule("224", "The Ofsted URN does not match the placement provider recorded",
      tables=["Episodes"], fields=["URN", "PLACE_PROVIDER"])
def rule_224(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None:
        return _none(ctx)
    return offending(found, present("PLACE_PROVIDER") & ~_listed("PLACE_PROVIDER",
                                                                 "PROVIDER_CODES"))


@rule("227", "The Ofsted URN is not valid for the episode start date: the setting's "
      "registration had ended", tables=["Episodes"], fields=["URN", "DECOM"])
def rule_227(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None:
        return _none(ctx)
    # A placement cannot begin on or after the day registration ended.
    return offending(found, pl.col("DECOM") >= pl.col("REG_END"))


@rule("228", "The Ofsted URN is not valid for the episode end date: the setting's "
      "registration ended before the episode did", tables=["Episodes"], fields=["URN", "DEC"])
def rule_228(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None:
        return _none(ctx)
    # An episode may end on the day registration ended; one still open at 31 March needs the
    # setting registered on that day (the DfE's own note: a setting that closes during the year
    # is queried for the children still recorded there).
    ended_late = pl.col("DEC") > pl.col("REG_END")
    still_open = pl.col("DEC").is_null() & (pl.lit(ctx.end) > pl.col("REG_END"))
    return offending(found, ended_late | still_open)


def _postcode_placements(year: int) -> tuple[str, ...]:
    """Placements at the setting itself, whose postcode the register gives: secure and other
    children's homes, family centres and residential schools; with semi-independent living
    (H5) in 2023-24, when such settings were first registered, and supported accommodation (K3,
    which replaced H5) from 2024-25."""
    at_setting = ("K1", "K2", "R3", "S1")
    if year == 2024:
        return (*at_setting, "H5")
    if year >= 2025:
        return (*at_setting, "K3")
    return at_setting


@rule("221", "The Ofsted URN does not match the placement postcode provided",
      tables=["Episodes"], fields=["URN", "PL_POST"])
def rule_221(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None:
        return _none(ctx)
    # Short breaks give no placement postcode (214), so they are left out.
    considered = (pl.col("PLACE").is_in(_postcode_placements(ctx.year))
                  & ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False) & present("PL_POST"))
    same = pl.col("POSTCODES").list.contains(normalise(pl.col("PL_POST")))
    differs = pl.when(pl.col("POSTCODES").list.len() > 0).then(~same)
    return offending(found, considered & differs)


#: Placements 229 leaves out from 2025-26: provision not tied to a registered setting's area.
NOT_229 = ("K3", "P1", "P3", "R1", "R2", "R5", *TEMPORARY_PLACEMENTS, "Z1", "Z11", "Z12", "Z13",
           "Z14")


@rule("229", "Placement provider does not match the authority of the setting: PR1 (own "
      "authority) needs a setting in the authority, PR2 (another authority) one outside it",
      tables=["Episodes"], fields=["URN", "PLACE_PROVIDER"])
def rule_229(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx)
    if found is None or not ctx.la:
        return _none(ctx)
    own = sorted(ons_codes(ctx.la))
    if ctx.year >= 2026:
        found = found.filter(~pl.col("PLACE").is_in(NOT_229).fill_null(False))
    # The setting's authority is worked out from its postcode (the DfE's lookup gives one; a
    # provider with premises in several areas passes if any of them fits).
    located = pl.col("LAS").list.len() > 0
    inside = pl.col("LAS").list.eval(pl.element().is_in(own)).list.any()
    outside = pl.col("LAS").list.eval(~pl.element().is_in(own)).list.any()
    wrong = (((pl.col("PLACE_PROVIDER") == "PR1") & ~inside)
             | ((pl.col("PLACE_PROVIDER") == "PR2") & ~outside))
    return offending(found, located & wrong)


@rule("241", "The authority of the placement is not one where the provider has premises "
      "(supported accommodation, K3)", tables=["Episodes"], fields=["URN", "PL_POST"],
      first_year=2026)
def rule_241(ctx: Context) -> pl.DataFrame:
    found = _registered(ctx, located=True)
    if found is None:
        return _none(ctx)
    # PL_LA is derived from the placement postcode as the DfE does; the provider's authorities
    # from the register's postcodes (a provider may have premises in several).
    considered = (pl.col("PLACE") == "K3") & pl.col("PL_LA").is_not_null() & (
        pl.col("LAS").list.len() > 0)
    return offending(found, considered & ~pl.col("LAS").list.contains(pl.col("PL_LA")))
