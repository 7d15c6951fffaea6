"""The voice of children in care (domain spec §6): survey instruments declared as data, and the
aggregation and suppression of answers. Pure functions over Polars frames."""

from carematters.voice.aggregate import (
    ALL_BANDS,
    ANSWER_SCHEMA,
    by_area,
    by_domain,
    by_question,
    responses_by_year,
    scored,
    unknown_answers,
)
from carematters.voice.instruments import (
    AREA_DOMAINS,
    AREAS,
    BANDS,
    DOMAINS,
    SCALES,
    Instrument,
    Question,
    Scale,
    band_for_age,
)
from carematters.voice.publish import publish
from carematters.voice.questions import SURVEY

__all__ = [
    "ALL_BANDS", "ANSWER_SCHEMA", "AREAS", "AREA_DOMAINS", "BANDS", "DOMAINS", "SCALES", "SURVEY",
    "Instrument", "Question", "Scale", "band_for_age", "by_area", "by_domain", "by_question",
    "publish", "responses_by_year", "scored", "unknown_answers",
]
