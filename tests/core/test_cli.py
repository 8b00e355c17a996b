"""The command line: output, exit codes and messages."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from backpath.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "p01-extension-derangement.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backpath.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_assess_prints_the_result_document_as_json() -> None:
    out = run("assess", str(EXAMPLE), "--format", "json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["schema"] == "backpath/result/1"
    assert doc["classification"]["directional_preference"] == "extension"


def test_assess_prints_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(EXAMPLE), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "Classification: derangement / extension" in text and "Avoid:" in text


def test_assess_reads_standard_input() -> None:
    out = run("assess", "-", stdin=EXAMPLE.read_text())
    assert out.returncode == 0 and json.loads(out.stdout)["id"] == "p01"


def test_bad_input_exits_2_with_the_field_and_no_traceback(tmp_path: pathlib.Path) -> None:
    bad = json.loads(EXAMPLE.read_text())
    bad["symptoms"][1]["intensity"] = 11
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    out = run("assess", str(path))
    assert out.returncode == 2 and out.stdout == ""
    assert "symptoms[1].intensity: 11 is above the maximum 10" in out.stderr
    assert "Traceback" not in out.stderr


def test_invalid_json_and_missing_files_exit_2(tmp_path: pathlib.Path) -> None:
    (tmp_path / "x.json").write_text("{nope")
    out = run("assess", str(tmp_path / "x.json"))
    assert out.returncode == 2 and "not valid JSON" in out.stderr
    out = run("assess", str(tmp_path / "missing.json"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_jsonl_writes_one_result_per_line_and_an_error_for_a_bad_line() -> None:
    good = json.dumps(json.loads(EXAMPLE.read_text()))
    out = run("assess", "-", "--jsonl", stdin=f'{good}\n{{"schema": "x"}}\n{good}\n')
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert out.returncode == 2
    assert [d["schema"] for d in lines] == [
        "backpath/result/1",
        "backpath/error/1",
        "backpath/result/1",
    ]
    assert lines[1]["line"] == 2 and "line 2" in out.stderr


def test_audit_prints_the_audit_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLE), "--format", "json"]) == 0
    audit = json.loads(capsys.readouterr().out)
    assert [a["input"] for a in audit] == ["hamstring_stretch", "heat", "walking", "Foam roller"]


def test_exercises_lists_a_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercises", "--category", "anti_rotation", "--format", "json"]) == 0
    got = {e["code"] for e in json.loads(capsys.readouterr().out)}
    assert {"pallof_press", "stir_the_pot", "bird_dog_band"} <= got


def test_exercises_rejects_an_unknown_category_naming_the_allowed_ones() -> None:
    out = run("exercises", "--category", "yoga")
    assert out.returncode == 2 and "allowed values: dp_extension" in out.stderr


def test_score_odi_with_an_unanswered_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["score", "odi", "3", "2", "2", "3", "2", "1", "2", "0", "2", "-", "--format", "json"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["instrument"] == "odi_2.1a" and doc["percent"] == 37.8


def test_score_rejects_an_unknown_instrument() -> None:
    out = run("score", "sf36", "1")
    assert out.returncode == 2 and "odi" in out.stderr and "Traceback" not in out.stderr


def test_followup_prints_a_progression(tmp_path: pathlib.Path) -> None:
    result = run("assess", str(EXAMPLE)).stdout
    (tmp_path / "prev.json").write_text(result)
    (tmp_path / "fu.json").write_text(
        json.dumps({"schema": "backpath/followup/1", "visit_number": 2, "response": "worse"})
    )
    out = run("followup", str(tmp_path / "prev.json"), str(tmp_path / "fu.json"))
    assert out.returncode == 0 and json.loads(out.stdout)["rule"] == "R7.1"


def test_followup_rejects_a_document_that_is_not_a_result(tmp_path: pathlib.Path) -> None:
    (tmp_path / "prev.json").write_text("{}")
    out = run("followup", str(tmp_path / "prev.json"), str(tmp_path / "prev.json"))
    assert out.returncode == 2 and "not a result or progression document" in out.stderr


@pytest.mark.parametrize("command", ["assess", "audit", "followup", "exercises", "score"])
def test_every_command_has_help(command: str) -> None:
    out = run(command, "--help")
    assert out.returncode == 0 and "usage: backpath" in out.stdout


def test_the_text_report_shows_warnings_precautions_and_position_limited_avoidance(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    record = json.loads(EXAMPLE.read_text())
    record["patient"] = {"age": 78, "sex": "female"}
    record["red_flags"] = ["osteoporosis"]
    record["instruments"]["nrs_leg"] = 6
    record["symptoms"] = [{"region": "back", "side": "central", "kind": "pain", "intensity": 6}]
    record["tests"] = [
        {"test": "REIS", "during": "peripheralise", "after": "peripheralised"},
        {"test": "REIL", "during": "centralise", "after": "centralised"},
        {"test": "RFIL", "during": "increase", "after": "worse"},
    ]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record))
    assert main(["assess", str(path), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "Check these:" in text and "[leg_score_without_leg_symptom]" in text
    assert text.index("Check these:") < text.index("Classification:")
    assert "extension (in standing only)" in text
    assert "Precautions:" in text and "bone fragility" in text
    assert "Start with:" in text
