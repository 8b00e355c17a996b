#!/usr/bin/env python
"""Count the web layer's untyped parameters: ``scripts/count_any.py [root]``.

A named parameter counts when it has no annotation or is annotated ``Any`` (``Any``,
``typing.Any`` or the string ``"Any"``). Not counted: ``self`` and ``cls`` of methods, and
``*args`` / ``**kwargs`` (mostly passed straight on, where ``Any`` is the honest type).
Migrations are skipped (Django writes them). Prints the total and the files with the most;
``tests/web/test_typing.py`` holds the total to a limit.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "backpath" / "web"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _is_any(annotation: ast.expr | None) -> bool:
    if annotation is None:
        return True
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.strip() in ("Any", "typing.Any")
    if isinstance(annotation, ast.Name):
        return annotation.id == "Any"
    return isinstance(annotation, ast.Attribute) and annotation.attr == "Any"


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool) -> list[ast.arg]:
    args = node.args
    named = [*args.posonlyargs, *args.args]
    is_static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if in_class and not is_static and named and named[0].arg in ("self", "cls"):
        named = named[1:]
    return [*named, *args.kwonlyargs]


def _untyped_in(tree: ast.AST) -> int:
    count = 0

    def visit(node: ast.AST, in_class: bool) -> None:
        nonlocal count
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                count += sum(_is_any(a.annotation) for a in _parameters(child, in_class))
                visit(child, in_class=False)
            elif isinstance(child, ast.ClassDef):
                visit(child, in_class=True)
            else:
                visit(child, in_class=in_class and not isinstance(child, _FUNCTIONS))

    visit(tree, in_class=False)
    return count


def counts_by_file(root: Path | str = ROOT) -> Counter[str]:
    """{path relative to ``root``: untyped parameters} for each Python file outside migrations."""
    root = Path(root)
    counts: Counter[str] = Counter()
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        n = _untyped_in(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if n:
            counts[str(path.relative_to(root))] = n
    return counts


def count_any_parameters(root: Path | str = ROOT) -> int:
    """How many parameters under ``root`` are unannotated or ``Any`` (self and cls excluded)."""
    return sum(counts_by_file(root).values())


def main(argv: list[str]) -> None:
    counts = counts_by_file(argv[0] if argv else ROOT)
    print(f"{sum(counts.values())} parameters unannotated or Any")
    for name, n in counts.most_common(15):
        print(f"{n:5}  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
