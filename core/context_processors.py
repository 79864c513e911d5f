from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.navigation import nav_for


def site(request: HttpRequest) -> dict:
    """Navigation for the signed-in user; empty for anonymous visitors.

    Worked out (with its counts' queries) only when a template shows it: a fragment such as
    the entry preview, fetched by htmx at every keystroke, never does.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": SimpleLazyObject(lambda: nav_for(user))}
