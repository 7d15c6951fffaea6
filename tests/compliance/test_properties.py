"""Invariants of the review and visit chains on random histories."""

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from carematters.compliance import evaluate
from tests.compliance.helpers import care, episode, header

BASE = date(2022, 1, 1)
days = st.integers(min_value=0, max_value=900)


@st.composite
def histories(draw):
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=600)))
    end = None if length is None else BASE + timedelta(start + length)
    reviews = sorted(set(draw(st.lists(days, max_size=8))))
    visits = sorted(set(draw(st.lists(days, max_size=12))))
    as_at = BASE + timedelta(draw(st.integers(min_value=0, max_value=1200)))
    fmt = lambda day: day.strftime("%d/%m/%Y")  # noqa: E731
    data = care(
        Header=[header("A", "01/01/2012")],
        Episodes=[episode("A", fmt(BASE + timedelta(start)), dec=end and fmt(end),
                          rec=end and "E4A")],
        Reviews=[{"CHILD": "A", "REVIEW": fmt(BASE + timedelta(r)), "REVIEW_CODE": "PN1"}
                 for r in reviews],
        Visits=[{"CHILD": "A", "VISIT_DATE": fmt(BASE + timedelta(v)), "SEEN": 1} for v in visits],
    )
    return data, as_at


@settings(max_examples=30, deadline=None)
@given(histories())
def test_chain_invariants(history):
    data, as_at = history
    items = evaluate(data, as_at, items=["T3", "T4", "T5", "T8", "T9", "T10"])
    # nothing is done after the as-at date, and every status agrees with its dates
    assert items.filter(pl.col("DONE") > as_at).is_empty()
    for row in items.to_dicts():
        due, done, status = row["DUE"], row["DONE"], row["STATUS"]
        if done is not None:
            assert status == ("done_on_time" if done <= due else "done_late")
        elif due < as_at:
            assert status == "overdue"
        else:
            assert status in ("due_soon", "not_yet_due")
    # one first review and one first visit at most (one period, one placement), and at most
    # one open item per chain
    assert items.filter(pl.col("ITEM") == "T3").height <= 1
    assert items.filter(pl.col("ITEM") == "T8").height <= 1
    reviews_open = items.filter(pl.col("ITEM").is_in(["T3", "T4", "T5"]) & pl.col("DONE").is_null())
    assert reviews_open.height <= 1
    # each review held in the period is the DONE of exactly one item
    done = items.filter(pl.col("ITEM").is_in(["T3", "T4", "T5"]))["DONE"].drop_nulls()
    assert done.n_unique() == done.len()
