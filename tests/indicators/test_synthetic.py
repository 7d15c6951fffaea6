"""A synthetic authority gives figures in the ranges England has seen (spec §2.11 and the
benchmarks quoted in §2.1-§2.10). Ranges are wide on purpose: they catch a broken definition
(a cohort that is empty or everyone), not a drift of a few points."""

import pytest

from carematters.indicators import compute, results_frame
from carematters.synth import generate

PLAUSIBLE = {
    "NI62": (3, 20),  # about 10% with 3+ placements
    "NI62_2Y": (10, 40),  # 23% over two years
    "NI63": (40, 85),  # 68-69%
    "NI58": (10, 18),  # mean SDQ about 14
    "NI58_CONCERN": (20, 55),  # 35-40% cause for concern
    "NI58_COMPLETION": (50, 100),
    "OC2_HEALTH_ASSESSMENT": (70, 100),  # 89-91%
    "OC2_DEVELOPMENT": (70, 100),  # 88%
    "OC2_CONVICTED": (0, 10),  # 2-3%
    "A1": (250, 800),  # 486 days (2015-18)
    "A2": (30, 400),  # 190-234 days
    "CEASED_ADOPTION": (2, 20),  # 2,980 of 33,620 in 2024: 9%
    "PLACE_FOSTER": (40, 80),  # about 70% fostered, kinship included
    "SI_PLACEMENT_2PLUS": (3, 20),  # about 1 in 10
    "CL19_21_EET": (25, 80),
}


@pytest.mark.slow
def test_synthetic_authority_is_in_plausible_ranges():
    synthetic = generate(6000, 3, seed=11)
    data = synthetic.authority(synthetic.authorities[0])
    results = results_frame(compute(data, data.years[-1], ids=list(PLAUSIBLE)))
    values = dict(zip(results["indicator"], results["value"], strict=True))
    outside = {k: v for k, v in values.items()
               if v is None or not PLAUSIBLE[k][0] <= v <= PLAUSIBLE[k][1]}
    assert not outside, outside
