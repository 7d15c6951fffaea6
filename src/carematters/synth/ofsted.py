"""The Ofsted register of a synthetic authority's settings, consistent with its episodes.

DfE rules 219, 221, 224, 227, 228, 229, 241 and 1008 check an episode's Ofsted URN against
Ofsted's lists of children's homes and social care providers. So that clean synthetic returns
pass them, `settle` makes the episodes agree with what a register would say (a placement with
another authority's foster carers names that authority's fostering service; supported
accommodation is at the setting's own postcode; "own provision" homes lie inside the authority and
"other authority" ones outside), and `register` lists every setting the authority uses or could
use: its homes, agencies and services with their placement types, provider codes, postcode and,
for some that stopped being used, the day registration ended. `write_workbooks` writes it as the
two Ofsted spreadsheets, in the layout authorities download (and the peer tool reads).

Everything here draws from its own random stream, so the returns' other tables are the same bytes
for a seed as before the register existed, apart from the settled columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import polars as pl

from carematters.data import providers as reg
from carematters.data.authorities import name as la_name
from carematters.synth._draw import day, to_date
from carematters.synth.places import Places, Setting

#: Random stream of the register (seed, la, STREAM).
STREAM = 41
FOSTERING = ("U1", "U2", "U3", "U4", "U5", "U6")
ADOPTION = ("A3", "A4", "A5", "A6")
#: Children's homes that closed long ago (the error injection gives their URNs to live episodes).
CLOSED_HOMES = ("SC099001", "SC099002", "SC099003")
#: A supported accommodation provider that closed long ago (keeps the closed sheet non-empty).
CLOSED_SUPPORTED = ("SC099004",)
CLOSED_ON = date(2015, 3, 31)
#: Share of settings no longer used at the end of the window whose registration has ended.
CLOSED_SHARE = 0.15
NOT_REGISTERED = "XXXXXXX"


def _service_urns(start: int, n: int) -> np.ndarray:
    """URNs for the services made here, from a range the settings' pools never draw from
    (they use SC100000 and up), so no service shares a URN with a home or agency."""
    return np.array([f"SC{start + i:06d}" for i in range(n)], dtype=object)


@dataclass(frozen=True)
class Services:
    """Fostering and adoption services besides the authority's settings pools."""

    fostering_post: str  # the office of the authority's own fostering service
    own_adoption: Setting  # the authority's adoption service (PR1)
    other_fostering: Setting  # other authorities' fostering services (PR2)
    other_adoption: Setting  # other authorities' adoption services (PR2)


def services(rng: np.random.Generator, places: Places) -> Services:
    own = places.local(rng, 2, 0.0)
    return Services(
        fostering_post=str(own[0]),
        own_adoption=Setting(_service_urns(90_000, 1), own[1:]),
        other_fostering=Setting(_service_urns(90_100, 4), places.local(rng, 4, 1.0)),
        other_adoption=Setting(_service_urns(90_200, 4), places.local(rng, 4, 1.0)),
    )


def _one_of(setting: Setting) -> pl.Expr:
    """One of `setting`'s URNs, the same for every episode of a child."""
    return (pl.col("child") % setting.urn.size).replace_strict(
        dict(enumerate(setting.urn.tolist())), return_dtype=pl.String)


def settle(episodes: pl.DataFrame, places: Places, svc: Services) -> pl.DataFrame:
    """Episodes (lifetime form, PLACE "SEMI" for supported accommodation) made to agree with
    the register: provider codes and URNs of fostering and adoption services, postcodes and
    provider codes of settings the child lives in."""
    place, provider, urn = pl.col("PLACE"), pl.col("PLACE_PROVIDER"), pl.col("URN")
    registered = urn.is_not_null() & (urn != NOT_REGISTERED)
    adopted = place.is_in(ADOPTION) & registered
    episodes = episodes.with_columns(
        pl.when(place.is_in(FOSTERING) & (provider == "PR2")).then(_one_of(svc.other_fostering))
        .when(adopted & (provider == "PR1")).then(pl.lit(svc.own_adoption.urn[0]))
        .when(adopted & (provider == "PR2")).then(_one_of(svc.other_adoption))
        .otherwise(urn).alias("URN"))
    # Supported accommodation is where its provider's setting is (DfE 221, 241).
    supported = dict(zip(places.supported.urn.tolist(), places.supported.postcode.tolist(),
                         strict=True))
    at_supported = (place == "SEMI") & urn.is_in(list(supported))
    episodes = episodes.with_columns(
        pl.when(at_supported).then(urn.replace_strict(supported, default=None,
                                                      return_dtype=pl.String))
        .otherwise(pl.col("PL_POST")).alias("PL_POST"))
    if places.pool is None:  # made-up postcodes: no authority to be inside
        return episodes
    # A home or setting in the authority run by "another authority", or one outside it run by
    # "the authority itself", belongs to a private provider (DfE 229).
    inside = pl.col("PL_POST").is_in(pl.Series(places.pool.own, dtype=pl.String).implode())
    at_setting = place.is_in(["K1", "K2", "SEMI"]) & pl.col("PL_POST").is_not_null()
    wrong = at_setting & (((provider == "PR1") & ~inside) | ((provider == "PR2") & inside))
    return episodes.with_columns(
        pl.when(wrong).then(pl.lit("PR4")).otherwise(provider).alias("PLACE_PROVIDER"))


