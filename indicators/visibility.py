"""Who may see which figures of the PI register (docs/roles.md, docs/rag-rules.md).

Everyone signed in sees the register and verified figures. Unverified figures (drafts,
submitted, returned) and internal commentary are seen by: the performance team, audit and
administrators (all PIs); managers (their service's PIs); officers (PIs they own or deputise).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from core.access import has, partner_unit_ids, scoped_unit_ids
from indicators.assessment import Basis
from indicators.choices import FigureState
from indicators.models import Indicator
from indicators.querysets import IndicatorQuerySet


def indicators_visible_q(user: User | AnonymousUser, prefix: str = "") -> Q | None:
    """Return a Q selecting the PIs the user may see at all; None means every PI.

    Council staff see the whole register. A partner contributor sees only the PIs their
    partner organisation owns (the PI's service is that organisation) or that are shared
    with it (Indicator.partners). `prefix` as in draft_scope_q.
    """
    units = partner_unit_ids(user)
    if units is None:
        return None
    return Q(**{f"{prefix}service_id__in": units}) | Q(**{f"{prefix}partners__in": units})


def visible_indicators(
    user: User | AnonymousUser, queryset: IndicatorQuerySet | None = None
) -> IndicatorQuerySet:
    """Return `queryset` (default: every PI) narrowed to the PIs the user may see."""
    queryset = Indicator.objects.all() if queryset is None else queryset
    scope = indicators_visible_q(user)
    if scope is None:
        return queryset
    return queryset.filter(pk__in=Indicator.objects.filter(scope).values("pk"))


@dataclass(frozen=True)
class DraftScope:
    """The indicators whose drafts one user may see, worked out once: every indicator, or those
    they own or deputise and those of the units in their scope. The one rule, as SQL (`q`)
    and for a loaded indicator (`covers`)."""

    everything: bool
    user_id: int | None = None
    unit_ids: frozenset[int] = frozenset()

    def q(self, prefix: str = "") -> Q | None:
        """Return a Q selecting the indicators in scope; None means all of them. `prefix` is
        the path to the indicator from the filtered model, e.g. 'indicator__'."""
        if self.everything:
            return None
        if self.user_id is None:
            return Q(pk__in=[])
        scope = Q(**{f"{prefix}owner_id": self.user_id}) | Q(**{f"{prefix}deputy_id": self.user_id})
        if self.unit_ids:
            scope |= Q(**{f"{prefix}service_id__in": sorted(self.unit_ids)})
        return scope

    def covers(self, indicator: Indicator) -> bool:
        if self.everything:
            return True
        if self.user_id is not None and self.user_id in (indicator.owner_id, indicator.deputy_id):
            return True
        return indicator.service_id in self.unit_ids


def draft_scope(user: User | AnonymousUser) -> DraftScope:
    """Return whose drafts the user may see (one look-up of their units)."""
    unit_ids = scoped_unit_ids(user)
    if unit_ids is None:
        return DraftScope(everything=True)
    if not user.is_authenticated:
        return DraftScope(everything=False)
    return DraftScope(everything=False, user_id=user.pk, unit_ids=frozenset(unit_ids))


def draft_scope_q(user: User | AnonymousUser, prefix: str = "") -> Q | None:
    """Return a Q selecting indicators whose drafts the user may see; None means all of them."""
    return draft_scope(user).q(prefix)


def figures_visible_q(user: User | AnonymousUser) -> Q:
    """Return a Q on Figure selecting the figures the user may see."""
    scope = draft_scope_q(user, prefix="indicator__")
    figures = Q() if scope is None else Q(state=FigureState.VERIFIED) | scope
    visible = indicators_visible_q(user, prefix="indicator__")
    return figures if visible is None else figures & visible


def sees_drafts_of(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Return whether the user may see this indicator's unverified figures and internal notes."""
    return draft_scope(user).covers(indicator)


def may_see_drafts(user: User | AnonymousUser) -> bool:
    """Return whether the user may see drafts of at least some indicators (their own)."""
    return (
        has(user, "enter_figures")
        or has(user, "view_all_drafts")
        or has(user, "view_service_drafts")
    )


def figure_basis_for(
    user: User | AnonymousUser, *, drafts: bool = False
) -> Callable[[Indicator], str]:
    """Return the assessment's basis rule for what `user` may see, per indicator.

    Everyone signed in sees verified figures. Unverified figures count only where the user's
    draft scope covers the indicator: submitted and verified figures, or every figure when
    `drafts` is asked for. Anonymous users (the public) get verified figures of closed periods.
    """
    if not user.is_authenticated:
        return lambda indicator: Basis.PUBLISHED
    wide = Basis.DRAFTS if drafts else Basis.SUBMITTED
    scope = draft_scope(user)
    return lambda indicator: wide if scope.covers(indicator) else Basis.VERIFIED


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
