"""Template context shared by every page: the authority's and service's names."""

from django.conf import settings


def site(request) -> dict:
    user = getattr(request, "user", None)
    authority = getattr(user, "authority", None) if user and user.is_authenticated else None
    return {
        "authority_name": authority.name if authority else settings.AUTHORITY_NAME,
        "service_name": settings.SERVICE_NAME,
    }
