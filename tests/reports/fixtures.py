"""A small authority for the report tests: 20 children who all came into care on 01/05/2023.

Year 2024 (1 April 2023 - 31 March 2024), as at 31/03/2024:
* C01-C14 had their first review on 25/05/2023 (due 01/06/2023, after the May bank holidays):
  on time; none had a second review (due 25/08/2023): 14 overdue.
* C15-C20 had no review: 6 overdue first reviews.
  So reviews on time in the year: 14 of 34 = 41%.
* C01-C10 are held by SW1, C11-C20 by SW2 ("<script>" tests escaping on C20 instead).
* C01-C03 went missing in March 2024 (3 children: suppressed in the annual report).
* C01-C04 live in the CV area; everyone is placed in CV except C05, placed in B (Birmingham).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from tests.compliance.helpers import care, episode, header

CHILDREN = [f"C{i:02d}" for i in range(1, 21)]


def authority() -> CareData:
    episodes = []
    for i, child in enumerate(CHILDREN, start=1):
        row = episode(child, "01/05/2023", post="B1 1AA" if i == 5 else "CV1 2AB")
        row["HOME_POST"] = "CV2 3CD"
        episodes.append(row)
    reviews = [{"CHILD": c, "REVIEW": "25/05/2023", "REVIEW_CODE": "PN1"} for c in CHILDREN[:14]]
    workers = [
        {"CHILD": c, "SW_ID": "SW1" if i < 10 else ("<script>" if c == "C20" else "SW2"),
         "SW_DECOM": "01/05/2023", "SW_REASON": "CHIND"}
        for i, c in enumerate(CHILDREN)
    ]
    missing = [{"CHILD": c, "MISSING": "M", "MIS_START": "10/03/2024", "MIS_END": "12/03/2024"}
               for c in CHILDREN[:3]]
    data = care(
        Header=[header(c, "01/01/2012") for c in CHILDREN],
        Episodes=episodes, Reviews=reviews, SWEpisodes=workers, Missing=missing,
    )
    return CareData(data.tables, la="999", years=(2024,))


def write_csvs(data: CareData, folder: Path) -> None:
    """Write each table as a DfE-style CSV (dates dd/mm/yyyy) under folder/<year>/."""
    target = folder / str(data.year)
    target.mkdir(parents=True)
    for name, frame in data.tables.items():
        frame.with_columns(pl.col(pl.Date).dt.strftime("%d/%m/%Y")).write_csv(target / f"{name}.csv")
