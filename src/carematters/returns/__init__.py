"""SSDA903 returns in and out: DfE CSV files and XML, with every problem found (docs/returns.md)."""

from carematters.returns.csv import match_table, read_csv_files, write_csv
from carematters.returns.detect import detect_year, year_from_data, year_from_name
from carematters.returns.folders import (
    ReturnLocation,
    find_returns,
    read_return,
    read_returns,
    return_files,
)
from carematters.returns.problems import Problem, ReadError, ReadResult, problems_frame
from carematters.returns.xml import read_xml, write_xml

__all__ = [
    "Problem", "ReadError", "ReadResult", "ReturnLocation", "detect_year", "find_returns",
    "match_table", "problems_frame", "read_csv_files", "read_return", "read_returns", "read_xml",
    "return_files", "write_csv", "write_xml", "year_from_data", "year_from_name",
]
