from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from core.views import HealthView, SignInView, SignOutView, SSOCallbackView, SSOStartView
from dashboards import thread_urls
from people.views import PasswordResetView
from plans import urls as plans_urls

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/sso/", SSOStartView.as_view(), name="oidc_start"),
    path("accounts/sso/callback/", SSOCallbackView.as_view(), name="oidc_callback"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        login_not_required(
            auth_views.PasswordResetDoneView.as_view(
                template_name="registration/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="registration/password_reset_confirm.html"
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="registration/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("people/", include("people.urls")),
    # The plans' own pages and those built on the golden thread, which reads actions too.
    path("plans/", include((plans_urls.urlpatterns + thread_urls.urlpatterns, "plans"))),
    path("indicators/", include("indicators.urls")),
    path("actions/", include("actions.urls")),
    path("finance/", include("finance.urls")),
    path("reports/", include("reporting.urls")),
    path("api/", include("api.urls")),
    path("", include("dashboards.urls")),
    path("", include("core.urls")),
]
if "devtools" in settings.INSTALLED_APPS:  # development and tests only: the bench's floor page
    urlpatterns.append(path("devtools/", include("devtools.urls")))