def _known(places: Places, svc: Services, rng: np.random.Generator) -> pl.DataFrame:
    """Every setting the authority could use: URN, natural placement and provider codes,
    postcode, and the day registration ended (day number) for the long-closed ones."""
    rows: list[pl.DataFrame] = []

    def add(setting: Setting | tuple, codes: tuple[str, ...], providers: tuple[str, ...],
            closed: int | None = None) -> None:
        urns, posts = (setting.urn, setting.postcode) if isinstance(setting, Setting) else setting
        rows.append(pl.DataFrame({
            "URN": pl.Series(urns, dtype=pl.String), "POSTCODE": pl.Series(posts, dtype=pl.String),
        }).with_columns(pl.lit(list(codes), pl.List(pl.String)).alias("CODES"),
                        pl.lit(list(providers), pl.List(pl.String)).alias("PROVIDERS"),
                        pl.lit(closed, pl.Int64).alias("END")))

    add(places.homes, ("K2",), ("PR4", "PR5"))
    add(places.secure, ("K1",), ("PR5",))
    add(places.supported, ("H5", "K3"), ("PR4", "PR5"))
    add(places.agencies, FOSTERING, ("PR4", "PR5"))
    add(places.adoption, ADOPTION, ("PR5",))
    add(([places.fostering_urn], [svc.fostering_post]), FOSTERING, ("PR1",))
    add(svc.own_adoption, ADOPTION, ("PR1",))
    add(svc.other_fostering, FOSTERING, ("PR2",))
    add(svc.other_adoption, ADOPTION, ("PR2",))
    add((list(CLOSED_HOMES), places.local(rng, len(CLOSED_HOMES), 0.0)), ("K2",), ("PR4",),
        day(CLOSED_ON))
    add((list(CLOSED_SUPPORTED), places.local(rng, 1, 0.3)), ("K3",), ("PR4",), day(CLOSED_ON))
    return pl.concat(rows).unique("URN", keep="first", maintain_order=True)


