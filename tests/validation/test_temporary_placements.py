"""Temporary placements and adoption with current carers: 217, 380, 381, 383."""

from tests.validation.util import rows


def test_380_period_cannot_start_with_temporary_placement():
    eps = [
        {"CHILD": "A", "DECOM": "01/05/2025", "RNE": "S", "PLACE": "T1"},  # fail: starts care
        {"CHILD": "B", "DECOM": "01/05/2025", "RNE": "P", "PLACE": "T1"},  # pass: a move
        {"CHILD": "C", "DECOM": "01/05/2025", "RNE": "B", "PLACE": "T4"},  # pass
        {"CHILD": "D", "DECOM": "01/05/2025", "RNE": "S", "PLACE": "U4"},  # pass: not temporary
    ]
    assert rows("380", Episodes=eps) == [1]


def test_381_period_cannot_end_in_temporary_placement():
    eps = [
        {"CHILD": "A", "DECOM": "01/05/2025", "DEC": "03/05/2025", "REC": "E4A",
         "PLACE": "T2"},  # fail: care ends in T2
        {"CHILD": "B", "DECOM": "01/05/2025", "DEC": "03/05/2025", "REC": "X1",
         "PLACE": "T2"},  # pass: followed by a new episode
        {"CHILD": "C", "DECOM": "01/05/2025", "PLACE": "T2"},  # pass: open
    ]
    assert rows("381", Episodes=eps) == [1]


def test_383_return_to_the_normal_placement():
    def e(child, decom, dec, rne, place, post="AB1 1AB"):
        return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": "X1" if dec else None,
                "RNE": rne, "PLACE": place, "PL_POST": post}

    eps = [
        e("A", "01/05/2025", "01/06/2025", "S", "U4"),   # pass
        e("A", "01/06/2025", "05/06/2025", "P", "T1"),   # pass: the temporary move
        e("A", "05/06/2025", None, "P", "U4"),           # pass: back to U4 at the same postcode
        e("B", "01/05/2025", "01/06/2025", "S", "U4"),   # pass
        e("B", "01/06/2025", "05/06/2025", "P", "T1"),   # pass
        e("B", "05/06/2025", None, "T", "U4"),           # fail: RNE T, not P
        e("C", "01/05/2025", "01/06/2025", "S", "U4"),   # pass
        e("C", "01/06/2025", "05/06/2025", "P", "T3"),   # pass
        e("C", "05/06/2025", None, "P", "U4", "ZZ9 9ZZ"),  # fail: a different placement
    ]
    assert rows("383", Episodes=eps) == [6, 9]


def test_217_adoption_with_current_carers_needs_s_t_or_u():
    eps = [
        {"CHILD": "A", "DECOM": "01/05/2025", "RNE": "P", "PLACE": "A3"},  # fail: RNE P
        {"CHILD": "B", "DECOM": "01/05/2025", "RNE": "T", "PLACE": "A5"},  # pass
        {"CHILD": "C", "DECOM": "01/05/2025", "RNE": "P", "PLACE": "A4"},  # pass: new carers
        {"CHILD": "D", "DECOM": "31/03/2015", "RNE": "P", "PLACE": "A3"},  # pass: before 1/4/2015
        {"CHILD": "E", "DECOM": "01/04/2015", "RNE": "B", "PLACE": "A5"},  # fail: boundary day
    ]
    assert rows("217", Episodes=eps) == [1, 5]
