"""Every URL of the product, as every role (anonymous included), gets the expected answer.

A new view fails `test_every_url_has_an_access_decision` until it is added to ACCESS below:
no view ships without a decision about who may use it. Outcomes: ok (200), no (403 or 404),
login (sent to sign in), redirect (302 elsewhere), post (405: POST only; then POST_ACCESS
says who may POST: 'ok' there means anything but no/login, e.g. a redirect or a form error).
Roles, in column order: anonymous board officer other_officer manager perf audit admin
partner.
The officer owns the world's indicator and leads its action; manager heads Housing, the
service everything in the world belongs to; other_officer works in Planning; partner is a
partner contributor of the police, who opens only core.access.PARTNER_PAGES and sees
nothing of the world (its PI, plan and pack are the council's).
"""

import pytest
from django.test import Client

from tests.security.matrix import answer, measure, outcome
from tests.security.test_headers import header_problems
from tests.security.world import ROLES, build_world, our_url_names, url_for

pytestmark = pytest.mark.django_db

KWARGS = {
    "plans:detail": lambda w, o: {"pk": w.plan.pk},
    "plans:update": lambda w, o: {"pk": w.plan.pk},
    "plans:delete": lambda w, o: {"pk": w.plan.pk},
    "plans:approve": lambda w, o: {"pk": w.plan.pk},
    "plans:archive": lambda w, o: {"pk": w.plan.pk},
    "plans:copy": lambda w, o: {"pk": w.plan.pk},
    "plans:export": lambda w, o: {"pk": w.plan.pk},
    "plans:print": lambda w, o: {"pk": w.plan.pk},
    "plans:objective_create": lambda w, o: {"pk": w.plan.pk},
    "plans:objective_update": lambda w, o: {"pk": w.plan.pk, "objective_pk": w.objective.pk},
    "plans:objective_delete": lambda w, o: {"pk": w.plan.pk, "objective_pk": w.objective.pk},
    "plans:beneath": lambda w, o: {"pk": w.objective.pk},
    "indicators:import_template": lambda w, o: {"kind": "figures", "fmt": "csv"},
    "indicators:detail": lambda w, o: {"pk": w.indicator.pk},
    "indicators:edit": lambda w, o: {"pk": w.indicator.pk},
    "indicators:targets": lambda w, o: {"pk": w.indicator.pk},
    "indicators:figure_return": lambda w, o: {"pk": w.figure.pk},
    "indicators:figure_amend": lambda w, o: {"pk": w.figure.pk},
    "indicators:history": lambda w, o: {"pk": w.indicator.pk},
    "actions:plan_detail": lambda w, o: {"pk": w.action_plan.pk},
    "actions:plan_edit": lambda w, o: {"pk": w.action_plan.pk},
    "actions:theme_create": lambda w, o: {"pk": w.action_plan.pk},
    "actions:action_create": lambda w, o: {"pk": w.action_plan.pk},
    "actions:action_detail": lambda w, o: {"pk": w.action.pk},
    "actions:action_edit": lambda w, o: {"pk": w.action.pk},
    "actions:action_progress": lambda w, o: {"pk": w.action.pk},
    "actions:action_history": lambda w, o: {"pk": w.action.pk},
    "actions:register_detail": lambda w, o: {"pk": w.register.pk},
    "actions:register_edit": lambda w, o: {"pk": w.register.pk},
    "actions:risk_create": lambda w, o: {"pk": w.register.pk},
    "actions:risk_detail": lambda w, o: {"pk": w.risk.pk},
    "actions:risk_edit": lambda w, o: {"pk": w.risk.pk},
    "actions:risk_review": lambda w, o: {"pk": w.risk.pk},
    "actions:risk_history": lambda w, o: {"pk": w.risk.pk},
    "dashboards:unit": lambda w, o: {"code": o.housing.code},
    "dashboards:public_indicator": lambda w, o: {"slug": "lpi-ho-01"},
    "dashboards:public_indicator_json": lambda w, o: {"slug": "lpi-ho-01"},
    "dashboards:public_indicator_csv": lambda w, o: {"slug": "lpi-ho-01"},
    **{
        f"reporting:{name}": lambda w, o: {"pk": _draft_pack(o).pk}
        for name in (
            "pack_detail",
            "pack_status",
            "pack_file",
            "pack_publish",
            "pack_retry",
            "pack_regenerate",
            "pack_export",
        )
    },
    "reporting:report": lambda w, o: {"report_type": "action_plan"},
    "reporting:report_pdf": lambda w, o: {"report_type": "action_plan"},
    "reporting:report_export": lambda w, o: {"report_type": "action_plan"},
    "reporting:calendar_feed": lambda w, o: {"token": _feed_token(), "which": "mine"},
    "reporting:cycle_edit": lambda w, o: {"pk": _cycle_item().pk},
    **{
        f"people:{name}": lambda w, o: {"pk": w.indicator.owner.pk}
        for name in ("detail", "edit", "deactivate", "reactivate")
    },
    "people:unit_edit": lambda w, o: {"pk": o.housing.pk},
    "password_reset_confirm": lambda w, o: {"uidb64": "MQ", "token": "set-password"},
    "api:token_revoke": lambda w, o: {"pk": _officers_token().pk},
    "api:indicator": lambda w, o: {"pk": w.indicator.pk},
    "api:indicator_history": lambda w, o: {"pk": w.indicator.pk},
    "api:plan": lambda w, o: {"pk": w.individual_plan.pk},
    "api:pack_file": lambda w, o: {"pk": _draft_pack(o).pk},
    "finance:unit": lambda w, o: {"code": o.housing.code},
    "finance:history": lambda w, o: {"code": o.housing.code},
    "finance:figure_edit": lambda w, o: {"pk": _budget_figure(o).pk},
    "finance:template": lambda w, o: {"fmt": "csv"},
}


