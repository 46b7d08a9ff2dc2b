"""Screenshots of the main flow for the README: `.venv/bin/python scripts/screenshots.py`.

Builds a throw-away demo (SQLite and photos in a temporary folder), serves it on a free loopback
port, drives Debian's Chromium with Playwright (the fake camera included) and writes small PNGs to
docs/screenshots/. Nothing of a real person is ever shown: the demo photos are drawn by the app.
Pass page names to take only some (e.g. `scripts/screenshots.py home check`); `--dark` adds
dark-mode shots.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


def free_port():
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, **kwargs
    )


@contextlib.contextmanager
def demo_server():
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "DEBUG": "true", "DATA_DIR": data}
        env.pop("DATABASE_URL", None)
        quiet = {"stdout": subprocess.DEVNULL}
        manage(env, "migrate", "--noinput", **quiet)
        manage(env, "load_education", **quiet)
        manage(env, "load_demo_care", **quiet)
        manage(env, "evaluate_flags", **quiet)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                    break
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}", env
        finally:
            server.terminate()
            server.wait(timeout=10)


def shrink(path):
    """Keep the PNGs small: 256 colours are plenty for a screenshot of a form."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def log_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def shots(base, env, only, dark):
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from tracker import demo

    OUT.mkdir(parents=True, exist_ok=True)
    schemes = ["light", "dark"] if dark else ["light"]
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--no-sandbox",
                "--disable-gpu",
            ],
        )
        for scheme in schemes:
            suffix = "" if scheme == "light" else "-dark"
            for size_name, viewport, scale in (("phone", PHONE, 1), ("desktop", DESKTOP, 1)):
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=scale,
                    color_scheme=scheme,
                    is_mobile=size_name == "phone",
                    has_touch=size_name == "phone",
                )
                context.grant_permissions(["camera"], origin=base)
                page = context.new_page()
                log_in(page, base, demo.PATIENT_EMAIL, demo.PATIENT_PASSWORD)
                for name, action in FLOW:
                    if (only and name not in only) or (scheme == "dark" and name not in DARK):
                        continue
                    action(page, base)
                    path = OUT / f"{name}-{size_name}{suffix}.png"
                    full = size_name == "desktop" and name in FULL_PAGE
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(path), full_page=full)
                    shrink(path)
                    print("wrote", path.relative_to(ROOT))
                context.close()
        browser.close()


def area_url(page, base):
    page.goto(base + "/")
    return page.get_by_role("link", name="Lump under left scar", exact=True).first.get_attribute(
        "href"
    )


def home(page, base):
    page.goto(base + "/")


def area(page, base):
    page.goto(base + area_url(page, base))


def check(page, base):
    page.goto(base + area_url(page, base) + "entries/new/")


def camera(page, base):
    check(page, base)
    page.get_by_role("button", name="Open the camera").click()
    page.locator("video.camera-video").wait_for()
    page.wait_for_timeout(800)


def measure(page, base):
    page.goto(base + area_url(page, base))
    page.locator("a.latest-photo").click()
    page.get_by_role("link", name="Measure on this photo").click()


def new_area(page, base):
    page.goto(base + "/areas/new/")


def summary(page, base):
    page.goto(base + "/summary/")


# Desktop shots of these show the whole page; the others show the first screen.
FULL_PAGE = {"home", "check", "summary"}
# With --dark, only these are taken again in dark mode.
DARK = {"home", "check"}
FLOW = [
    ("home", home),
    ("area", area),
    ("check", check),
    ("camera", camera),
    ("measure", measure),
    ("body-map", new_area),
    ("summary", summary),
]


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    with demo_server() as (base, env):
        shots(base, env, set(names), "--dark" in sys.argv)
