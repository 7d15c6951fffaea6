"""Signing in: deny by default, second factor, lockout, session limits, health check."""

from __future__ import annotations

import time

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carematters.web.accounts.models import AuditEvent


def test_health_check_needs_no_sign_in(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_every_other_page_needs_a_signed_in_user(world, client):
    for url in (reverse("home"), reverse("child-list"), reverse("aggregates"),
                reverse("child-summary", args=[world.children["own"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    assert client.get("/api/children").status_code == 401


def test_signing_in_with_a_password_is_audited(world, client):
    response = client.post(reverse("login"), {"username": "sw", "password": "correct horse battery"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="login", actor="sw").exists()


def test_five_wrong_passwords_lock_the_account(world, client):
    for _ in range(5):
        client.post(reverse("login"), {"username": "sw", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "sw", "password": "correct horse battery"})
    assert response.status_code == 429
    assert b"Account locked" in response.content
    assert AuditEvent.objects.filter(action="login_failed").count() >= 5
    assert not AuditEvent.objects.filter(action="login", actor="sw").exists()


def test_staff_set_up_and_then_need_a_second_factor(world, client, settings):
    settings.REQUIRE_OTP = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's back-off after the wrong code below
    client.post(reverse("login"), {"username": "sw", "password": "correct horse battery"})
    response = client.get(reverse("child-list"))
    assert response.status_code == 302 and response.url == reverse("otp-verify")
    assert client.get(reverse("otp-verify")).url == reverse("otp-setup")
    assert client.get(reverse("otp-setup")).status_code == 200
    device = TOTPDevice.objects.get(user=world.users["sw"])
    assert client.post(reverse("otp-setup"), {"token": "000000"}).status_code == 200
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post(reverse("otp-setup"), {"token": code}).url == reverse("home")
    assert client.get(reverse("child-list")).status_code == 200


def test_a_returning_user_must_enter_a_code(world, client, settings):
    settings.REQUIRE_OTP = True
    TOTPDevice.objects.create(user=world.users["sw"], name="app", confirmed=True)
    client.post(reverse("login"), {"username": "sw", "password": "correct horse battery"})
    assert client.get(reverse("otp-setup")).url == reverse("otp-verify")
    assert client.post(reverse("otp-verify"), {"token": "123456"}).status_code == 200
    assert client.get(reverse("child-list")).url == reverse("otp-verify")


def test_sessions_end_after_the_absolute_limit(world, client, settings):
    client.force_login(world.users["sw"])
    assert client.get(reverse("child-list")).status_code == 200
    session = client.session
    session["signed_in_at"] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert client.get(reverse("child-list")).url == reverse("login")
    assert client.get(reverse("child-list")).status_code == 302


def test_idle_expiry_moves_on_at_most_once_a_refresh_interval(world, client, settings):
    from django.contrib.sessions.models import Session

    client.force_login(world.users["sw"])
    client.get(reverse("child-list"))
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get(reverse("child-list"))  # within the interval: no write, the expiry stays
    assert Session.objects.get(session_key=key).expire_date == first
    session = client.session
    session["refreshed_at"] = time.time() - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    client.get(reverse("child-list"))  # the interval has passed: the expiry moves on
    assert Session.objects.get(session_key=key).expire_date > saved


def test_an_idle_session_ends(world, client, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(world.users["sw"])
    client.get(reverse("child-list"))
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get(reverse("child-list")).url.startswith(reverse("login"))


def test_signing_out_needs_a_post(world, client):
    client.force_login(world.users["sw"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor="sw").exists()
