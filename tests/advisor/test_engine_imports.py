"""The engine stays plain Python: a module under advisor/engine/ that imports Django,
an HTTP library, `profiles` or the rest of `advisor` fails here (STYLE.md, item 15)."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "advisor" / "engine"
# Top-level packages the engine may never reach, and the one part of `advisor` it may.
FORBIDDEN_ROOTS = frozenset(
    {"django", "profiles", "http", "urllib3", "requests", "httpx", "jinja2", "psycopg"}
)
ALLOWED_ADVISOR = "advisor.engine"


def forbidden_imports(source: str, *, package: str) -> list[str]:
    """The imports in `source` (a module of `package`) that leave the engine."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the module's own package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names = [f"{base}.{node.module}" if node.module else base]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            root = name.split(".")[0]
            outside_engine = root == "advisor" and not (
                name == ALLOWED_ADVISOR or name.startswith(ALLOWED_ADVISOR + ".")
            )
            if root in FORBIDDEN_ROOTS or outside_engine:
                found.append(name)
    return found


def engine_modules() -> list[Path]:
    return sorted(ENGINE.rglob("*.py"))


def test_the_engine_imports_neither_django_nor_profiles_nor_the_rest_of_advisor():
    modules = engine_modules()
    assert len(modules) > 10, "the engine package was not found where the check looks"
    offenders = {}
    for module in modules:
        package = ".".join(module.relative_to(ENGINE.parents[1]).with_suffix("").parts[:-1])
        found = forbidden_imports(module.read_text(), package=package)
        if found:
            offenders[str(module.relative_to(ENGINE.parents[1]))] = found
    assert offenders == {}


def test_the_check_catches_each_kind_of_forbidden_import():
    # The check of the check: each of these would slip past a check that looked only
    # at `import django` at the top of a file.
    sources = {
        "from django.db import models": ["django.db"],
        "import django": ["django"],
        "def f():\n    from profiles.models import Profile": ["profiles.models"],
        "from advisor.models import Specialty": ["advisor.models"],
        "from advisor import selectors": ["advisor"],
        "from ... import models": ["advisor"],
        "import requests as r": ["requests"],
    }
    for source, expected in sources.items():
        assert forbidden_imports(source, package="advisor.engine.plan") == expected, source
    assert (
        forbidden_imports("from advisor.engine.facts import Facts", package="advisor.engine") == []
    )
    assert forbidden_imports("from . import steps", package="advisor.engine.plan") == []
