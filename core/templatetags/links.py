from django import template

from core.links import absolute_url

register = template.Library()


@register.filter(name="absolute")
def absolute(path: str) -> str:
    """{% url 'name' as path %}{{ path|absolute }}: the path's address at SITE_URL."""
    return absolute_url(path)
