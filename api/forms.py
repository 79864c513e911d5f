from django import forms

from api.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "can_submit_figures"]
        help_texts = {"name": "What it is for, e.g. 'Power BI' or 'Revenues extract'."}
