"""What a request may do through the API beyond what its person may do anyway: nothing.

A token is read-only unless made with "can submit figures"; the person's role and scope
then apply as on the pages (the views ask the apps' own access functions).
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken


class TokenScope(BasePermission):
    message = "This token is read-only: make one that can submit figures to send them."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_submit_figures
