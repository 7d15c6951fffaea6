"""Request-wide guards: who is acting (for audit), sign-in and second factor, session limits, and
no caching of anything personal."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from carematters.web.accounts import audit
from carematters.web.accounts.policy import PUBLIC


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit.acting_as(audit.actor_from_request(request)):
            response = self.get_response(request)
        return response


class LoginRequiredMiddleware:
    """Deny by default: every view except those declared public needs a signed-in user who has
    passed the second factor (when required) inside the absolute session lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = getattr(view_func, "access_policy", None)
        if policy == PUBLIC:
            return None
        user = request.user
        if not user.is_authenticated:
            if str(policy).startswith("api"):
                return JsonResponse({"detail": "Unauthorized"}, status=401)
            return redirect(f"{reverse('login')}?next={request.path}")
        started = request.session.setdefault("signed_in_at", time.time())
        now = time.time()
        if now - started > settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)
            return redirect("login")
        # Idle expiry slides on use, but writing the session on every page costs a database write
        # per request: move it on only when it was last moved over SESSION_REFRESH_SECONDS ago, so
        # the idle limit holds to within that margin.
        if now - request.session.get("refreshed_at", 0) > settings.SESSION_REFRESH_SECONDS:
            request.session["refreshed_at"] = now
        if policy is None:
            # A view without a declared policy is a bug; fail closed (ASVS 16.5.3).
            raise Http404
        needs_otp = settings.REQUIRE_OTP and not getattr(view_func, "otp_exempt", False)
        if needs_otp and not user.is_verified():
            return redirect("otp-verify")
        return None


class NoStoreMiddleware:
    """Pages for signed-in users must not be kept by browsers or proxies (ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
