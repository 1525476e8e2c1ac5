from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from consortia.accounts.models import Role


@login_required
def home(request):
    user = request.user
    if user.role in (Role.ORCID_ADMIN, Role.ORCID_REGIONAL):
        return redirect("directory:consortium_list")
    if user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF):
        return redirect("directory:consortium_detail", slug=user.consortium.slug)
    return redirect("directory:my_organization")


account_settings = token_create = token_revoke = home
