"""A person's own API tokens page, and the administrators' list of everyone's."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from api.forms import ApiTokenForm
from api.models import ApiToken
from api.services import token_create, token_revoke
from core.access import has


class TokenListView(View):
    """GET: your tokens, with their last use, and a form for a new one; POST: make it and
    show its secret, once."""

    template_name = "api/tokens.html"

    def get(self, request):
        return self._page(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        token, secret = token_create(
            person=request.user,
            name=form.cleaned_data["name"],
            can_submit_figures=form.cleaned_data["can_submit_figures"],
        )
        return render(request, "api/token_created.html", {"token": token, "secret": secret})

    def _page(self, request, form, status=200):
        tokens = ApiToken.objects.filter(person=request.user)
        return render(
            request,
            self.template_name,
            {"form": form, "tokens": tokens, "sees_all": has(request.user, "manage_users")},
            status=status,
        )


class AllTokensView(ListView):
    """Everyone's tokens, for those who manage users (to revoke a leaver's or a lost one)."""

    template_name = "api/tokens_all.html"
    paginate_by = 50

    def get_queryset(self):
        if not has(self.request.user, "manage_users"):
            raise PermissionDenied
        return ApiToken.objects.select_related("person", "revoked_by")


class TokenRevokeView(View):
    """GET: what revoking will do; POST: revoke (the token stops working at once)."""

    def _token(self, request, pk: int) -> ApiToken:
        return get_object_or_404(ApiToken.objects.manageable_by(request.user), pk=pk)

    def get(self, request, pk: int):
        return render(request, "api/token_revoke.html", {"token": self._token(request, pk)})

    def post(self, request, pk: int):
        token = token_revoke(token=self._token(request, pk), by=request.user)
        if token.person_id == request.user.pk:
            return redirect("api:tokens")
        return redirect(reverse("api:tokens_all"))
