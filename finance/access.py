"""Who sees the money: finance figures are internal (never on public pages).

Board members, managers, the performance team, internal audit, administrators and the
Finance role hold `view_finance`; the Finance role, the performance team and administrators
hold `manage_finance` (import and edit). Internal audit reads the history.
"""

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from core.access import has


def sees_finance(user) -> bool:
    return has(user, "view_finance")


def manages_finance(user) -> bool:
    return has(user, "manage_finance")


def reads_finance_history(user) -> bool:
    return sees_finance(user) and has(user, "view_audit_trail")


class FinanceAccessMixin(UserPassesTestMixin):
    """Allow the view to those passing `rule` (sees_finance unless a view says otherwise)."""

    rule = staticmethod(sees_finance)
    request: HttpRequest

    def test_func(self) -> bool:
        return self.rule(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied
        return super().handle_no_permission()
