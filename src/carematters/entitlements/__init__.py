"""Entitlements of children in care and care leavers (spec §4): who, from when, how much, and
the rows that show it. `entitlements(data, as_at)` returns one frame: CHILD, ENTITLEMENT, FROM,
UNTIL, AMOUNT, BASIS, EVIDENCE. Amounts come from a dated parameter table (`parameters`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.compliance.context import Context
from carematters.compliance.settings import ComplianceSettings
from carematters.data.caredata import CareData
from carematters.entitlements._base import ENTITLEMENT_SCHEMA
from carematters.entitlements.care_leavers import he_bursary, personal_adviser, staying_put
from carematters.entitlements.ctf_jisa import ctf_topups, jisa
from carematters.entitlements.education import education_allowances
from carematters.entitlements.parameters import DEFAULT_PARAMETERS, Parameter, parameter_table

__all__ = ["ENTITLEMENT_SCHEMA", "DEFAULT_PARAMETERS", "Parameter", "entitlements",
           "parameter_table"]


def entitlements(
    data: CareData,
    as_at: date | None = None,
    parameters: tuple[Parameter, ...] = DEFAULT_PARAMETERS,
) -> pl.DataFrame:
    """Every entitlement known on `as_at` (default today), by child and start date."""
    ctx = Context(data, as_at or date.today(), ComplianceSettings())
    frames = [
        ctf_topups(ctx, parameters),
        jisa(ctx, parameters),
        education_allowances(ctx, parameters),
        he_bursary(ctx, parameters),
        staying_put(ctx),
        personal_adviser(ctx),
    ]
    empty = pl.DataFrame(schema=ENTITLEMENT_SCHEMA)
    return pl.concat([empty, *frames]).sort("CHILD", "FROM", "ENTITLEMENT")
