"""Tiny typed frames for cost and forecast tests."""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.schema import table


def d(text: str | None) -> date | None:
    if text is None:
        return None
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def episodes(*rows: tuple) -> pl.DataFrame:
    """rows: (child, decom, rne, ls, place, provider, dec, rec[, pl_post, home_post])"""
    records = []
    for child, decom, rne, ls, place, provider, dec, rec, *posts in rows:
        records.append({
            "CHILD": child, "DECOM": d(decom), "RNE": rne, "LS": ls, "CIN": "N1",
            "PLACE": place, "PLACE_PROVIDER": provider, "DEC": d(dec), "REC": rec,
            "PL_POST": posts[0] if posts else None,
            "HOME_POST": posts[1] if len(posts) > 1 else None,
        })
    return typed("Episodes", records)


def header(*rows: tuple[str, str]) -> pl.DataFrame:
    """rows: (child, dob)"""
    return typed("Header", [{"CHILD": c, "DOB": d(dob), "SEX": "1"} for c, dob in rows])


def reviews(*rows: tuple[str, str, str]) -> pl.DataFrame:
    """rows: (child, dob, review date)"""
    return typed("Reviews", [
        {"CHILD": c, "DOB": d(dob), "REVIEW": d(day), "REVIEW_CODE": "PN1"} for c, dob, day in rows
    ])


def typed(name: str, records: list[dict]) -> pl.DataFrame:
    schema = table(name).polars_schema()
    if not records:
        return table(name).empty()
    frame = pl.DataFrame(records)
    return frame.select(
        [pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
         for c, t in schema.items()]
    )
