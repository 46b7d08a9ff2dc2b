"""The drawings: one for every sign and look-alike page, on two skin tones, safe SVG, with alt."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from education.content_files import read_content_dir
from education.loader import load_content
from education.pictures import PICTURES, TONES, picture_url

ILLUSTRATED = [item for item in read_content_dir() if item.kind in ("sign", "lookalike")]
SVG = "{http://www.w3.org/2000/svg}"


def render(name, tone):
    return render_to_string(f"education/drawings/{name}.svg", {"t": TONES[tone]})


def test_every_sign_and_lookalike_page_has_a_drawing_and_no_drawing_is_orphaned():
    assert {item.slug for item in ILLUSTRATED} == set(PICTURES)


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_drawing_is_clean_svg_on_each_tone(name):
    renders = {tone: render(name, tone) for tone in TONES}
    for tone, svg in renders.items():
        root = ET.fromstring(svg)  # noqa: S314 - our own templates; checks they are well formed
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 240 180"
        for element in root.iter():
            # CSP forbids inline styles; no scripts, no pictures of people, no outside links.
            assert "style" not in element.attrib, (name, tone, element.tag)
            assert element.tag not in {f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject"}
            assert not any(key.endswith("href") for key in element.attrib), (name, element.tag)
        assert "{{" not in svg and "{%" not in svg
    assert renders["lighter"] != renders["darker"], "the tones must look different"
    assert TONES["darker"].skin in renders["darker"]


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_alt_text_describes_the_drawing_on_each_tone(name):
    picture = PICTURES[name]
    alts = {tone: str(picture.alt_for(tone)) for tone in TONES}
    assert all(alt.startswith("Drawing of") and len(alt.split()) >= 8 for alt in alts.values())
    assert alts["lighter"] != alts["darker"]


def test_picture_view_serves_svg_without_login(client, db):
    response = client.get(picture_url("new_lump", "darker"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert TONES["darker"].skin in response.content.decode()


def test_picture_view_refuses_unknown_names_tones_and_post(client, db):
    assert client.get(reverse("education:picture", args=["nope", "lighter"])).status_code == 404
    assert client.get(reverse("education:picture", args=["new_lump", "blue"])).status_code == 404
    assert client.post(picture_url("new_lump", "lighter")).status_code == 405


@pytest.mark.parametrize("item", ILLUSTRATED, ids=lambda item: item.slug)
def test_page_shows_its_drawing_on_two_tones_with_alt_and_caption(client, db, item):
    load_content()
    html = client.get(reverse(f"education:{item.kind}", args=[item.slug])).content.decode()
    for tone, colours in TONES.items():
        assert f'src="{picture_url(item.slug, tone)}"' in html
        assert f'alt="{PICTURES[item.slug].alt_for(tone)}"' in html
        assert str(colours.label) in html
