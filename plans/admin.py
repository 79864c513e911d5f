from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Objective, Plan


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "title", "contributes_to"]
    raw_id_fields = ["contributes_to"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "year", "unit", "owner", "status"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "parent", "previous_version", "approved_by"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "contributes_to"]
    search_fields = ["title"]
    raw_id_fields = ["plan", "contributes_to", "owner", "previous_version"]
    filter_horizontal = ["indicators"]
