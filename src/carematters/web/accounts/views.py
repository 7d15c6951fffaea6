"""Signing in and out, the second factor, the home page, the health check, and administration."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from carematters.web.accounts.forms import SignInForm, TokenForm
from carematters.web.accounts.models import AuditEvent, Role, User
from carematters.web.accounts.policy import before_second_factor, public, roles, signed_in


@public
@require_GET
def healthz(request):
    """200 when the app answers and its database does; no sign-in, no personal data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


login = public(auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=SignInForm,
    redirect_authenticated_user=True,
))
logout = before_second_factor(auth_views.LogoutView.as_view())


@before_second_factor
def otp_verify(request):
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("otp-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(request.GET.get("next") or "home")
        form.add_error("token", "The code is not right, or it has been used")
    return render(request, "accounts/otp_verify.html", {"form": form})


@before_second_factor
def otp_setup(request):
    """Set up an authenticator app; allowed only before the first device is confirmed."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("otp-verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator app"},
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return redirect("home")
        form.add_error("token", "The code is not right; check the time on your phone")
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/otp_setup.html", {
        "form": form, "secret": secret, "qr_svg": _qr_svg(device.config_url),
    })


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@signed_in
def home(request):
    role = request.user.role
    if role in (Role.MEMBER, Role.DIRECTOR):
        return redirect("aggregates")
    if role == Role.ANALYST:
        return redirect("analysis")
    if role == Role.ADMINISTRATOR:
        return redirect("administration")
    return redirect("child-list")


@roles(Role.ADMINISTRATOR)
def administration(request):
    users = User.objects.filter(authority=request.user.authority).select_related("team")
    return render(request, "accounts/administration.html", {"users": users.order_by("role", "username")})


@roles(Role.ADMINISTRATOR)
def audit_report(request):
    """Who viewed or changed a child's record, found by the authority's child identifier.

    Administrators see no child records, but the IG lead must be able to answer "who has seen
    this record?" (DSPT), so the report shows audit lines only, never the record.
    """
    from carematters.web.children.models import Child

    wanted = request.GET.get("child", "").strip()[:20]
    events, child = [], None
    if wanted:
        child = Child.objects.filter(authority=request.user.authority, child_id=wanted).first()
        if child is not None:
            events = AuditEvent.objects.filter(child_id=child.pk)[:500]
    return render(request, "accounts/audit_report.html", {
        "wanted": wanted, "events": events, "found": child is not None,
    })
