"""Every URL of the product, as every role (anonymous included), gets the expected answer.

A new view fails `test_every_url_has_an_access_decision` until it is added to ACCESS below:
no view ships without a decision about who may use it. Outcomes: ok (200), no (403 or 404),
login (sent to sign in), redirect (302 elsewhere), post (405: POST only; then POST_ACCESS
says who may POST: 'ok' there means anything but no/login, e.g. a redirect or a form error).
Roles, in column order: anonymous board officer other_officer manager perf audit admin.
The officer owns the world's indicator and leads its action; manager heads Housing, the
service everything in the world belongs to; other_officer works in Planning.
"""

import pytest

from tests.security.matrix import measure
from tests.security.world import ROLES, build_world, our_url_names

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
}

ACCESS: dict[str, str] = {}
POST_ACCESS: dict[str, str] = {}


def test_every_url_has_an_access_decision():
    missing = [name for name in our_url_names() if name not in ACCESS]
    assert not missing, f"URLs without an access decision in ACCESS: {missing}"


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_gets_the_expected_answer(name, org, people, django_user_model):
    world = build_world(org, people)
    expected = dict(zip(ROLES, ACCESS[name].split(), strict=True))
    got = {role: measure(name, role, people, world, org, KWARGS, "get") for role in ROLES}
    assert got == expected


@pytest.mark.parametrize("name", sorted(POST_ACCESS))
def test_each_role_may_post_only_where_allowed(name, org, people):
    world = build_world(org, people)
    expected = dict(zip(ROLES, POST_ACCESS[name].split(), strict=True))
    got = {}
    for role in ROLES:
        result = measure(name, role, people, world, org, KWARGS, "post")
        got[role] = result if result in {"no", "login"} else "ok"
    assert got == expected
