"""One module per DfE rule (`rule_<code>.py`) or per family of rules of one shape.

Every module here is imported by `registry.all_rules()`; see docs/validation.md to add one.
"""
