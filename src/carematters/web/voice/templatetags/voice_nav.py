"""The navigation link to the voice pages, for every staff role (the views check again)."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("voice/nav.html", takes_context=True)
def voice_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"links": []}
    url = reverse("voice-home")
    return {"links": [{"url": url, "label": "Children's voice",
                       "current": request.path.startswith(url)}]}
