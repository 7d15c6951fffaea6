"""Record ends in plain CSV text: \r\n, \r and \n all end a record, as in the csv module."""

from carematters.returns.records import _lines


def test_each_line_end_splits_once() -> None:
    assert _lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]  # one of each kind
    assert _lines("a\n\r\nb") == ["a", "", "b"]  # \n then \r\n: one blank line between
    assert _lines("a\r\r\nb") == ["a", "", "b"]  # lone \r then \r\n
    assert _lines("a\n") == ["a", ""]  # final end: the caller drops the empty tail
    assert _lines("") == [""]
