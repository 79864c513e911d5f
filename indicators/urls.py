from django.urls import path

from indicators import views_entry
from indicators.export_views import AssessmentExportView

app_name = "indicators"

urlpatterns: list = [
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
    path("chase/", views_entry.ChaseView.as_view(), name="chase"),
    path("<int:pk>/history/", views_entry.HistoryView.as_view(), name="history"),
]