def _officers_token():
    from django.contrib.auth.models import User

    from api.services import token_create

    return token_create(person=User.objects.get(username="officer"), name="Power BI")[0]


def _budget_figure(org):
    """A Housing budget line's October figure (the same one each time it is asked for)."""
    from finance.models import BudgetFigure, BudgetLine

    line, _ = BudgetLine.objects.get_or_create(
        year=2026,
        unit=org.housing,
        name="Homelessness",
        defaults={"original_budget": 1, "current_budget": 1},
    )
    figure, _ = BudgetFigure.objects.get_or_create(
        line=line, frequency="monthly", number=7, defaults={"actual": 1, "forecast": 1}
    )
    return figure


def _draft_pack(org):
    """A ready (unpublished) pack scoped to Housing, the world's service."""
    from tests.factories import PackFactory

    return PackFactory(
        status="ready", scope_unit=org.housing, report_type="action_plan", period_label="2026-10"
    )


def _feed_token() -> str:
    from django.contrib.auth.models import User

    from reporting.ical import user_feed_token

    return user_feed_token(User.objects.get(username="board"))


def _cycle_item():
    from tests.factories import CycleItemFactory

    return CycleItemFactory()


# fmt: off
ACCESS: dict[str, str] = {
    "healthz": "ok ok ok ok ok ok ok ok ok",
    "login": "ok ok ok ok ok ok ok ok ok",
    "logout": "login post post post post post post post post",
    # Single sign-on's addresses answer 404 until OIDC_* is configured (tests/core/test_sso.py).
    "oidc_start": "no no no no no no no no no",
    "oidc_callback": "no no no no no no no no no",
    "password_change": "login ok ok ok ok ok ok ok ok",
    "password_change_done": "login ok ok ok ok ok ok ok ok",
    "plans:list": "login ok ok ok ok ok ok ok no",
    "plans:thread": "login ok ok ok ok ok ok ok ok",
    "plans:orphans": "login no no no no ok no ok no",
    "plans:create": "login ok ok ok ok ok ok ok no",
    "plans:detail": "login ok ok ok ok ok ok ok no",
    "plans:update": "login no no no ok ok no ok no",
    "plans:delete": "login no no no no ok no ok no",
    "plans:approve": "login post post post post post post post no",
    "plans:archive": "login post post post post post post post no",
    "plans:copy": "login post post post post post post post no",
    "plans:export": "login ok ok ok ok ok ok ok no",
    "plans:print": "login ok ok ok ok ok ok ok no",
    "plans:objective_create": "login no no no ok ok no ok no",
    "plans:objective_update": "login no no no ok ok no ok no",
    "plans:objective_delete": "login no no no ok ok no ok no",
    "plans:beneath": "login ok ok ok ok ok ok ok no",
    "indicators:list": "login ok ok ok ok ok ok ok ok",
    "indicators:export": "login ok ok ok ok ok ok ok no",
    "indicators:my": "login no ok ok ok ok no ok ok",
    "indicators:enter": "login no ok ok ok ok no ok ok",
    "indicators:entry_preview": "login post post post post post post post post",
    "indicators:entry_template": "login no ok ok ok ok no ok ok",
    "indicators:entry_upload": "login no ok ok ok ok no ok ok",
    "indicators:verify_queue": "login no no no ok ok no ok no",
    "indicators:figure_return": "login no no no ok ok no ok no",
    "indicators:figure_amend": "login no no no no ok no ok no",
    "indicators:periods": "login no no no no ok no ok no",
    # Without ?period= the confirmation sends the performance team back to the periods page.
    "indicators:period_close": "login no no no no redirect no redirect no",
    "indicators:chase": "login no no no no ok no ok no",
    "indicators:history": "login no ok no ok ok ok ok no",
    "indicators:create": "login no no no no ok no ok no",
    "indicators:import": "login no no no no ok no ok no",
    "indicators:import_template": "login no no no no ok no ok no",
    "indicators:benchmark_import": "login no no no no ok no ok no",
    "indicators:detail": "login ok ok ok ok ok ok ok no",
    "indicators:edit": "login no no no no ok no ok no",
    "indicators:targets": "login no no no no ok no ok no",
    "actions:plan_list": "login ok ok ok ok ok ok ok no",
    "actions:my_actions": "login ok ok ok ok ok ok ok no",
    "actions:import": "login no no no no ok no ok no",
    "actions:plan_create": "login no no no ok ok no ok no",
    "actions:plan_detail": "login ok ok ok ok ok ok ok no",
    "actions:plan_edit": "login no no no ok ok no ok no",
    "actions:theme_create": "login no no no ok ok no ok no",
    "actions:action_create": "login no no no ok ok no ok no",
    "actions:action_detail": "login ok ok ok ok ok ok ok no",
    "actions:action_edit": "login no no no ok ok no ok no",
    "actions:action_progress": "login no post no post post no post no",
    "actions:action_history": "login no ok no ok ok ok ok no",
    "actions:register_list": "login ok ok ok ok ok ok ok no",
    "actions:register_create": "login no no no ok ok no ok no",
    "actions:register_detail": "login ok ok ok ok ok ok ok no",
    "actions:register_edit": "login no no no ok ok no ok no",
    "actions:risk_create": "login no no no ok ok no ok no",
    "actions:risk_detail": "login ok ok ok ok ok ok ok no",
    "actions:risk_edit": "login no no no ok ok no ok no",
    "actions:risk_review": "login no no no post post no post no",
    "actions:risk_history": "login no no no ok ok ok ok no",
    "dashboards:pmb": "login ok ok ok ok ok ok ok no",
    "dashboards:indicators": "login ok ok ok ok ok ok ok no",
    "dashboards:mine": "login ok ok ok ok ok ok ok no",
    "dashboards:unit": "login ok ok ok ok ok ok ok no",
    "dashboards:public": "ok ok ok ok ok ok ok ok ok",
    "dashboards:public_csv": "ok ok ok ok ok ok ok ok ok",
    "dashboards:public_json": "ok ok ok ok ok ok ok ok ok",
    "dashboards:public_indicator_json": "ok ok ok ok ok ok ok ok ok",
    "dashboards:public_indicator_csv": "ok ok ok ok ok ok ok ok ok",
    "dashboards:public_indicator": "ok ok ok ok ok ok ok ok ok",
    "core:home": "login ok ok ok ok ok ok ok ok",
    # The bench's floor: the base layout alone, signed in (devtools: not in production);
    # partners keep to their own pages.
    "devtools:base": "login ok ok ok ok ok ok ok no",
    # The world's pack is a Housing draft: the service's manager and those seeing all drafts.
    "reporting:pack_list": "login ok ok ok ok ok ok ok ok",
    "reporting:pack_create": "login post post post post post post post no",
    "reporting:pack_detail": "login no no no ok ok ok ok no",
    "reporting:pack_status": "login no no no ok ok ok ok no",
    "reporting:pack_file": "login no no no no no no no no",
    "reporting:pack_publish": "login no no no no ok no ok no",
    "reporting:pack_retry": "login post post post post post post post no",
    "reporting:pack_regenerate": "login post post post post post post post no",
    "reporting:pack_export": "login no no no no no no no no",
    "reporting:report": "login no no no no ok ok ok no",
    "reporting:report_pdf": "login no no no no ok ok ok no",
    "reporting:report_export": "login no no no no no no no no",
    "reporting:calendar": "login ok ok ok ok ok ok ok no",
    "reporting:calendar_pdf": "login ok ok ok ok ok ok ok no",
    "reporting:calendar_export": "login no no no no no no no no",
    "reporting:calendar_feed": "ok ok ok ok ok ok ok ok no",
    "reporting:calendar_feed_reissue": "login ok ok ok ok ok ok ok no",
    "reporting:calendar_feed_revoke": "login ok ok ok ok ok ok ok no",
    "reporting:cycle_list": "login no no no no no no ok no",
    "reporting:cycle_create": "login no no no no no no ok no",
    "reporting:cycle_edit": "login no no no no no no ok no",
    "reporting:cycle_import": "login no no no no no no ok no",
    # People and units: administrators only (the person is the world's officer).
    "people:list": "login no no no no no no ok no",
    "people:create": "login no no no no no no ok no",
    "people:import": "login no no no no no no ok no",
    "people:detail": "login no no no no no no ok no",
    "people:edit": "login no no no no no no ok no",
    "people:deactivate": "login no no no no no no ok no",
    "people:reactivate": "login no no no no no no post no",
    "people:units": "login no no no no no no ok no",
    "people:unit_create": "login no no no no no no ok no",
    "people:unit_import": "login no no no no no no ok no",
    "people:unit_edit": "login no no no no no no ok no",
    # Password reset by e-mail: open to anyone (the link in the e-mail is the key).
    "password_reset": "ok ok ok ok ok ok ok ok ok",
    "password_reset_done": "ok ok ok ok ok ok ok ok ok",
    "password_reset_confirm": "ok ok ok ok ok ok ok ok ok",
    "password_reset_complete": "ok ok ok ok ok ok ok ok ok",
    # The API: a session works as a token does (tests/api/test_access.py checks tokens);
    # anonymous is asked for a token (401). The world's plan here is the officer's own
    # individual plan: the officer, their line manager and those who see every one.
    "api:tokens": "login ok ok ok ok ok ok ok no",
    "api:tokens_all": "login no no no no no no ok no",
    "api:token_revoke": "login no ok no no no no ok no",
    "api:schema": "ok ok ok ok ok ok ok ok no",
    "api:docs": "ok ok ok ok ok ok ok ok no",
    "api:indicators": "401 ok ok ok ok ok ok ok no",
    "api:indicator": "401 ok ok ok ok ok ok ok no",
    "api:indicator_history": "401 ok ok ok ok ok ok ok no",
    "api:register": "401 ok ok ok ok ok ok ok no",
    "api:register_flat": "401 ok ok ok ok ok ok ok no",
    "api:plans": "401 ok ok ok ok ok ok ok no",
    "api:plan": "401 no ok no ok no ok ok no",
    "api:actions": "401 ok ok ok ok ok ok ok no",
    "api:risks": "401 ok ok ok ok ok ok ok no",
    "api:packs": "401 ok ok ok ok ok ok ok no",
    "api:pack_file": "401 no no no no no no no no",
    "api:figures": "401 post post post post post post post no",
    # Finance figures are internal: the board, managers, performance team, audit and admin
    # see them (officers do not); the performance team and admin (and the Finance role,
    # tests/finance/test_pages.py) import and edit; audit reads the history.
    "finance:overview": "login ok no no ok ok ok ok no",
    "finance:unit": "login ok no no ok ok ok ok no",
    "finance:history": "login no no no no ok ok ok no",
    "finance:figure_edit": "login no no no no ok no ok no",
    "finance:import": "login no no no no ok no ok no",
    "finance:template": "login no no no no ok no ok no",
    "finance:value_for_money": "login ok no no ok ok ok ok no",
}

