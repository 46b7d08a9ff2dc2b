from django.urls import path

from education import views

app_name = "education"
urlpatterns = [
    path("", views.index, name="index"),
    path("signs/<slug:slug>/", views.sign_detail, name="sign"),
    # Used by the entry form and the rules: a shared sign code opens its page.
    path("signs/code/<str:code>/", views.sign_by_code, name="sign_by_code"),
    path("look-alikes/<slug:slug>/", views.lookalike_detail, name="lookalike"),
    # The drawings, one SVG a skin tone (education/pictures.py).
    path("pictures/<slug:name>/<slug:tone>.svg", views.picture, name="picture"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide"),
    path("faq/", views.faq, name="faq"),
    path("search/", views.search, name="search"),
]
