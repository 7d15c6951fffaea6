"""Bytes to text for CSV returns, with the encodings authorities' systems actually produce.

UTF-8 is expected (with or without the byte-order mark Excel adds). Older case-management
exports are often Windows-1252, and Excel's "Unicode text" is UTF-16; those are read too, with a
problem saying so, because a wrong guess can garble names and postcodes.
"""

from __future__ import annotations

import codecs

from carematters.returns.problems import Problem

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _file_problem(file: str, expected: str, message: str) -> Problem:
    return Problem(file, None, None, None, expected, message)


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The file's text (None when it has none) and any problem with its encoding."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [_file_problem(file, "a UTF-8 CSV file", "file is not readable text")]
        return text, [
            _file_problem(file, "UTF-8", "file is UTF-16 (Excel 'Unicode text'), not UTF-8; read as UTF-16")
        ]
    if b"\x00" in data:
        return None, [_file_problem(file, "a UTF-8 CSV file", "file is not text (it holds binary data)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte {error.start + 1}"
        try:
            text, used = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, used = data.decode("latin-1"), "Latin-1"
        return text, [
            _file_problem(file, "UTF-8", f"file is not UTF-8 (first bad {where}); read as {used}")
        ]
    if not text.strip():
        return None, [_file_problem(file, "a header row and data rows", "file is empty")]
    return text, []
