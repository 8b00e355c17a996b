"""Turning a stored result into what the result page shows: referral, classification, avoid
entries, precautions and scores, in words.

Nothing is decided here: the documents come from the core; this module only looks up names
and formats them.
"""

from __future__ import annotations

from typing import Any

from backpath.core.vocab import TEST_POSITIONS
from backpath.web.labels import (
    PRECAUTION_LABELS,
    TAG_LABELS,
    URGENCY_HEADLINES,
    VERDICT_CLASSES,
    direction,
    human,
)


def result_context(result: dict[str, Any] | None) -> dict[str, Any]:
    result = result or {}
    referral = result.get("referral") or {"urgency": "none", "reasons": []}
    return {
        "result": result,
        "referral": referral,
        "referral_headline": URGENCY_HEADLINES.get(referral["urgency"], ""),
        "classification": result.get("classification") or {},
        "warnings": result.get("warnings", []),
        "avoid": avoid_rows(result.get("avoid", [])),
        "precautions": precaution_rows(result.get("precautions", [])),
        "audit": result.get("audit", []),
        "verdict_classes": VERDICT_CLASSES,
        "scores": score_rows(result.get("scores") or {}),
        "dp_label": direction(
            (result.get("classification") or {}).get("directional_preference") or "none"
        ),
    }


def avoid_rows(avoid: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Avoid entries with their label and, when limited to a position, where they apply:
    "avoid in standing only (fine in lying)"."""
    rows = []
    for a in avoid:
        positions = list(a.get("positions") or [])
        where = ""
        if positions:
            fine = [p for p in TEST_POSITIONS if p not in positions]
            where = f"avoid in {' and '.join(positions)} only" + (
                f" (fine in {' and '.join(fine)})" if fine else ""
            )
        rows.append({**a, "label": direction(a["direction"]), "where": where})
    return rows


def precaution_rows(precautions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Precautions with their label and what they exclude, in words."""
    return [
        {
            **p,
            "label": PRECAUTION_LABELS.get(p["code"], human(p["code"])),
            "excludes_text": ", ".join(TAG_LABELS.get(t, human(t)) for t in p.get("excludes", [])),
        }
        for p in precautions
    ]


def score_rows(scores: dict[str, Any]) -> list[dict[str, str]]:
    """One row per instrument score: name, value and band or risk."""
    rows = []
    for key, value in scores.items():
        if not isinstance(value, dict):
            rows.append({"name": human(key), "value": str(value), "band": ""})
            continue
        shown = next(
            (
                f"{value[k]}{'%' if k == 'percent' else ''}"
                for k in ("percent", "total", "mean", "score", "value")
                if k in value
            ),
            "",
        )
        extra = f" (psychosocial {value['psychosocial']})" if "psychosocial" in value else ""
        rows.append(
            {
                "name": _SCORE_NAMES.get(key, human(key)),
                "value": shown + (_OUT_OF.get(key, "") if shown else "") + extra,
                "band": human(_band(value)),
            }
        )
    return rows


def _band(value: dict[str, Any]) -> str:
    """The core's band, risk group or recovered flag (or its error), as given."""
    if "recovered" in value:
        return "recovered" if value["recovered"] else "not recovered"
    return str(value.get("band") or value.get("risk") or value.get("error") or "")


_SCORE_NAMES = {
    "odi": "Oswestry (ODI)",
    "start_back": "STarT Back",
    "psfs": "PSFS (mean)",
    "nrs_back": "Back pain NRS",
    "nrs_leg": "Leg pain NRS",
    "rmdq": "Roland-Morris (RMDQ)",
}
_OUT_OF = {"rmdq": " / 24"}
