from django.urls import path, re_path

from api import token_views, views

app_name = "api"

urlpatterns = [
    path("tokens/", token_views.TokenListView.as_view(), name="tokens"),
    path("tokens/everyone/", token_views.AllTokensView.as_view(), name="tokens_all"),
    path("tokens/<int:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="token_revoke"),
    path("v1/schema/", views.SchemaView.as_view(), name="schema"),
    path("v1/docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("v1/indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator"),
    path(
        "v1/indicators/<int:pk>/history/",
        views.IndicatorHistoryView.as_view(),
        name="indicator_history",
    ),
    path("v1/register/", views.RegisterView.as_view(), name="register"),
    path("v1/register/flat/", views.FlatRegisterView.as_view(), name="register_flat"),
    path("v1/plans/", views.PlanListView.as_view(), name="plans"),
    path("v1/plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("v1/actions/", views.ActionListView.as_view(), name="actions"),
    path("v1/risks/", views.RiskListView.as_view(), name="risks"),
    path("v1/packs/", views.PackListView.as_view(), name="packs"),
    path("v1/packs/<int:pk>/file/", views.PackFileApiView.as_view(), name="pack_file"),
    path("v1/figures/", views.FiguresView.as_view(), name="figures"),
    re_path(r"^v1/", views.NotFoundView.as_view()),  # last: anything else is a JSON 404
]
