from django.urls import path

from indicators.export_views import AssessmentExportView

app_name = "indicators"

urlpatterns: list = [
    path("export/", AssessmentExportView.as_view(), name="export"),
]
