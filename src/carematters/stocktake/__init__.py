"""Pooling across authorities and small-number suppression for tables shown outside the case."""

from carematters.stocktake.pool import POOLED, pool
from carematters.stocktake.publish import suppress_pooled
from carematters.stocktake.suppression import SUPPRESSED, suppress_counts, suppress_table

__all__ = ["POOLED", "SUPPRESSED", "pool", "suppress_counts", "suppress_pooled", "suppress_table"]
