"""axe-core in the real-browser tests: one pinned copy from the npm registry, one assertion.

Use it from any browser test::

    from tests.browser.axe import assert_accessible

    def test_my_page(phone, axe):
        phone.goto(...)
        assert_accessible(phone)

The `axe` fixture (session scope, in tests/browser/conftest.py) makes sure the pinned tarball is
downloaded once, checked against the registry's published sha512 integrity, and cached under
`.venv/axe-core/` (git-ignored), so later runs need no network. `assert_accessible` injects the
script through the DevTools protocol (page.evaluate), which a strict Content Security Policy
allows, runs axe on the whole page, and fails with every serious or critical violation listed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path

# Pinned: the version and the integrity the npm registry publishes for it (`npm view
# axe-core@4.14.1 dist.integrity`). A changed tarball fails the check instead of running.
AXE_VERSION = "4.14.1"
AXE_INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ"
    "=="
)
AXE_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
CACHE_DIR = Path(
    os.environ.get("AXE_CACHE_DIR", Path(__file__).resolve().parents[2] / ".venv" / "axe-core")
)
# What a failing page means: violations axe rates serious or critical. The others are printed
# by `violations()` for whoever wants them but do not fail a test.
FAILING_IMPACTS = ("serious", "critical")

_source: str | None = None


def _check_integrity(data: bytes) -> None:
    algorithm, _, expected = AXE_INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError(
            f"axe-core {AXE_VERSION}: the downloaded tarball does not match the pinned integrity "
            f"({algorithm}-{digest}); refusing to run it."
        )


def axe_source() -> str:
    """The text of axe.min.js (downloaded and verified once, then read from the cache)."""
    global _source
    if _source is not None:
        return _source
    tarball = CACHE_DIR / f"axe-core-{AXE_VERSION}.tgz"
    if tarball.exists():
        data = tarball.read_bytes()
    else:
        with urllib.request.urlopen(AXE_URL, timeout=60) as response:  # noqa: S310 - fixed https URL
            data = response.read()
    _check_integrity(data)  # the cached copy is checked too: a corrupt cache fails loudly
    if not tarball.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(tarball)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        if member is None:
            raise RuntimeError("axe-core tarball has no package/axe.min.js")
        _source = member.read().decode("utf-8")
    return _source


def violations(page, *, impacts=FAILING_IMPACTS, exclude=()):
    """axe's violations on the page now, keeping only `impacts`, as a list of dicts."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    options = {"resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    found = page.evaluate(
        "([context, options]) => axe.run(context || document, options)"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))",
        [context, options],
    )
    return [v for v in found if v["impact"] in impacts]


def assert_accessible(page, *, what="", exclude=()):
    """Fail when axe-core finds a serious or critical violation on the page as it is now."""
    found = violations(page, exclude=exclude)
    if found:
        lines = [f"axe-core {AXE_VERSION} on {what or page.url}:"]
        for v in found:
            lines.append(f"- {v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} nodes")
            for node in v["nodes"][:5]:
                lines.append(f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}")
        raise AssertionError("\n".join(lines))
