"""Pooling across authorities and small-number suppression for tables shown outside the case."""

from carematters.stocktake.suppression import SUPPRESSED, suppress_counts, suppress_table

__all__ = ["SUPPRESSED", "suppress_counts", "suppress_table"]
