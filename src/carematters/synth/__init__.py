"""Synthetic authorities: realistic children in care, cut into yearly SSDA903 returns.

`generate(children, years, seed=...)` simulates each child's whole time in care (entries,
moves, legal changes, adoption, leaving care and after) and cuts the returns an authority would
have submitted each year, with the extension tables (visits, health, PEPs...) of each year.
`write(synthetic, out)` writes them as DfE CSV or XML. Same seed, same bytes.
"""

from carematters.synth.errors import KINDS, ROW_KINDS, CellText
from carematters.synth.generate import Synthetic, generate
from carematters.synth.writer import write

ERROR_KINDS = sorted([*KINDS, *ROW_KINDS])

__all__ = ["ERROR_KINDS", "CellText", "Synthetic", "generate", "write"]
