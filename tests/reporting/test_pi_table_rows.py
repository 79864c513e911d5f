"""The rows of a report's PI table are written in Python (reporting_tags.pi_table_rows): every
text a person typed is escaped, and each row has a cell under every column."""

import re

from reporting.templatetags.reporting_tags import pi_table_rows

SCRIPT = '<script>alert("owned")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"
TEXT_FIELDS = (
    "code",
    "title",
    "owner",
    "organisation",
    "period",
    "value",
    "target",
    "ytd_value",
    "ytd_target",
    "revised",
    "commentary",
    "corrective_action",
)


def _row(**changes) -> dict:
    row = {
        "code": "PI 1",
        "title": "Rent collected",
        "owner": "Ann Officer",
        "organisation": "",
        "period": "Nov 2026",
        "value": "97.1%",
        "target": "98.0%",
        "rag": "amber",
        "ytd_value": "96.0%",
        "ytd_target": "98.0%",
        "ytd_rag": "",
        "dot_previous": "improving",
        "dot_last_year": "",
        "spark": ["95", None, "97.1"],
        "revised": "",
        "commentary": "",
        "corrective_action": "",
    }
    return {**row, **changes}


def test_every_typed_text_is_escaped():
    row = _row(**{field: f"{field} {SCRIPT}" for field in TEXT_FIELDS}, anchor='a"b')
    html = pi_table_rows({"groups": [{"name": f"Priority {SCRIPT}", "rows": [row]}]})
    assert "<script>" not in html
    for field in (*TEXT_FIELDS, "Priority"):
        assert f"{field} {ESCAPED}" in html, field
    assert 'id="a&quot;b"' in html


def test_each_row_has_a_cell_under_each_of_the_twelve_columns():
    rows = [_row(), _row(code="PI 2", ytd_rag="red", revised="Revised 1 Dec: typo")]
    html = pi_table_rows({"groups": [{"name": "", "rows": rows}]})
    written = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(written) == 2
    for cells in written:
        assert len(re.findall(r"<t[hd][ >]", cells)) == 12
    assert "group-row" not in html  # no heading row for a group without a name
    assert written[1].count("(revised)") == 1 and "<strong>Revised 1 Dec: typo</strong>" in html


def test_a_sparkline_is_drawn_only_with_a_value_and_as_an_image_in_print():
    with_values = pi_table_rows({"groups": [{"name": "", "rows": [_row()]}]})
    without = pi_table_rows({"groups": [{"name": "", "rows": [_row(spark=[None, None])]}]})
    printed = pi_table_rows({"groups": [{"name": "", "rows": [_row()]}]}, True)
    assert '<td class="spark"><svg' in with_values
    assert '<td class="spark"></td>' in without
    assert '<td class="spark"><img' in printed
