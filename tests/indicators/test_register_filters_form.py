"""The register's filter form: a labelled select per choice, with the current choice selected."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_filters_show_what_is_chosen(client, people, org):
    client.force_login(people.perf)
    html = client.get("/indicators/", {"rag": "red", "q": "homes"}).content.decode()
    select = re.search(
        r'<select class="form-select" id="id_rag" name="rag">(.*?)</select>', html, re.S
    )
    assert select, "the RAG filter renders as a labelled select"
    assert '<label class="form-label" for="id_rag">' in html
    assert re.search(r'<option value="red" selected>', select.group(1))
    assert len(re.findall(r" selected>", select.group(1))) == 1
    assert 'name="q" id="id_q" value="homes"' in html
