"""T11 visits to a child placed with a parent before the parent's assessment is complete
(CPPCR 2010 reg 28(3), with reg 19).

A child in care may be placed with a parent before the reg 17 assessment of the parent is
complete only in the circumstances reg 19 allows. While that is so, the social worker visits at
least once a week until the first review of the child's case, and after it at most six weeks
apart. The spell is found from `ParentPlacements` (a placement whose `ASSESSED` date is blank or
later than `PLACED`); the visit chain is the one of T8-T13 (`_visits.py`), so a spell gives
either T11 items or T8-T10 ones, never both. Once the assessment is complete reg 19 no longer
applies and the interval is six weeks, as for any placement in its first year.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._visits import visit_items
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = (
    "CPPCR 2010 reg 28(3): placed with a parent before the assessment is complete - weekly "
    "until the first review, then at most 6 weeks apart"
)


@timescale("T11", title="visits, placed with a parent before assessment", rule=RULE,
           needs=("Visits", "ParentPlacements"))
def placed_before_assessment(ctx: Context) -> pl.DataFrame:
    return finish(visit_items(ctx).filter(pl.col("ITEM") == "T11"), ctx, rule=RULE)
