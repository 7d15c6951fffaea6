"""What a voice survey is made of, declared as data: the areas and domains it reports on, the
age bands it is written for, and the answer scales.

Two frames of reference, both from domain spec §6:

- The six **areas** that children themselves told the Children's Rights Director should be
  checked every year (the annual "children's care monitor", 2008-2013): keeping safe, bullying,
  having a say, complaints and suggestions, education and care planning.
- Four **well-being domains** of the Bright Spots kind: relationships, rights, resilience and
  recovery.

Every question belongs to one domain, and to an area where it checks one. The mapping from areas
to domains is the spec's convention [C] (§6.2), so results can be read either way and compared.
"""

from __future__ import annotations

from dataclasses import dataclass

AREAS: dict[str, str] = {
    "keeping_safe": "Keeping safe",
    "bullying": "Bullying",
    "having_a_say": "Having a say",
    "complaints": "Complaints and suggestions",
    "education": "Education",
    "care_planning": "Care planning",
}

DOMAINS: dict[str, str] = {
    "relationships": "Relationships",
    "rights": "Rights",
    "resilience": "Resilience",
    "recovery": "Recovery",
}

# Spec §6.2 [C]: keeping safe and bullying are about freedom from harm, having a say and
# complaints about taking part (both Rights); education builds resilience; care planning touches
# both the relationships a plan protects and the child's right to a say in it.
AREA_DOMAINS: dict[str, tuple[str, ...]] = {
    "keeping_safe": ("rights",),
    "bullying": ("rights",),
    "having_a_say": ("rights",),
    "complaints": ("rights",),
    "education": ("resilience",),
    "care_planning": ("relationships", "rights"),
}

# Age bands of the Bright Spots kind (4-7, 8-11, 11-17) plus care leavers. The published bands
# overlap at 11; our convention [C] gives an 11-year-old the 11-17 version (secondary school age
# is the better guide to reading level), so the bands here are 4-7, 8-10, 11-17 and 18+.
BANDS: dict[str, str] = {
    "4-7": "Ages 4 to 7",
    "8-11": "Ages 8 to 11",
    "11-17": "Ages 11 to 17",
    "leaver": "Care leavers",
}


def band_for_age(age: int, *, care_leaver: bool = False) -> str | None:
    """The survey version for a child of `age` (None under 4: too young to answer themselves)."""
    if care_leaver or age >= 18:
        return "leaver"
    if age < 4:
        return None
    if age <= 7:
        return "4-7"
    if age <= 10:
        return "8-11"
    return "11-17"


@dataclass(frozen=True)
class Scale:
    """A set of answers, in the order shown. `positive` answers count as a good result; `unsure`
    answers ("I don't know") are kept but left out of the percentage, as a skipped question is."""

    name: str
    options: tuple[tuple[str, str], ...]  # (stored value, words shown)
    positive: frozenset[str]
    unsure: frozenset[str] = frozenset()

    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.options)


SCALES: dict[str, Scale] = {
    "yes_no": Scale(
        "yes_no",
        (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
        positive=frozenset({"yes"}), unsure=frozenset({"not_sure"}),
    ),
    "how_often": Scale(
        "how_often",
        (("always", "Always or nearly always"), ("sometimes", "Sometimes"),
         ("hardly", "Hardly ever or never"), ("not_sure", "I'm not sure")),
        positive=frozenset({"always"}), unsure=frozenset({"not_sure"}),
    ),
    # For the youngest children: three short answers, read out by an adult if needed.
    "simple": Scale(
        "simple",
        (("yes", "Yes"), ("sometimes", "Sometimes"), ("no", "No")),
        positive=frozenset({"yes"}),
    ),
}


@dataclass(frozen=True)
class Question:
    """One question, in our own plain words. `reverse` flips the scale's good answers: for "have
    you been bullied?", "no" is the good answer."""

    key: str
    text: str
    domain: str
    scale: str
    bands: tuple[str, ...]
    area: str | None = None
    reverse: bool = False
    hint: str = ""

    def positive(self) -> frozenset[str]:
        scale = SCALES[self.scale]
        if not self.reverse:
            return scale.positive
        return frozenset(scale.values()) - scale.positive - scale.unsure - {"sometimes"}


@dataclass(frozen=True)
class Instrument:
    name: str
    version: int
    questions: tuple[Question, ...]

    def for_band(self, band: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if band in q.bands)

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)
