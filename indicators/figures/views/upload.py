"""The spreadsheet of an officer's due figures: download it pre-filled, upload it back."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from core.access import require
from core.tabular import ImportRefused, TableError, table_response
from indicators.choices import PeriodState
from indicators.figures.due import due_items, my_indicators, with_full_figures
from indicators.figures.forms import UploadForm
from indicators.figures.uploads import TEMPLATE_COLUMNS, import_my_figures, template_rows
from indicators.figures.views.base import todays_date


class EntryTemplateView(View):
    """The spreadsheet of the user's due figures, pre-filled, to fill in and upload."""

    def get(self, request: HttpRequest) -> HttpResponse:
        require(request.user, "enter_figures")
        items = with_full_figures(
            [
                i
                for i in due_items(my_indicators(request.user), today=todays_date())
                if i.needs_action and i.state != PeriodState.NOT_DUE
            ]
        )
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        return table_response(fmt, "my-figures-due", TEMPLATE_COLUMNS, template_rows(items))


class EntryUploadView(View):
    template_name = "indicators/entry/upload.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                saved = import_my_figures(
                    upload.name,
                    upload.read(),
                    user=request.user,
                    submit=form.cleaned_data["submit"],
                    today=todays_date(),
                )
            except TableError as exc:
                form.add_error("file", str(exc))
            except ImportRefused as refused:
                errors = refused.errors.as_lines()
            else:
                verb = "submitted" if form.cleaned_data["submit"] else "saved as drafts"
                messages.success(request, f"{saved} figure(s) {verb} from the spreadsheet.")
                return redirect("indicators:my")
        return render(request, self.template_name, {"form": form, "row_errors": errors}, status=400)
