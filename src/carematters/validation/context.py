"""The preparation every rule shares, done once per validation run.

Rules read tables through a `Context` rather than from CareData directly: each table comes back
with every declared column (absent ones as typed nulls, so hand-built frames and partial files work)
and with `_row`, the 1-based data row in the source file (or index + 1 when the frame did not come
from a file). The expensive derived frames (episodes sorted with their neighbours, ages, periods of
care, the OC2 cohort) are cached properties, built at most once however many rules use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from typing import TypeVar

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.episodes import continuously_looked_after, periods_of_care, with_spells
from carematters.data.providers import by_urn
from carematters.data.reference import with_placement_fields
from carematters.data.schema import SOURCE_ROW, table
from carematters.data.years import age_on_expr, year_end, year_start

ROW = SOURCE_ROW
T = TypeVar("T")

#: Episode columns copied from the previous and the next episode of the same child.
NEIGHBOUR_COLUMNS = (
    "DECOM", "DEC", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC",
    "REASON_PLACE_CHANGE", "PL_POST", "HOME_POST", "URN",
)


def _converted(column: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """`column` (text, from a hand-built or untyped frame) as `dtype`; unreadable values null."""
    if dtype == pl.Date():
        text = column.cast(pl.String).str.strip_chars()
        return pl.coalesce(
            text.str.to_date("%d/%m/%Y", strict=False),
            text.str.to_date("%Y-%m-%d", strict=False),
        )
    if dtype in (pl.Int64(), pl.Int8()):
        return column.cast(pl.String).str.strip_chars().cast(dtype, strict=False)
    return column.cast(dtype, strict=False)


def conform(frame: pl.DataFrame, name: str) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
    """`frame` with every declared column of table `name` (missing ones null), each of its
    declared type, and `_row`; plus, per column, the rows whose value could not be converted
    (`_row`, CHILD, VALUE) so the rule for that field can report them."""
    declared = table(name).polars_schema()
    missing = [pl.lit(None, dtype).alias(col) for col, dtype in declared.items()
               if col not in frame.columns]
    if missing:
        frame = frame.with_columns(missing)
    if ROW not in frame.columns:
        frame = frame.with_row_index(ROW, offset=1)
    frame = frame.with_columns(pl.col(ROW).cast(pl.Int64))
    unreadable: dict[str, pl.DataFrame] = {}
    for col, dtype in declared.items():
        if frame.schema[col] == dtype:
            continue
        original = pl.col(col).cast(pl.String)
        converted = _converted(pl.col(col), dtype)
        lost = original.is_not_null() & (original.str.strip_chars() != "") & converted.is_null()
        unreadable[col] = frame.filter(lost).select(
            ROW, pl.col("CHILD").cast(pl.String), original.alias("VALUE")
        )
        frame = frame.with_columns(converted.alias(col))
    return frame, unreadable


class Context:
    """One validation run's data and derived frames. Build it once; rules only read it."""

    def __init__(
        self,
        current: CareData,
        previous: CareData | None = None,
        *,
        year: int,
        la: str | None = None,
        providers: pl.DataFrame | None = None,
        problems: Iterable[object] = (),
        history: CareData | None = None,
    ) -> None:
        self.current = current
        self.previous = previous
        #: The child's earlier returns, from before last year (their tables put together), when
        #: supplied: the rules judging a whole care history (1000-1002, 199) read them too.
        self.history = history
        self.year = year
        self.la = la or current.la
        self.start: date = year_start(year)
        self.end: date = year_end(year)
        #: The Ofsted provider register (`carematters.data.providers.SCHEMA`), when supplied; the
        #: rules that need it (219, 221, 224, 227-229, 241, 1008) report nothing without it.
        self.providers = providers
        self._tables: dict[tuple[str, str], pl.DataFrame] = {}
        self._unreadable: dict[tuple[str, str], dict[str, pl.DataFrame]] = {}
        self._shared: dict[str, object] = {}
        self._problems = tuple(problems)

    # --- raw tables ----------------------------------------------------------------------

    def table(self, name: str) -> pl.DataFrame:
        """This year's table `name`, conformed (all columns, `_row`)."""
        return self._get("current", name)

    def prev(self, name: str) -> pl.DataFrame:
        """Last year's table `name` (empty when no previous return was given)."""
        return self._get("previous", name)

    def earlier(self, name: str) -> pl.DataFrame:
        """Table `name` of the returns from before last year (empty when no history was given)."""
        return self._get("history", name)

    @property
    def has_previous(self) -> bool:
        return self.previous is not None

    @property
    def has_history(self) -> bool:
        return self.history is not None

    @property
    def first_year_seen(self) -> int | None:
        """The earliest collection year whose returns this run sees: the history's first year,
        else last year (with a previous return), else this year; None when a history was given
        without its years (then how far back it reaches is unknown)."""
        if self.history is not None:
            return min(self.history.years) if self.history.years else None
        return self.year - 1 if self.previous is not None else self.year

    def _get(self, which: str, name: str) -> pl.DataFrame:
        key = (which, name)
        if key not in self._tables:
            source = {"current": self.current, "previous": self.previous,
                      "history": self.history}[which]
            frame = source[name] if source is not None else table(name).empty()
            self._tables[key], self._unreadable[key] = conform(frame, name)
        return self._tables[key]

    def unreadable(self, name: str, column: str) -> pl.DataFrame:
        """Rows of this year's `name` whose `column` held text that is not a valid value of the
        column's type (only for frames not typed by a reader): `_row`, CHILD, VALUE."""
        self.table(name)
        found = self._unreadable[("current", name)].get(column)
        if found is None:
            return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String(), "VALUE": pl.String()})
        return found

    def unread(self, name: str, column: str) -> list[int]:
        """`_row` of this year's `name` rows whose `column` held a value that could not be read:
        nulled by the reader (its problems, passed to `validate`) or by the conversion here.
        The field's own rule reports the value; to "both or neither" rules it is a value given
        (helpers.given), so the row is not reported a second time as missing one."""
        from carematters.validation.problems import problem_cells

        rows = set(self.unreadable(name, column)[ROW].to_list())
        cells = self.shared("problems.cells", lambda: problem_cells(self._problems))
        return sorted(rows | cells.get((name, column), set()))

    # --- derived frames --------------------------------------------------------------------

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """`build()`, run at most once per validation run: for a frame that several rules of
        one family prepare alike (last year's Header per child, both years' episodes). `key`
        names the family and the frame, e.g. "care_leavers.both_years"."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]  # type: ignore[return-value]

    @cached_property
    def dob(self) -> pl.DataFrame:
        """CHILD and the Header DOB (first Header row of each child)."""
        return (
            self.table("Header")
            .select("CHILD", "DOB")
            .filter(pl.col("CHILD").is_not_null())
            .unique("CHILD", keep="first", maintain_order=True)
        )

    def with_dob(self, frame: pl.DataFrame, *, alias: str = "HEADER_DOB") -> pl.DataFrame:
        """`frame` with the child's Header DOB joined as `alias`."""
        return frame.join(self.dob.rename({"DOB": alias}), on="CHILD", how="left")

    @cached_property
    def episodes(self) -> pl.DataFrame:
        """Episodes sorted per child by DECOM, with PERIOD and SPELL (carematters.data.episodes),
        PREV_<col>/NEXT_<col> from the neighbouring episodes of the same child, IS_FIRST/IS_LAST,
        the Header DOB and ages AGE_DECOM, AGE_DEC, AGE_START (1 April), AGE_END (31 March)."""
        # `with_spells` returns the frame sorted by CHILD then DECOM (null CHILD last), so each
        # child's rows are contiguous: whole-frame shifts masked where the neighbouring row
        # belongs to another child give the same values as `shift().over("CHILD")`, without
        # grouping the frame once per column (about 1 s at 150k episodes).
        eps = with_spells(self.table("Episodes"))
        child, index = pl.col("CHILD"), pl.int_range(pl.len())
        # The index checks keep a null CHILD in the first or last row from matching the null
        # that the shift brings in.
        eps = eps.with_columns(
            (child.shift(1).eq_missing(child) & (index > 0)).alias("_SAME_BEFORE"),
            (child.shift(-1).eq_missing(child) & (index < pl.len() - 1)).alias("_SAME_AFTER"),
        )
        before, after = pl.col("_SAME_BEFORE"), pl.col("_SAME_AFTER")
        neighbours = [
            expr
            for col in NEIGHBOUR_COLUMNS
            for expr in (
                pl.when(before).then(pl.col(col).shift(1)).alias(f"PREV_{col}"),
                pl.when(after).then(pl.col(col).shift(-1)).alias(f"NEXT_{col}"),
            )
        ]
        eps = eps.with_columns(
            *neighbours,
            (~before).alias("IS_FIRST"),
            (~after).alias("IS_LAST"),
        ).drop("_SAME_BEFORE", "_SAME_AFTER")
        # The Header DOB by look-up rather than a join, which would copy all 45 columns.
        dob = self.dob
        eps = eps.with_columns(pl.col("CHILD").replace_strict(
            dob["CHILD"], dob["DOB"], default=None, return_dtype=pl.Date()).alias("DOB"))
        dob = pl.col("DOB")
        return eps.with_columns(
            age_on_expr(dob, pl.col("DECOM")).alias("AGE_DECOM"),
            age_on_expr(dob, pl.col("DEC")).alias("AGE_DEC"),
            age_on_expr(dob, self.start).alias("AGE_START"),
            age_on_expr(dob, self.end).alias("AGE_END"),
        )

    @cached_property
    def sw_episodes(self) -> pl.DataFrame:
        """Social worker episodes with a start date, per child in start order (SW_DECOM, then
        SW_DEC), with PREV_SW_DEC (the child's previous episode's end), HAS_PREV and IS_LAST.
        Sorted once here: a dozen SW rules read it."""
        sw = self.table("SWEpisodes").filter(pl.col("SW_DECOM").is_not_null())
        sw = sw.sort(["CHILD", "SW_DECOM", "SW_DEC"], nulls_last=True, maintain_order=True)
        # Sorted by child, so whole-frame shifts masked at child boundaries stand in for
        # per-child windows (as in `episodes`).
        child, index = pl.col("CHILD"), pl.int_range(pl.len())
        before = child.shift(1).eq_missing(child) & (index > 0)
        after = child.shift(-1).eq_missing(child) & (index < pl.len() - 1)
        return sw.with_columns(
            pl.when(before).then(pl.col("SW_DEC").shift(1)).alias("PREV_SW_DEC"),
            before.alias("HAS_PREV"),
            (~after).alias("IS_LAST"),
        )

    @cached_property
    def prev_episodes(self) -> pl.DataFrame:
        """Last year's episodes sorted per child, with IS_LAST."""
        eps = self.prev("Episodes").sort(["CHILD", "DECOM"], nulls_last=True, maintain_order=True)
        # Sorted by child: the last row of a child is the one the next row's child differs
        # from (as in `episodes`), without a window per child.
        child, index = pl.col("CHILD"), pl.int_range(pl.len())
        after = child.shift(-1).eq_missing(child) & (index < pl.len() - 1)
        return eps.with_columns((~after).alias("IS_LAST"))

    @cached_property
    def oc2_cohort(self) -> pl.DataFrame:
        """CHILD of children looked after continuously for 12 months at 31 March (spec §1.1)."""
        eps = self.table("Episodes").lazy().filter(pl.col("DECOM").is_not_null())
        eps = eps.select("CHILD", "DECOM", "DEC", "RNE", "REC", "LS").collect()  # what it reads
        return continuously_looked_after(eps, self.year).select("CHILD").unique()

    @cached_property
    def periods(self) -> pl.DataFrame:
        """Periods of care: CHILD, PERIOD, PERIOD_START, PERIOD_END, END_REASON, EPISODES."""
        eps = self.table("Episodes").lazy().filter(pl.col("DECOM").is_not_null())
        eps = eps.select("CHILD", "DECOM", "DEC", "REC", "RNE").collect()  # what it reads
        return periods_of_care(eps).sort(["CHILD", "PERIOD_START"])

    @cached_property
    def children_with_episodes(self) -> pl.DataFrame:
        return self.table("Episodes").select("CHILD").drop_nulls().unique()

    @cached_property
    def last_episodes(self) -> pl.DataFrame:
        """Each child's latest episode this year."""
        return self.episodes.filter(pl.col("IS_LAST"))

    def ages(self, frame: pl.DataFrame, *, on: pl.Expr | date, alias: str) -> pl.DataFrame:
        """`frame` with the age (whole years) of its child on `on`, from the Header DOB."""
        joined = frame.join(self.dob.rename({"DOB": "_HDOB"}), on="CHILD", how="left")
        return joined.with_columns(age_on_expr(pl.col("_HDOB"), on).alias(alias)).drop("_HDOB")

    @cached_property
    def providers_by_urn(self) -> pl.DataFrame | None:
        """The provider register, one row per URN (`carematters.data.providers.by_urn`), or
        None when no register was supplied."""
        return None if self.providers is None else by_urn(self.providers)

    # --- DfE-derived fields ------------------------------------------------------------------

    @cached_property
    def located(self) -> pl.DataFrame:
        """`episodes` with the DfE-derived PL_LA, PL_LOCATION and PL_DISTANCE, from the offline
        postcode directory (`carematters.data.reference`); PL_LOCATION needs `la`."""
        return with_placement_fields(self.episodes, self.la)

    @cached_property
    def prev_located(self) -> pl.DataFrame:
        """`prev_episodes` with PL_LA, PL_LOCATION and PL_DISTANCE."""
        return with_placement_fields(self.prev_episodes, self.la)

    @cached_property
    def uasc_flag(self) -> pl.DataFrame:
        """This year's Header (all rows) with UASC: 1 when the child has a UASC record (an item
        other than CHILD and DOB given), else 0. The XML Header carries this flag; CSV returns
        carry only the UASC table, so it is derived here and the input is left as sent. When the
        reader kept the XML flag as sent (a Header column UASC), that is used instead (0/1, null
        for any other value)."""
        return _with_uasc_flag(self.table("Header"), self.table("UASC"))

    @cached_property
    def prev_uasc_flag(self) -> pl.DataFrame:
        """Last year's Header with the derived UASC flag (empty without a previous return)."""
        return _with_uasc_flag(self.prev("Header"), self.prev("UASC"))


#: Header column with the XML UASC flag as sent, when the reader kept it (returns/supplied.py).
SENT_UASC = "UASC"


def _with_uasc_flag(header: pl.DataFrame, uasc: pl.DataFrame) -> pl.DataFrame:
    if SENT_UASC in header.columns:
        # The flag as sent wins; a value other than 0 or 1 (rule 105's finding) is null here.
        sent = pl.col(SENT_UASC).cast(pl.String).str.strip_chars()
        return header.with_columns(
            pl.when(sent.is_in(["0", "1"])).then(sent.cast(pl.Int8)).alias("UASC"))
    given = pl.any_horizontal([
        pl.col(c).is_not_null() & (pl.col(c).cast(pl.String).str.strip_chars() != "")
        for c in ("SEX", "DUC")
    ])
    children = uasc.filter(given & pl.col("CHILD").is_not_null()).select("CHILD").unique()
    flagged = children.with_columns(pl.lit(1, pl.Int8).alias("UASC"))
    return header.join(flagged, on="CHILD", how="left").with_columns(
        pl.col("UASC").fill_null(0))
