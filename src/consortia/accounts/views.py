from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from consortia.accounts.models import Role, TokenPurpose
from consortia.accounts.tokens import create_token, revoke_token


@login_required
def home(request):
    user = request.user
    if user.role in (Role.ORCID_ADMIN, Role.ORCID_REGIONAL):
        return redirect("directory:consortium_list")
    if user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF):
        return redirect("directory:consortium_detail", slug=user.consortium.slug)
    return redirect("directory:my_organization")


@login_required
def account_settings(request):
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    context = {
        "tokens": request.user.api_tokens.filter(purpose=TokenPurpose.API),
        "calendar_tokens": request.user.api_tokens.filter(purpose=TokenPurpose.CALENDAR).select_related(
            "consortium"
        ),
        "new_key": request.session.pop("new_api_key", None),
        "has_totp": Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists(),
        "orcid_accounts": SocialAccount.objects.filter(user=request.user, provider="orcid"),
    }
    return render(request, "accounts/settings.html", context)


@login_required
@require_POST
def token_create(request):
    _, key = create_token(request.user, request.user, request.POST.get("name", ""))
    # Shown once on the next page, then gone: only its hash is stored.
    request.session["new_api_key"] = key
    messages.success(request, "Token created. Copy it now: it will not be shown again.")
    return redirect("accounts:settings")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    revoke_token(request.user, token)
    kind = "Calendar address" if token.purpose == TokenPurpose.CALENDAR else "Token"
    messages.success(request, f"{kind} {token.key_start}… revoked.")
    return redirect("accounts:settings")
