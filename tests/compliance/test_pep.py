"""T20 personal education plans: school days over Easter, one review per term, school age."""

from carematters.compliance import evaluate
from tests.compliance.helpers import care, d, episode, header, items_of


def test_initial_pep_then_one_review_per_term():
    data = care(
        Header=[header("E", "01/10/2014"), header("BABY", "01/01/2022")],
        Episodes=[episode("E", "20/03/2024"), episode("BABY", "20/03/2024")],
        PEPs=[
            {"CHILD": "E", "PEP_DATE": "18/04/2024", "KIND": "INIT"},
            {"CHILD": "E", "PEP_DATE": "15/10/2024", "KIND": "REV"},
        ],
    )
    assert items_of(evaluate(data, d("01/04/2025"), items=["T20"])) == [
        # 20 school days from Wed 20/03/2024 skip Good Friday and Easter Monday
        ("E", "T20", "19/04/2024", "18/04/2024", "done_on_time"),
        # summer 2024 began before the initial PEP was due, so it needs no separate review
        ("E", "T20", "31/12/2024", "15/10/2024", "done_on_time"),  # autumn 2024
        ("E", "T20", "31/03/2025", None, "overdue"),  # spring 2025: none
        ("E", "T20", "31/07/2025", None, "not_yet_due"),  # summer 2025 has begun
        # BABY is not of school age: no PEP items
    ]
