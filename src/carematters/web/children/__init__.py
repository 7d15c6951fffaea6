"""The child's record: identity, episodes, plans, reviews, visits, health, education, leaving care."""
