"""Navigation links to the grip pages for the roles that may open them (the views check again)."""

from django import template
from django.urls import reverse

from carematters.web.accounts.models import Role

register = template.Library()

LINKS = (
    ("grip-my-children", "My children’s work", {Role.SOCIAL_WORKER}),
    ("grip-team", "Team dashboard", {Role.TEAM_MANAGER}),
    ("grip-service", "Service dashboard", {Role.DIRECTOR}),
    ("grip-reviews", "Upcoming reviews", {Role.IRO}),
    ("grip-entitlements", "Entitlements", {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO,
                                           Role.EDUCATION, Role.DIRECTOR, Role.ANALYST}),
)


@register.inclusion_tag("grip/nav.html", takes_context=True)
def grip_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    path = request.path if request is not None else ""
    links = []
    for name, label, allowed in LINKS:
        if role in allowed:
            url = reverse(name)
            links.append({"url": url, "label": label, "current": path.startswith(url)})
    return {"links": links}
