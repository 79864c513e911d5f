"""Who may see which figures of the PI register (docs/roles.md, docs/rag-rules.md).

Everyone signed in sees the register and verified figures. Unverified figures (drafts,
submitted, returned) and internal commentary are seen by: the performance team, audit and
administrators (all PIs); managers (their service's PIs); officers (PIs they own or deputise).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from core.access import has, scoped_unit_ids
from indicators.choices import FigureState
from indicators.models import Indicator


def draft_scope_q(user: User | AnonymousUser, prefix: str = "") -> Q | None:
    """Return a Q selecting indicators whose drafts the user may see; None means all of them.

    `prefix` is the path to the indicator from the filtered model, e.g. 'indicator__'.
    """
    unit_ids = scoped_unit_ids(user)
    if unit_ids is None:
        return None
    if not user.is_authenticated:
        return Q(pk__in=[])
    scope = Q(**{f"{prefix}owner": user}) | Q(**{f"{prefix}deputy": user})
    if unit_ids:
        scope |= Q(**{f"{prefix}service_id__in": unit_ids})
    return scope


def figures_visible_q(user: User | AnonymousUser) -> Q:
    """Return a Q on Figure selecting the figures the user may see."""
    scope = draft_scope_q(user, prefix="indicator__")
    if scope is None:
        return Q()
    return Q(state=FigureState.VERIFIED) | scope


def sees_drafts_of(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Return whether the user may see this indicator's unverified figures and internal notes."""
    unit_ids = scoped_unit_ids(user)
    if unit_ids is None:
        return True
    if not user.is_authenticated:
        return False
    return user.pk in (indicator.owner_id, indicator.deputy_id) or indicator.service_id in unit_ids


def may_enter_figures_for(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Return whether the user may enter (or import) figures for this indicator.

    The performance team and administrators may enter any PI's figures; a manager those of
    their service; an officer those of PIs they own or deputise.
    """
    if not has(user, "enter_figures"):
        return False
    if has(user, "manage_register"):
        return True
    return sees_drafts_of(user, indicator)
