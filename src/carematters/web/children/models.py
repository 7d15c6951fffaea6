"""The child's record. Each record model names the 903 or extension table it feeds and maps
its columns, so the importer and exporter are generic (one declaration, many uses)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from carematters.web.accounts.models import Authority, Team
from carematters.web.children.fields import CODE_LISTS, CodeField

USER = settings.AUTH_USER_MODEL


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user) -> ChildQuerySet:
        """The children `user` may open; agrees with user.has_perm("children.view_child", c)."""
        from carematters.web.children.access import visible_children_q

        return self.filter(visible_children_q(user))


class Tracked(models.Model):
    """Remembers the values loaded from the database so that saves can be audited as diffs."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def changed_fields(self) -> dict[str, list]:
        loaded = getattr(self, "_loaded", {})
        changes = {}
        for field in self._meta.concrete_fields:
            new = field.value_from_object(self)
            old = loaded.get(field.attname)
            if field.attname in loaded and old == new:
                continue
            if field.attname in ("created_at", "updated_at", "id"):
                continue
            changes[field.attname] = [_plain(old), _plain(new)]
        return changes


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


class Child(Tracked):
    class Status(models.TextChoices):
        LOOKED_AFTER = "looked_after", "Looked after"
        CARE_LEAVER = "care_leaver", "Care leaver"
        CLOSED = "closed", "No longer looked after"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="children")
    child_id = models.CharField(
        "child identifier", max_length=20, help_text="The authority's own identifier (CHILD)",
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    dob = models.DateField("date of birth")
    sex = CodeField(list_name="sex")
    ethnicity = CodeField(list_name="ethnicity")
    upn = models.CharField(
        "unique pupil number", max_length=13, blank=True, help_text="13 characters, or UN1 to UN5",
    )
    disability = models.CharField(max_length=300, blank=True, help_text="In plain words")
    uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased = models.DateField("date UASC status ceased", null=True, blank=True)
    mother = models.BooleanField("is a mother", null=True, blank=True)
    mc_dob = models.DateField("date of birth of mother's first child", null=True, blank=True)
    prev_perm = CodeField("previous permanence", list_name="previous_permanence", blank=True)
    la_perm = models.CharField("authority that made the previous order", max_length=10, blank=True)
    date_perm = models.CharField(
        "date of previous permanence", max_length=10, blank=True, help_text="dd/mm/yyyy; zz for unknown parts",
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    social_worker = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="allocated_children",
    )
    iro = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviewed_children",
        verbose_name="independent reviewing officer",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.LOOKED_AFTER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    SECTION: ClassVar[str] = "identity"

    class Meta:
        unique_together = [("authority", "child_id")]
        ordering = ["family_name", "given_name", "child_id"]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        full = f"{self.given_name} {self.family_name}".strip()
        return full or f"Child {self.child_id}"

    @property
    def child(self) -> Child:
        return self

    def status_for(self, has_open_episode: bool, last_ended) -> str:
        """Looked after while an episode is open; a care leaver after ceasing at 16 or older."""
        if has_open_episode:
            return self.Status.LOOKED_AFTER
        if last_ended is not None and _age(self.dob, last_ended) >= 16:
            return self.Status.CARE_LEAVER
        return self.Status.CLOSED

    def refresh_status(self) -> None:
        episodes = list(self.episodes.order_by("decom"))
        status = self.status_for(any(e.dec is None for e in episodes),
                                 episodes[-1].dec if episodes else None)
        if status != self.status:
            self.status = status
            self.save(update_fields=["status"])


def _age(dob, on) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class Record(Tracked):
    """A dated entry in a child's record, belonging to one section and one 903 table."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SECTION: ClassVar[str]
    TABLE: ClassVar[str | None] = None
    COLUMNS: ClassVar[dict[str, str]] = {}
    DATE_FIELD: ClassVar[str]
    TITLE: ClassVar[str]

    class Meta:
        abstract = True

    @property
    def when(self):
        return getattr(self, self.DATE_FIELD)

    def headline(self) -> str:
        return self.TITLE


class Episode(Record):
    decom = models.DateField("date episode began")
    rne = CodeField("reason for new episode", list_name="reason_new_episode")
    ls = CodeField("legal status", list_name="legal_status")
    cin = CodeField("category of need", list_name="category_of_need")
    place = CodeField("placement", list_name="placement")
    place_provider = CodeField("placement provider", list_name="placement_provider", blank=True)
    dec = models.DateField("date episode ceased", null=True, blank=True)
    rec = CodeField("reason episode ceased", list_name="reason_episode_ceased", blank=True)
    reason_place_change = CodeField(
        "reason for placement change", list_name="reason_place_change", blank=True,
    )
    home_post = models.CharField("home postcode", max_length=8, blank=True)
    pl_post = models.CharField("placement postcode", max_length=8, blank=True)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    cease_approved = models.DateField(
        "decision to cease approved", null=True, blank=True,
        help_text="For a child accommodated under section 20 for 20 working days or more: the day "
                  "a nominated officer approved the decision to stop looking after them (CPPCR "
                  "2010 reg 39). The decision takes effect only once approved.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "placements", "Episodes", "decom", "Episode began"
    COLUMNS = {
        "DECOM": "decom", "RNE": "rne", "LS": "ls", "CIN": "cin", "PLACE": "place",
        "PLACE_PROVIDER": "place_provider", "DEC": "dec", "REC": "rec",
        "REASON_PLACE_CHANGE": "reason_place_change", "HOME_POST": "home_post",
        "PL_POST": "pl_post", "URN": "urn",
    }
    #: The extension table CareEndings (compliance T32).
    ENDING_COLUMNS = {"DEC": "dec", "CEASE_APPROVED": "cease_approved"}

    class Meta:
        ordering = ["decom"]

    def headline(self) -> str:
        return f"Episode began: {self.get_ls_display()}, {self.get_place_display()}"


class Review(Record):
    review_date = models.DateField("date of review")
    review_code = CodeField("how the child took part", list_name="review_participation")
    iro = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    child_views = models.TextField("the child's views, in their words", blank=True)
    decisions = models.TextField("decisions and recommendations", blank=True)
    decisions_sent = models.DateField(
        "decisions circulated", null=True, blank=True,
        help_text="The day the review's decisions went out; the IRO Handbook expects this "
                  "within 5 working days of the review.",
    )
    record_sent = models.DateField(
        "full record circulated", null=True, blank=True,
        help_text="The day the full written record of the review went out; the IRO Handbook "
                  "expects this within 20 working days of the review.",
    )

    iro_consulted = models.BooleanField(
        "IRO spoke to the child before the review", null=True, blank=True,
        help_text="Yes if the IRO spoke to the child in private about the review beforehand, or "
                  "the child, old enough to decide, declined (CPPCR 2010 reg 36). Leave blank "
                  "for a child too young to be consulted.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "reviews", "Reviews", "review_date", "Review held"
    COLUMNS = {"REVIEW": "review_date", "REVIEW_CODE": "review_code"}
    #: The extension table ReviewRecords: what followed the review (compliance T28/T29).
    RECORD_COLUMNS = {"REVIEW": "review_date", "DECISIONS_SENT": "decisions_sent",
                      "RECORD_SENT": "record_sent", "IRO_CONSULTED": "iro_consulted"}

    class Meta:
        ordering = ["-review_date"]


class Visit(Record):
    visit_date = models.DateField("date of visit")
    worker = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sw_id = models.CharField("social worker number", max_length=20, blank=True)
    kind = CodeField("kind of visit", list_name="visit_kind", blank=True)
    seen = models.BooleanField("child seen", null=True, blank=True)
    seen_alone = models.BooleanField("child seen alone", null=True, blank=True)
    child_views = models.TextField("the child's views, in their words", blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "visits", "Visits", "visit_date", "Visit"
    COLUMNS = {"VISIT_DATE": "visit_date", "SW_ID": "sw_id", "VISIT_KIND": "kind",
               "SEEN": "seen", "SEEN_ALONE": "seen_alone"}

    class Meta:
        ordering = ["-visit_date"]

    def headline(self) -> str:
        alone = " (seen alone)" if self.seen_alone else ""
        return f"Visit{alone}"


class Plan(Record):
    plan_date = models.DateField("date of plan")
    plan_type = CodeField("kind of plan", list_name="plan_kind")
    summary = models.TextField("what the plan is for", blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "plans", "Plans", "plan_date", "Plan"
    COLUMNS = {"PLAN_DATE": "plan_date", "PLAN_TYPE": "plan_type"}

    class Meta:
        ordering = ["-plan_date"]

    def __str__(self) -> str:
        return f"{self.get_plan_type_display()} of {self.plan_date:%d/%m/%Y}"

    def headline(self) -> str:
        return CODE_LISTS["plan_kind"].label(self.plan_type).capitalize()


class TeamMember(Record):
    """Someone in the team around the child and what the plan asks of them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, help_text="For example: foster carer, designated teacher")
    responsibility = models.TextField("what they will do", blank=True)

    SECTION, DATE_FIELD, TITLE = "plans", "created_at", "Team member added"


