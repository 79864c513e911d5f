"""The API's sign-in: a personal token in the Authorization header (docs/api.md)."""

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from api.services import token_authenticate
from core.access import partner_may_open

SCHEMES = (b"bearer", b"token")


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer gt_...`: the request acts as the token's person."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in SCHEMES:
            return None  # no token: the session (or nobody) is asked next
        if len(parts) != 2:
            raise AuthenticationFailed("Give the token after 'Bearer', with no spaces in it.")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed("That is not a token of ours.") from None
        token = token_authenticate(secret)
        if token is None:
            raise AuthenticationFailed("Unknown or revoked token, or its person has left.")
        # The partner scope a session meets in core.middleware.PartnerScopeMiddleware, which
        # runs before a token is read: the same rule, so a token never reaches further.
        match = request._request.resolver_match
        if match is not None and not partner_may_open(token.person, match.view_name):
            raise PermissionDenied("Partner organisations' staff use the pages open to them.")
        return (token.person, token)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
