"""Episode links: 357, 388, 431-437."""

from tests.validation.util import rows


def ep(child, decom, dec=None, rec=None, rne="P", ls="C2", place="U4", post="AB1 1AB",
       provider="PR1", urn="SC123456"):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "RNE": rne, "LS": ls,
            "PLACE": place, "PL_POST": post, "PLACE_PROVIDER": provider, "URN": urn}


def test_357_first_episode_starts_care():
    eps = [ep("A", "01/05/2025", rne="P"),        # fail: first ever, this year, not S
           ep("B", "31/03/2025", rne="P"),        # pass: began last year
           ep("C", "01/05/2025", rne="S")]        # pass
    assert rows("357", Episodes=eps) == [1]


def test_388_x1_needs_a_continuation():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1", rne="S"),   # pass
        ep("A", "01/06/2025", "01/07/2025", "X1"),            # fail: X1 but nothing follows
        ep("B", "01/05/2025", "01/06/2025", "X1", rne="S"),   # fail: next starts later
        ep("B", "05/06/2025", rne="S"),
        ep("C", "01/05/2025", "01/06/2025", "E4A", rne="S"),  # fail: ceased but next same day
        ep("C", "01/06/2025", rne="S"),
    ]
    assert rows("388", Episodes=eps) == [2, 3, 5]


def test_431_432_433_437_period_boundaries():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1", rne="S"),
        ep("A", "01/06/2025", "01/07/2025", "E4A", rne="S"),  # fail 431: S the day it ended
        ep("A", "01/08/2025", rne="P"),                       # fail 432 (after E4A), fail 433
        ep("B", "01/05/2025", "01/06/2025", "E2", rne="S"),   # fail 437: died, then more
        ep("B", "01/07/2025", rne="S"),                       # pass 432
    ]
    assert rows("431", Episodes=eps) == [2]
    assert rows("432", Episodes=eps) == [3]
    assert rows("433", Episodes=eps) == [3]
    assert rows("437", Episodes=eps) == [4]


def test_434_435_436_reason_matches_the_change():
    eps = [
        ep("A", "01/05/2025", "01/06/2025", "X1", rne="S"),
        ep("A", "01/06/2025", "01/07/2025", "X1", rne="L", ls="C1"),   # pass 434
        ep("A", "01/07/2025", "01/08/2025", "X1", rne="L", ls="C1"),   # fail 434: LS unchanged
        ep("A", "01/08/2025", "01/09/2025", "X1", rne="P", ls="C1", place="U6"),  # pass 435
        ep("A", "01/09/2025", "01/10/2025", "X1", rne="T", ls="C1", place="U6"),  # fail 435
        ep("A", "01/10/2025", "01/11/2025", "X1", rne="B", ls="C2", place="U5"),  # pass 436
        ep("A", "01/11/2025", None, None, rne="U", ls="C2", place="U4"),         # fail 436: LS same
    ]
    assert rows("434", Episodes=eps) == [3]
    assert rows("435", Episodes=eps) == [5]
    assert rows("436", Episodes=eps) == [7]
