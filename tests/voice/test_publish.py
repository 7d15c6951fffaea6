import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from carematters.stocktake.suppression import SUPPRESSED
from carematters.voice import publish


def results(*rows):
    return pl.DataFrame(list(rows), orient="row", schema={
        "YEAR": pl.Int32, "AREA": pl.String, "BAND": pl.String, "RESPONDENTS": pl.Int64,
        "POSITIVE": pl.Int64})


def test_large_counts_are_shown_with_their_percentage():
    out = publish(results(
        (2026, "bullying", "11-17", 20, 14),
        (2026, "bullying", "8-11", 30, 12),
        (2026, "bullying", "all", 50, 26),
    ), "AREA")
    assert out.select("BAND", "RESPONDENTS", "POSITIVE", "PERCENT").rows() == [
        ("11-17", "20", "14", "70%"), ("8-11", "30", "12", "40%"), ("all", "50", "26", "52%")]


def test_a_small_band_is_hidden_and_cannot_be_worked_back_from_the_total():
    out = publish(results(
        # 4-7: 3 children (small) -> hidden, and positive 2 / other 1 hidden
        (2026, "keeping_safe", "4-7", 3, 2),
        # 8-11: 30 children, 20 positive, 10 others: hidden as the smallest other cell in the
        # columns that a hidden 4-7 cell sits in (secondary suppression)
        (2026, "keeping_safe", "8-11", 30, 20),
        (2026, "keeping_safe", "11-17", 40, 35),  # others 5: small -> hidden with its partner
        (2026, "keeping_safe", "all", 73, 57),
    ), "AREA")
    rows = {r["BAND"]: r for r in out.iter_rows(named=True)}
    assert rows["4-7"]["RESPONDENTS"] == SUPPRESSED
    assert rows["4-7"]["PERCENT"] == SUPPRESSED and rows["4-7"]["PERCENT_VALUE"] is None
    assert rows["8-11"]["RESPONDENTS"] == SUPPRESSED  # else 73 - 30 - 40 gives 3
    assert rows["11-17"]["PERCENT"] == SUPPRESSED  # 5 children not positive
    assert rows["all"]["RESPONDENTS"] == "73"
    assert rows["all"]["PERCENT"] == "78%"  # 57 positive and 16 others: both safe


def test_zero_is_not_disclosive():
    out = publish(results((2026, "education", "leaver", 12, 0),
                          (2026, "education", "all", 12, 0)), "AREA")
    assert out.filter(pl.col("BAND") == "all")["PERCENT"].item() == "0%"


def test_nothing_small_survives_in_any_published_count():
    out = publish(results(
        (2025, "complaints", "8-11", 7, 2), (2025, "complaints", "11-17", 9, 8),
        (2025, "complaints", "all", 16, 10),
    ), "AREA")
    for column in ("RESPONDENTS", "POSITIVE"):
        for cell in out[column]:
            assert cell == SUPPRESSED or not 0 < int(cell) <= 5
    # The 8-11 row has 2 positive (small): its percentage is hidden.
    assert out.filter(pl.col("BAND") == "8-11")["PERCENT"].item() == SUPPRESSED


def test_empty_results_publish_as_an_empty_frame():
    empty = results()
    assert publish(empty, "AREA").columns == [
        "YEAR", "AREA", "BAND", "RESPONDENTS", "POSITIVE", "PERCENT", "PERCENT_VALUE"]


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=4))
def test_no_small_count_can_be_read_or_worked_out(bands):
    names = ["4-7", "8-11", "11-17", "leaver"][: len(bands)]
    rows = [(2026, "bullying", n, p + o, p) for n, (p, o) in zip(names, bands, strict=True)
            if p + o > 0]
    if not rows:
        return
    total = (2026, "bullying", "all", sum(r[3] for r in rows), sum(r[4] for r in rows))
    out = publish(results(*rows, total), "AREA")
    shown = {r["BAND"]: r for r in out.iter_rows(named=True)}
    for row in shown.values():
        for column in ("RESPONDENTS", "POSITIVE"):
            cell = row[column]
            assert cell == SUPPRESSED or not 0 < int(cell) <= 5, (row, column)
        # The children not positive are not published, but must not follow from the two that are.
        if SUPPRESSED not in (row["RESPONDENTS"], row["POSITIVE"]):
            assert not 0 < int(row["RESPONDENTS"]) - int(row["POSITIVE"]) <= 5, row
    for column in ("RESPONDENTS", "POSITIVE"):
        if shown["all"][column] != SUPPRESSED:
            hidden = [b for b in names if b in shown and shown[b][column] == SUPPRESSED]
            assert len(hidden) != 1, (column, shown)  # one hidden band = total minus the rest
