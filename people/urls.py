from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("add/", views.PersonCreateView.as_view(), name="create"),
    path("import/", views.PeopleImportView.as_view(), name="import"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="edit"),
    path("<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="deactivate"),
    path("<int:pk>/reactivate/", views.PersonReactivateView.as_view(), name="reactivate"),
    path("units/", views.UnitTreeView.as_view(), name="units"),
    path("units/add/", views.UnitCreateView.as_view(), name="unit_create"),
    path("units/import/", views.OrganisationImportView.as_view(), name="unit_import"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit_edit"),
]
