"""Short breaks: 365, 366, 367, 382, 384, 426."""

from tests.validation.util import rows


def brk(child, decom, dec=None, ls="V3", rne="S", place="U6"):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": "E4A" if dec else None,
            "LS": ls, "RNE": rne, "PLACE": place}


def test_365_single_break_at_most_17_days():
    eps = [
        brk("A", "01/05/2025", "18/05/2025"),  # pass: exactly 17 days
        brk("B", "01/05/2025", "19/05/2025"),  # fail: 18 days
        brk("C", "20/03/2026"),                # pass: open, 11 days to 31 March
        brk("D", "01/03/2026"),                # fail: open, 30 days to 31 March
        brk("E", "01/05/2025", "19/05/2025", ls="V4"),  # pass: V4 is the agreement
    ]
    assert rows("365", Episodes=eps) == [2, 4]


def test_366_break_must_start_care():
    eps = [brk("A", "01/05/2025"),            # pass
           brk("B", "01/05/2025", rne="P")]   # fail: a move within a break
    assert rows("366", Episodes=eps) == [2]


def test_367_at_most_75_days_a_year():
    eps = [
        *[brk("A", f"{d:02d}/05/2025", f"{d + 15:02d}/05/2025") for d in (1,)],  # pass: 15 days
        brk("B", "01/05/2025", "16/05/2025"),   # fail: B totals 76 days
        brk("B", "01/06/2025", "16/06/2025"),   # fail
        brk("B", "01/07/2025", "16/07/2025"),   # fail
        brk("B", "01/08/2025", "16/08/2025"),   # fail
        brk("B", "01/09/2025", "17/09/2025"),   # fail (16 days)
        brk("C", "20/03/2025", "10/04/2025"),   # pass: only 9 days fall in the year
    ]
    assert rows("367", Episodes=eps) == [2, 3, 4, 5, 6]


def test_367_any_12_months_across_the_year_boundary():
    last_year = {"Episodes": [
        brk("A", "01/12/2024", "16/12/2024"),   # last year: 15 days
        brk("A", "01/01/2025", "16/01/2025"),   # 15 days
        brk("A", "01/02/2025", "16/02/2025"),   # 15 days
        brk("A", "01/03/2025", "16/03/2025"),   # 15 days: 60 last year
        brk("B", "01/05/2024", "16/05/2024"),   # B: more than 12 months before B's breaks now
        brk("B", "01/06/2024", "16/06/2024"),
        brk("B", "01/07/2024", "16/07/2024"),
    ]}
    eps = [
        brk("A", "01/05/2025", "16/05/2025"),   # fail: 60 + 15 = 75 ... plus the next day
        brk("A", "01/06/2025", "02/06/2025"),   # fail: 76 days from 1 Dec 2024 to 1 Dec 2025
        brk("B", "01/09/2025", "16/09/2025"),   # pass: B's breaks of 2024 are > 12 months ago
        brk("B", "01/10/2025", "16/10/2025"),   # pass
        brk("C", "01/06/2025", "16/06/2025"),   # pass: 30 days in all
        brk("C", "01/05/2026", "16/05/2026"),   # pass (outside the year; 385 says so)
    ]
    assert rows("367", Episodes=eps, previous=last_year) == [1, 2]
    # Without last year's return only this year's 16 days of A are known.
    assert rows("367", Episodes=eps) == []


def test_367_last_years_breaks_end_by_its_31_march():
    last_year = {"Episodes": [
        brk("A", "15/01/2025", "31/03/2025"),   # 75 days, ending on last year's 31 March
        brk("B", "15/01/2025", "01/04/2025"),   # DEC after last year's end: not a date that
    ]}                                          # return can hold, so the break is left out
    eps = [
        brk("A", "01/05/2025", "03/05/2025"),   # fail: 75 + 2 days from 15 January 2025
        brk("B", "01/05/2025", "03/05/2025"),   # pass: B's faulty break of last year not counted
    ]
    assert rows("367", Episodes=eps, previous=last_year) == [1]


def test_367_a_break_ending_before_it_began_is_not_flagged():
    eps = [
        brk("A", "01/05/2025", "16/05/2025"),   # fail: A totals 76 days
        brk("A", "01/06/2025", "16/06/2025"),   # fail
        brk("A", "01/07/2025", "16/07/2025"),   # fail
        brk("A", "01/08/2025", "16/08/2025"),   # fail
        brk("A", "01/09/2025", "17/09/2025"),   # fail
        brk("A", "10/10/2025", "05/10/2025"),   # pass: DEC before DECOM adds no days
    ]
    assert rows("367", Episodes=eps) == [1, 2, 3, 4, 5]


def test_382_384_426_placements_and_statuses():
    eps = [
        brk("A", "01/05/2025", place="T1"),            # fail 382
        brk("B", "01/05/2025", place="U4"),            # fail 384
        brk("C", "01/05/2025", place="U1", ls="V2"),   # pass 384: not a short break
        brk("D", "01/05/2025", "03/05/2025"),          # fail 426: V3 and V4 for D
        brk("D", "01/06/2025", ls="V4"),               # fail 426
        brk("E", "01/06/2025", ls="V4"),               # pass 426
    ]
    assert rows("382", Episodes=eps) == [1]
    assert rows("384", Episodes=eps) == [2]
    assert rows("426", Episodes=eps) == [4, 5]


def test_an_unreadable_end_date_does_not_make_a_break_look_long():
    eps = [{"CHILD": "A", "DECOM": "01/05/2025", "DEC": None, "REC": "E4A", "LS": "V3",
             "RNE": "S"}]   # pass 365/367: DEC lost (REC says it ended), length unknown
    assert rows("365", Episodes=eps) == []
    assert rows("367", Episodes=eps) == []
