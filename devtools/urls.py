from django.urls import path

from devtools.views import BasePageView

app_name = "devtools"
urlpatterns = [path("base/", BasePageView.as_view(), name="base")]
