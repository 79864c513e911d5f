"""Every URL pattern of the product, with hostile values in each GET parameter and form field
it reads: no server error anywhere, and a hostile POST saves nothing it changed.

Parameters are discovered, so new pages are covered without listing them here:
- the GET parameters and POST fields a view reads are recorded while it answers a plain
  request (request.GET/POST are wrapped in a QueryDict that notes every key asked for, which
  covers views, forms and filtersets alike);
- the fields of the forms the page shows are posted back as a browser would, one of them
  replaced by each hostile value in turn.

"Saves nothing" is checked on every table of the product: after a hostile POST each new or
changed row is one the plain POST also made (the field had no effect) or holds the hostile
text exactly as typed (a title may contain '<b>'). A number, id or period field that stores
'١٢٣' as 123, or 'NaN' as anything, fails. The number of requests is printed at the end of
the run (tests/security/conftest.py).
"""

import datetime
import re
import traceback
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client

from core.models import CouncilSettings
from tests.security.conftest import SWEEP_STATS
from tests.security.test_url_access import ACCESS, KWARGS, POST_ACCESS
from tests.security.world import ROLES, build_world, our_url_names, url_for

pytestmark = pytest.mark.django_db

# Values people and attackers type. Each is sent alone in one parameter or field at a time.
HOSTILE = (
    "\u00b2",  # superscript two: isdigit() is True, int() raises
    "\u0661\u0662\u0663",  # Arabic-Indic digits: int() reads 123
    "\uff11\uff12\uff13",  # full-width digits
    "\U0001d7d3",  # mathematical bold five
    "99999999999999999999999999",  # beyond every integer column and id
    "99999999999999.99999",  # rounds past an 18,4 decimal column
    "NaN",
    "-Infinity",
    "1,2,3",
    "",
    "x" * 3000,
    "1\x00",
    '<script>alert("x")</script>',
    "Octember 2026",
    "2026/28 Q5",
)
PRODUCT_APPS = ("core", "plans", "indicators", "actions", "reporting", "dashboards", "people")
# POSTing these ends the session or starts work no field changes; they are swept by GET only.
NO_POST_SWEEP = {"logout"}
ROLE_PREFERENCE = ("perf", "admin", "manager", "officer", "board", "audit", "anonymous")
# PDFs (slow to make) get the values most likely to break a parser, not the whole corpus;
# chosen by what the page is, not how long it took, so the count is the same on every run.
# Sent in each field alone too, in case an earlier field's refusal hides a later one's parser.
SHARP = ("\u00b2", "99999999999999999999999999")
SHORT_CORPUS = ("\u00b2", "99999999999999999999999999", "1\x00", "Octember 2026", "")

_read: set[str] | None = None


class RecordingQueryDict(QueryDict):
    """A QueryDict noting every key a view, form or filterset asks it for."""

    def _note(self, key):
        if _read is not None and isinstance(key, str):
            _read.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def _getlist(self, key, default=None, force_list=False):
        self._note(key)
        return super()._getlist(key, default, force_list)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def _recording(data: QueryDict) -> RecordingQueryDict:
    wrapped = RecordingQueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        wrapped.setlist(key, values)
    wrapped._mutable = False
    return wrapped


