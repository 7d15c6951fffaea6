"""A pooled table safe to publish: no count from 1 to 5 shown or recoverable from totals."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from carematters.stocktake import POOLED, pool, suppress_pooled
from carematters.stocktake.disclosure import Relations, protect, solved_cells
from carematters.stocktake.publish import FAMILIES, relations
from carematters.stocktake.suppression import suppress_counts

from .builders import results, row

CEASED = FAMILIES[0]


def test_a_small_numerator_is_hidden_and_another_so_the_total_does_not_give_it_away():
    table = suppress_pooled(pool(results(
        ("A", "NI62", 3, 100),   # 3 is small: hidden (primary)
        ("B", "NI62", 12, 80),   # smallest other non-zero numerator: hidden (secondary)
        ("C", "NI62", 20, 90),   # shown
    )))
    a, b, c = (row(table, la, "NI62") for la in "ABC")
    assert a["numerator"] is None and a["value"] is None and a["numerator_hidden"]
    assert b["numerator"] is None and b["value"] is None
    assert c["numerator"] == 20 and c["value"] is not None
    # Denominators are not small: shown. The pooled total (35 of 270) is published.
    assert (a["denominator"], b["denominator"]) == (100, 80)
    assert row(table, POOLED, "NI62")["numerator"] == 35
    # Ranks and quartiles only among the values shown
    assert (a["rank"], b["rank"], c["rank"]) == (None, None, 1)
    assert a["difference"] is None


def test_a_small_denominator_hides_the_rate():
    table = suppress_pooled(pool(results(
        ("A", "NI63", 0, 4),     # cohort of 4: denominator hidden, so the 0% is hidden too
        ("B", "NI63", 30, 40),   # smallest other denominator: hidden, and its rate
        ("C", "NI63", 60, 90),   # shown
    )))
    a, b = row(table, "A", "NI63"), row(table, "B", "NI63")
    assert a["numerator"] == 0 and a["denominator"] is None and a["value"] is None
    assert b["denominator"] is None and b["value"] is None
    # B's numerator (30) stays: alone it says nothing, and 0 is never hidden
    assert b["numerator"] == 30


def test_zero_is_shown_and_nothing_hidden_without_small_counts():
    table = suppress_pooled(pool(results(("A", "NI62", 0, 50), ("B", "NI62", 10, 60))))
    assert not table["value_hidden"].any()
    assert row(table, "A", "NI62")["value"] == 0


def test_a_small_pooled_total_hides_the_pooled_figure_everywhere():
    table = suppress_pooled(pool(results(("A", "NI62", 2, 50), ("B", "NI62", 1, 60))))
    # 3 children in all: the pooled numerator, value and its copy on each row are hidden
    pooled = row(table, POOLED, "NI62")
    assert pooled["numerator"] is None and pooled["value"] is None
    assert row(table, "A", "NI62")["pooled_value"] is None
    assert pooled["denominator"] == 110


def test_a_family_of_percentages_protects_the_shared_denominator():
    # A's children who ceased: 3 adopted (small), 40 returned home, 57 other; 100 in all.
    # Only one small cell in A's row: with the denominator published, another part must go
    # too, and then each column needs a second hidden cell.
    rows = [("A", "CEASED_ADOPTION", 3, 100), ("A", "CEASED_RETURN_HOME", 40, 100),
            ("A", "CEASED_OTHER", 57, 100),
            ("B", "CEASED_ADOPTION", 10, 90), ("B", "CEASED_RETURN_HOME", 50, 90),
            ("B", "CEASED_OTHER", 30, 90)]
    rows += [(la, ind, 0, den) for la, den in (("A", 100), ("B", 90))
             for ind in CEASED if ind not in ("CEASED_ADOPTION", "CEASED_RETURN_HOME",
                                               "CEASED_OTHER")]
    full = pool(results(*rows))
    table = suppress_pooled(full)
    # A rectangle: A's and B's adopted and returned home. Every row and column then has two
    # hidden cells, and the other reasons (57 and 30) stay shown.
    hidden = table.filter(pl.col("numerator_hidden"))
    assert sorted(zip(hidden["la"], hidden["indicator"], strict=True)) == [
        ("A", "CEASED_ADOPTION"), ("A", "CEASED_RETURN_HOME"),
        ("B", "CEASED_ADOPTION"), ("B", "CEASED_RETURN_HOME")]
    assert row(table, "A", "CEASED_OTHER")["numerator"] == 57
    _assert_safe(full, table)


def test_the_same_children_under_two_indicators_are_hidden_in_both():
    # ADOPTED (a count) and CEASED_ADOPTION's numerator are the same children
    frame = pl.concat([
        results(("A", "ADOPTED", 4, None), ("B", "ADOPTED", 9, None), ("C", "ADOPTED", 20, None),
                unit="count"),
        results(("A", "CEASED_ADOPTION", 4, 60), ("B", "CEASED_ADOPTION", 9, 70),
                ("C", "CEASED_ADOPTION", 20, 80)),
    ])
    table = suppress_pooled(pool(frame))
    for la in "AB":
        assert row(table, la, "ADOPTED")["value"] is None
        assert row(table, la, "CEASED_ADOPTION")["numerator"] is None


def test_the_audit_finds_cells_the_two_per_line_rule_misses():
    # Three sums over a triangle of hidden cells: a + b, a + c and b + c are each known from a
    # published total, so a, b and c can all be solved although every sum hides two cells.
    cells = {"a": 3, "b": 4, "c": 20, "p": 30, "q": 40, "r": 50,
             "T1": 37, "T2": 63, "T3": 74}
    sums = [(("a", "b", "p"), "T1"), (("a", "c", "q"), "T2"), (("b", "c", "r"), "T3")]
    lines = [(parts + (total,), total) for parts, total in sums]
    triangle = {"a", "b", "c"}
    assert solved_cells(cells, triangle, lines, []) == triangle
    hidden = protect(cells, list(cells), Relations(sums=sums))
    assert triangle < hidden  # the audit hid one more cell
    assert not solved_cells(cells, hidden, lines, [])


@settings(max_examples=60, deadline=None)
@given(st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 40)),
    min_size=2, max_size=5,
))
def test_no_small_count_leaks_from_random_stocktakes(authorities):
    """Each authority: adopted, returned home and other ceasings (a family with CEASED as its
    total), ADOPTED the same children as a count, and NI62 with small cohorts."""
    rows, counts, ni62 = [], [], []
    for i, (adopted, home, other) in enumerate(authorities):
        la = f"L{i}"
        ceased = adopted + home + other
        rows += [(la, "CEASED_ADOPTION", adopted, ceased), (la, "CEASED_RETURN_HOME", home, ceased),
                 (la, "CEASED_OTHER", other, ceased)]
        rows += [(la, ind, 0, ceased) for ind in CEASED
                 if ind not in ("CEASED_ADOPTION", "CEASED_RETURN_HOME", "CEASED_OTHER")]
        counts += [(la, "ADOPTED", adopted, None), (la, "CEASED", ceased, None)]
        ni62.append((la, "NI62", home % 4, home + 2))
    frame = pl.concat([results(*rows), results(*counts, unit="count"), results(*ni62)])
    full = pool(frame)
    _assert_safe(full, suppress_pooled(full))
    # and again with the authorities in two regions, each pooled too
    regions = {f"L{i}": ("North", "South")[i % 2] for i in range(len(authorities))}
    full = pool(frame, regions=regions)
    _assert_safe(full, suppress_pooled(full))


def _assert_safe(full: pl.DataFrame, published: pl.DataFrame, threshold: int = 5) -> None:
    true_cells, counts, found = relations(full)
    shown_cells, _, _ = relations(published)
    hidden = {k for k in true_cells if true_cells[k] is not None and shown_cells[k] is None}
    # 1. no shown count from 1 to the threshold, pooled rows included
    assert not [k for k in counts if k not in hidden and 0 < (true_cells[k] or 0) <= threshold]
    # 2. no shown value whose count is hidden
    for r in published.iter_rows(named=True):
        if r["value"] is not None and r["unit"] == "%":
            assert r["numerator"] is not None and r["denominator"] is not None
        if r["value"] is not None and r["unit"] == "count":
            assert r["numerator"] is not None
        if r["value"] is not None and r["unit"] == "days":  # an average shows both or neither
            assert r["numerator"] is not None and r["denominator"] is not None
    # 3. every sum line with a hidden cell has at least two, and no hidden cell is solvable
    sums = [(tuple(k for k in (*parts, total) if true_cells.get(k) is not None), total)
            for parts, total in found.sums]
    sums = [(line, total) for line, total in sums if total in line]
    for line, _ in sums:
        assert sum(k in hidden for k in line) != 1, line
    assert not solved_cells(true_cells, hidden, sums, found.equal)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=8))
def test_one_indicator_alone_agrees_with_suppress_counts(counts):
    """With no other table linked to it, a line of counts is suppressed as `suppress_counts`
    suppresses a line with a published total."""
    frame = results(*[(f"L{i}", "STARTED", n, None) for i, n in enumerate(counts)],
                    unit="count")
    table = suppress_pooled(pool(frame)).filter(pl.col("la") != POOLED)
    assert table["numerator_hidden"].to_list() == suppress_counts(counts)


@settings(max_examples=40, deadline=None)
@given(st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9), st.integers(1, 800)),
    min_size=2, max_size=5,
))
def test_no_small_count_leaks_through_age_bands_or_averages(authorities):
    """Care leavers aged 19, 20 and 21 (and 19-21 as their sum) in touch out of cohorts of
    3 each year, and A1 averages over small numbers of children."""
    rows, averages = [], []
    for i, (a19, a20, a21, days) in enumerate(authorities):
        la = f"L{i}"
        cohorts = {"CL19_IN_TOUCH": (a19, 9), "CL20_IN_TOUCH": (a20, 9),
                   "CL21_IN_TOUCH": (a21, 9)}
        cohorts["CL19_21_IN_TOUCH"] = (a19 + a20 + a21, 27)
        rows += [(la, ind, n, d) for ind, (n, d) in cohorts.items()]
        averages.append((la, "A1", float(days * (a19 + 1)), a19 + 1))
    frame = pl.concat([results(*rows), results(*averages, unit="days")])
    full = pool(frame)
    _assert_safe(full, suppress_pooled(full))


def test_a_pool_over_fewer_authorities_does_not_give_away_the_missing_one():
    # LAC_31MAR pools A, B and C; LAC_RATE (the same children) only B and C, A having no
    # population figure. Pooled LAC_31MAR minus pooled LAC_RATE would be A's 4 unless more
    # is hidden.
    frame = pl.concat([
        results(("A", "LAC_31MAR", 4, None), ("B", "LAC_31MAR", 50, None),
                ("C", "LAC_31MAR", 60, None), unit="count"),
        results(("B", "LAC_RATE", 50, 40_000), ("C", "LAC_RATE", 60, 45_000), unit="rate"),
    ])
    full = pool(frame)
    table = suppress_pooled(full)
    assert row(table, "A", "LAC_31MAR")["value"] is None
    _assert_safe(full, table)
    shown = [row(table, POOLED, ind)["numerator"] for ind in ("LAC_31MAR", "LAC_RATE")]
    assert None in shown  # one of the two pooled totals had to go


def test_a_region_total_does_not_give_away_its_one_small_authority():
    # North: A (3, small) and B (40); South: C (30) and D (25). Hiding A and the smallest
    # other authority nationally (D) would leave North's total giving A away: B goes too,
    # and then South needs a second hidden cell (C), or totals go.
    frame = results(("A", "NI62", 3, 100), ("B", "NI62", 40, 200), ("C", "NI62", 30, 150),
                    ("D", "NI62", 25, 120))
    full = pool(frame, regions={"A": "North", "B": "North", "C": "South", "D": "South"})
    table = suppress_pooled(full)
    assert row(table, "A", "NI62")["numerator"] is None
    north = [row(table, la, "NI62")["numerator_hidden"] for la in "AB"]
    assert north == [True, True] or row(table, "North", "NI62")["numerator"] is None
    _assert_safe(full, table)


def test_a_region_solved_through_the_same_children_elsewhere_is_protected():
    # LAC_31MAR: L0 6, L1 0, L2 1, L3 6, L4 1; region R1 = L2, L3, L4 (8 children).
    # LAC_RATE (the same children) only where a population is known: L1, L2, L4.
    # R1's rate numerator is L2 + L4 = R1's 8 minus L3's 6: with every cell of R1's own rate
    # sum hidden, a cell has to go in the LAC_31MAR sums reached through L2 and L4.
    lac = {"L0": 6, "L1": 0, "L2": 1, "L3": 6, "L4": 1}
    frame = pl.concat([
        results(*[(la, "LAC_31MAR", n, None) for la, n in lac.items()], unit="count"),
        results(*[(la, "LAC_RATE", lac[la], 1000) for la in ("L1", "L2", "L4")], unit="rate"),
    ])
    full = pool(frame, regions={"L2": "R1", "L3": "R1", "L4": "R1"})
    table = suppress_pooled(full)
    assert row(table, "R1", "LAC_RATE")["numerator"] is None
    _assert_safe(full, table)
