"""Every view declares its access policy; a route-walking test proves none is missing.

- `public`: no sign-in (health check, sign-in pages).
- `signed_in`: any signed-in user; the view shows only the user's own things.
- `roles(...)`: only the named roles.
- `child_scoped(section)`: the view loads its child through `get_child_for`, which returns 404
  to anyone without a relationship to the child (see children/access.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

PUBLIC = "public"
SIGNED_IN = "signed_in"


def _declare(view: Callable, policy: str) -> Callable:
    view.access_policy = policy
    return view


def public(view: Callable) -> Callable:
    return _declare(view, PUBLIC)


def signed_in(view: Callable) -> Callable:
    return _declare(view, SIGNED_IN)


def before_second_factor(view: Callable) -> Callable:
    """Signed in with a password but not yet with the second factor (the OTP pages, sign out)."""
    view.otp_exempt = True
    return _declare(view, SIGNED_IN)


def child_scoped(section: str) -> Callable[[Callable], Callable]:
    def decorate(view: Callable) -> Callable:
        return _declare(view, f"child:{section}")

    return decorate


def roles(*allowed: str) -> Callable[[Callable], Callable]:
    """Only users whose role is one of `allowed`; others get 404, like outsiders to a child."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.role not in allowed:
                from django.http import Http404

                from carematters.web.accounts import audit

                audit.record("denied", changes={"needs_role": list(allowed)})
                raise Http404
            return view(request, *args, **kwargs)

        return _declare(wrapper, "roles:" + ",".join(sorted(allowed)))

    return decorate

