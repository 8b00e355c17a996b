"""The web layer stays typed: mypy runs with django-stubs, and untyped parameters only go down."""

from __future__ import annotations

import importlib.util
import pathlib
import tomllib
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Parameters in src/backpath/web (migrations aside) that are unannotated or ``Any``, as
# scripts/count_any.py counts them. Lower it when you type more; never raise it: give the new
# parameter a real type instead (a model, ``AuthedRequest``, ``QuerySet[Model]``…).
WEB_ANY_LIMIT = 0


def _count_any() -> ModuleType:
    spec = importlib.util.spec_from_file_location("count_any", ROOT / "scripts" / "count_any.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_web_layer_has_no_more_untyped_parameters_than_the_limit() -> None:
    count = _count_any().count_any_parameters(ROOT / "src" / "backpath" / "web")
    assert count <= WEB_ANY_LIMIT, (
        f"{count} parameters in src/backpath/web are unannotated or Any (limit "
        f"{WEB_ANY_LIMIT}): type the new ones (scripts/count_any.py lists the files)"
    )


def test_the_counter_counts_unannotated_and_any_but_not_self(tmp_path: pathlib.Path) -> None:
    (tmp_path / "m.py").write_text(
        "from typing import Any\n"
        "def f(a, b: Any, c: int, *args: Any, **kw: Any) -> None: ...\n"
        "class C:\n"
        "    def m(self, d: 'Any', e: str) -> None: ...\n"
        "    @classmethod\n"
        "    def k(cls, f) -> None: ...\n"
    )
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001.py").write_text("def forwards(apps, schema_editor): ...\n")
    assert _count_any().count_any_parameters(tmp_path) == 4  # a, b, d, f


def test_mypy_runs_with_the_django_stubs_plugin() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "mypy_django_plugin.main" in config["tool"]["mypy"]["plugins"]
    assert config["tool"]["django-stubs"]["django_settings_module"] == "backpath.web.settings"
    dev = config["project"]["optional-dependencies"]["dev"]
    assert any(d.replace(" ", "").startswith("django-stubs>=") for d in dev)
