"""SSDA903 returns in and out: DfE CSV files and XML, with every problem found (docs/returns.md)."""

from carematters.returns.csv import read_csv_files, write_csv
from carematters.returns.detect import detect_year, year_from_data, year_from_name
from carematters.returns.problems import Problem, ReadError, ReadResult, problems_frame

__all__ = [
    "Problem", "ReadError", "ReadResult", "detect_year", "problems_frame", "read_csv_files",
    "write_csv", "year_from_data", "year_from_name",
]
