"""allauth adapters: no open sign-up; ORCID sign-in only for users whose person has that iD."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from consortia.accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are made by consortium admins, imports or the CLI, never by strangers.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """Connect an ORCID sign-in to the user whose person record holds that iD."""
        if sociallogin.is_existing:
            return
        orcid_id = sociallogin.account.uid
        user = User.objects.filter(person__orcid_id=orcid_id, is_active=True).first()
        if user is not None:
            sociallogin.connect(request, user)
