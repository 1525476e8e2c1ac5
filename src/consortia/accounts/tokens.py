"""Tokens: created once with their key shown, looked up by hash, revocable.

Two purposes share one hashing path: API tokens act as their user on /api/v1; calendar tokens
only read one consortium's deadline feed (their address is stored by calendar providers, so it
must not be able to write anything).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import ApiToken, TokenPurpose, User, hash_token
from consortia.audit import services as audit


def _new_token(user: User, name: str, purpose: str, consortium=None) -> tuple[ApiToken, str]:
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        purpose=purpose,
        consortium=consortium,
        key_hash=hash_token(key),
        key_start=key[:10],
    )
    return token, key


@transaction.atomic
def create_token(actor, user: User, name: str = "API token") -> tuple[ApiToken, str]:
    """Return an API token and its key; the key is never stored and cannot be shown again."""
    token, key = _new_token(user, name.strip() or "API token", TokenPurpose.API)
    audit.record(actor, "token.created", token, f"Created API token {token.key_start}… for {user.email}")
    return token, key


@transaction.atomic
def create_calendar_token(actor, user: User, consortium) -> tuple[ApiToken, str]:
    """A token that only reads ``consortium``'s deadline feed, for a user who may view its pages."""
    if not policy.can_view_consortium_pages(user, consortium):
        raise PermissionDenied(
            "Only people who can view the consortium's pages can subscribe to its deadlines."
        )
    name = f"Calendar: {consortium.name}"[: ApiToken._meta.get_field("name").max_length]
    token, key = _new_token(user, name, TokenPurpose.CALENDAR, consortium)
    audit.record(
        actor,
        "token.created",
        token,
        f"Created calendar feed token {token.key_start}… for {user.email} ({consortium.name})",
    )
    return token, key


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        kind = "calendar feed token" if token.purpose == TokenPurpose.CALENDAR else "API token"
        audit.record(
            actor, "token.revoked", token, f"Revoked {kind} {token.key_start}… of {token.user.email}"
        )


def _active_token(key: str, purpose: str) -> ApiToken | None:
    """The live token of that purpose with that key, of an active user; its use is noted."""
    token = (
        ApiToken.objects.select_related("user", "consortium")
        .filter(key_hash=hash_token(key), purpose=purpose, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token, so reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(key: str) -> User | None:
    """The user an API token acts as; calendar tokens (and bad ones) give None."""
    token = _active_token(key, TokenPurpose.API)
    return token.user if token is not None else None


def calendar_token(key: str) -> ApiToken | None:
    """The live calendar token with that key (its ``user`` and ``consortium`` loaded); API tokens give None.

    The caller still checks that the token's user may view the consortium at request time.
    """
    return _active_token(key, TokenPurpose.CALENDAR)
