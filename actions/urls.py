from django.urls import path

from actions.views import actions as action_views
from actions.views import plans as plan_views
from actions.views import risks as risk_views

app_name = "actions"

urlpatterns = [
    path("", plan_views.PlanListView.as_view(), name="plan_list"),
    path("mine/", action_views.MyActionsView.as_view(), name="my_actions"),
    path("import/", plan_views.ActionImportView.as_view(), name="import"),
    path("plans/new/", plan_views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", plan_views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_views.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/themes/new/", plan_views.ThemeCreateView.as_view(), name="theme_create"),
    path(
        "plans/<int:pk>/actions/new/", plan_views.ActionCreateView.as_view(), name="action_create"
    ),
    path("<int:pk>/", action_views.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/edit/", action_views.ActionEditView.as_view(), name="action_edit"),
    path("<int:pk>/progress/", action_views.ActionProgressView.as_view(), name="action_progress"),
    path("<int:pk>/history/", action_views.ActionHistoryView.as_view(), name="action_history"),
    path("risks/", risk_views.RegisterListView.as_view(), name="register_list"),
    path("risks/new/", risk_views.RegisterCreateView.as_view(), name="register_create"),
    path("risks/<int:pk>/", risk_views.RegisterDetailView.as_view(), name="register_detail"),
    path("risks/<int:pk>/edit/", risk_views.RegisterEditView.as_view(), name="register_edit"),
    path("risks/<int:pk>/risks/new/", risk_views.RiskCreateView.as_view(), name="risk_create"),
    path("risk/<int:pk>/", risk_views.RiskDetailView.as_view(), name="risk_detail"),
    path("risk/<int:pk>/edit/", risk_views.RiskEditView.as_view(), name="risk_edit"),
    path("risk/<int:pk>/review/", risk_views.RiskReviewView.as_view(), name="risk_review"),
    path("risk/<int:pk>/history/", risk_views.RiskHistoryView.as_view(), name="risk_history"),
]
