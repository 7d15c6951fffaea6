"""The sections of a child's record and the kinds of entry each holds (pages are generic)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from carematters.web.children import models as m


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    kinds: tuple[type[m.Record], ...]
    intro: str = ""


SECTION_PAGES: dict[str, Section] = {s.slug: s for s in (
    Section("placements", "Placements and legal status",
            (m.Episode, m.SocialWorkerEpisode, m.DeprivationOfLiberty, m.ParentPlacement,
             m.TemporaryApproval, m.SecureStay),
            "Each change of legal status or placement starts a new episode."),
    Section("plans", "Care plan and team around the child", (m.Plan, m.TeamMember, m.PledgeCommitment),
            "The plan names the people around the child and what each will do, and how the "
            "Pledge is kept for this child."),
    Section("reviews", "Reviews", (m.Review, m.IROAllocation, m.ReviewTrigger),
            "The IRO meets the child before each review and records their views in their words."),
    Section("visits", "Visits", (m.Visit, m.VisitRequest),
            "Record whether the child was seen, and seen alone, and every visit the child or "
            "carer asks for."),
    Section("education", "Education", (m.PEP, m.SchoolEnrolment, m.Attainment)),
    Section("health", "Health", (m.HealthAssessment, m.DentalCheck, m.SDQScore, m.Outcome)),
    Section("missing", "Missing from placement", (m.MissingEpisode,),
            "Offer a return interview after every missing episode."),
    Section("leaving_care", "Leaving care", (m.PathwayPlan, m.PAContact, m.CareLeaverOutcome)),
    Section("adoption", "Adoption", (m.PlacedForAdoption, m.Adoption)),
)}


def kind_slug(model: type[m.Record]) -> str:
    return slugify(model._meta.verbose_name)


def section_url_slug(section: str) -> str:
    return section.replace("_", "-")


def section_from_url(slug: str) -> Section | None:
    return SECTION_PAGES.get(slug.replace("-", "_"))


def kind_in(section: Section, slug: str) -> type[m.Record] | None:
    return next((k for k in section.kinds if kind_slug(k) == slug), None)
