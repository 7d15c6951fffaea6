"""411: the placement location code (IN/OUT) disagrees with the authority of the placement.

PL_LA and PL_LOCATION are derived by the DfE from the placement postcode; validation derives its
own (`ctx.located`), and those cannot disagree, being worked out from the same postcode. A return
may still carry them (the DfE's download of a submitted return, some systems' exports), and the
readers keep them (returns/supplied.py): this rule checks those. IN says the child is placed in
the returning authority, so a PL_LA given for another authority contradicts it; a blank PL_LA is
left to 169 (placement authority missing). Needs the returning authority (`--la` or the return's
own code), given as a DfE or an ONS code; PL_LA may be either.
"""

from __future__ import annotations

import polars as pl

from carematters.data.authorities import dfe_code, ons_codes
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import offending, present
from carematters.validation.registry import rule


def own_codes(la: str) -> list[str]:
    """Every code the returning authority `la` may be written as: itself, its ONS council
    codes, and their DfE codes."""
    ons = ons_codes(la)
    dfe = {code for code in (dfe_code(o) for o in ons) if code}
    return sorted({la.strip().upper(), *ons, *dfe})


@rule("411", "Placement location is IN (inside the authority) but the authority of the "
      "placement is another one", tables=["Episodes"], fields=["PL_LOCATION", "PL_LA"])
def check(ctx: Context) -> pl.DataFrame:
    episodes = ctx.table("Episodes")
    if not ctx.la or not {"PL_LA", "PL_LOCATION"} <= set(episodes.columns):
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    location = pl.col("PL_LOCATION").cast(pl.String).str.strip_chars().str.to_uppercase()
    placed = pl.col("PL_LA").cast(pl.String).str.strip_chars().str.to_uppercase()
    return offending(episodes, (location == "IN") & present("PL_LA")
                     & ~placed.is_in(own_codes(ctx.la)))