class PledgeCommitment(Record):
    """A promise from the authority's Pledge, made concrete for this child in their plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pledges")
    promise = models.CharField("the Pledge promise", max_length=300)
    how = models.TextField("how we will keep it for this child", blank=True)

    SECTION, DATE_FIELD, TITLE = "plans", "created_at", "Pledge commitment added"


class PEP(Record):
    pep_date = models.DateField("date of PEP")
    kind = CodeField("kind of PEP", list_name="pep_kind")
    notes = models.TextField(blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "education", "PEPs", "pep_date", "Personal education plan"
    COLUMNS = {"PEP_DATE": "pep_date", "KIND": "kind"}

    class Meta:
        ordering = ["-pep_date"]
        verbose_name = "PEP"


class SchoolEnrolment(Record):
    school_urn = models.CharField("school URN", max_length=10)
    start = models.DateField("started")
    end = models.DateField("left", null=True, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "education", "SchoolEnrolment", "start", "Started school"
    COLUMNS = {"SCHOOL_URN": "school_urn", "START": "start", "END": "end"}


class Attainment(Record):
    academic_year = models.IntegerField()
    key_stage = models.CharField(max_length=10)
    measure = models.CharField(max_length=60)
    result = models.CharField(max_length=60, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "education", "Attainment", "created_at", "Attainment"
    COLUMNS = {"ACADEMIC_YEAR": "academic_year", "KEY_STAGE": "key_stage",
               "MEASURE": "measure", "RESULT": "result"}


class HealthAssessment(Record):
    assessment_date = models.DateField("date of assessment")
    kind = CodeField("kind of assessment", list_name="health_assessment_kind")
    immunisations_up_to_date = models.BooleanField(null=True, blank=True)
    notes = models.TextField("health plan notes", blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "health", "HealthAssessments", "assessment_date", "Health assessment"
    COLUMNS = {"ASSESSMENT_DATE": "assessment_date", "KIND": "kind",
               "IMMUNISATIONS_UP_TO_DATE": "immunisations_up_to_date"}

    class Meta:
        ordering = ["-assessment_date"]


class DentalCheck(Record):
    check_date = models.DateField("date of dental check")

    SECTION, TABLE, DATE_FIELD, TITLE = "health", "DentalChecks", "check_date", "Dental check"
    COLUMNS = {"CHECK_DATE": "check_date"}


class SDQScore(Record):
    sdq_date = models.DateField("date of SDQ")
    score = models.PositiveSmallIntegerField("total difficulties score (0 to 40)")

    SECTION, TABLE, DATE_FIELD, TITLE = "health", "SDQScores", "sdq_date", "SDQ score"
    COLUMNS = {"SDQ_DATE": "sdq_date", "SDQ_SCORE": "score"}

    def headline(self) -> str:
        return f"SDQ score {self.score}"


class Outcome(Record):
    """The OC2 row for one collection year (children looked after for 12 months at 31 March)."""

    year = models.IntegerField("collection year")
    sdq_score = models.PositiveSmallIntegerField(null=True, blank=True)
    sdq_reason = CodeField("reason no SDQ", list_name="sdq_reason", blank=True)
    convicted = models.BooleanField(null=True, blank=True)
    health_check = models.BooleanField(null=True, blank=True)
    immunisations = models.BooleanField(null=True, blank=True)
    teeth_check = models.BooleanField(null=True, blank=True)
    health_assessment = models.BooleanField(null=True, blank=True)
    substance_misuse = models.BooleanField(null=True, blank=True)
    intervention_received = models.BooleanField(null=True, blank=True)
    intervention_offered = models.BooleanField(null=True, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "health", "OC2", "created_at", "Annual outcomes (OC2)"
    COLUMNS = {"SDQ_SCORE": "sdq_score", "SDQ_REASON": "sdq_reason", "CONVICTED": "convicted",
               "HEALTH_CHECK": "health_check", "IMMUNISATIONS": "immunisations",
               "TEETH_CHECK": "teeth_check", "HEALTH_ASSESSMENT": "health_assessment",
               "SUBSTANCE_MISUSE": "substance_misuse",
               "INTERVENTION_RECEIVED": "intervention_received",
               "INTERVENTION_OFFERED": "intervention_offered"}


class MissingEpisode(Record):
    kind = CodeField("missing or away", list_name="missing_type", blank=True)
    mis_start = models.DateField("went missing")
    mis_end = models.DateField("came back", null=True, blank=True)
    rhi_offered = models.DateField("return interview offered", null=True, blank=True)
    rhi_date = models.DateField("return interview held", null=True, blank=True)
    rhi_accepted = models.BooleanField("return interview accepted", null=True, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "missing", "Missing", "mis_start", "Missing from placement"
    COLUMNS = {"MISSING": "kind", "MIS_START": "mis_start", "MIS_END": "mis_end"}
    RHI_COLUMNS = {"MIS_START": "mis_start", "RHI_OFFERED": "rhi_offered",
                   "RHI_DATE": "rhi_date", "RHI_ACCEPTED": "rhi_accepted"}

    class Meta:
        ordering = ["-mis_start"]


class PathwayPlan(Record):
    plan_date = models.DateField("date")
    kind = CodeField("kind", list_name="pathway_kind")
    pa_id = models.CharField("personal adviser", max_length=20, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "leaving_care", "PathwayPlans", "plan_date", "Pathway plan"
    COLUMNS = {"PLAN_DATE": "plan_date", "KIND": "kind", "PA_ID": "pa_id"}


class PAContact(Record):
    contact_date = models.DateField("date of contact")
    pa_id = models.CharField("personal adviser", max_length=20, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "leaving_care", "PAContacts", "contact_date", "Personal adviser contact"
    COLUMNS = {"CONTACT_DATE": "contact_date", "PA_ID": "pa_id"}


class CareLeaverOutcome(Record):
    """The OC3 row for one collection year (care leavers around their birthday)."""

    year = models.IntegerField("collection year")
    in_touch = CodeField("in touch", list_name="in_touch")
    activ = CodeField("main activity", list_name="activity")
    accom = CodeField("accommodation", list_name="accommodation")

    SECTION, TABLE, DATE_FIELD, TITLE = "leaving_care", "OC3", "created_at", "Care leaver outcomes (OC3)"
    COLUMNS = {"IN_TOUCH": "in_touch", "ACTIV": "activ", "ACCOM": "accom"}


class PlacedForAdoption(Record):
    date_placed = models.DateField("decision that the child should be placed for adoption")
    date_placed_ceased = models.DateField("decision reversed", null=True, blank=True)
    reason_placed_ceased = CodeField("reason", list_name="reason_placed_ceased", blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "adoption", "PlacedAdoption", "date_placed", "Should be placed for adoption"
    COLUMNS = {"DATE_PLACED": "date_placed", "DATE_PLACED_CEASED": "date_placed_ceased",
               "REASON_PLACED_CEASED": "reason_placed_ceased"}


class Adoption(Record):
    """The AD1 row: the child's adoption."""

    date_int = models.DateField("date of decision to place")
    date_match = models.DateField("date matched with adopters")
    foster_care = models.BooleanField("adopted by former foster carers", null=True, blank=True)
    nb_adoptr = models.PositiveSmallIntegerField("number of adopters")
    sex_adoptr = CodeField("sex of adopters", list_name="adopter_sex")
    ls_adoptr = CodeField("legal status of adopters", list_name="adopter_legal_status")

    SECTION, TABLE, DATE_FIELD, TITLE = "adoption", "AD1", "date_match", "Matched with adopters"
    COLUMNS = {"DATE_INT": "date_int", "DATE_MATCH": "date_match", "FOSTER_CARE": "foster_care",
               "NB_ADOPTR": "nb_adoptr", "SEX_ADOPTR": "sex_adoptr", "LS_ADOPTR": "ls_adoptr"}


