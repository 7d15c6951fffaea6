"""DfE SSDA903 validation: the rule engine (`validate`) and its rules (`validation.rules`)."""

from carematters.validation.engine import Findings, validate
from carematters.validation.registry import Rule, all_rules, rule, rules_for

__all__ = ["Findings", "Rule", "all_rules", "rule", "rules_for", "validate"]
