"""The plans' pages built on the golden thread (dashboards.thread_views), served under /plans/
with the plans' own pages and in their `plans:` namespace (config/urls.py joins the two)."""

from django.urls import path

from dashboards import thread_views as views

urlpatterns = [
    path("thread/", views.ThreadView.as_view(), name="thread"),
    path("orphans/", views.OrphansView.as_view(), name="orphans"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/export/", views.PlanExportView.as_view(), name="export"),
    path("<int:pk>/print/", views.PlanPrintView.as_view(), name="print"),
    path("objectives/<int:pk>/", views.BeneathView.as_view(), name="beneath"),
]
