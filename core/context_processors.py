from django.http import HttpRequest

from core.navigation import nav_for


def site(request: HttpRequest) -> dict:
    """Navigation for the signed-in user; empty for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_for(user)}
