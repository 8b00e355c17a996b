"""The patient's words for directions to avoid and precautions (labels keyed by the core's
codes; tests/web/test_vocabulary.py ties them to the core's vocabularies)."""

from __future__ import annotations

from typing import Any

from backpath.core.vocab import TEST_POSITIONS

DIRECTION_WORDS = {
    "flexion": "bending forward, slumped sitting",
    "extension": "arching backwards",
    "side_glide_left": "shifting your shoulders to the left (hips to the right)",
    "side_glide_right": "shifting your shoulders to the right (hips to the left)",
    "lateral_flexion": "bending sideways",
    "rotation": "twisting",
}
POSITION_WORDS = {"standing": "while standing", "lying": "lying down"}
TAG_WORDS = {
    "loaded_flexion": "bending forward while lifting or holding something",
    "end_range_flexion": "bending all the way forward, such as toe touches",
    "loaded_rotation": "twisting while lifting or carrying",
    "high_load_abdominal": "hard tummy exercises such as sit-ups, crunches or long planks",
    "prone": "lying face down",
    "supine_sustained": "staying on your back for long during exercises",
    "impact": "jumping, running or other jarring impacts",
}
PRECAUTION_WORDS = {"bone_fragility": "To protect your bones", "pregnancy": "For your pregnancy"}


def avoid_sentence(avoid: list[dict[str, Any]]) -> str:
    """ "For now avoid: bending forward, slumped sitting; avoid arching backwards while standing
    — doing it lying down is fine"."""
    everywhere = [
        DIRECTION_WORDS.get(a["direction"], a["direction"]) for a in avoid if not a.get("positions")
    ]
    parts = ["For now avoid: " + "; ".join(everywhere)] if everywhere else []
    for a in avoid:
        if a.get("positions"):
            where = " or ".join(POSITION_WORDS.get(p, p) for p in a["positions"])
            fine = [POSITION_WORDS.get(p, p) for p in TEST_POSITIONS if p not in a["positions"]]
            text = f"avoid {DIRECTION_WORDS.get(a['direction'], a['direction'])} {where}"
            parts.append(text + (f" — doing it {' or '.join(fine)} is fine" if fine else ""))
    return ("; ".join(parts) + ".") if parts else ""


def precaution_sentences(precautions: list[dict[str, Any]]) -> list[str]:
    return [
        f"{PRECAUTION_WORDS.get(p['code'], 'For your safety')}, avoid: "
        + "; ".join(TAG_WORDS.get(t, t.replace("_", " ")) for t in p.get("excludes", []))
        + "."
        for p in precautions
    ]
