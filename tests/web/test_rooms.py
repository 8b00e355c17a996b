"""One room per capability: each web app holds one thing (assessments, plans, follow-ups, the
episode page, the demo data), shared helpers live in shared modules, and no module reaches
into another room's private names. The clinical core imports no Django
(tests/core/test_purity.py)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import resolve

import backpath.web

WEB = Path(backpath.web.__file__).parent

MODELS = {
    "Assessment": "assessments",
    "PlanVersion": "plans",
    "PlanTemplate": "plans",
    "FollowUp": "followups",
    "Episode": "patients",
}


@pytest.mark.parametrize(("model", "app"), MODELS.items())
def test_each_model_belongs_to_its_room(model: str, app: str) -> None:
    assert apps.get_model(app, model)._meta.app_label == app


@pytest.mark.parametrize(
    ("model", "table"),
    [
        ("plans.PlanVersion", "assessments_planversion"),
        ("plans.PlanTemplate", "assessments_plantemplate"),
        ("followups.FollowUp", "assessments_followup"),
        ("assessments.Assessment", "assessments_assessment"),
    ],
)
def test_moved_models_keep_their_tables(model: str, table: str) -> None:
    assert apps.get_model(model)._meta.db_table == table


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("/episodes/00000000-0000-0000-0000-000000000001/", "backpath.web.patients.episodes"),
        (
            "/episodes/00000000-0000-0000-0000-000000000001/assessments/new/",
            "backpath.web.assessments.views",
        ),
        (
            "/episodes/00000000-0000-0000-0000-000000000001/followups/new/",
            "backpath.web.followups.views",
        ),
        ("/assessments/00000000-0000-0000-0000-000000000001/", "backpath.web.assessments.views"),
        (
            "/assessments/00000000-0000-0000-0000-000000000001/accept-and-give/",
            "backpath.web.assessments.views",
        ),
        ("/plans/00000000-0000-0000-0000-000000000001/", "backpath.web.plans.views"),
        ("/plans/00000000-0000-0000-0000-000000000001/add/", "backpath.web.plans.views"),
        ("/followups/00000000-0000-0000-0000-000000000001/", "backpath.web.followups.views"),
        ("/followups/00000000-0000-0000-0000-000000000001/accept/", "backpath.web.followups.views"),
    ],
)
def test_each_page_is_served_by_its_room(path: str, module: str) -> None:
    assert resolve(path).func.__module__ == module


def _modules(app: str) -> set[str]:
    return {m.name for m in pkgutil.iter_modules([str(WEB / app)])}


def test_assessments_holds_no_plan_follow_up_or_episode_modules() -> None:
    assert _modules("assessments") == {
        "access",
        "actions",
        "apps",
        "formdata",
        "formview",
        "migrations",
        "models",
        "presenters",
        "urls",
        "views",
    }
    for name in ("PlanVersion", "PlanTemplate", "FollowUp"):
        assert not hasattr(importlib.import_module("backpath.web.assessments.models"), name)


def test_plans_and_followups_are_rooms_of_their_own() -> None:
    room = {"access", "actions", "apps", "migrations", "models", "urls", "views"}
    assert room <= _modules("plans") and room <= _modules("followups")
    assert {"carry", "presenters"} <= _modules("plans")  # the plan editor's edits carry over
    assert "outcomes" in _modules("followups")


def test_the_demo_data_and_the_bench_seeder_live_in_the_demo_app() -> None:
    assert not (WEB / "clinics" / "demo").exists() and not (WEB / "devtools").exists()
    assert (WEB / "demo" / "management" / "commands" / "demo.py").exists()
    assert (WEB / "demo" / "bench" / "management" / "commands" / "seed_bench.py").exists()
    assert not (WEB / "clinics" / "management" / "commands" / "demo.py").exists()


def test_the_shared_helpers_are_shared_modules() -> None:
    from backpath.web import corrections, labels

    assert hasattr(labels, "human") and hasattr(corrections, "void")
    for model in ("assessments.Assessment", "plans.PlanVersion", "followups.FollowUp"):
        assert issubclass(apps.get_model(model), corrections.Voidable)


def _room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["backpath", "web"] or len(parts) < 4:
        return None  # a shared module (backpath.web.labels) or not ours
    return parts[2]


def _private_imports(text: str, module: str, package: str) -> list[str]:
    """``from <another room> import _name`` in ``text``, the source of ``module`` (in
    ``package``, for relative imports)."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = node.module or ""
        if node.level:
            parts = package.split(".")
            source = ".".join([*parts[: len(parts) - node.level + 1], *filter(None, [source])])
        if _room_of(source) in (None, _room_of(module)):
            continue
        found += [f"{module}: {source}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_no_module_imports_a_private_name_from_another_room() -> None:
    found = []
    for path in sorted(WEB.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(WEB.parent.parent).with_suffix("").parts
        module = ".".join(parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        found += _private_imports(path.read_text(), module, package)
    assert found == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("from backpath.web.assessments.formdata import _get, form_values", ["_get"]),
        ("from ..assessments.formview import _choices", ["_choices"]),
        ("from .formdata import _get", []),  # its own room
        ("from backpath.web.followups.actions import _baseline", []),
        ("from backpath.web.inputs import _x", []),  # a shared module
    ],
)
def test_the_private_import_check_tells_rooms_apart(text: str, found: list[str]) -> None:
    hits = _private_imports(text, "backpath.web.followups.views", "backpath.web.followups")
    assert [h.rsplit(".", 1)[1] for h in hits] == found
