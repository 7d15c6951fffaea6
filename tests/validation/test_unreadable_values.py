"""A value given but unreadable is reported once, under its field's rule.

The reader nulls a date it cannot read and reports a problem; the "both or neither" rules
(148: DEC and REC, 167: REVIEW and REVIEW_CODE, 119: DATE_PLACED_CEASED and
REASON_PLACED_CEASED) must count it as given, not see a blank beside a filled partner.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from carematters.returns import read_csv_files
from carematters.validation import validate

EPISODES = """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/05/2025,S,C2,N1,U1,PR1,31/02/2026,E11,,,,
B,01/05/2025,S,C2,N1,U1,PR1,,E11,,,,
C,01/05/2025,S,C2,N1,U1,PR1,31/02/2026,,,,,
D,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,E11,,,,
"""
# A: DEC unreadable, REC given -> 147 only (was 147 and 148)
# B: DEC blank, REC given      -> 148 only
# C: DEC unreadable, REC blank -> 147 (bad date) and 148 (no reason): two faults
# D: both valid                -> nothing

REVIEWS = """CHILD,DOB,REVIEW,REVIEW_CODE
A,01/01/2015,32/13/2025,PN1
B,01/01/2015,,PN1
C,01/01/2015,01/06/2025,PN1
"""
# A: REVIEW unreadable, code given -> 166 only (was 166 and 167)
# B: no review date, code given    -> 166 (blank date) and 167 (code without a review)
# C: both valid                    -> nothing

PLACED = """CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
A,01/01/2015,01/05/2025,30/02/2026,RD1
B,01/01/2015,01/05/2025,,RD1
"""
# A: date unreadable, reason given -> 116 only (was 116 and 119)
# B: no date, reason given         -> 119


def _findings(tmp_path: Path, rules: list[str]) -> list[tuple[str, str, int]]:
    paths = []
    for name, text in (("Episodes", EPISODES), ("Reviews", REVIEWS), ("PlacedAdoption", PLACED)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text)
        paths.append(path)
    read = read_csv_files(paths, year=2026)
    found = validate(read.data, year=2026, rules=rules, problems=read.problems)
    assert found.rule_errors.height == 0
    return sorted(found.frame.select("rule", "table", "row").iter_rows())


def test_an_unreadable_date_beside_its_partner_is_one_finding(tmp_path: Path) -> None:
    assert _findings(tmp_path, ["147", "148", "166", "167", "116", "119"]) == [
        ("116", "PlacedAdoption", 1),
        ("119", "PlacedAdoption", 2),
        ("147", "Episodes", 1),
        ("147", "Episodes", 3),
        ("148", "Episodes", 2),
        ("148", "Episodes", 3),
        ("166", "Reviews", 1),
        ("166", "Reviews", 2),
        ("167", "Reviews", 2),
    ]


def test_text_frames_converted_by_the_context_count_the_same() -> None:
    # No reader: the Context converts the text and keeps what it could not read.
    eps = pl.DataFrame({
        "CHILD": ["A", "B"],
        "DEC": ["31/02/2026",   # unreadable, REC given: 147 only
                ""],            # blank, REC given: 148
        "REC": ["E11", "E11"],
    })
    found = validate(CareData({"Episodes": eps}), year=2026, rules=["147", "148"])
    assert sorted(found.frame.select("rule", "row").iter_rows()) == [("147", 1), ("148", 2)]
