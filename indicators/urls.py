from django.urls import path

from indicators import views
from indicators.export_views import AssessmentExportView
from indicators.figures.views import entry, history, periods, upload, verify

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="list"),
    path("export/", AssessmentExportView.as_view(), name="export"),
    # Monthly figures (entry, verification, periods, chasing, audit trail).
    path("my/", entry.MyIndicatorsView.as_view(), name="my"),
    path("my/enter/", entry.EntryView.as_view(), name="enter"),
    path("my/enter/preview/", entry.EntryPreviewView.as_view(), name="entry_preview"),
    path("my/template/", upload.EntryTemplateView.as_view(), name="entry_template"),
    path("my/upload/", upload.EntryUploadView.as_view(), name="entry_upload"),
    path("verify/", verify.VerifyQueueView.as_view(), name="verify_queue"),
    path("verify/<int:pk>/return/", verify.ReturnFigureView.as_view(), name="figure_return"),
    path("figures/<int:pk>/amend/", verify.AmendFigureView.as_view(), name="figure_amend"),
    path("periods/", periods.PeriodsView.as_view(), name="periods"),
    path("periods/close/", periods.PeriodCloseView.as_view(), name="period_close"),
    path("chase/", periods.ChaseView.as_view(), name="chase"),
    path("<int:pk>/history/", history.HistoryView.as_view(), name="history"),
    path("new/", views.IndicatorCreateView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("benchmarks/import/", views.BenchmarkImportView.as_view(), name="benchmark_import"),
    path(
        "import/template/<str:kind>.<str:fmt>",
        views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="edit"),
    path("<int:pk>/targets/", views.TargetsView.as_view(), name="targets"),
]
