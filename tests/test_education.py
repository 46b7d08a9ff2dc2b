"""Education: public pages, sign-code links, search, the loader and safe Markdown."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from education.content_files import ContentError, read_content_dir
from education.links import sign_page_for_code, sign_page_url
from education.loader import load_content
from education.models import FaqItem, GuidePage, SignCode, SignPage
from education.rendering import render_markdown
from education.vocabulary import Sign, Urgency
from tests.conftest import shared_rows

# The `signs` codes of design.md, written out so that a change in either place is noticed.
DESIGN_SIGN_CODES = [
    "new_lump", "firm", "raised_patch", "red_patch", "discoloured", "open_sore", "bleeding",
    "weeping", "thickened", "spider_veins", "band_along_nerve", "dimpled", "swelling", "warm",
    "fever", "hair_loss",
]  # fmt: skip
SIGN_SECTIONS = [
    "What it can look like",
    "Where it tends to show up",
    "What it is often mistaken for",
    "Why it matters",
    "What to do",
    "On darker and lighter skin",
]
CONTENT = read_content_dir()
NOTICE = "This app does not diagnose."


def page_url(item):
    if item.kind == "faq":
        return reverse("education:faq")
    return reverse(f"education:{item.kind}", args=[item.slug])


@pytest.fixture(scope="class")
def class_content(django_db_setup, django_db_blocker):
    with shared_rows(django_db_blocker):
        load_content()
        yield


@pytest.fixture
def content(class_content, db):
    """The education content (loaded once for the class that asks for it)."""


# --- pages, sign-code links and search, over the content loaded once -------------------------


def shared_sign_codes():
    return sorted(set(DESIGN_SIGN_CODES) | set(Sign.codes()))


class TestWithContent:
    """Pages, links and search over the real content, loaded once for the class."""

    @pytest.mark.parametrize("item", CONTENT, ids=lambda item: f"{item.kind}/{item.slug}")
    def test_every_content_page_renders_without_login(self, client, content, item):
        response = client.get(page_url(item))
        assert response.status_code == 200
        html = response.content.decode()
        assert item.fields["title"] in html
        assert NOTICE in html
        assert "Where this comes from" in html

    @pytest.mark.parametrize("name", ["education:index", "education:faq", "education:search"])
    def test_list_pages_render_without_login(self, client, content, name):
        response = client.get(reverse(name), {"q": "lump"})
        assert response.status_code == 200
        assert NOTICE in response.content.decode()

    def test_index_links_every_sign_guide_and_question(self, client, content):
        html = client.get(reverse("education:index")).content.decode()
        for item in CONTENT:
            assert item.fields["title"] in html

    def test_pages_refuse_post(self, client, content):
        assert client.post(reverse("education:index")).status_code == 405
        assert client.post(reverse("education:sign", args=["new_lump"])).status_code == 405

    def test_unknown_slug_is_404(self, client, content):
        assert client.get(reverse("education:sign", args=["nope"])).status_code == 404
        assert client.get(reverse("education:guide", args=["nope"])).status_code == 404

    def test_urgent_sign_says_so_first(self, client, content):
        html = client.get(reverse("education:sign", args=["fever"])).content.decode()
        urgency = html.index("Contact your care team today")
        assert urgency < html.index("What it can look like")
        assert 'role="alert"' in html

    def test_how_to_check_has_body_drawing_with_text_alternative(self, client, content):
        html = client.get(reverse("education:guide", args=["how-to-check"])).content.decode()
        assert '<svg class="education-body-map' in html
        assert 'role="img"' in html
        assert '<title id="body-map-title">' in html
        assert '<desc id="body-map-desc">' in html
        assert "<figcaption" in html

    @pytest.mark.parametrize("code", shared_sign_codes())
    def test_every_shared_sign_code_resolves_to_its_page(self, client, content, code):
        url = sign_page_url(code)
        response = client.get(url)
        assert response.status_code == 302
        page = sign_page_for_code(code)
        assert response["Location"] == reverse("education:sign", args=[page.slug])
        assert client.get(response["Location"]).status_code == 200

    def test_growth_page_opens_by_its_slug_too(self, client, content):
        response = client.get(sign_page_url("growth"))
        assert response["Location"] == reverse("education:sign", args=["growth"])

    def test_unknown_sign_code_is_404(self, client, content):
        assert client.get(sign_page_url("not_a_sign")).status_code == 404

    def test_when_to_contact_has_three_levels(self, client, content):
        html = client.get(reverse("education:guide", args=["when-to-contact"])).content.decode()
        assert html.index(">Today<") < html.index(">Within about a week<")
        assert html.index(">Within about a week<") < html.index(">At your next visit<")

    @pytest.mark.parametrize(
        ("words", "slug"),
        [
            ("lump", "new_lump"),
            ("rash", "red_patch"),
            ("shingles", "band_along_nerve"),
            ("Lumps", "new_lump"),
            ("red rash", "red_patch"),
            ("orange peel", "dimpled"),
        ],
    )
    def test_search_finds_pages_by_patient_words(self, client, content, words, slug):
        response = client.get(reverse("education:search"), {"q": words})
        assert response.status_code == 200
        hits = response.context["hits"]
        assert reverse("education:sign", args=[slug]) in [hit.url for hit in hits[:3]]

    def test_search_finds_guides_and_questions(self, client, content):
        hits = client.get(reverse("education:search"), {"q": "hospice"}).context["hits"]
        assert {hit.kind for hit in hits} >= {"faq", "guide"}

    def test_search_with_no_match_says_so(self, client, content):
        response = client.get(reverse("education:search"), {"q": "zzzqqq"})
        assert response.context["hits"] == []
        assert "No page matched those words" in response.content.decode()

    def test_search_without_words_lists_nothing(self, client, content):
        response = client.get(reverse("education:search"), {"q": "  the  "})
        assert response.context["hits"] == []
        assert "No page matched" not in response.content.decode()

    def test_search_escapes_the_query(self, client, content):
        html = client.get(reverse("education:search"), {"q": "<script>x</script>"}).content.decode()
        assert "<script>x</script>" not in html

    def test_admin_edit_is_kept_until_force(self, admin_client, content):
        item = FaqItem.objects.get(slug="radiation")
        url = reverse("admin:education_faqitem_change", args=[item.pk])
        data = {
            "slug": item.slug,
            "title": item.title,
            "summary": item.summary,
            "body": "Edited by the nurse.",
            "keywords": item.keywords,
            "source_section": item.source_section,
            "guidance": item.guidance,
            "section": item.section,
            "order": item.order,
        }
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        item.refresh_from_db()
        assert item.edited_in_admin
        assert item.body == "Edited by the nurse."

        report = load_content()
        assert report.kept == ["faq/radiation"]
        item.refresh_from_db()
        assert item.body == "Edited by the nurse."

        call_command("load_education", "--force", stdout=None)
        item.refresh_from_db()
        assert not item.edited_in_admin
        assert item.body.startswith("Yes, it often helps.")

    def test_admin_pages_open(self, admin_client, content):
        page = SignPage.objects.get(slug="new_lump")
        for url in [
            reverse("admin:education_signpage_changelist"),
            reverse("admin:education_signpage_change", args=[page.pk]),
            reverse("admin:education_guidepage_changelist"),
            reverse("admin:education_faqitem_changelist"),
        ]:
            assert admin_client.get(url).status_code == 200

    def test_script_in_an_admin_edit_never_reaches_the_page(self, client, content):
        SignPage.objects.filter(slug="new_lump").update(
            body="## Hi\n\n<script>alert('x')</script>\n", edited_in_admin=True
        )
        html = client.get(reverse("education:sign", args=["new_lump"])).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


# --- the content files ------------------------------------------------------------------------


def test_sign_pages_have_every_section_and_an_urgency():
    signs = [item for item in CONTENT if item.kind == "sign"]
    assert {"growth", "bleeding", "weeping"} <= {item.slug for item in signs}
    for item in signs:
        headings = re.findall(r"^## (.+)$", item.fields["body"], re.MULTILINE)
        assert headings == SIGN_SECTIONS, item.slug
        assert Urgency.get(item.fields["urgency"])
        assert item.fields["source_section"] or item.fields["guidance"]


def test_guides_and_faq_cover_the_issue():
    slugs = {(item.kind, item.slug) for item in CONTENT}
    for guide in [
        "how-to-check",
        "unusual-forms",
        "caring-for-your-skin",
        "living-with-changes",
        "when-to-contact",
    ]:
        assert ("guide", guide) in slugs
    # The article asks 15 questions; each has a plain-words answer.
    assert sum(1 for item in CONTENT if item.kind == "faq") >= 15


# --- loader ------------------------------------------------------------------------------------


def snapshot():
    rows = []
    for model in (SignPage, GuidePage, FaqItem):
        rows += list(model.objects.values_list("slug", "updated_at", "body", "edited_in_admin"))
    rows += list(SignCode.objects.values_list("code", "page__slug"))
    return sorted(rows, key=str)


def test_loader_loads_everything(db):
    report = load_content()
    assert len(report.created) == len(CONTENT)
    assert SignPage.objects.count() == sum(1 for item in CONTENT if item.kind == "sign")
    assert GuidePage.objects.count() == sum(1 for item in CONTENT if item.kind == "guide")
    assert FaqItem.objects.count() == sum(1 for item in CONTENT if item.kind == "faq")


def test_loader_is_idempotent(db):
    call_command("load_education", stdout=None)
    before = snapshot()
    report = load_content()
    assert not report.changed
    assert len(report.unchanged) == len(CONTENT)
    assert snapshot() == before


def test_loader_updates_a_page_whose_file_changed(db, tmp_path):
    root = copy_content(tmp_path)
    load_content(content_dir=root)
    path = root / "faq" / "radiation.md"
    path.write_text(path.read_text().replace("Yes, it often helps.", "Yes, often."))
    report = load_content(content_dir=root)
    assert report.updated == ["faq/radiation"]
    assert FaqItem.objects.get(slug="radiation").body.startswith("Yes, often.")


def test_loader_moves_a_sign_code_between_pages(db, tmp_path):
    root = copy_content(tmp_path)
    load_content(content_dir=root)
    lump = root / "signs" / "new_lump.md"
    lump.write_text(lump.read_text().replace("codes: [new_lump, firm]", "codes: [new_lump]"))
    thick = root / "signs" / "thickened.md"
    thick.write_text(thick.read_text().replace("codes: [thickened]", "codes: [thickened, firm]"))
    load_content(content_dir=root)
    assert sign_page_for_code("firm").slug == "thickened"


def copy_content(tmp_path):
    for item in ("signs", "lookalikes", "guides", "faq"):
        folder = tmp_path / item
        folder.mkdir()
        for path in (Path(__file__).parent.parent / "education" / "content" / item).glob("*.md"):
            (folder / path.name).write_text(path.read_text())
    return tmp_path


def test_content_errors_name_the_file(tmp_path):
    root = copy_content(tmp_path)
    (root / "faq" / "broken.md").write_text("---\ntitle: No source\n---\nText.\n")
    with pytest.raises(ContentError, match="broken.md: 'source_section' is missing"):
        read_content_dir(root)


def test_a_sign_code_on_two_pages_is_an_error(tmp_path):
    root = copy_content(tmp_path)
    path = root / "signs" / "thickened.md"
    path.write_text(path.read_text().replace("codes: [thickened]", "codes: [thickened, firm]"))
    with pytest.raises(ContentError, match="'firm' is on two pages"):
        read_content_dir(root)


# --- safe Markdown -----------------------------------------------------------------------------


def test_markdown_escapes_raw_html():
    html = render_markdown('Hi <script>alert("x")</script> <b onclick="x()">bold</b>\n')
    assert "<script" not in html
    assert "<b" not in html
    assert "&lt;script&gt;" in html


def test_markdown_block_html_is_escaped():
    html = render_markdown('<div onmouseover="x()">\n<script>alert(1)</script>\n</div>\n')
    assert "<script" not in html
    assert "<div" not in html


def test_markdown_drops_javascript_links():
    html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_markdown_internal_links_resolve(db):
    html = render_markdown("[a](sign:new_lump) [b](guide:how-to-check) [c](faq:radiation)")
    assert f'href="{reverse("education:sign", args=["new_lump"])}"' in html
    assert f'href="{reverse("education:guide", args=["how-to-check"])}"' in html
    assert f'href="{reverse("education:faq")}#radiation"' in html


def test_internal_links_in_content_point_at_real_pages():
    slugs = {(item.kind, item.slug) for item in CONTENT}
    for item in CONTENT:
        for kind, slug in re.findall(r"\]\((sign|guide|faq):([\w-]+)\)", item.fields["body"]):
            assert (kind, slug) in slugs, f"{item.kind}/{item.slug} links to {kind}:{slug}"
