"""Writes of the API: tokens made and revoked, and deliveries of figures (docs/api.md)."""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from api.models import ApiToken, IdempotentDelivery
from core.tabular import Row
from indicators.figures.uploads import figure_rows_enter
from indicators.periods import Period

# Marks our tokens in a header or a leaked file; not a secret.
SECRET_PREFIX = "gt_"  # noqa: S105  # nosec B105
# A token's last use is written at most this often: not one database write per request.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *, person: User, name: str, can_submit_figures: bool = False
) -> tuple[ApiToken, str]:
    """Make a token for `person`; returns it with its secret, which is never shown again."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
    token = ApiToken(
        person=person,
        name=name.strip(),
        key_hash=_digest(secret),
        prefix=secret[: len(SECRET_PREFIX) + 6],
        can_submit_figures=can_submit_figures,
    )
    token._change_reason = "Created"
    token.save()
    return token, secret


def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke `token` (it stops working at once); `by` must be its person or manage users."""
    if not ApiToken.objects.manageable_by(by).filter(pk=token.pk).exists():
        raise PermissionDenied("You may not revoke this token.")
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token._change_reason = "Revoked" if by == token.person else f"Revoked by {by.username}"
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """Return the working token with this secret, its last use noted; None when the secret
    is unknown, revoked or its person deactivated."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = ApiToken.objects.working().select_related("person").filter(key_hash=_digest(secret))
    found = token.first()
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


@dataclass
class Delivery:
    """The API's answer to a delivery of figures: an HTTP status and a JSON body."""

    status: int
    body: dict
    replayed: bool = False


class KeyReused(Exception):
    """The Idempotency-Key was used before for a different delivery."""


def request_hash(data: object) -> str:
    """Return a digest of the delivery's content, the same however its JSON was laid out."""
    return _digest(json.dumps(data, sort_keys=True, separators=(",", ":"), default=str))


def figures_deliver(
    *,
    person: User,
    token: ApiToken | None,
    rows: list[dict[str, str]],
    submit: bool,
    key: str = "",
    content_hash: str = "",
    today: date | None = None,
) -> Delivery:
    """Save the delivered figures as the entry page and the spreadsheet upload do (one
    service, the same checks), all or nothing; returns the answer to give.

    With a `key`, an earlier delivery with the same key and content gets the answer it got
    then and saves nothing again; raises KeyReused for the same key with other content.
    Raises ImportRefused with the problems by row (numbered from 1 in the list).
    """
    if key:
        earlier = _earlier(person, key, content_hash)
        if earlier is not None:
            return earlier
    today = today or timezone.localdate()
    via = f"via API, token {token.name}" if token else "via API"
    try:
        with transaction.atomic():
            saved = figure_rows_enter(
                [Row(number, values) for number, values in enumerate(rows, start=1)],
                user=person,
                submit=submit,
                today=today,
            )
            for figure in saved:
                update_change_reason(figure, f"{getattr(figure, '_change_reason', 'Saved')} {via}")
            body = {
                "saved": len(saved),
                "figures": [
                    {
                        "code": figure.indicator.code,
                        "period": Period(
                            figure.indicator.frequency, figure.year, figure.number
                        ).label,
                        "state": figure.state,
                        "version": figure.version,
                    }
                    for figure in saved
                ],
            }
            if key:
                IdempotentDelivery.objects.create(
                    person=person,
                    key=key,
                    request_hash=content_hash,
                    status_code=201,
                    body=body,
                    token=token,
                )
    except IntegrityError:
        # The same key arrived twice at once: the other delivery saved; give its answer.
        earlier = _earlier(person, key, content_hash) if key else None
        if earlier is None:
            raise
        return earlier
    return Delivery(201, body)


def _earlier(person: User, key: str, content_hash: str) -> Delivery | None:
    stored = IdempotentDelivery.objects.filter(person=person, key=key).first()
    if stored is None:
        return None
    if stored.request_hash != content_hash:
        raise KeyReused(key)
    return Delivery(stored.status_code, stored.body, replayed=True)
