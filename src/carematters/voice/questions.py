"""The authority's own survey: questions written for this system in plain words (not taken from
any published survey), each tied to a domain and, where it checks one, a care-monitor area.

Shared core questions are asked in every band that can answer them, so results stay comparable
across ages; the youngest children get a short version with three simple answers.
"""

from __future__ import annotations

from carematters.voice.instruments import Instrument, Question

YOUNG = ("4-7",)
CHILDREN = ("8-11", "11-17")
OLDER = ("11-17",)
LEAVERS = ("leaver",)

_YOUNGEST = (
    Question("young_safe", "Do you feel safe where you live?", "rights", "simple", YOUNG,
             area="keeping_safe"),
    Question("young_unkind", "Are other children unkind to you?", "rights", "simple", YOUNG,
             area="bullying", reverse=True),
    Question("young_listened", "Do grown-ups listen to you?", "rights", "simple", YOUNG,
             area="having_a_say"),
    Question("young_school", "Do you like going to school?", "resilience", "simple", YOUNG,
             area="education"),
    Question("young_adult", "Is there a grown-up you can talk to when you feel sad?",
             "relationships", "simple", YOUNG),
    Question("young_happy", "Are you happy most days?", "recovery", "simple", YOUNG),
)

_CORE = (
    Question("safe_home", "Do you feel safe in the place you live now?", "rights", "yes_no",
             (*CHILDREN, *LEAVERS), area="keeping_safe"),
    Question("safe_out", "Do you feel safe when you are out and about near where you live?",
             "rights", "how_often", CHILDREN, area="keeping_safe"),
    Question("bullied", "In the last few months, has anyone picked on you or bullied you?",
             "rights", "how_often", CHILDREN, area="bullying", reverse=True,
             hint="This could be in person, online or by message."),
    Question("bullying_help", "If you told an adult about bullying, did they help?", "rights",
             "yes_no", CHILDREN, area="bullying",
             hint="Skip this question if it has not happened to you."),
    Question("say_decisions", "Do adults ask what you think before they decide things about "
             "your life?", "rights", "how_often", (*CHILDREN, *LEAVERS), area="having_a_say"),
    Question("say_difference", "When you say what you think, does it change what happens?",
             "rights", "how_often", (*CHILDREN, *LEAVERS), area="having_a_say"),
    Question("know_complain", "Do you know how to complain or make a suggestion if something is "
             "not right?", "rights", "yes_no", (*CHILDREN, *LEAVERS), area="complaints"),
    Question("complaint_sorted", "If you complained or made a suggestion, was it taken "
             "seriously?", "rights", "yes_no", (*CHILDREN, *LEAVERS), area="complaints",
             hint="Skip this question if you have not complained or made a suggestion."),
    Question("school_help", "Do you get the help you need with school or college work?",
             "resilience", "how_often", CHILDREN, area="education"),
    Question("school_like", "Do you enjoy learning at school or college?", "resilience",
             "how_often", CHILDREN, area="education"),
    Question("plan_know", "Do you know what your care plan says about your future?",
             "rights", "yes_no", CHILDREN, area="care_planning"),
    Question("plan_family", "Do you see the people in your family you want to see, as much as "
             "you want?", "relationships", "how_often", CHILDREN, area="care_planning"),
    Question("worker_trust", "Do you trust your social worker?", "relationships", "how_often",
             CHILDREN),
    Question("trusted_adult", "Is there an adult you can go to when you are worried?",
             "relationships", "yes_no", (*CHILDREN, *LEAVERS)),
    Question("hobby", "Do you get to do hobbies or activities you enjoy?", "resilience",
             "how_often", (*CHILDREN, *LEAVERS)),
    Question("happy_life", "Most of the time, do you feel happy with your life?", "recovery",
             "how_often", (*CHILDREN, *LEAVERS)),
    Question("understand_past", "Do you understand why you came into care?", "recovery",
             "yes_no", OLDER, hint="You can ask your social worker to explain it again."),
)

_LEAVERS = (
    Question("pathway_plan", "Did you help write your pathway plan?", "rights", "yes_no",
             LEAVERS, area="care_planning"),
    Question("work_learning", "Do you get help with work, training or study?", "resilience",
             "how_often", LEAVERS, area="education"),
    Question("home_ok", "Is where you live now right for you?", "recovery", "yes_no", LEAVERS),
)

SURVEY = Instrument("carematters-voice", 1, _YOUNGEST + _CORE + _LEAVERS)
