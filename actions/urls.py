from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("mine/", views.MyActionsView.as_view(), name="my_actions"),
    path("import/", views.ActionImportView.as_view(), name="import"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/themes/new/", views.ThemeCreateView.as_view(), name="theme_create"),
    path("plans/<int:pk>/actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path("<int:pk>/progress/", views.ActionProgressView.as_view(), name="action_progress"),
    path("<int:pk>/history/", views.ActionHistoryView.as_view(), name="action_history"),
    path("risks/", views.RegisterListView.as_view(), name="register_list"),
    path("risks/new/", views.RegisterCreateView.as_view(), name="register_create"),
    path("risks/<int:pk>/", views.RegisterDetailView.as_view(), name="register_detail"),
    path("risks/<int:pk>/edit/", views.RegisterEditView.as_view(), name="register_edit"),
    path("risks/<int:pk>/risks/new/", views.RiskCreateView.as_view(), name="risk_create"),
    path("risk/<int:pk>/", views.RiskDetailView.as_view(), name="risk_detail"),
    path("risk/<int:pk>/edit/", views.RiskEditView.as_view(), name="risk_edit"),
    path("risk/<int:pk>/review/", views.RiskReviewView.as_view(), name="risk_review"),
    path("risk/<int:pk>/history/", views.RiskHistoryView.as_view(), name="risk_history"),
]
