"""The canonical dataset: CareData, table schemas, code lists and date arithmetic."""

from carematters.data.caredata import CareData, combine_years
from carematters.data.schema import EXTENSION_TABLES, SSDA903_TABLES, TABLES, Table, table
from carematters.data.years import (
    add_months,
    add_working_days,
    age_on,
    collection_year_of,
    year_end,
    year_start,
)

__all__ = [
    "CareData", "combine_years", "EXTENSION_TABLES", "SSDA903_TABLES", "TABLES", "Table", "table",
    "add_months", "add_working_days", "age_on", "collection_year_of", "year_end", "year_start",
]