# Who may POST to the POST-only views (the world's plan is approved already, so approving
# it again is refused to everyone).
POST_ACCESS: dict[str, str] = {
    "logout": "login login login login login login login login login",
    "plans:approve": "login no no no no no no no no",
    "plans:archive": "login no no no ok ok no ok no",
    "plans:copy": "login no no no ok ok no ok no",
    "indicators:entry_preview": "login no no no no no no no no",
    "indicators:period_close": "login no no no no ok no ok no",
    "actions:action_progress": "login no ok no ok ok no ok no",
    "actions:risk_review": "login no no no ok ok no ok no",
    "reporting:pack_create": "login no no no no ok no ok no",
    "reporting:pack_publish": "login no no no no ok no ok no",
    "reporting:pack_retry": "login no no no no ok no ok no",
    "reporting:pack_regenerate": "login no no no no ok no ok no",
    "people:reactivate": "login no no no no no no ok no",
    # A form post without figures is refused (400) to those who enter figures; others: 403.
    "api:figures": "401 no ok ok ok ok no ok no",
}
# fmt: on


def test_every_url_has_an_access_decision():
    missing = [name for name in our_url_names() if name not in ACCESS]
    assert not missing, f"URLs without an access decision in ACCESS: {missing}"


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_gets_the_expected_answer_with_the_security_headers(name, org, people):
    world = build_world(org, people)
    expected = dict(zip(ROLES, ACCESS[name].split(), strict=True))
    got, problems = {}, []
    for role in ROLES:
        response = answer(name, role, people, world, org, KWARGS, "get")
        got[role] = outcome(response)
        where = f"{role} ({response.status_code})"
        problems += [f"{where}: {problem}" for problem in header_problems(role, response)]
    assert got == expected
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(POST_ACCESS))
def test_each_role_may_post_only_where_allowed(name, org, people):
    world = build_world(org, people)
    expected = dict(zip(ROLES, POST_ACCESS[name].split(), strict=True))
    got = {}
    for role in ROLES:
        result = measure(name, role, people, world, org, KWARGS, "post")
        got[role] = result if result in {"no", "login", "401"} else "ok"
    assert got == expected


def test_no_url_accepts_a_post_without_the_csrf_token(org, people):
    """A forged cross-site POST is refused everywhere, before any view runs."""
    world = build_world(org, people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.admin)
    accepted = []
    for name in ACCESS:
        response = client.post(url_for(name, KWARGS, world, org), {})
        if response.status_code != 403:
            accepted.append((name, response.status_code))
    assert not accepted
