"""Internal integrity checks INT01-INT36."""

import pytest

from carematters.validation.rules.family_integrity import IN_HEADER, ONCE, SAME_DOB
from tests.validation.util import rows

HEADER = [{"CHILD": "A", "DOB": "01/01/2015", "SEX": "M"},
          {"CHILD": "B", "DOB": "01/01/2016", "SEX": "F"}]


def test_child_in_header():
    eps = [{"CHILD": "A"}, {"CHILD": "Z"}]   # row 2 fails INT03: Z not in Header
    assert rows("INT03", Header=HEADER, Episodes=eps) == [2]
    assert rows("INT09", Header=HEADER, UASC=[{"CHILD": "Q"}]) == [1]


def test_same_dob_and_sex():
    oc2 = [{"CHILD": "A", "DOB": "01/01/2015"},   # pass
           {"CHILD": "B", "DOB": "02/01/2016"}]   # fail INT14
    assert rows("INT14", Header=HEADER, OC2=oc2) == [2]
    uasc = [{"CHILD": "A", "SEX": "F", "DOB": "01/01/2015"}]  # fail INT21 only
    assert rows("INT21", Header=HEADER, UASC=uasc) == [1]
    assert rows("INT18", Header=HEADER, UASC=uasc) == []


def test_once_per_table():
    header = HEADER + [{"CHILD": "A", "DOB": "01/01/2015"}]   # A twice: rows 1 and 3 fail
    assert rows("INT32", Header=header) == [1, 3]
    assert rows("INT34", OC3=[{"CHILD": "A"}, {"CHILD": "B"}]) == []


@pytest.mark.parametrize(("code", "name"), IN_HEADER, ids=[c for c, _ in IN_HEADER])
def test_every_in_header_check(code, name):
    rows_ = [{"CHILD": "A"}, {"CHILD": "Z"}]   # row 2 fails: Z not in Header
    assert rows(code, Header=HEADER, **{name: rows_}) == [2]


@pytest.mark.parametrize(("code", "name"), SAME_DOB, ids=[c for c, _ in SAME_DOB])
def test_every_same_dob_check(code, name):
    rows_ = [{"CHILD": "A", "DOB": "01/01/2015"},    # pass
             {"CHILD": "B", "DOB": "31/12/2015"}]    # fail: Header says 01/01/2016
    assert rows(code, Header=HEADER, **{name: rows_}) == [2]


@pytest.mark.parametrize(("code", "name"), ONCE, ids=[c for c, _ in ONCE])
def test_every_once_check(code, name):
    rows_ = [{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "A"}]   # rows 1 and 3 fail
    assert rows(code, **{name: rows_}) == [1, 3]
