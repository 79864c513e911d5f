"""QuickSelect writes the same <select> as Django's own Select, escaped alike, in Python."""

import re

from django import forms
from django.utils.safestring import mark_safe

from core.widgets import QuickSelect

CHOICES = [
    ("", "Anyone"),
    (1, 'Ann <b>"Officer"</b> & co'),
    ("x'y", "Quote's"),
    ("Group <1>", [(2, "Two"), (3, mark_safe("Three &amp; more"))]),
]


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_it_writes_what_djangos_select_writes():
    for value in ("", 1, "x'y", 3, None):
        ours = QuickSelect(choices=CHOICES).render("owner", value, {"id": "id_owner"})
        django = forms.Select(choices=CHOICES).render("owner", value, {"id": "id_owner"})
        # The same options; the opening tag's attributes may come in another order.
        assert _options(ours) == _options(django), value
        assert 'name="owner"' in ours.split(">")[0] and 'id="id_owner"' in ours.split(">")[0]


def _options(html: str) -> str:
    return _normal(html).split(">", 1)[1]


def test_typed_text_is_escaped_and_safe_text_kept():
    html = QuickSelect(choices=CHOICES).render("owner", 1)
    assert "<b>" not in html and "Ann &lt;b&gt;&quot;Officer&quot;&lt;/b&gt; &amp; co" in html
    assert 'value="x&#x27;y"' in html and 'label="Group &lt;1&gt;"' in html
    assert "Three &amp; more" in html and "&amp;amp;" not in html
    assert html.count(" selected") == 1 and '<option value="1" selected>' in html
