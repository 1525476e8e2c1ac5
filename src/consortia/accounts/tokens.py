"""API tokens: created once with their key shown, looked up by hash, revocable."""

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import ApiToken, User, hash_token
from consortia.audit import services as audit


@transaction.atomic
def create_token(actor, user: User, name: str = "API token") -> tuple[ApiToken, str]:
    """Return the token and its key; the key is never stored and cannot be shown again."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", key_hash=hash_token(key), key_start=key[:10]
    )
    audit.record(actor, "token.created", token, f"Created API token {token.key_start}… for {user.email}")
    return token, key


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor, "token.revoked", token, f"Revoked API token {token.key_start}… of {token.user.email}"
        )


def user_for_token(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token, so reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
