"""Object permissions on a child, as `rules` predicates (docs/access.md explains each).

Access is role *and* relationship (DSPT Standard 4, "legitimate relationship"): a social worker
sees the children allocated to them, a team manager the team's children, an IRO the children they
review, education and health staff their own section for children looked after by their
authority. Analysts, directors, members and administrators have no child-level access at all.
`access.visible_children_q` is the same policy as a queryset filter; a test proves they agree.
"""

from __future__ import annotations

import rules

from carematters.web.accounts.models import Role

SECTIONS = (
    "identity", "placements", "plans", "reviews", "visits", "education", "health", "missing",
    "leaving_care", "adoption", "history", "audit",
)
CASE_SECTIONS = tuple(s for s in SECTIONS if s != "audit")


@rules.predicate
def same_authority(user, child) -> bool:
    return child is not None and user.authority_id is not None and (
        child.authority_id == user.authority_id
    )


@rules.predicate
def is_allocated_worker(user, child) -> bool:
    return user.role == Role.SOCIAL_WORKER and child.social_worker_id == user.pk


@rules.predicate
def manages_team_of(user, child) -> bool:
    return (
        user.role == Role.TEAM_MANAGER and user.team_id is not None
        and child.team_id == user.team_id
    )


@rules.predicate
def is_iro_for(user, child) -> bool:
    return user.role == Role.IRO and child.iro_id == user.pk


@rules.predicate
def is_looked_after(user, child) -> bool:
    return child.status == "looked_after"


@rules.predicate
def is_education_staff(user) -> bool:
    return user.role == Role.EDUCATION


@rules.predicate
def is_health_staff(user) -> bool:
    return user.role == Role.HEALTH


is_case_holder = is_allocated_worker | manages_team_of
has_relationship = same_authority & (
    is_case_holder | is_iro_for | ((is_education_staff | is_health_staff) & is_looked_after)
)

# What each relationship opens, section by section. Education and health staff see the child's
# name and age on the summary (identity) and only their own section.
VIEW_RULES = {section: same_authority & (is_case_holder | is_iro_for) for section in CASE_SECTIONS}
VIEW_RULES["identity"] = has_relationship
VIEW_RULES["education"] = same_authority & (
    is_case_holder | is_iro_for | (is_education_staff & is_looked_after)
)
VIEW_RULES["health"] = same_authority & (
    is_case_holder | is_iro_for | (is_health_staff & is_looked_after)
)
# "Who has seen this record" is for managers (and administrators through the audit report).
VIEW_RULES["audit"] = same_authority & manages_team_of

CHANGE_RULES = {section: same_authority & is_case_holder for section in CASE_SECTIONS}
CHANGE_RULES["history"] = rules.always_deny
CHANGE_RULES["audit"] = rules.always_deny
CHANGE_RULES["reviews"] = same_authority & (is_case_holder | is_iro_for)
CHANGE_RULES["education"] = same_authority & (
    is_case_holder | (is_education_staff & is_looked_after)
)
CHANGE_RULES["health"] = same_authority & (is_case_holder | (is_health_staff & is_looked_after))

rules.add_perm("children.view_child", has_relationship)
for _section in SECTIONS:
    rules.add_perm(f"children.view_{_section}", VIEW_RULES[_section])
    rules.add_perm(f"children.change_{_section}", CHANGE_RULES[_section])
