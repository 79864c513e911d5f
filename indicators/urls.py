from django.urls import path

from indicators import views, views_entry
from indicators.export_views import AssessmentExportView

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="list"),
    path("export/", AssessmentExportView.as_view(), name="export"),
    # Monthly figures (entry, verification, periods, chasing, audit trail).
    path("my/", views_entry.MyIndicatorsView.as_view(), name="my"),
    path("my/enter/", views_entry.EntryView.as_view(), name="enter"),
    path("my/enter/preview/", views_entry.EntryPreviewView.as_view(), name="entry_preview"),
    path("my/template/", views_entry.EntryTemplateView.as_view(), name="entry_template"),
    path("my/upload/", views_entry.EntryUploadView.as_view(), name="entry_upload"),
    path("verify/", views_entry.VerifyQueueView.as_view(), name="verify_queue"),
    path("verify/<int:pk>/return/", views_entry.ReturnFigureView.as_view(), name="figure_return"),
    path("figures/<int:pk>/amend/", views_entry.AmendFigureView.as_view(), name="figure_amend"),
    path("periods/", views_entry.PeriodsView.as_view(), name="periods"),
    path("periods/close/", views_entry.PeriodCloseView.as_view(), name="period_close"),
    path("chase/", views_entry.ChaseView.as_view(), name="chase"),
    path("<int:pk>/history/", views_entry.HistoryView.as_view(), name="history"),
    path("new/", views.IndicatorCreateView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path(
        "import/template/<str:kind>.<str:fmt>",
        views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="edit"),
    path("<int:pk>/targets/", views.TargetsView.as_view(), name="targets"),
]
