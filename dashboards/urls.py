from django.urls import path

from dashboards import public, views

app_name = "dashboards"

urlpatterns = [
    path("dashboard/", views.PMBDashboardView.as_view(), name="pmb"),
    path("dashboard/indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("dashboard/mine/", views.MyDashboardView.as_view(), name="mine"),
    path("dashboard/units/<slug:code>/", views.UnitDashboardView.as_view(), name="unit"),
    path("public/", public.PublicIndexView.as_view(), name="public"),
    path("public/indicators.csv", public.PublicSetView.as_view(fmt="csv"), name="public_csv"),
    path("public/indicators.json", public.PublicSetView.as_view(fmt="json"), name="public_json"),
    path(
        "public/indicators/<slug:slug>.json",
        public.PublicIndicatorDataView.as_view(fmt="json"),
        name="public_indicator_json",
    ),
    path(
        "public/indicators/<slug:slug>.csv",
        public.PublicIndicatorDataView.as_view(fmt="csv"),
        name="public_indicator_csv",
    ),
    path(
        "public/indicators/<slug:slug>/",
        public.PublicIndicatorView.as_view(),
        name="public_indicator",
    ),
]
