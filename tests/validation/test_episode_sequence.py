"""Episode sequence rules: 142, 148, 354, 355, 356, 385, 501, 504."""

from tests.validation.util import rows


def ep(child, decom, dec=None, rec=None, **more):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, **more}


def test_142_previous_episode_not_ended():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1"),  # pass: closed, followed by another
        ep("A", "01/06/2025"),                      # pass: latest may stay open
        ep("B", "01/05/2025", None, None),          # fail: open but followed by another
        ep("B", "01/07/2025"),                      # pass: latest
        ep("C", "01/05/2025", "01/06/2025", None),  # fail: ended but no REC
        ep("C", "01/06/2025"),                      # pass
    ]
    assert rows("142", Episodes=eps) == [3, 5]


def test_142_a_second_identical_open_episode_is_flagged():
    eps = [
        ep("A", "17/03/2026", PLACE="U6"),  # fail: another episode starts the same day
        ep("A", "17/03/2026", PLACE="U6"),  # fail: the duplicate, open too
        ep("B", "01/05/2025", "01/05/2025", "X1"),  # pass: closed the day it began
        ep("B", "01/05/2025"),                      # pass: the latest, open
    ]
    assert rows("142", Episodes=eps) == [1, 2]


def test_148_dec_and_rec_together():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "E4A"),  # pass: both
        ep("B", "01/05/2025"),                       # pass: neither
        ep("C", "01/05/2025", "01/06/2025", None),   # fail: DEC without REC
        ep("D", "01/05/2025", None, "E4A"),          # fail: REC without DEC
        ep("E", "01/05/2025", None, " "),            # pass: whitespace counts as blank
    ]
    assert rows("148", Episodes=eps) == [3, 4]


def test_354_and_385_dates_within_the_year():
    eps = [
        ep("A", "31/03/2026", None),                  # pass: last day of year 2026
        ep("B", "01/04/2026", None),                  # fail 354: starts after year end
        ep("C", "01/03/2026", "31/03/2026", "E4A"),   # pass 385: ends on last day
        ep("D", "01/03/2026", "01/04/2026", "E4A"),   # fail 385: ends after year end
    ]
    assert rows("354", Episodes=eps) == [2]
    assert rows("385", Episodes=eps) == [4]


def test_355_and_356_episode_length():
    eps = [
        ep("A", "01/05/2025", "02/05/2025", "E4A"),  # pass: one day
        ep("B", "01/05/2025", "01/05/2025", "E4A"),  # fail 355: same day
        ep("C", "02/05/2025", "01/05/2025", "E4A"),  # fail 356: ends before it starts
        ep("D", "02/05/2025"),                       # pass: open
    ]
    assert rows("355", Episodes=eps) == [2]
    assert rows("356", Episodes=eps) == [3]


def test_501_starts_before_previous_ended():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1"),   # pass: first
        ep("A", "01/06/2025"),                       # pass: starts the day the previous ended
        ep("B", "01/05/2025", "10/06/2025", "X1"),   # pass: first
        ep("B", "09/06/2025"),                       # fail: starts a day before previous DEC
    ]
    assert rows("501", Episodes=eps) == [4]


def test_504_cin_constant_within_a_period():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1", CIN="N1"),   # pass: first
        ep("A", "01/06/2025", None, None, CIN="N2"),           # fail: continues, CIN changed
        ep("B", "01/05/2025", "01/06/2025", "E4A", CIN="N1"),  # pass
        ep("B", "01/08/2025", None, None, CIN="N2"),           # pass: a new period of care
        ep("C", "01/05/2025", "01/06/2025", "X1", CIN="N1"),   # pass
        ep("C", "01/06/2025", None, None, CIN="N1"),           # pass: same CIN
    ]
    assert rows("504", Episodes=eps) == [2]
