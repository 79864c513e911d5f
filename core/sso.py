"""Signing in: single sign-on through OpenID Connect beside (or instead of) local passwords.

Single sign-on is on when settings.OIDC_* name a client and the provider's endpoints
(docs/sso.md). The provider proves who someone is; whether they may come in is ours: they
must be a known, active person, matched by e-mail (case-insensitively). Everything is read
from settings at call time, so a test can switch it on against its own provider.
"""

import hashlib
import logging
from enum import StrEnum
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

logger = logging.getLogger(__name__)

_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def sso_enabled() -> bool:
    """Return whether single sign-on is configured (client and every endpoint set)."""
    return all(getattr(settings, name, "") for name in _REQUIRED)


def passwords_allowed() -> bool:
    """Return whether the sign-in page takes passwords: always without single sign-on."""
    return not sso_enabled() or settings.OIDC_LOCAL_PASSWORDS


class Refusal(StrEnum):
    """Why the provider's answer did not let someone in; the refusal page explains each."""

    UNKNOWN = "unknown"  # no person here has that e-mail address
    INACTIVE = "inactive"  # the person was deactivated (a leaver)
    AMBIGUOUS = "ambiguous"  # several people share the address
    NO_EMAIL = "no_email"  # the provider sent no (verified) e-mail address
    FAILED = "failed"  # the provider refused, or the exchange with it failed


class PasswordBackend(ModelBackend):
    """Django's password check, refused outright when passwords are switched off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not passwords_allowed():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """Signs in known, active people by the e-mail address their provider vouches for.

    Records why it refused on `request.sso_refusal` for the refusal page. A person found
    inactive on a later request is signed out at once (get_user), as with passwords.
    """

    def __init__(self, *args, **kwargs):
        # The library reads its settings here; without single sign-on there are none.
        if sso_enabled():
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not sso_enabled() or request is None:
            return None
        request.sso_refusal = Refusal.FAILED
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException:
            # The provider is down or answered with an error: say so, not a server error.
            logger.exception("Single sign-on could not complete with the provider")
            return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def _email(self, claims: dict) -> str:
        email = claims.get(settings.OIDC_EMAIL_CLAIM) or ""
        if not isinstance(email, str) or claims.get("email_verified") is False:
            return ""
        return email.strip()

    def verify_claims(self, claims) -> bool:
        # Our own check (the configured claim, verified) replaces the library's fixed 'email'.
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        """Return the person the provider's claims name, or None (with the reason noted)."""
        claims = self.get_userinfo(access_token, id_token, payload)
        email = self._email(claims)
        if not email:
            return self._refuse(Refusal.NO_EMAIL, email)
        matches = list(self.UserModel.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            return self._refuse(Refusal.AMBIGUOUS, email)
        if matches:
            person = matches[0]
            if not person.is_active:
                return self._refuse(Refusal.INACTIVE, email)
            return person
        if settings.OIDC_CREATE_USER:
            return self._create_person(email, claims)
        return self._refuse(Refusal.UNKNOWN, email)

    def _refuse(self, reason: Refusal, email: str) -> None:
        logger.warning("Single sign-on refused (%s) for %r", reason, email)
        self.request.sso_refusal = reason
        return None

    def _create_person(self, email: str, claims: dict) -> User:
        """Create an account with no role: they see only what every signed-in person sees."""
        username = email.lower()
        if len(username) > 150 or self.UserModel.objects.filter(username=username).exists():
            username = "sso-" + hashlib.sha256(email.lower().encode()).hexdigest()[:32]
        person = self.UserModel.objects.create_user(
            username=username,
            email=email,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        person.set_unusable_password()
        person.save(update_fields=["password"])
        logger.info("Single sign-on created an account for %r", email)
        return person


def provider_logout_url(request: HttpRequest) -> str | None:
    """Return the provider's end-session address for this session, or None when there is none.

    Read before the session is ended: it needs the id token kept at sign-in.
    """
    id_token = request.session.get("oidc_id_token")
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not (sso_enabled() and endpoint and id_token):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
