"""T8-T10, T12, T13 social worker visits (CPPCR reg 28): the visit clock runs per carer spell.

Within a week of any placement; then at most six weeks apart in the first year; after the
first year, at most three months apart when the placement is meant to last until 18 (long-term
fostering U1/U4 [C]), otherwise still six weeks. Placed at home with a parent (P1): on an
interim care order, weekly until the first review then at most four weeks apart (reg 28(4));
on a full care order, within a week of the order then at most six weeks apart (reg 28(5)).

The same interval as at home on an interim order applies to a child placed with a relative,
friend or other connected person approved only temporarily as a foster parent (reg 24), from
`TemporaryApprovals`, until the person is approved.

The chain is shared with T11 (placed with a parent before the assessment, reg 28(3)): see
`_visits.py`.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._visits import visit_items
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = {
    "T8": "CPPCR 2010 reg 28(2)(a): visit within 1 week of the start of any placement",
    "T9": "CPPCR 2010 reg 28(2)(b): visits at most 6 weeks apart in a placement's first year",
    "T10": "CPPCR 2010 reg 28(2)(c): after the first year, at most 3 months apart for a "
    "long-term placement, otherwise 6 weeks",
    "T12": "CPPCR 2010 reg 28(4): interim care order at home, or a connected person approved "
    "temporarily (reg 24) - weekly until the first review, then at most 4 weeks apart",
    "T13": "CPPCR 2010 reg 28(5): care order at home - within 1 week of the order, then at most "
    "6 weeks apart",
}


@timescale(
    "T8", "T9", "T10", "T12", "T13", title="social worker visits", rule=RULE["T8"],
    needs=("Visits",),
)
def visits(ctx: Context) -> pl.DataFrame:
    items = visit_items(ctx)
    return pl.concat([
        finish(items.filter(pl.col("ITEM") == code), ctx, rule=rule) for code, rule in RULE.items()
    ])
