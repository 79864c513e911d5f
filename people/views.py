"""Administration of people and the organisation's units (permission manage_users), the two
imports' upload pages, and the password reset by e-mail. Thin: rules live in services,
holdings and importers."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import CreateView, FormView, TemplateView, UpdateView, View
from django_filters.views import FilterView

from actions.history import history_rows
from core.access import require
from core.models import CouncilSettings, OrgUnit, Profile
from core.sso import passwords_allowed
from core.tabular import ImportRefused, TableError, table_response
from indicators.formatting import person_name
from people import importers
from people.filtersets import PersonFilterSet
from people.forms import HandoverForm, PersonForm, TableUploadForm, UnitForm
from people.holdings import holdings_by_kind, holdings_of
from people.models import Handover
from people.services import person_deactivate, person_save, person_set_active


class ManageUsersMixin:
    def dispatch(self, request, *args, **kwargs):
        require(request.user, "manage_users")
        return super().dispatch(request, *args, **kwargs)


def person_for_admin(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("profile__unit"), pk=pk)


# People -------------------------------------------------------------------------------------


class PersonListView(ManageUsersMixin, FilterView):
    template_name = "people/person_list.html"
    filterset_class = PersonFilterSet
    paginate_by = 50
    context_object_name = "people"

    def get_queryset(self):
        return (
            User.objects.select_related("profile__unit", "profile__line_manager")
            .prefetch_related("groups")
            .order_by("last_name", "first_name", "username")
            .distinct()
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(**kwargs) | {"query": query.urlencode()}


class PersonDetailView(ManageUsersMixin, TemplateView):
    template_name = "people/person_detail.html"

    def get_context_data(self, **kwargs):
        person = person_for_admin(self.kwargs["pk"])
        profile = getattr(person, "profile", None)
        size = CouncilSettings.load().risk_matrix_size
        history = [("Login", r, c) for r, c in history_rows(person, size=size)]
        if profile is not None:
            history += [("Profile", r, c) for r, c in history_rows(profile, size=size)]
        history.sort(key=lambda entry: entry[1].history_date, reverse=True)
        return super().get_context_data(**kwargs) | {
            "person": person,
            "profile": profile,
            "roles": sorted(person.groups.values_list("name", flat=True)),
            "holdings": holdings_by_kind(person),
            "individual_plans": person.owned_plans.filter(kind="individual"),
            "reports": User.objects.filter(profile__line_manager=person).order_by("first_name"),
            "handovers": Handover.objects.filter(person=person).select_related("to", "by"),
            "received": Handover.objects.filter(to=person).select_related("person", "by")[:20],
            "history": history[:100],
        }


class PersonCreateView(ManageUsersMixin, FormView):
    template_name = "people/person_form.html"
    form_class = PersonForm
    person: User | None = None

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"person": self.person}

    def form_valid(self, form):
        person, _changed = person_save(
            person=self.person, details=form.details(), by=self.request.user
        )
        messages.success(self.request, f"Saved {person_name(person)}.")
        return redirect("people:detail", pk=person.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"person": self.person}


class PersonUpdateView(PersonCreateView):
    def dispatch(self, request, *args, **kwargs):
        require(request.user, "manage_users")
        self.person = person_for_admin(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class PersonDeactivateView(ManageUsersMixin, FormView):
    """GET: what the person still holds and to whom each goes; POST: hand over, deactivate."""

    template_name = "people/person_deactivate.html"
    form_class = HandoverForm

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "manage_users")
        self.person = person_for_admin(kwargs["pk"])
        if self.person.pk == request.user.pk:
            raise PermissionDenied("You cannot deactivate yourself.")
        if not self.person.is_active:
            messages.info(request, "This person is already inactive.")
            return redirect("people:detail", pk=self.person.pk)
        self.holdings = holdings_of(self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"person": self.person, "holdings": self.holdings}

    def form_valid(self, form):
        person = self.person
        try:
            count = person_deactivate(
                person=person, assignments=form.assignments, by=self.request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        name = person_name(person)
        handed = f"; {count} item{'s' if count != 1 else ''} handed over" if count else ""
        messages.success(self.request, f"{name} is deactivated and can no longer sign in{handed}.")
        return redirect("people:detail", pk=person.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"person": self.person}


class PersonReactivateView(ManageUsersMixin, View):
    """POST only: let an inactive person sign in again (their roles are as they were)."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        person = person_for_admin(pk)
        person_set_active(person=person, active=True, by=request.user)
        messages.success(request, f"{person_name(person)} can sign in again.")
        return redirect("people:detail", pk=person.pk)


