"""Bench-only URLs: every app URL, plus /bench/bare/, the yardstick the pages are measured
against (same middleware, same session and user lookup, a small template)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from tracker.urls import urlpatterns as app_urlpatterns

SMALL = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><title>Bare</title></head>"
    "<body><h1>Hello {{ user.full_name }}</h1><ul>{% for n in numbers %}<li>{{ n }}</li>"
    "{% endfor %}</ul></body></html>"
)


def bare(request):
    return HttpResponse(SMALL.render({"user": request.user, "numbers": range(10)}, request))


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
