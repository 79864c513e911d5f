from django import forms

from core.forms import SpreadsheetField
from finance.models import BudgetFigure


class BudgetImportForm(forms.Form):
    file = SpreadsheetField(help_text="CSV (.csv) or Excel (.xlsx), in the template's columns.")


class BudgetFigureForm(forms.ModelForm):
    """A budget holder's position for one period, corrected by the finance team."""

    class Meta:
        model = BudgetFigure
        fields = ["actual", "forecast", "commentary"]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 4})}
