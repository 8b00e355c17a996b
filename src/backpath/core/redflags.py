"""Red flags and referral urgency (clinical-rules §1, rules R1.1–R1.5)."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["RED_FLAGS", "RED_FLAG_CODES", "RedFlag", "referral", "urgency_of"]


class RedFlag:
    """A red-flag code with its default urgency and a plain-language meaning."""

    __slots__ = ("code", "text", "urgency")

    def __init__(self, code: str, urgency: str, text: str) -> None:
        self.code, self.urgency, self.text = code, urgency, text


_TABLE: tuple[tuple[str, str, str], ...] = (
    ("saddle_anaesthesia", "emergency", "Numbness in the saddle area"),
    (
        "bladder_dysfunction",
        "emergency",
        "New bladder retention, incontinence or loss of bladder sensation",
    ),
    ("bowel_incontinence", "emergency", "New bowel incontinence or loss of bowel control"),
    ("sexual_dysfunction", "emergency", "New loss of genital sensation or sexual function"),
    ("bilateral_leg_neuro", "emergency", "Neurological symptoms in both legs"),
    ("progressive_motor_deficit", "emergency", "Weakness that is getting worse"),
    (
        "pulsatile_abdominal_mass",
        "emergency",
        "Pulsatile abdominal mass (possible aortic aneurysm)",
    ),
    ("history_of_cancer", "urgent", "Previous cancer"),
    ("unexplained_weight_loss", "urgent", "Unexplained weight loss"),
    ("fever", "urgent", "Fever or feeling systemically unwell"),
    ("iv_drug_use", "urgent", "Intravenous drug use"),
    ("immunosuppression", "urgent", "Immunosuppression"),
    ("significant_trauma", "urgent", "Significant trauma (fall from height, road accident)"),
    ("unrelenting_night_pain", "urgent", "Pain at night not eased by any position"),
    ("osteoporosis", "consider", "Osteoporosis"),
    ("prolonged_corticosteroids", "consider", "Prolonged corticosteroid use"),
    ("age_over_70_minor_trauma", "urgent", "Age over 70 with minor trauma"),
    (
        "inflammatory_features",
        "consider",
        "Inflammatory features (morning stiffness over 30 minutes, better with exercise not "
        "rest, waking in the second half of the night)",
    ),
    ("stable_motor_deficit", "consider", "Weakness that is not getting worse"),
)

RED_FLAGS: Mapping[str, RedFlag] = {c: RedFlag(c, u, t) for c, u, t in _TABLE}
RED_FLAG_CODES: tuple[str, ...] = tuple(RED_FLAGS)
_DEFAULT_URGENCY: Mapping[str, str] = {c: f.urgency for c, f in RED_FLAGS.items()}


def urgency_of(code: str, overrides: Mapping[str, str] | None = None) -> str | None:
    """The urgency a red-flag code carries under the (configurable) table; None for a code
    that is not a red flag (e.g. a combination's reason code)."""
    if overrides and code in overrides:
        return overrides[code]
    return _DEFAULT_URGENCY.get(code)


_INFECTION_WITH = ("iv_drug_use", "immunosuppression")
_NEURO_FLAGS = ("stable_motor_deficit", "bilateral_leg_neuro", "progressive_motor_deficit")


def _same_day_combinations(found: list[str], neuro_sign: bool) -> list[tuple[str, dict[str, str]]]:
    """R1.2a / R1.2b: combinations of flags that mean same-day care whatever the table says."""
    out: list[tuple[str, dict[str, str]]] = []
    risk = [c for c in _INFECTION_WITH if c in found]
    if "fever" in found and risk:
        with_ = " and ".join(RED_FLAGS[c].text.lower() for c in risk)
        out.append(
            (
                "R1.2a",
                {
                    "code": "suspected_spinal_infection",
                    "text": f"Fever together with {with_}: suspected spinal infection — "
                    "same-day medical assessment (emergency)",
                },
            )
        )
    if "history_of_cancer" in found and (neuro_sign or any(c in found for c in _NEURO_FLAGS)):
        out.append(
            (
                "R1.2b",
                {
                    "code": "suspected_cord_compression",
                    "text": "Previous cancer together with a neurological sign: suspected "
                    "metastatic spinal cord compression — same-day emergency assessment "
                    "(emergency)",
                },
            )
        )
    return out


def referral(
    red_flags: list[str], overrides: Mapping[str, str] | None = None, neuro_sign: bool = False
) -> tuple[str, str, list[dict[str, str]]]:
    """Urgency, rule and reasons from the red flags (R1.1–R1.4).

    ``overrides`` maps a code to another urgency (the urgency table is configurable).
    ``neuro_sign`` says the record shows a neurological sign beyond the flags (numbness below
    the knee, weakness or sensory loss on examination), for R1.2b.
    """
    if not red_flags:
        return "none", "R1.4", []
    table = {**_DEFAULT_URGENCY, **overrides} if overrides else _DEFAULT_URGENCY
    found = [c for c in RED_FLAG_CODES if c in red_flags]  # table order, no duplicates
    reasons = [{"code": c, "text": f"{RED_FLAGS[c].text} ({table[c]})"} for c in found]
    levels = {table[c] for c in found}
    if "emergency" in levels:
        return "emergency", "R1.1", reasons
    combos = _same_day_combinations(found, neuro_sign)
    if combos:
        return "emergency", combos[0][0], reasons + [why for _, why in combos]
    combo = "osteoporosis" in found and "prolonged_corticosteroids" in found
    if "urgent" in levels or combo:
        if combo:
            reasons.append(
                {
                    "code": "osteoporosis_with_corticosteroids",
                    "text": "Osteoporosis together with prolonged corticosteroids: fracture risk "
                    "(urgent)",
                }
            )
        return "urgent", "R1.2", reasons
    if "consider" in levels:
        return "consider", "R1.3", reasons
    return "none", "R1.4", reasons
