"""Two-factor sign-in for staff, when ``CONSORTIA_REQUIRE_STAFF_MFA`` is on."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


class RequireStaffTwoFactorMiddleware:
    """Sends ORCID and consortium staff without an authenticator app to set one up.

    Only the sign-in, sign-out and two-factor pages stay open until they do; member contacts
    are not affected.
    """

    OPEN_PREFIXES = ("/accounts/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.CONSORTIA_REQUIRE_STAFF_MFA and self._needs_setup(request):
            messages.info(
                request, "Your role requires two-factor sign-in: set up an authenticator app first."
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _needs_setup(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff_role:
            return False
        if request.path.startswith(self.OPEN_PREFIXES):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