def register(rng: np.random.Generator, episodes: pl.DataFrame, places: Places, svc: Services,
             window_end: int) -> pl.DataFrame:
    """The register (`carematters.data.providers.SCHEMA`) of every setting known or used."""
    used = episodes.filter(pl.col("URN").is_not_null() & (pl.col("URN") != NOT_REGISTERED))
    used = used.with_columns(pl.col("PLACE").replace({"SEMI": "K3"}))
    observed = used.group_by("URN").agg(
        pl.col("PLACE").drop_nulls().unique().alias("SEEN_CODES"),
        pl.col("PLACE_PROVIDER").drop_nulls().unique().alias("SEEN_PROVIDERS"),
        pl.col("PL_POST").drop_nulls().mode().sort().first().alias("SEEN_POST"),
        pl.col("DEC").max().alias("LAST"), pl.col("DEC").is_null().any().alias("OPEN"),
    )
    known = _known(places, svc, rng)
    merged = known.join(observed, on="URN", how="full", coalesce=True).sort("URN")
    # Some settings no longer used closed afterwards (never before their last child left).
    n = merged.height
    closes = pl.lit(pl.Series(rng.random(n) < CLOSED_SHARE))
    after = pl.lit(pl.Series(rng.integers(1, 366, n)))
    ended = pl.col("LAST") + after
    stopped = ~pl.col("OPEN").fill_null(True) & pl.col("LAST").is_not_null()
    merged = merged.with_columns(
        pl.when(pl.col("END").is_not_null()).then(pl.col("END"))
        .when(stopped & closes & (ended <= window_end)).then(ended).alias("END"))
    codes = pl.concat_list(pl.col("CODES").fill_null([]), pl.col("SEEN_CODES").fill_null([]))
    provs = pl.concat_list(pl.col("PROVIDERS").fill_null([]),
                           pl.col("SEEN_PROVIDERS").fill_null([]))
    raw = merged.select(
        "URN",
        codes.list.unique().list.sort().list.join("/").alias("PLACE_CODES"),
        provs.list.unique().list.sort().list.join("/").alias("PROVIDER_CODES"),
        to_date(pl.col("END")).cast(pl.String).alias("REG_END"),
        pl.coalesce("POSTCODE", "SEEN_POST").alias("POSTCODE"),
        pl.lit(None, pl.String).alias("LA_NAME"),
        pl.when(codes.list.eval(pl.element().is_in(["K1", "K2"])).list.any())
        .then(pl.lit(reg.CHILDREN_HOMES)).otherwise(pl.lit(reg.SOCIAL_CARE_PROVIDERS))
        .alias("SOURCE"),
    )
    typed = reg.typed(raw)
    names = {code: la_name(code) for code in typed["LA"].drop_nulls().unique().to_list()}
    return typed.with_columns(pl.col("LA").replace_strict(names, default=None,
                                                          return_dtype=pl.String).alias("LA_NAME"))


# --- the two workbooks, in Ofsted's layout ----------------------------------------------------

def _spaced(postcode: pl.Expr) -> pl.Expr:
    return pl.when(postcode.str.len_chars() > 3).then(
        pl.concat_str(postcode.str.head(-3), pl.lit(" "), postcode.str.tail(3))).otherwise(postcode)


def _write_sheet(book, name: str, frame: pl.DataFrame, dates: tuple[str, ...] = ()) -> None:
    """One sheet: a header row, text cells (URNs stay text), date cells for `dates`."""
    sheet = book.add_worksheet(name)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, frame.columns)
    for r, row in enumerate(frame.iter_rows(), start=1):
        for c, (column, value) in enumerate(zip(frame.columns, row, strict=True)):
            if value is None:
                continue
            if column in dates:
                sheet.write_datetime(r, c, value, date_format)
            else:
                sheet.write_string(r, c, str(value))


def _workbook(path: Path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    # A fixed creation time: the same seed writes the same bytes.
    book.set_properties({"created": datetime(2000, 1, 1)})
    return book


def write_workbooks(register: pl.DataFrame, folder: Path) -> list[Path]:
    """`children_homes.xlsx` and `social_care_providers.xlsx` in `folder`."""

    folder.mkdir(parents=True, exist_ok=True)
    homes = register.filter(pl.col("SOURCE") == reg.CHILDREN_HOMES).sort("URN")
    others = register.filter(pl.col("SOURCE") != reg.CHILDREN_HOMES).sort("URN")
    ch_path, scp_path = folder / "children_homes.xlsx", folder / "social_care_providers.xlsx"
    book = _workbook(ch_path)
    _write_sheet(book, reg.CH_SHEET, homes.select(
        "URN", pl.col("LA_NAME").alias("Local Authority"),
        pl.col("PLACE_CODES").list.join(",").alias("Provider Code"),
        pl.col("PROVIDER_CODES").list.join("/").alias("Provider Placement Code"),
        pl.col("REG_END").alias("Closed Date"),
        _spaced(pl.col("POSTCODE")).alias("Setting Postcode"),
    ), dates=("Closed Date",))
    book.close()
    scp = others.select(
        "URN", pl.col("LA_NAME").alias("Local authority"),
        pl.col("PLACE_CODES").list.join(",").alias("Placement code"),
        pl.col("PROVIDER_CODES").list.join(",").alias("Placement provider code"),
        _spaced(pl.col("POSTCODE")).alias("Setting postcode"),
        pl.col("REG_END").alias("Deregistration date"),
    )
    book = _workbook(scp_path)
    _write_sheet(book, "Current providers",
                 scp.filter(pl.col("Deregistration date").is_null()).drop("Deregistration date"))
    _write_sheet(book, "Providers closed", scp.filter(pl.col("Deregistration date").is_not_null()),
                 dates=("Deregistration date",))
    book.close()
    return [ch_path, scp_path]
