from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.PackListView.as_view(), name="pack_list"),
    path("packs/new/", views.PackCreateView.as_view(), name="pack_create"),
    path("packs/<int:pk>/", views.PackDetailView.as_view(), name="pack_detail"),
    path("packs/<int:pk>/status/", views.PackStatusView.as_view(), name="pack_status"),
    path("packs/<int:pk>/file/", views.PackFileView.as_view(), name="pack_file"),
    path("packs/<int:pk>/publish/", views.PackPublishView.as_view(), name="pack_publish"),
    path("packs/<int:pk>/retry/", views.PackRetryView.as_view(), name="pack_retry"),
    path("packs/<int:pk>/regenerate/", views.PackRegenerateView.as_view(), name="pack_regenerate"),
    path("packs/<int:pk>/export/", views.PackExportView.as_view(), name="pack_export"),
    path("view/<str:report_type>/", views.ReportView.as_view(), name="report"),
    path("view/<str:report_type>/pdf/", views.ReportPdfView.as_view(), name="report_pdf"),
    path("view/<str:report_type>/export/", views.ReportExportView.as_view(), name="report_export"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/pdf/", views.CalendarPdfView.as_view(), name="calendar_pdf"),
    path("calendar/export/", views.CalendarExportView.as_view(), name="calendar_export"),
    path(
        "calendar/feed/reissue/",
        views.CalendarFeedChangeView.as_view(),
        name="calendar_feed_reissue",
    ),
    path(
        "calendar/feed/revoke/",
        views.CalendarFeedChangeView.as_view(revoke=True),
        name="calendar_feed_revoke",
    ),
    path(
        "calendar/feed/<str:token>/<str:which>.ics",
        views.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
    path("cycle/", views.CycleItemListView.as_view(), name="cycle_list"),
    path("cycle/new/", views.CycleItemCreateView.as_view(), name="cycle_create"),
    path("cycle/<int:pk>/edit/", views.CycleItemUpdateView.as_view(), name="cycle_edit"),
    path("cycle/import/", views.CycleImportView.as_view(), name="cycle_import"),
]
