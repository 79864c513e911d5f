from django.urls import path

from finance import views

app_name = "finance"

urlpatterns = [
    path("", views.FinanceOverviewView.as_view(), name="overview"),
    path("units/<slug:code>/", views.UnitFinanceView.as_view(), name="unit"),
    path("units/<slug:code>/history/", views.BudgetHistoryView.as_view(), name="history"),
    path("figures/<int:pk>/edit/", views.BudgetFigureEditView.as_view(), name="figure_edit"),
    path("import/", views.BudgetImportView.as_view(), name="import"),
    path("import/template.<str:fmt>", views.BudgetTemplateView.as_view(), name="template"),
    path("value-for-money/", views.ValueForMoneyView.as_view(), name="value_for_money"),
]
