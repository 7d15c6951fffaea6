"""Internal integrity checks INT01-INT36."""

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
