from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

app_name = "education"
urlpatterns = [
    path(
        "signs/code/<str:code>/",
        login_not_required(RedirectView.as_view(url="/learn/")),
        name="sign_by_code",
    ),
]
