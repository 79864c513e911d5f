from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from finance.models import BudgetFigure, BudgetLine, UnitCostLink


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "year", "original_budget", "current_budget", "is_capital"]
    list_filter = ["year", "is_capital"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name", "unit__code"]


@admin.register(BudgetFigure)
class BudgetFigureAdmin(SimpleHistoryAdmin):
    list_display = ["line", "frequency", "number", "actual", "forecast"]
    list_select_related = ["line__unit"]
    search_fields = ["line__name", "line__unit__code"]


@admin.register(UnitCostLink)
class UnitCostLinkAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "unit", "line_name", "label"]
    list_select_related = ["indicator", "unit"]
