"""axe-core in the real browser: 0 serious or critical accessibility violations on a page.

axe-core comes from the npm registry (package `axe-core`); its single built file is kept in
tests/browser/vendor/ (see vendor/README.md for the version, the licence and how to update it).
It is run through Playwright's `evaluate`, which the page's Content Security Policy does not
block, so the tests keep the real policy.
"""

from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def axe_violations(page):
    """The serious and critical violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, f"{page.url}: axe-core found {summary}"
