"""Reading forms out of pages, as a browser would (kept apart from the Locust file, which
patches the standard library on import)."""

import re
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """Collects the inputs and textareas of a page as {name: (type, value)}."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, tuple[str, str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = (kind, attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ("textarea", "")

    def handle_data(self, data):
        if self._textarea:
            kind, text = self.fields[self._textarea]
            self.fields[self._textarea] = (kind, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def parse_fields(html: str) -> dict[str, tuple[str, str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def alert_text(html: str, limit: int = 300) -> str:
    """Return the text of the page's alerts and field errors, to explain an unexpected answer."""
    found = re.findall(
        r'(?:role="alert"|class="invalid-feedback[^"]*")[^>]*>(.*?)</div>', html, re.S
    )
    text = " | ".join(" ".join(re.sub(r"<[^>]+>", " ", part).split()) for part in found)
    return text[:limit]
