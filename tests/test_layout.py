"""The house rules of the code (README "Layout"): dependencies point one way, the pure rules
import nothing of Django, each shared code has one home, modules stay short, and the benchmarks
import without Django set up."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from education.vocabulary import SIGN_HELP, Change, History, Sign, Site, Treatment, Urgency

ROOT = Path(__file__).resolve().parent.parent
APPS = ("tracker", "monitoring", "education")
MAX_LINES = 400


def python_files(*folders):
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def imported_modules(path):
    """The absolute module names `path` imports (at any depth, functions included)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def string_constants(path):
    """Every string literal of `path` but its docstrings."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    }


def run_python(code):
    """Run `code` in a fresh interpreter at the project root, Django not set up."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


# --- dependencies point one way: education <- tracker <- monitoring ---------------------------


@pytest.mark.parametrize(
    ("app", "forbidden"), [("education", {"tracker", "monitoring"}), ("tracker", {"monitoring"})]
)
def test_dependencies_point_one_way(app, forbidden):
    for path in python_files(app):
        found = {name.split(".")[0] for name in imported_modules(path)} & forbidden
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


def test_the_pure_rules_import_nothing_of_django():
    result = run_python(
        "import importlib, pkgutil, sys\n"
        "import monitoring.rules as rules\n"
        "names = [m.name for m in pkgutil.walk_packages(rules.__path__, 'monitoring.rules.')]\n"
        "for name in names + ['education.vocabulary']:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    assert result.returncode == 0, result.stderr
    count, django = result.stdout.splitlines()
    assert int(count) >= 9  # every module of the package was imported
    assert django == "[]"


# --- one home for each shared code -------------------------------------------------------------

VOCABULARY = ROOT / "education" / "vocabulary.py"


def app_sources():
    return {
        path: string_constants(path)
        for path in python_files(*APPS)
        if "migrations" not in path.parts  # migrations freeze the labels of their day
    }


def test_each_shared_code_class_is_defined_once():
    names = "Site|Sign|Change|History|Treatment|Urgency"
    homes = [
        path.relative_to(ROOT)
        for path in python_files(*APPS)
        if re.search(rf"^class ({names})\b", path.read_text(), re.M)
    ]
    assert homes == [VOCABULARY.relative_to(ROOT)]
    copies = re.compile(r"\b(URGENCY_RANK|SIGNS|SITES|CHANGES|HISTORY|TREATMENTS|\w+_PHRASES)\s*=")
    for path in python_files(*APPS):
        assert not copies.search(path.read_text()), path.relative_to(ROOT)


def test_each_label_and_phrase_is_written_once():
    texts = [SIGN_HELP[sign] for sign in Sign]
    for codes in (Site, Sign, Change, History, Treatment, Urgency):
        for member in codes:
            texts += [member.label, member.phrase, getattr(member, "short", None)]
    sources = app_sources()
    for text in filter(None, texts):
        homes = [path for path, strings in sources.items() if text in strings]
        assert homes == [VOCABULARY], (text, homes)


# --- short modules, runnable benchmarks --------------------------------------------------------


def test_no_module_of_ours_is_over_400_lines():
    folders = (*APPS, "tests", "bench")
    long = {
        str(path.relative_to(ROOT)): n
        for path in python_files(*folders)
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, long


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "bench").glob("bench_*.py")))
def test_benchmarks_import_without_django_set_up(script):
    """`make bench` on a fresh clone failed when a script imported a test helper that needs
    Django set up. (.ci/run runs every benchmark in its quick mode as well.)"""
    result = run_python(
        f"import runpy\nrunpy.run_path('bench/{script}', run_name='bench_import_check')\n"
    )
    assert result.returncode == 0, result.stderr