class SocialWorkerEpisode(Record):
    sw_id = models.CharField("social worker number", max_length=20)
    sw_decom = models.DateField("allocated")
    sw_dec = models.DateField("allocation ended", null=True, blank=True)
    sw_reason = CodeField("reason for change", list_name="social_worker_change_reason")

    SECTION, TABLE, DATE_FIELD, TITLE = "placements", "SWEpisodes", "sw_decom", "Social worker allocated"
    COLUMNS = {"SW_ID": "sw_id", "SW_DECOM": "sw_decom", "SW_DEC": "sw_dec", "SW_REASON": "sw_reason"}


class IROAllocation(Record):
    iro_id = models.CharField("IRO", max_length=20)
    iro_start = models.DateField("allocated")
    iro_end = models.DateField("allocation ended", null=True, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "reviews", "IROAllocations", "iro_start", "IRO allocated"
    COLUMNS = {"IRO_ID": "iro_id", "IRO_START": "iro_start", "IRO_END": "iro_end"}


class DeprivationOfLiberty(Record):
    dolo_start = models.DateField("order began")
    dolo_end = models.DateField("order ended", null=True, blank=True)

    SECTION, TABLE, DATE_FIELD, TITLE = "placements", "DoLo", "dolo_start", "Deprivation of liberty order"
    COLUMNS = {"DOLO_START": "dolo_start", "DOLO_END": "dolo_end"}


class ReviewTrigger(Record):
    """Something that calls for a review before the usual interval (compliance T6)."""

    trigger_date = models.DateField("date it arose")
    trigger = CodeField("what calls for an earlier review", list_name="review_trigger")
    review_by = models.DateField(
        "review needed by", null=True, blank=True,
        help_text="The day the change or ending takes effect, or the day the IRO asked for. "
                  "Leave blank if none was set: the review is then expected within 20 working "
                  "days.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "reviews", "ReviewTriggers", "trigger_date", "Earlier review called for"
    COLUMNS = {"TRIGGER_DATE": "trigger_date", "TRIGGER": "trigger", "REVIEW_BY": "review_by"}

    class Meta:
        ordering = ["-trigger_date"]

    def headline(self) -> str:
        return f"Earlier review called for: {CODE_LISTS['review_trigger'].label(self.trigger)}"


class ParentPlacement(Record):
    """A placement with a parent and when the parent's assessment was completed (T11)."""

    placed = models.DateField("placed with the parent")
    assessed = models.DateField(
        "parent's assessment completed", null=True, blank=True,
        help_text="The assessment of the parent under CPPCR 2010 reg 17. While it is not "
                  "complete (reg 19), the child is visited weekly until the first review.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "placements", "ParentPlacements", "placed", "Placed with a parent"
    COLUMNS = {"PLACED": "placed", "ASSESSED": "assessed"}

    class Meta:
        ordering = ["-placed"]


class TemporaryApproval(Record):
    """A placement with a connected person approved temporarily as a foster parent (T12)."""

    placed = models.DateField("placed with the connected person")
    approved = models.DateField(
        "approved as a foster parent", null=True, blank=True,
        help_text="CPPCR 2010 reg 24 lets a relative, friend or other connected person care for "
                  "the child for up to 16 weeks (24 if extended) before being approved. Until "
                  "they are, the child is visited weekly until the first review, then at least "
                  "every 4 weeks.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = ("placements", "TemporaryApprovals", "placed",
                                         "Temporary approval of a connected person")
    COLUMNS = {"PLACED": "placed", "APPROVED": "approved"}

    class Meta:
        ordering = ["-placed"]


class VisitRequest(Record):
    """A visit asked for by the child or the carer (T14)."""

    request_date = models.DateField("date asked")
    requested_by = CodeField("asked by", list_name="visit_requested_by")
    not_reasonable = models.BooleanField(
        "judged not reasonable", null=True, blank=True,
        help_text="Yes only if a manager decided the request was not reasonable; say why in "
                  "the case notes.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "visits", "VisitRequests", "request_date", "Visit asked for"
    COLUMNS = {"REQUEST_DATE": "request_date", "REQUESTED_BY": "requested_by",
               "NOT_REASONABLE": "not_reasonable"}

    class Meta:
        ordering = ["-request_date"]


class SecureStay(Record):
    """A stay in secure accommodation, to the hour (T30: 72 hours in 28 days without a court)."""

    secure_start = models.DateTimeField("placed in secure accommodation")
    secure_end = models.DateTimeField("left secure accommodation", null=True, blank=True)
    grounds = CodeField("grounds", list_name="secure_grounds")
    court_authorised = models.DateTimeField(
        "court authorised", null=True, blank=True,
        help_text="When a court authorised keeping the child in secure accommodation (Children "
                  "Act 1989 s25). Without it, at most 72 hours in any 28 days.",
    )

    SECTION, TABLE, DATE_FIELD, TITLE = "placements", "SecureStays", "secure_start", "Secure accommodation"
    COLUMNS = {"SECURE_START": "secure_start", "SECURE_END": "secure_end", "GROUNDS": "grounds",
               "COURT_AUTHORISED": "court_authorised"}

    class Meta:
        ordering = ["-secure_start"]


RECORD_MODELS: tuple[type[Record], ...] = (
    Episode, Review, Visit, Plan, TeamMember, PledgeCommitment, PEP, SchoolEnrolment, Attainment,
    HealthAssessment, DentalCheck, SDQScore, Outcome, MissingEpisode, PathwayPlan, PAContact,
    CareLeaverOutcome, PlacedForAdoption, Adoption, SocialWorkerEpisode, IROAllocation,
    DeprivationOfLiberty, ReviewTrigger, ParentPlacement, TemporaryApproval, VisitRequest,
    SecureStay,
)
