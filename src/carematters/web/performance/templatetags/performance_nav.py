"""The navigation link to the performance page for the roles that may open it (the view checks
again)."""

from django import template
from django.urls import reverse

from carematters.web.performance.views import READERS

register = template.Library()


@register.inclusion_tag("planning/nav.html", takes_context=True)
def performance_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    if role not in READERS:
        return {"links": []}
    url = reverse("performance")
    path = request.path if request is not None else ""
    return {"links": [{"url": url, "label": "Performance", "current": path.startswith(url)}]}
