"""The ``figure`` and ``contact-sheet`` commands, run through ``backpath.cli.main``."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from backpath.cli import main
from backpath.figures import FIGURE_CODES, render_animated, render_still, render_thumbnail

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_figure_default_is_still(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "f.svg"
    assert main(["figure", "prone_press_up", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_still("prone_press_up")


@pytest.mark.parametrize(
    ("flag", "render"),
    [("--still", render_still), ("--animated", render_animated), ("--thumbnail", render_thumbnail)],
)
def test_figure_kinds(tmp_path: pathlib.Path, flag: str, render: object) -> None:
    out = tmp_path / "f.svg"
    assert main(["figure", "bird_dog", flag, "--out", str(out)]) == 0
    assert callable(render)
    assert out.read_text(encoding="utf-8") == render("bird_dog")


def test_figure_png(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "f.png"
    assert main(["figure", "cat_camel", "--thumbnail", "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_figure_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figure", "dead_bug", "--animated", "--out", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<svg") and "<animate" in out


def test_figure_kinds_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["figure", "dead_bug", "--still", "--animated"])
    assert exc.value.code == 2


def test_unknown_code_exit_2_names_it(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "f.svg"
    assert main(["figure", "moonwalk", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "moonwalk" in err and "Traceback" not in err
    assert not out.exists()


def test_unwritable_output(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figure", "squat", "--out", str(tmp_path / "no" / "dir.svg")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_contact_sheet_png(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "sheet.png"
    assert main(["contact-sheet", "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_contact_sheet_svg_labels_every_exercise(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "sheet.svg"
    assert main(["contact-sheet", "--out", str(out), "--columns", "5"]) == 0
    text = out.read_text(encoding="utf-8")
    for code in FIGURE_CODES:
        assert f">{code}</text>" in text


def test_contact_sheet_needs_a_format(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contact-sheet", "--out", str(tmp_path / "sheet.gif")]) == 2
    assert ".png or .svg" in capsys.readouterr().err


def test_contact_sheet_script(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "sheet.png"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "contact_sheet.py"), str(out)],
        check=True,
        capture_output=True,
    )
    assert out.stat().st_size > 10_000
