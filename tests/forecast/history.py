"""Histories made from known rates, for checking that the forecaster learns them back."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from tests.costs.frames import typed

PLACE_OF = {"foster_in_house": ("U6", "PR1"), "foster_ifa": ("U6", "PR4"),
            "residential_external": ("K2", "PR4")}


def simulate(entries_per_year: dict[str, float], moves: dict[tuple[str, str], float],
             exits: dict[str, float], start: date, end: date, seed: int = 1,
             entry_age: tuple[int, int] = (10, 11)) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Episodes and Header for children entering at the given yearly rates aged in
    `entry_age` years, moving and leaving at the given yearly per-child rates (ages 10-15
    only, so no one ages out in a short history). Returns (episodes, header)."""
    rng = np.random.default_rng(seed)
    eps, heads = [], []
    days = (end - start).days
    n = 0
    for group, rate in entries_per_year.items():
        for _ in range(rng.poisson(rate * days / 365.25)):
            n += 1
            child = f"C{n}"
            day = start + timedelta(days=int(rng.integers(0, days)))
            age_days = int(rng.integers(entry_age[0] * 365 + 1, entry_age[1] * 365))
            heads.append({"CHILD": child, "DOB": day - timedelta(days=age_days), "SEX": "1"})
            eps.extend(_child(child, group, day, end, moves, exits, rng))
    return typed("Episodes", eps), typed("Header", heads)


def _child(child, group, day, end, moves, exits, rng):
    rne, rows = "S", []
    while True:
        outs = {("move", to): r for (fr, to), r in moves.items() if fr == group}
        outs[("exit", None)] = exits.get(group, 0.0)
        total = sum(outs.values())
        wait = rng.exponential(365.25 / total) if total else 1e9
        leave = day + timedelta(days=max(1, round(wait)))
        place, provider = PLACE_OF[group]
        row = {"CHILD": child, "DECOM": day, "RNE": rne, "LS": "C2", "CIN": "N1",
               "PLACE": place, "PLACE_PROVIDER": provider, "DEC": None, "REC": None}
        rows.append(row)
        if leave > end:
            return rows
        keys = list(outs)
        kind, to = keys[rng.choice(len(keys), p=np.array(list(outs.values())) / total)]
        row["DEC"] = leave
        if kind == "exit":
            row["REC"] = "E4A"
            return rows
        row["REC"] = "X1"
        group, day, rne = to, leave, "P"
