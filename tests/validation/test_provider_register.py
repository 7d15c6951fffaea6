"""Rules comparing the episode's Ofsted URN with the provider register (219, 221, 224, 227, 228,
229, 241, 1008), on a tiny hand-built register. Postcodes are real ones: OX1 1AA is in
Oxfordshire (DfE 931, the returning authority here), LS1 1AA in Leeds, YO1 7HH in York."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from carematters.data.caredata import CareData
from carematters.data.providers import empty, typed
from carematters.validation import validate
from tests.validation.test_engine import TEXT_CELLS, _text_frames
from tests.validation.util import rows

OXON = "931"

REGISTER = typed(pl.DataFrame({
    "URN": ["SC100001", "SC100002", "SC100003", "SC100003", "1234567", "SC100004", "SC100005"],
    "PLACE_CODES": ["K2", "K1/K2", "K3", "K3", "S1", "U1,U2,U3,U4,U5,U6", None],
    "PROVIDER_CODES": ["PR1/PR2", "PR4", "PR4", "PR4", "PR3", "PR4,PR5", None],
    "REG_END": [None, "31/12/2025", None, None, None, None, None],
    "POSTCODE": ["OX1 1AA", "ls1 1aa", "OX1 1AA", "LS1 1AA", "YO1 7HH", None, None],
    "LA_NAME": [None] * 7,
    "SOURCE": ["csv"] * 7,
}))


def ep(urn: str | None, place: str = "K2", provider: str | None = "PR1", *,
       decom: str = "01/05/2025", dec: str | None = None, post: str | None = "OX1 1AA",
       ls: str = "C2") -> dict:
    return {"CHILD": "1", "DECOM": decom, "DEC": dec, "LS": ls, "PLACE": place,
            "PLACE_PROVIDER": provider, "URN": urn, "PL_POST": post}


def flag(code: str, episodes: list[dict], **kwargs) -> list[int]:
    kwargs.setdefault("providers", REGISTER)
    return rows(code, Episodes=episodes, **kwargs)


@pytest.mark.parametrize("code", ["219", "221", "224", "227", "228", "229", "241"])
def test_without_a_register_nothing_is_reported(code):
    eps = [ep("SC999999", "U1", "PR2", dec="01/01/2026", post="LS1 1AA")]  # wrong everywhere
    assert flag(code, eps, providers=None, la=OXON) == []


def test_1008_urn_must_be_in_the_register():
    eps = [
        ep("SC100001"),               # pass: in the register
        ep(" SC100001 "),             # pass: surrounding spaces do not matter
        ep("XXXXXXX"),                # pass: not Ofsted-registered
        ep(None),                     # pass: no URN (218 asks for one)
        ep("SC999999"),               # fail: well formed but unknown to Ofsted
        ep("SC12345"),                # fail: malformed (and unknown)
        ep("1234567", "S1", "PR3"),   # pass: a school's 7-digit URN in the register
    ]
    assert flag("1008", eps) == [5, 6]


def test_1008_without_a_register_checks_the_shape_only():
    eps = [ep("SC999999"), ep("SC12345"), ep("XXXXXXX")]  # pass, fail: too short, pass
    assert flag("1008", eps, providers=None) == [2]


def test_219_placement_type_must_be_one_the_register_allows():
    eps = [
        ep("SC100001", "K2"),         # pass
        ep("SC100001", "K1"),         # fail: a children's home, not a secure one
        ep("SC100002", "K1"),         # pass: listed as K1/K2
        ep("SC100004", "U3", "PR4"),  # pass: codes given with commas
        ep("SC100004", "K2", "PR4"),  # fail: a fostering agency
        ep("SC100005", "K2"),         # pass: the register gives no codes to compare with
        ep("SC999999", "K2"),         # pass: unknown URN is 1008's
        ep("XXXXXXX", "K2"),          # pass: not registered
        ep("SC100001", None),         # pass: no placement type (146)
    ]
    assert flag("219", eps) == [2, 5]


def test_224_provider_must_be_one_the_register_allows():
    eps = [
        ep("SC100001", "K2", "PR1"),  # pass
        ep("SC100001", "K2", "PR2"),  # pass: PR1/PR2
        ep("SC100001", "K2", "PR4"),  # fail
        ep("SC100002", "K2", "PR5"),  # fail
        ep("SC100002", "K2", None),   # pass: no provider (526)
        ep("SC100005", "K2", "PR4"),  # pass: no codes in the register
    ]
    assert flag("224", eps) == [3, 4]


def test_227_episode_cannot_start_once_registration_ended():
    eps = [
        ep("SC100002", decom="30/12/2025", provider="PR4"),  # pass: the day before it ended
        ep("SC100002", decom="31/12/2025", provider="PR4"),  # fail: the day it ended
        ep("SC100002", decom="01/02/2026", provider="PR4"),  # fail: after
        ep("SC100001", decom="01/02/2026"),                  # pass: still registered
    ]
    assert flag("227", eps) == [2, 3]


def test_228_episode_cannot_run_past_the_end_of_registration():
    eps = [
        ep("SC100002", dec="31/12/2025", provider="PR4"),  # pass: ended on the day it closed
        ep("SC100002", dec="01/01/2026", provider="PR4"),  # fail: the day after
        ep("SC100002", dec=None, provider="PR4"),          # fail: open at 31 March, closed before
        ep("SC100001", dec=None),                          # pass: never closed
    ]
    assert flag("228", eps) == [2, 3]


def test_228_open_episode_passes_when_registration_ends_on_31_march():
    register = REGISTER.with_columns(
        pl.when(pl.col("URN") == "SC100002").then(pl.date(2026, 3, 31))
        .otherwise(pl.col("REG_END")).alias("REG_END"))
    eps = [ep("SC100002", dec=None, provider="PR4")]  # pass: registered on 31 March
    assert flag("228", eps, providers=register) == []


def test_221_placement_postcode_must_be_the_settings():
    eps = [
        ep("SC100001", "K2", post="ox1 1aa"),            # pass: same postcode, any spacing
        ep("SC100001", "K2", post="LS1 1AA"),            # fail
        ep("SC100003", "K3", "PR4", post="LS1 1AA"),     # pass: one of its premises
        ep("1234567", "S1", "PR3", post="OX1 1AA"),      # fail: the school is in York
        ep("SC100001", "K2", post="LS1 1AA", ls="V3"),   # pass: short break (214's)
        ep("SC100004", "U1", "PR4", post="LS1 1AA"),     # pass: foster carers live elsewhere
        ep("SC100001", "K2", post=None),                 # pass: no postcode (392c's)
    ]
    assert flag("221", eps) == [2, 4]


def test_221_semi_independent_living_counts_in_2023_24_only():
    h5 = REGISTER.with_columns(pl.lit(["H5"]).alias("PLACE_CODES"))
    eps = [ep("SC100001", "H5", "PR4", post="LS1 1AA")]  # fail in 2024: H5 at the setting
    assert flag("221", eps, providers=h5, year=2024) == [1]
    assert flag("221", eps, providers=h5, year=2023) == []


def test_229_own_and_other_authority_providers():
    eps = [
        ep("SC100001", "K2", "PR1"),                 # pass: own home in Oxfordshire
        ep("SC100001", "K2", "PR2"),                 # fail: "other authority" but in Oxfordshire
        ep("SC100002", "K2", "PR1", post="LS1 1AA"),  # fail: "own" but in Leeds
        ep("SC100002", "K2", "PR2", post="LS1 1AA"),  # pass
        ep("SC100003", "K3", "PR1"),                 # pass: K3 is left out from 2025-26
        ep("SC100004", "U1", "PR1"),                 # pass: setting not located
        ep("SC100002", "K2", "PR4", post="LS1 1AA"),  # pass: private
    ]
    assert flag("229", eps, la=OXON) == [2, 3]


def test_229_needs_the_returning_authority_and_looks_at_k3_before_2026():
    eps = [ep("SC100003", "K3", "PR2")]  # premises in Oxfordshire and Leeds: passes either way
    assert flag("229", eps, la=OXON, year=2025) == []
    eps = [ep("SC100002", "K2", "PR1", post="LS1 1AA")]  # would fail, but no authority given
    assert flag("229", eps) == []


def test_241_supported_accommodation_where_the_provider_has_premises():
    register = pl.concat([REGISTER, typed(pl.DataFrame({
        "URN": ["SC100006"], "PLACE_CODES": ["K3"], "PROVIDER_CODES": ["PR4"],
        "REG_END": [None], "POSTCODE": ["YO1 7HH"], "LA_NAME": [None], "SOURCE": ["csv"]}))])
    eps = [
        ep("SC100003", "K3", "PR4", post="OX1 1AA"),  # pass: premises in Oxfordshire
        ep("SC100003", "K3", "PR4", post="LS1 1AA"),  # pass: and in Leeds
        ep("SC100006", "K3", "PR4", post="OX1 1AA"),  # fail: its premises are in York
        ep("SC100006", "K3", "PR4", post=None),       # pass: no placement postcode
        ep("SC100002", "K2", "PR4", post="OX1 1AA"),  # pass: not K3
    ]
    assert flag("241", eps, providers=register, la=OXON) == [3]
    assert flag("241", eps, providers=register, year=2025) == []  # not in force before 2025-26


REGISTER_RULES = ["219", "221", "224", "227", "228", "229", "241", "1008"]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT_CELLS)
def test_register_rules_never_raise_on_text_input(cells):
    data = _text_frames(cells)
    for register in (REGISTER, empty()):
        found = validate(data, year=2026, la=OXON, rules=REGISTER_RULES, providers=register)
        assert found.rule_errors.height == 0, found.rule_errors["message"].to_list()


def test_register_rules_run_on_an_empty_return():
    found = validate(CareData(), year=2026, la=OXON, rules=REGISTER_RULES, providers=REGISTER)
    assert found.rule_errors.height == 0 and len(found) == 0
