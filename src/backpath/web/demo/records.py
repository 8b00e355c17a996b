"""A dozen demo patients written for backpath (not real people): patient details, an
assessment record per patient, and optional follow-ups and self-reports."""

from __future__ import annotations

from typing import Any


def S(region: str, side: str, intensity: int, kind: str = "pain") -> dict[str, Any]:
    return {"region": region, "side": side, "kind": kind, "intensity": intensity}


def T(test: str, during: str, after: str, mechanical: str = "no_effect") -> dict[str, Any]:
    reps = 1 if not test.startswith("R") else 10
    return {"test": test, "reps": reps, "during": during, "after": after, "mechanical": mechanical}


def H(
    weeks: float,
    pattern: str,
    aggravating: list[str],
    easing: list[str],
    onset: str = "gradual",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "duration_weeks": weeks,
        "onset": onset,
        "pattern": pattern,
        "aggravating": aggravating,
        "easing": easing,
        "previous_episodes": 1,
        "previous_sciatica": False,
        "prior_surgery": False,
        **extra,
    }


NIL = {"flexion": "nil", "extension": "nil", "side_glide_left": "nil", "side_glide_right": "nil"}

PATIENTS: list[dict[str, Any]] = [
    {
        "name": "Pat Morgan",
        "dob": "1991-04-12",
        "sex": "female",
        "contact": "07700 900101",
        "days_ago": 24,
        "record": {
            "history": H(
                2,
                "intermittent",
                ["sitting", "bending", "rising_from_sitting"],
                ["walking", "lying_prone"],
            ),
            "symptoms": [S("back", "central", 6), S("buttock", "left", 4), S("thigh", "left", 3)],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "flexion": "moderate", "extension": "minimal"},
            },
            "tests": [
                T("FIS", "increase", "no_worse"),
                T("RFIS", "peripheralise", "worse", "decreased_rom"),
                T("REIS", "decrease", "better"),
                T("REIL", "centralise", "centralised", "increased_rom"),
            ],
            "instruments": {
                "nrs_back": 6,
                "nrs_leg": 4,
                "odi": [3, 2, 2, 3, 3, 1, 2, 0, 2, 2],
                "start_back": [1, 1, 0, 0, 1, 0, 0, 1, 2],
                "psfs": [
                    {"activity": "sitting through a work meeting", "score": 3},
                    {"activity": "picking up my toddler", "score": 4},
                ],
            },
            "current_treatments": ["hammy stretch", "heat", "walking", "foam roller"],
        },
        "followups": [
            {
                "days": 6,
                "nrs_back": 4,
                "nrs_leg": 1,
                "response": "better",
                "adherence_percent": 80,
                "days_stable": 4,
                "psfs": [5, 6],
                "symptoms": [S("back", "central", 4), S("buttock", "left", 1)],
            },
            {
                "days": 14,
                "nrs_back": 2,
                "nrs_leg": 0,
                "response": "better",
                "adherence_percent": 90,
                "days_stable": 8,
                "symptoms": [S("back", "central", 2)],
                "odi": [1, 1, 1, 1, 2, 0, 1, 0, 1, 1],
                "psfs": [8, 8],
            },
        ],
        "sessions": [("centralised", 0), ("decreased", 0)],
    },
    {
        "name": "Sam Okafor",
        "dob": "1984-09-03",
        "sex": "male",
        "contact": "sam.okafor@example.org",
        "days_ago": 5,
        "record": {
            "history": H(1, "constant", ["sitting", "bending", "cough_sneeze"], ["lying"]),
            "symptoms": [
                S("back", "right", 6),
                S("buttock", "right", 6),
                S("thigh", "right", 5),
                S("leg", "right", 5),
            ],
            "examination": {
                "lateral_shift": "left",
                "movement_loss": {
                    "flexion": "major",
                    "extension": "moderate",
                    "side_glide_left": "nil",
                    "side_glide_right": "major",
                },
            },
            "tests": [
                T("RFIS", "peripheralise", "peripheralised"),
                T("REIS", "increase", "no_better"),
                T("RSGIS-R", "centralise", "centralised", "increased_rom"),
            ],
            "instruments": {"nrs_back": 6, "nrs_leg": 7},
            "current_treatments": ["sit ups", "side_glide_standing_right"],
        },
        "sessions": [("spread_down_leg", 0)],
    },
    {
        "name": "Rita Hughes",
        "dob": "1968-02-20",
        "sex": "female",
        "contact": "",
        "days_ago": 1,
        "record": {
            "history": H(1, "constant", ["sitting", "walking"], [], onset="sudden"),
            "symptoms": [
                S("back", "central", 8),
                S("leg", "left", 6),
                S("leg", "right", 5, "numbness"),
            ],
            "red_flags": ["saddle_anaesthesia", "bladder_dysfunction"],
            "instruments": {"nrs_back": 8, "nrs_leg": 7},
        },
    },
    {
        "name": "George Ellis",
        "dob": "1950-11-08",
        "sex": "male",
        "contact": "01632 960555",
        "days_ago": 3,
        "record": {
            "history": H(5, "constant", ["lying", "rest"], []),
            "symptoms": [S("back", "central", 7)],
            "red_flags": ["history_of_cancer", "unrelenting_night_pain"],
            "instruments": {"nrs_back": 7},
        },
    },
    {
        "name": "Mei Chen",
        "dob": "1973-06-30",
        "sex": "female",
        "contact": "",
        "days_ago": 30,
        "record": {
            "history": H(20, "intermittent", ["bending"], []),
            "symptoms": [S("back", "central", 3)],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "flexion": "moderate"},
            },
            "tests": [
                T("FIS", "produce", "no_worse"),
                T("RFIS", "produce", "no_worse"),
                T("REIS", "no_effect", "no_effect"),
                T("RFIL", "produce", "no_worse"),
                T("REIL", "no_effect", "no_effect"),
            ],
            "instruments": {"nrs_back": 3, "odi": [1, 0, 2, 0, 1, 1, 0, 0, 1, 1]},
        },
        "followups": [
            {
                "days": 21,
                "nrs_back": 3,
                "response": "same",
                "adherence_percent": 60,
                "days_stable": 14,
                "symptoms": [S("back", "central", 3)],
                "odi": [1, 0, 2, 0, 1, 1, 0, 0, 1, 1],
            }
        ],
    },
    {
        "name": "Tom Bradley",
        "dob": "1996-01-17",
        "sex": "male",
        "contact": "",
        "days_ago": 8,
        "record": {
            "history": H(8, "intermittent", ["sitting", "driving"], ["walking"]),
            "symptoms": [S("back", "central", 3)],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": dict(NIL),
                "posture_correction_abolishes": True,
            },
            "tests": [
                T("RFIS", "no_effect", "no_effect"),
                T("REIS", "no_effect", "no_effect"),
                T("RFIL", "no_effect", "no_effect"),
                T("REIL", "no_effect", "no_effect"),
            ],
            "instruments": {"nrs_back": 3},
        },
    },
    {
        "name": "Dorothy Walsh",
        "dob": "1952-03-05",
        "sex": "female",
        "contact": "01632 960777",
        "days_ago": 12,
        "record": {
            "history": H(30, "intermittent", ["walking", "standing"], ["sitting", "bending"]),
            "symptoms": [S("back", "central", 4), S("thigh", "left", 5), S("leg", "left", 5)],
            "examination": {"lateral_shift": "none", "movement_loss": dict(NIL)},
            "tests": [
                T("REIS", "increase", "worse"),
                T("RFIS", "decrease", "no_better"),
                T("RFIL", "decrease", "better"),
            ],
            "instruments": {
                "nrs_back": 4,
                "nrs_leg": 5,
                "psfs": [{"activity": "walking to the shops", "score": 3}],
            },
        },
    },
    {
        "name": "Aisha Rahman",
        "dob": "1988-12-01",
        "sex": "female",
        "contact": "",
        "days_ago": 0,
        "record": {
            "history": H(3, "intermittent", ["sitting", "bending"], ["walking"]),
            "symptoms": [S("back", "central", 5), S("buttock", "right", 3)],
            "instruments": {"nrs_back": 5, "nrs_leg": 2},
        },
    },
    {
        "name": "Liam Foster",
        "dob": "1979-07-22",
        "sex": "male",
        "contact": "",
        "days_ago": 2,
        "record": {
            "history": H(6, "constant", ["sitting", "standing", "walking"], []),
            "symptoms": [
                S("back", "left", 7),
                S("thigh", "left", 7),
                S("leg", "left", 8),
                S("foot", "left", 6, "paraesthesia"),
            ],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "flexion": "major", "extension": "major"},
            },
            "tests": [
                T("RFIS", "peripheralise", "peripheralised"),
                T("REIS", "peripheralise", "worse"),
                T("REIL", "increase", "peripheralised"),
            ],
            "instruments": {"nrs_back": 7, "nrs_leg": 8},
        },
    },
    {
        "name": "Owen Price",
        "dob": "1980-05-14",
        "sex": "male",
        "contact": "",
        "days_ago": 40,
        "record": {
            "history": H(16, "intermittent", [], [], previous_sciatica=True),
            "symptoms": [S("thigh", "right", 3)],
            "examination": {"lateral_shift": "none", "movement_loss": dict(NIL)},
            "tests": [
                T("FIS", "produce", "no_worse"),
                T("RFIS", "produce", "no_worse"),
                T("FIL", "no_effect", "no_effect"),
                T("RFIL", "no_effect", "no_effect"),
                T("REIS", "no_effect", "no_effect"),
                T("REIL", "no_effect", "no_effect"),
            ],
            "instruments": {"nrs_back": 0, "nrs_leg": 3},
        },
    },
    {
        "name": "Hannah Novak",
        "dob": "1966-10-09",
        "sex": "female",
        "contact": "",
        "days_ago": 9,
        "record": {
            "history": H(
                4, "intermittent", ["standing", "walking", "lying_prone"], ["sitting", "bending"]
            ),
            "symptoms": [S("back", "central", 5), S("buttock", "left", 3)],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "extension": "moderate"},
            },
            "tests": [
                T("REIS", "increase", "worse"),
                T("REIL", "increase", "no_better"),
                T("RFIL", "abolish", "abolished", "increased_rom"),
            ],
            "instruments": {"nrs_back": 5, "nrs_leg": 2},
        },
    },
    {
        "name": "Carlos Mendes",
        "dob": "1975-08-25",
        "sex": "male",
        "contact": "",
        "days_ago": 15,
        "record": {
            "history": H(40, "constant", ["sitting", "standing", "walking", "lying"], []),
            "symptoms": [
                S("back", "central", 7),
                S("buttock", "left", 6),
                S("buttock", "right", 5),
                S("thigh", "right", 4),
            ],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "flexion": "minimal"},
            },
            "tests": [T("RFIS", "increase", "no_worse"), T("REIS", "increase", "no_worse")],
            "instruments": {"nrs_back": 7, "nrs_leg": 4, "start_back": [1, 1, 1, 1, 1, 1, 1, 1, 4]},
        },
    },
]

HILLSIDE_PATIENTS: list[dict[str, Any]] = [
    {
        "name": "Iris Campbell",
        "dob": "1983-02-11",
        "sex": "female",
        "contact": "",
        "days_ago": 4,
        "record": {
            "history": H(2, "intermittent", ["sitting", "bending"], ["walking"]),
            "symptoms": [S("back", "central", 5)],
            "examination": {
                "lateral_shift": "none",
                "movement_loss": {**NIL, "flexion": "minimal"},
            },
            "tests": [T("RFIS", "increase", "no_better"), T("REIS", "abolish", "abolished")],
            "instruments": {"nrs_back": 5},
        },
    },
]
