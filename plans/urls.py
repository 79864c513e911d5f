from django.urls import path

from plans import views

app_name = "plans"

# The pages built on the golden thread (thread, orphans, a plan's page, print and export,
# everything beneath) are in dashboards.thread_urls; config/urls.py serves both here.
urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("<int:pk>/edit/", views.PlanUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.PlanDeleteView.as_view(), name="delete"),
    path("<int:pk>/approve/", views.PlanApproveView.as_view(), name="approve"),
    path("<int:pk>/archive/", views.PlanArchiveView.as_view(), name="archive"),
    path("<int:pk>/copy/", views.PlanCopyView.as_view(), name="copy"),
    path("<int:pk>/objectives/new/", views.ObjectiveCreateView.as_view(), name="objective_create"),
    path(
        "<int:pk>/objectives/<int:objective_pk>/edit/",
        views.ObjectiveUpdateView.as_view(),
        name="objective_update",
    ),
    path(
        "<int:pk>/objectives/<int:objective_pk>/delete/",
        views.ObjectiveDeleteView.as_view(),
        name="objective_delete",
    ),
]
