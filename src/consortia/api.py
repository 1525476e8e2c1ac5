"""The REST API under /api/v1: each app's router, one authentication, one error shape.

Authentication is a bearer token (``Authorization: Bearer <token>``) or, for the interactive
docs in a browser, the signed-in session. Every router scopes its querysets through
``consortia.accounts.policy``; a refused action is 403 and another tenant's object is 404.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestShapeError
from ninja.security import APIKeyCookie, HttpBearer

from consortia.accounts.tokens import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session, so /api/v1/docs works for a signed-in user (CSRF-checked)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


api = NinjaAPI(
    title="Consortia API",
    version="1",
    description="Directory of ORCID consortia, members, people and contacts. "
    "Authenticate with `Authorization: Bearer <token>` (create one with `consortia token create EMAIL` "
    "or on your account page).",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
)


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
            for field, msgs in exc.message_dict.items()
        )
    return " ".join(exc.messages)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return api.create_response(request, {"detail": _messages(exc), "fields": fields}, status=400)


REQUEST_PARTS = ("body", "query", "path", "form", "file")


@api.exception_handler(RequestShapeError)
def request_shape_error(request, exc: RequestShapeError):
    """A body or parameter of the wrong type: 400 with the place and the problem, like every other error."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in REQUEST_PARTS:  # where it was sent, not a name (a field may be "body")
            location = location[1:]
        # ninja nests the body under the parameter's name ("payload"); the client never wrote that.
        name = ".".join(location[1:] if len(location) > 1 else location) or "__all__"
        fields.setdefault(name, []).append(error.get("msg", "Invalid value."))
    detail = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in fields.items())
    return api.create_response(request, {"detail": detail, "fields": fields}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You are not allowed to do that."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Authentication required: send Authorization: Bearer <token>."}, status=401
    )


def _add_routers():
    from consortia.directory.api import router as directory_router
    from consortia.directory.import_api import router as import_router

    api.add_router("/", directory_router)
    api.add_router("/", import_router)
    from consortia.onboarding.api import router as onboarding_router
    from consortia.staffing.api import router as staffing_router

    api.add_router("/", onboarding_router)
    api.add_router("/", staffing_router)
    from consortia.billing.api import router as billing_router
    api.add_router("/", billing_router)
    from consortia.support.api import router as support_router
    from consortia.support.metrics_api import router as metrics_router

    api.add_router("/", support_router)
    api.add_router("/", metrics_router)
    from consortia.integrations.api import router as integrations_router
    from consortia.integrations.board_api import router as board_router

    api.add_router("/", integrations_router)
    api.add_router("/", board_router)


_add_routers()