# Units --------------------------------------------------------------------------------------


class UnitTreeView(ManageUsersMixin, TemplateView):
    template_name = "people/unit_tree.html"

    def get_context_data(self, **kwargs):
        units = list(OrgUnit.objects.all())
        counts = dict(
            Profile.objects.filter(user__is_active=True, unit__isnull=False)
            .values_list("unit_id")
            .annotate(n=Count("pk"))
        )
        for unit in units:
            unit.people_count = counts.get(unit.pk, 0)
        return super().get_context_data(**kwargs) | {"units": units}


class UnitCreateView(ManageUsersMixin, CreateView):
    model = OrgUnit
    form_class = UnitForm
    template_name = "people/unit_form.html"
    success_url = reverse_lazy("people:units")

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, f"Saved {self.object.name}.")
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class UnitUpdateView(UnitCreateView, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(OrgUnit, pk=self.kwargs["pk"])


# Imports ------------------------------------------------------------------------------------


class ImportPageView(ManageUsersMixin, FormView):
    """An upload page for one of the two imports, with its template to download."""

    template_name = "people/import.html"
    form_class = TableUploadForm
    importer = staticmethod(importers.organisation_import)
    heading = ""
    template_columns: list[str] = []
    example: list[list[str]] = []
    basename = ""
    done_url = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") in {"csv", "xlsx"}:
            return table_response(
                request.GET["template"], self.basename, self.template_columns, self.example
            )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = self.importer(upload.name, upload.read(upload.size + 1), by=self.request.user)
        except TableError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except ImportRefused as exc:
            return self.render_to_response(
                self.get_context_data(form=form, row_errors=exc.errors.as_lines()), status=400
            )
        messages.success(self.request, f"Imported: {result}.")
        return redirect(self.done_url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": self.heading,
            "columns": self.template_columns,
            "kind": self.basename,
        }


class OrganisationImportView(ImportPageView):
    importer = staticmethod(importers.organisation_import)
    heading = "Import the organisation's structure"
    template_columns = importers.UNIT_TEMPLATE
    example = importers.UNIT_EXAMPLE
    basename = "organisation-template"
    done_url = reverse_lazy("people:units")


class PeopleImportView(ImportPageView):
    importer = staticmethod(importers.people_import)
    heading = "Import people"
    template_columns = importers.PEOPLE_TEMPLATE
    example = importers.PEOPLE_EXAMPLE
    basename = "people-template"
    done_url = reverse_lazy("people:list")


# Password reset -----------------------------------------------------------------------------

RESET_LIMIT = 5  # requests per address, and per IP address, in RESET_WINDOW seconds
RESET_WINDOW = 60 * 60


def _over_limit(key: str) -> bool:
    """Count one request against `key`; return whether it is over RESET_LIMIT this window."""
    cache.add(key, 0, RESET_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW)
        count = 1
    return count > RESET_LIMIT


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, throttled: past the limit per address or per IP, the same
    'check your e-mail' answer is given and nothing is sent, so the page tells nobody whether
    an address is known or how often it was tried."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def dispatch(self, request, *args, **kwargs):
        if not passwords_allowed():  # single sign-on only: there is no password to reset
            raise Http404("Passwords are switched off here.")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        ip = self.request.META.get("REMOTE_ADDR", "")
        over = _over_limit(f"password-reset:email:{email}")
        over = _over_limit(f"password-reset:ip:{ip}") or over
        if over:
            return redirect(self.get_success_url())
        return super().form_valid(form)
