"""`manage.py check --deploy` with the README's production example gives no warning but HSTS
preload and sub-domains (which only the site's owner can decide)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_environment():
    """The variables the README's production example exports, with its `...` filled in."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- production-environment -->", 1)[1].split("```", 2)[1]
    exported = block.split("export ", 1)[1].split("\nDATABASE_URL=", 1)[0]
    pairs = dict(re.findall(r"([A-Z_]+)=(\S+)", exported))
    pairs["SECRET_KEY"] = secrets.token_urlsafe(50)
    return {key: value.replace("...", "x") for key, value in pairs.items()}


def test_the_readme_example_sets_what_production_needs():
    env = production_environment()
    assert env["SECURE_SSL_REDIRECT"] == "true" and int(env["SECURE_HSTS_SECONDS"]) >= 31536000
    assert env["DATABASE_URL"].startswith("postgres://tracker_app:")
    assert env["TRUSTED_PROXY_COUNT"] == "1"


def test_check_deploy_with_the_readme_example(tmp_path):
    env = {"PATH": os.environ["PATH"], **production_environment(), "MEDIA_ROOT": str(tmp_path)}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert set(re.findall(r"\(([\w.]+\.[WE]\d+)\)", output)) == {
        "security.W005",
        "security.W021",
    }, output
