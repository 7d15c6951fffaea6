"""Record ↔ return: the importer loads CareData all or nothing; the exporter gives it back."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from carematters.data import CareData, table
from carematters.web.accounts.models import AuditEvent, Authority
from carematters.web.children import models as m
from carematters.web.children.exporter import export_caredata
from carematters.web.children.importer import ImportFailed, import_caredata

D = date


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    schema = table(name).polars_schema()
    return pl.DataFrame([{col: row.get(col) for col in schema} for row in rows], schema=schema)


def return_2025() -> CareData:
    """A small 2025 return. A: in care all year, went missing, seen alone on visits.
    B: started in the year from a previous SGO, UASC, placed for adoption, adopted in March.
    C: care leaver appearing only in OC3."""
    a, b, c = D(2010, 6, 15), D(2021, 2, 1), D(2006, 9, 9)
    return CareData({
        "Header": frame("Header", [
            {"CHILD": "A1", "SEX": "F", "DOB": a, "ETHNIC": "WBRI", "UPN": "A123456789012", "MOTHER": 0},
            {"CHILD": "B2", "SEX": "M", "DOB": b, "ETHNIC": "BAFR", "UPN": "UN1"},
            {"CHILD": "C3", "SEX": "M", "DOB": c, "ETHNIC": "WBRI", "UPN": "UN2"},
        ]),
        "Episodes": frame("Episodes", [
            # A1: open all year, a change of placement in October (X1 then P).
            {"CHILD": "A1", "DECOM": D(2022, 3, 1), "RNE": "S", "LS": "C2", "CIN": "N1",
             "PLACE": "U3", "PLACE_PROVIDER": "PR1", "DEC": D(2024, 10, 1), "REC": "X1",
             "REASON_PLACE_CHANGE": "CARPL", "HOME_POST": "AB1 2CD", "PL_POST": "AB3 4EF"},
            {"CHILD": "A1", "DECOM": D(2024, 10, 1), "RNE": "P", "LS": "C2", "CIN": "N1",
             "PLACE": "U1", "PLACE_PROVIDER": "PR1", "HOME_POST": "AB1 2CD", "PL_POST": "AB5 6GH"},
            # B2: started in May, adopted in March.
            {"CHILD": "B2", "DECOM": D(2024, 5, 2), "RNE": "S", "LS": "E1", "CIN": "N1",
             "PLACE": "A5", "PLACE_PROVIDER": "PR1", "DEC": D(2025, 3, 20), "REC": "E11"},
        ]),
        "Reviews": frame("Reviews", [
            {"CHILD": "A1", "DOB": a, "REVIEW": D(2024, 9, 1), "REVIEW_CODE": "PN1"},
            {"CHILD": "B2", "DOB": b, "REVIEW": D(2024, 5, 30), "REVIEW_CODE": "PN0"},
        ]),
        "ReviewRecords": frame("ReviewRecords", [
            {"CHILD": "A1", "REVIEW": D(2024, 9, 1), "DECISIONS_SENT": D(2024, 9, 5),
             "RECORD_SENT": D(2024, 9, 20), "IRO_CONSULTED": 1},
            # B2: decisions sent, the full record not yet
            {"CHILD": "B2", "REVIEW": D(2024, 5, 30), "DECISIONS_SENT": D(2024, 6, 3)},
        ]),
        # The approval that went with B2's care ending (the record keeps it whatever the LS).
        "CareEndings": frame("CareEndings", [
            {"CHILD": "B2", "DEC": D(2025, 3, 20), "CEASE_APPROVED": D(2025, 3, 18)},
        ]),
        "UASC": frame("UASC", [{"CHILD": "B2", "SEX": "M", "DOB": b}]),
        "PrevPerm": frame("PrevPerm", [
            {"CHILD": "B2", "DOB": b, "PREV_PERM": "P1", "LA_PERM": "999", "DATE_PERM": "zz/05/2023"},
        ]),
        "PlacedAdoption": frame("PlacedAdoption", [{"CHILD": "B2", "DOB": b, "DATE_PLACED": D(2024, 7, 1)}]),
        "AD1": frame("AD1", [
            {"CHILD": "B2", "DOB": b, "DATE_INT": D(2024, 7, 1), "DATE_MATCH": D(2024, 11, 1),
             "FOSTER_CARE": 0, "NB_ADOPTR": 2, "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"},
        ]),
        "Missing": frame("Missing", [
            {"CHILD": "A1", "DOB": a, "MISSING": "M", "MIS_START": D(2024, 12, 1), "MIS_END": D(2024, 12, 2)},
        ]),
        "ReturnInterviews": frame("ReturnInterviews", [
            {"CHILD": "A1", "MIS_START": D(2024, 12, 1), "RHI_OFFERED": D(2024, 12, 3),
             "RHI_DATE": D(2024, 12, 4), "RHI_ACCEPTED": 1},
        ]),
        "OC2": frame("OC2", [
            {"CHILD": "A1", "DOB": a, "SDQ_SCORE": 14, "CONVICTED": 0, "HEALTH_CHECK": 1,
             "IMMUNISATIONS": 1, "TEETH_CHECK": 1, "HEALTH_ASSESSMENT": 1, "SUBSTANCE_MISUSE": 0},
        ]),
        "OC3": frame("OC3", [{"CHILD": "C3", "DOB": c, "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "T1"}]),
        "SWEpisodes": frame("SWEpisodes", [
            {"CHILD": "A1", "DOB": a, "SW_ID": "SW123456", "SW_DECOM": D(2022, 3, 1), "SW_REASON": "MANAGE"},
        ]),
        "Visits": frame("Visits", [
            {"CHILD": "A1", "VISIT_DATE": D(2024, 11, 5), "SW_ID": "SW123456", "VISIT_KIND": "STAT",
             "SEEN": 1, "SEEN_ALONE": 1},
        ]),
        "HealthAssessments": frame("HealthAssessments", [
            {"CHILD": "A1", "ASSESSMENT_DATE": D(2024, 8, 1), "KIND": "RHA", "IMMUNISATIONS_UP_TO_DATE": 1},
        ]),
        "Plans": frame("Plans", [{"CHILD": "A1", "PLAN_DATE": D(2024, 9, 1), "PLAN_TYPE": "CARE"}]),
        # The records behind T6, T11, T12, T14 and T30 (see test_the_newer_clocks_run_from_the_record).
        "ReviewTriggers": frame("ReviewTriggers", [
            {"CHILD": "A1", "TRIGGER_DATE": D(2024, 8, 20), "TRIGGER": "IRO"},
        ]),
        "ParentPlacements": frame("ParentPlacements", [{"CHILD": "A1", "PLACED": D(2024, 10, 1)}]),
        # A1's first placement was with a relative approved temporarily until April 2024 (T12).
        "TemporaryApprovals": frame("TemporaryApprovals", [
            {"CHILD": "A1", "PLACED": D(2022, 3, 1), "APPROVED": D(2024, 4, 20)},
        ]),
        "VisitRequests": frame("VisitRequests", [
            {"CHILD": "A1", "REQUEST_DATE": D(2024, 11, 1), "REQUESTED_BY": "CHILD",
             "NOT_REASONABLE": 0},
        ]),
        # Summer time: the record stores 08:30 UTC, the return says 09:30 as the clock did.
        "SecureStays": frame("SecureStays", [
            {"CHILD": "A1", "SECURE_START": datetime(2024, 7, 6, 9, 30),
             "SECURE_END": datetime(2024, 7, 8, 10, 0), "GROUNDS": "WELFARE"},
        ]),
    }, la="999", years=(2025,), source="hand-built 2025 return")


@pytest.fixture
def authority(db):
    return Authority.objects.create(code="999", name="Northshire")


def test_export_of_an_imported_return_equals_the_return(authority):
    data = return_2025()
    report = import_caredata(authority, data)
    assert report.children == 3
    exported = export_caredata(authority, 2025, tables=data.tables)
    for name in data.tables:  # table by table first, so a failure names the table
        assert CareData({name: exported[name]}).equals(CareData({name: data[name]})), name
    assert exported.equals(data)


def test_import_sets_the_record_up(authority):
    import_caredata(authority, return_2025())
    a1 = m.Child.objects.get(child_id="A1")
    assert a1.status == "looked_after"
    assert a1.visits.get().seen_alone is True
    assert m.Child.objects.get(child_id="B2").uasc is True
    review = a1.reviews.get()
    assert (review.decisions_sent, review.record_sent) == (D(2024, 9, 5), D(2024, 9, 20))
    assert review.iro_consulted is True
    b2_episode = m.Child.objects.get(child_id="B2").episodes.get()
    assert b2_episode.cease_approved == D(2025, 3, 18)
    assert m.Child.objects.get(child_id="C3").status == "closed"  # no episodes recorded here
    assert AuditEvent.objects.filter(action="import").count() == 3


def test_the_newer_clocks_run_from_the_record(authority):
    from carematters.compliance import evaluate
    from tests.compliance.helpers import items_of

    import_caredata(authority, return_2025())
    stay = m.SecureStay.objects.get()
    assert stay.secure_start.isoformat() == "2024-07-06T08:30:00+00:00"
    record = export_caredata(authority, 2025)
    items = evaluate(record, D(2025, 3, 31), items=["T6", "T11", "T14", "T30"])
    assert items_of(items) == [
        # 48 hours 30 minutes: the 72 hours would have run out at 09:30 on 09/07
        ("A1", "T30", "09/07/2024", "08/07/2024", "done_on_time"),
        # IRO asked on Tue 20/08/2024: 20 working days (26 August a bank holiday) -> 18/09
        ("A1", "T6", "18/09/2024", "01/09/2024", "done_on_time"),
        # placed with a parent before the assessment on 01/10, after the period's first review
        ("A1", "T11", "08/10/2024", "05/11/2024", "done_late"),
        # asked on Friday 01/11/2024: visited Tuesday 05/11, within 5 working days (08/11)
        ("A1", "T14", "08/11/2024", "05/11/2024", "done_on_time"),
        ("A1", "T11", "17/12/2024", None, "overdue"),  # 05/11 + 6 weeks
    ]


def test_importing_the_same_return_twice_changes_nothing(authority):
    import_caredata(authority, return_2025())
    counts = {model.__name__: model.objects.count() for model in m.RECORD_MODELS}
    import_caredata(authority, return_2025())
    assert {model.__name__: model.objects.count() for model in m.RECORD_MODELS} == counts


def test_a_later_return_closes_an_episode_instead_of_duplicating_it(authority):
    data = return_2025()
    import_caredata(authority, data)
    episodes = data["Episodes"].with_columns(
        pl.when(pl.col("DECOM") == D(2024, 10, 1)).then(pl.lit(D(2025, 6, 1))).otherwise(pl.col("DEC")).alias("DEC"),
        pl.when(pl.col("DECOM") == D(2024, 10, 1)).then(pl.lit("E4A")).otherwise(pl.col("REC")).alias("REC"),
    )
    import_caredata(authority, data.with_tables(Episodes=episodes))
    assert m.Episode.objects.filter(child__child_id="A1").count() == 2
    assert m.Episode.objects.get(child__child_id="A1", decom=D(2024, 10, 1)).rec == "E4A"
    # The 2025 return, built now, still knows nothing after 31 March 2025.
    assert export_caredata(authority, 2025, tables=data.tables).equals(data)


def test_a_bad_file_leaves_the_database_unchanged(authority):
    import_caredata(authority, return_2025())
    before = ({model.__name__: model.objects.count() for model in (m.Child, *m.RECORD_MODELS)},
              AuditEvent.objects.count())
    data = return_2025()
    bad = data.with_tables(
        Header=pl.concat([data["Header"], frame("Header", [
            {"CHILD": "NEW", "SEX": "Q", "DOB": D(2015, 1, 1), "ETHNIC": "WBRI", "UPN": "UN1"}])]),
        Reviews=data["Reviews"].with_columns(pl.lit("XX9").alias("REVIEW_CODE")),
    )
    with pytest.raises(ImportFailed) as failure:
        import_caredata(authority, bad)
    problems = {(p.table, p.column) for p in failure.value.problems}
    assert ("Header", "sex") in problems and ("Reviews", "review_code") in problems
    after = ({model.__name__: model.objects.count() for model in (m.Child, *m.RECORD_MODELS)},
             AuditEvent.objects.count())
    assert after == before
    assert not m.Child.objects.filter(child_id="NEW").exists()


def test_rows_for_a_child_missing_from_the_header_are_refused(authority):
    data = return_2025()
    with pytest.raises(ImportFailed) as failure:
        import_caredata(authority, data.with_tables(Header=data["Header"].filter(pl.col("CHILD") != "A1")))
    assert any(p.column == "CHILD" and p.table == "Episodes" for p in failure.value.problems)
    assert m.Child.objects.count() == 0


def test_export_before_2025_writes_sex_as_1_and_2(authority):
    import_caredata(authority, return_2025())
    assert set(export_caredata(authority, 2024, tables=["Header", "Episodes"])["Header"]["SEX"]) <= {"1", "2"}


def test_round_trip_of_synthetic_returns(authority):
    """Every table of a generated return survives record → return unchanged, year by year."""
    from carematters.synth import generate

    synthetic = generate(40, 3, seed=1)
    for (_la, year), data in sorted(synthetic.returns.items()):
        place = Authority.objects.create(code=f"S{year}", name=f"Synthetic {year}")
        import_caredata(place, data)
        exported = export_caredata(place, year, tables=data.tables)
        for name in data.tables:
            assert CareData({name: exported[name]}).equals(CareData({name: data[name]})), (year, name)
