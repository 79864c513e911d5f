from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import CouncilSettings, OrgUnit, Profile


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "job_title", "line_manager"]
    list_select_related = ["user", "unit", "line_manager"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["council_name", "rag_scheme", "default_tolerance_pct", "due_working_days"]
