from carematters.voice import AREA_DOMAINS, AREAS, BANDS, DOMAINS, SCALES, SURVEY, band_for_age


def test_every_question_is_well_formed():
    keys = [q.key for q in SURVEY.questions]
    assert len(keys) == len(set(keys))
    for q in SURVEY.questions:
        assert q.domain in DOMAINS, q.key
        assert q.scale in SCALES, q.key
        assert q.bands and set(q.bands) <= set(BANDS), q.key
        assert q.positive(), q.key
        # A question checking a care-monitor area sits in one of that area's domains (§6.2).
        if q.area is not None:
            assert q.domain in AREA_DOMAINS[q.area], q.key


def test_every_area_and_domain_is_asked_of_every_school_age_band():
    for band in ("4-7", "8-11", "11-17"):
        asked = SURVEY.for_band(band)
        assert {q.domain for q in asked} == set(DOMAINS), band
    for band in ("8-11", "11-17"):
        assert {q.area for q in SURVEY.for_band(band)} - {None} == set(AREAS), band


def test_mapping_covers_every_area_with_known_domains():
    assert set(AREA_DOMAINS) == set(AREAS)
    assert all(set(d) <= set(DOMAINS) for d in AREA_DOMAINS.values())


def test_reversed_questions_count_the_opposite_answer_as_good():
    assert SURVEY.question("bullied").positive() == {"hardly"}
    assert SURVEY.question("young_unkind").positive() == {"no"}
    assert SURVEY.question("safe_home").positive() == {"yes"}


def test_bands_by_age():
    assert band_for_age(3) is None  # too young to answer for themselves
    assert band_for_age(4) == "4-7"
    assert band_for_age(7) == "4-7"
    assert band_for_age(8) == "8-11"
    assert band_for_age(10) == "8-11"
    assert band_for_age(11) == "11-17"  # [C] the bands overlap at 11: the older version
    assert band_for_age(17) == "11-17"
    assert band_for_age(18) == "leaver"
    assert band_for_age(16, care_leaver=True) == "leaver"
