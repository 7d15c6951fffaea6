"""Navigation links to the planning pages for the roles that may open them (the views check
again)."""

from django import template
from django.urls import reverse

from carematters.web.accounts.models import Role

register = template.Library()

LINKS = (
    ("planning-forecast", "Forecast", {Role.DIRECTOR, Role.ANALYST, Role.TEAM_MANAGER,
                                       Role.MEMBER}),
    ("planning-scenarios", "Scenarios", {Role.DIRECTOR, Role.ANALYST, Role.TEAM_MANAGER}),
    ("planning-costs", "Costs", {Role.DIRECTOR, Role.ANALYST}),
)


@register.inclusion_tag("planning/nav.html", takes_context=True)
def planning_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    path = request.path if request is not None else ""
    return {"links": [
        {"url": reverse(name), "label": label, "current": path.startswith(reverse(name))}
        for name, label, allowed in LINKS if role in allowed
    ]}
