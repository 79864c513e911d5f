"""Choices of the reporting cycle and report packs. Each status keeps its colour (badges)."""

import calendar

from django.db import models


class ReportType(models.TextChoices):
    PI_MONTHLY = "pi_monthly", "Monthly traffic-lighted PI report"
    QUARTERLY_PACK = "quarterly_pack", "Quarterly performance pack"
    FINANCE_PERFORMANCE = "finance_performance", "Quarterly finance and performance report"
    ANNUAL_OUTTURN = "annual_outturn", "Annual outturn report"
    EXCEPTION = "exception", "Exception report (Improvement Plan)"
    DIRECTORATE_MONTHLY = "directorate_monthly", "Departmental monthly report"
    ACTION_PLAN = "action_plan", "Action plan progress report"
    RISK_REGISTER = "risk_register", "Risk register report"
    CALENDAR = "calendar", "Reporting calendar"
    LSP_BOARD = "lsp_board", "LSP Board report (Community Plan)"


# The period each report type covers: a month, a quarter or a financial year.
REPORT_FREQUENCY: dict[str, str] = {
    ReportType.PI_MONTHLY: "monthly",
    ReportType.QUARTERLY_PACK: "quarterly",
    ReportType.FINANCE_PERFORMANCE: "quarterly",
    ReportType.ANNUAL_OUTTURN: "annual",
    ReportType.EXCEPTION: "monthly",
    ReportType.DIRECTORATE_MONTHLY: "monthly",
    ReportType.ACTION_PLAN: "monthly",
    ReportType.RISK_REGISTER: "quarterly",
    ReportType.CALENDAR: "annual",
    # The LSP Board meets in odd months (Jan, Apr, Jun, Sep, Nov): the month before each.
    ReportType.LSP_BOARD: "monthly",
}


class DueRule(models.TextChoices):
    """How an occurrence's due date is worked out from the month it falls in."""

    WORKING_DAYS_AFTER_PERIOD_END = (
        "working_days_after_period_end",
        "Working days after the reported period ends",
    )
    WEEKS_AFTER_PERIOD_END = "weeks_after_period_end", "Weeks after the reported period ends"
    DAY_OF_MONTH = "day_of_month", "On a day of the month"
    END_OF_MONTH = "end_of_month", "By the end of the month"


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    GENERATING = "generating", "Generating"
    READY = "ready", "Ready (draft)"
    FAILED = "failed", "Failed"
    PUBLISHED = "published", "Published"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"


PACK_STATUS_BADGES = {
    PackStatus.QUEUED: "secondary",
    PackStatus.GENERATING: "info",
    PackStatus.READY: "warning",
    PackStatus.FAILED: "danger",
    PackStatus.PUBLISHED: "success",
}

MONTH_NAMES = list(calendar.month_name)[1:]  # January to December