class RecordReads:
    """Test-only middleware putting the recording QueryDicts on each request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _recording(request.GET)
        if request.method == "POST":
            request.POST = _recording(request.POST)
        return self.get_response(request)


class PostForms(HTMLParser):
    """The fields of a page's POST forms, as a browser would send them untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        # Checkboxes and buttons: any value sent means ticked or pressed, as in a browser.
        self.switches: set[str] = set()
        self._in_post = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._in_post = (attrs.get("method") or "").lower() == "post"
        if not self._in_post or name in (None, "csrfmiddlewaretoken"):
            if tag == "option" and self._select and self._select not in self.fields:
                self.fields[self._select] = attrs.get("value") or ""
            if tag == "option" and self._select and "selected" in attrs:
                self.fields[self._select] = attrs.get("value") or ""
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "submit", "button"}:
                self.switches.add(name)
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                self.fields.setdefault(name, "")
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields[name] = attrs.get("value") or ""
            else:
                self.fields.setdefault(name, attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "button":
            self.switches.add(name)
            self.fields.setdefault(name, attrs.get("value") or "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_post_fields(response) -> tuple[dict[str, str], set[str]]:
    """Return the page's POST form fields with their values, and which are switches."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return {}, set()
    parser = PostForms()
    parser.feed(response.content.decode(errors="replace"))
    return parser.fields, parser.switches


def client_for(role: str, people) -> Client:
    # A server error is counted and reported with its cause, not raised at the first one.
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def cause(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    frame = traceback.extract_tb(exc_info[2])[-1]
    return f"{exc_info[0].__name__}: {str(exc_info[1])[:80]} at {frame.filename}:{frame.lineno}"


def role_for(outcomes: str, ok=("ok",)) -> str | None:
    by_role = dict(zip(ROLES, outcomes.split(), strict=True))
    return next((role for role in ROLE_PREFERENCE if by_role[role] in ok), None)


def product_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PRODUCT_APPS
    }


class Writes:
    """Records the INSERT/UPDATE/DELETE statements a request sends to the product's tables,
    with their parameters (times left out: they differ between any two requests)."""

    def __init__(self, tables: set[str]) -> None:
        self.tables = tables
        self.made: list[tuple] = []

    def __call__(self, execute, sql, params, many, context):
        words = sql.lstrip().split(None, 3)
        if words and words[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            table = sql.split('"')[1] if '"' in sql else ""
            if table in self.tables:
                rows = params if many else [params]
                for row in rows:
                    kept = tuple(_text(p) for p in (row or ()) if not _is_time(p))
                    self.made.append((sql, kept))
        return execute(sql, params, many, context)


TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d")


def _is_time(value) -> bool:
    return isinstance(value, datetime.datetime) or bool(
        isinstance(value, str) and TIMESTAMP.match(value)
    )


def _text(value) -> str:
    return "" if value is None else str(value)


def sent(client, method, url, data, reads: set | None, tables: set[str]):
    """Send one request inside a transaction that is rolled back; return it and its writes."""
    global _read
    _read = reads
    writes = Writes(tables)
    try:
        with transaction.atomic(), connection.execute_wrapper(writes):
            response = client.get(url, data) if method == "get" else client.post(url, data)
            transaction.set_rollback(True)
    finally:
        _read = None
    return response, writes.made


def saved_as_typed(made: list[tuple], value: str) -> bool:
    return any(value in cell for _sql, row in made for cell in row)


@pytest.fixture
def recording(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.security.test_hostile_sweep.RecordReads"]


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_no_hostile_value_reaches_a_server_error_or_is_saved(name, org, people, recording):
    world = build_world(org, people)
    CouncilSettings.load()  # made on first use; else every request would create it
    tables = product_tables()
    stats: Counter = Counter()
    server_errors, saved = [], []

    def check(client, method, url, data, fields, value, baseline):
        response, made = sent(client, method, url, data, None, tables)
        stats[method] += 1
        if response.status_code >= 500:
            server_errors.append(f"{method} {fields}={value[:30]!r}: {cause(response)}")
        # Writes the plain POST made too are not the hostile value's doing.
        extra = [write for write in made if write not in (baseline or ())]
        if method == "post" and extra and value.strip() and not saved_as_typed(extra, value):
            saved.append(f"{fields}={value[:30]!r} saved {extra[:2]}")

    def sweep(client, method, url, plain, fields, corpus, baseline=None):
        """Every field at once with each value, then each field alone with the sharp ones."""
        if not fields:
            return
        for value in corpus:
            check(client, method, url, plain | dict.fromkeys(fields, value), "all", value, baseline)
        if len(fields) > 1:
            for field in fields:
                for value in SHARP:
                    check(client, method, url, plain | {field: value}, field, value, baseline)

    url = url_for(name, KWARGS, world, org)
    get_role = role_for(ACCESS[name]) or "perf"
    client = client_for(get_role, people)
    get_reads: set[str] = set()
    page, _ = sent(client, "get", url, {}, get_reads, tables)
    corpus = SHORT_CORPUS if page.get("Content-Type") == "application/pdf" else HOSTILE
    stats["get"] += 1
    assert page.status_code < 500, cause(page)
    sweep(client, "get", url, {}, sorted(get_reads), corpus)

    post_role = role_for(POST_ACCESS[name]) if name in POST_ACCESS else get_role
    if name not in NO_POST_SWEEP and post_role is not None:
        client = client_for(post_role, people)
        form, switches = page_post_fields(page)
        post_reads: set[str] = set()
        plain, baseline = sent(client, "post", url, form, post_reads, tables)
        stats["post"] += 1
        assert plain.status_code < 500, f"plain POST: {cause(plain)}"
        if plain.status_code != 405:
            fields = sorted((post_reads | set(form)) - switches)
            sweep(client, "post", url, form, fields, corpus, baseline)

    for key in ("get", "post"):
        SWEEP_STATS[key] = SWEEP_STATS.get(key, 0) + stats[key]
    SWEEP_STATS["urls"] = SWEEP_STATS.get("urls", 0) + 1
    SWEEP_STATS["server_errors"] = SWEEP_STATS.get("server_errors", 0) + len(server_errors)
    assert not server_errors, "\n".join(server_errors)
    assert not saved, "\n".join(saved)


def test_every_url_pattern_is_swept():
    assert set(our_url_names()) <= set(ACCESS), "every URL needs an access decision first"
