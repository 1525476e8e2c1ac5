"""TOTP two-factor sign-in (django-allauth MFA), and the setting that requires it for staff."""

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client
from django.urls import reverse

from tests import factories


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_user_with_an_authenticator_needs_the_code_to_sign_in(world):
    secret = generate_totp_secret()
    TOTP.activate(world.alpha_admin, secret)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "admin@alpha.example", "password": factories.PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet

    wrong = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if _current_code(secret) != "000000" else "1"}
    )
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    right = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(world.alpha_admin.pk)


def test_staff_without_an_authenticator_are_sent_to_set_one_up_when_required(world, client_for, settings):
    settings.CONSORTIA_REQUIRE_STAFF_MFA = True
    response = client_for("alpha_staff").get(reverse("directory:member_list", args=["alpha"]))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself stays open (allauth first asks for the password again).
    setup = client_for("alpha_staff").get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/reauthenticate/")


def test_member_contacts_are_not_required_to_use_two_factor(world, client_for, settings):
    settings.CONSORTIA_REQUIRE_STAFF_MFA = True
    response = client_for("alpha_member").get(
        reverse("directory:member_detail", args=[world.alpha_membership.pk])
    )
    assert response.status_code == 200


def test_staff_with_an_authenticator_pass_when_required(world, client_for, settings):
    settings.CONSORTIA_REQUIRE_STAFF_MFA = True
    TOTP.activate(world.alpha_staff, generate_totp_secret())
    assert client_for("alpha_staff").get(reverse("directory:member_list", args=["alpha"])).status_code == 200
