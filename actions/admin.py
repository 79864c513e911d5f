from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionPlan, ActionUpdate, Risk, RiskRegister, RiskReview, Theme

for model in (ActionPlan, Theme, Action, ActionUpdate, RiskRegister, Risk, RiskReview):
    admin.site.register(model, SimpleHistoryAdmin)
