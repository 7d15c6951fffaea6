"""Configurable intervals for the compliance clocks (spec §3, items marked [U] or [C]).

Every default below is the spec's figure; an authority that works to a stricter local standard
(say six-monthly dental checks for everyone) passes its own `ComplianceSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ComplianceSettings:
    #: An item not yet done whose due date is at most this many days ahead is "due_soon".
    due_soon_days: int = 14
    #: T1/T2/T15 accept a plan or assessment made up to this many days before the placement
    #: ("before the first placement, or if not practicable ...") [C].
    prepared_before_days: int = 28
    #: T1: care plan within 10 working days of the first placement (CPPCR reg 4(2)).
    care_plan_working_days: int = 10
    #: T2: placement plan within 5 working days of a placement (CPPCR reg 9) [U].
    placement_plan_working_days: int = 5
    #: T3: first review within 20 working days (CPPCR reg 33(1)).
    first_review_working_days: int = 20
    #: T4: second review within 3 months of the first (CPPCR reg 33(2)).
    second_review_months: int = 3
    #: T5: later reviews at most 6 months apart (CPPCR reg 33(2)).
    later_review_months: int = 6
    #: T6 [C]: an extra review whose trigger names no date is due this many working days after
    #: the trigger (the interval of a first review).
    extra_review_working_days: int = 20
    #: T7: short-break children: first review within 3 months of the first break [U].
    short_break_first_review_months: int = 3
    #: T7: a short-break series still needs reviews while a break happened this recently [C].
    short_break_live_months: int = 12
    #: T8: visit within 1 week of a placement (CPPCR reg 28(2)(a)).
    new_placement_visit_days: int = 7
    #: T9/T10: visits at most 6 weeks apart in a placement's first year and in short-term ones.
    visit_interval_days: int = 42
    #: T10: visits at most 3 months apart after the first year of a long-term placement.
    long_term_visit_months: int = 3
    #: T10 [C]: placement codes taken as "intended to last until 18" (long-term fostering).
    long_term_places: tuple[str, ...] = ("U1", "U4")
    #: T12/T13: weekly visits (days) while placed with a parent before the first review.
    weekly_visit_days: int = 7
    #: T12: after the first review, interim care order at home: at most 4 weeks apart.
    interim_order_home_visit_days: int = 28
    #: T14 [C]: a visit asked for by the child or carer is due this many working days after the
    #: request (the regulations say only "whenever reasonably requested").
    requested_visit_working_days: int = 5
    #: T15: initial health assessment ready for the first review (20 working days).
    initial_health_working_days: int = 20
    #: T16: review health assessments every 6 months under 5, every 12 months from 5.
    health_review_months_under_5: int = 6
    health_review_months: int = 12
    #: T17 [C]: dental check interval (statutory minimum 12 months; many LAs use 6) [U].
    dental_months: int = 12
    #: T19: SDQ yearly for ages 4 to 16 looked after for 12 months or more.
    sdq_months: int = 12
    sdq_min_age: int = 4
    sdq_max_age: int = 16
    #: T20: initial PEP within 20 school days (approximated as working days) [C].
    pep_initial_school_days: int = 20
    #: T20 [C]: PEPs for children of school age: age on 31 August from 4 (Reception) to 15 (Year 11).
    pep_min_age: int = 4
    pep_max_age: int = 15
    #: T21: needs assessment within 3 months of becoming an eligible child (CPPCR reg 42(1)).
    needs_assessment_months: int = 3
    #: T21 [C]: "13 weeks" of care since the 14th birthday, counted in days.
    eligible_days: int = 91
    #: T22 [C]: pathway plan within 10 working days of the needs assessment (local standard).
    pathway_plan_working_days: int = 10
    #: T23: pathway plan review at least every 6 months.
    pathway_review_months: int = 6
    #: T23/T25 [C]: support runs to 21, or to 25 when the young person is still in touch after 21.
    leaving_care_age: int = 21
    leaving_care_extended_age: int = 25
    #: T25 [U]: personal adviser contact at least every 8 weeks.
    pa_contact_days: int = 56
    #: T26: return home interview offered within 72 hours (date-level: 3 days).
    return_interview_days: int = 3
    #: T28/T32 [C]: a lapse that can still be put right in the record after the event (the
    #: consultation before a review not recorded either way; a ceasing decision not yet
    #: approved) stays on the to-do lists for this many days after it fell due, then is missed.
    record_catch_up_days: int = 90
    #: T29 [U]: IRO Handbook: review decisions circulated within 5 working days of the review,
    #: the full written record within 20 working days.
    review_decisions_working_days: int = 5
    review_record_working_days: int = 20
    #: T30: secure accommodation on welfare grounds without a court's authority: at most 72
    #: hours, together, in any 28 consecutive days (Children (Secure Accommodation) Regs 1991
    #: reg 10).
    secure_without_court_hours: int = 72
    secure_window_days: int = 28
    #: T31: police protection 72 hours, child assessment order 7 days, EPO 8 days.
    police_protection_days: int = 3
    assessment_order_days: int = 7
    emergency_protection_days: int = 8
    #: T31 [C]: an EPO may be extended once by up to 7 days; set 7 when extensions are common.
    emergency_protection_extension_days: int = 0
    #: T32: a decision to cease s20 accommodation needs a nominated officer's approval once the
    #: child has been accommodated for 20 working days or more (CPPCR reg 39).
    cease_s20_working_days: int = 20

    @classmethod
    def documented(cls) -> dict[str, object]:
        """Every setting and its default, for docs and the CLI's help."""
        return {f.name: f.default for f in fields(cls)}
