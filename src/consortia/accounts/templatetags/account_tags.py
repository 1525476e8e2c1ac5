from allauth.socialaccount.adapter import get_adapter
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def orcid_sign_in_configured(context) -> bool:
    """ORCID sign-in shows only where an ORCID client is set up (settings or the admin)."""
    request = context.get("request")
    return bool(get_adapter().list_apps(request, provider="orcid"))
