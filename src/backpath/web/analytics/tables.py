"""The dashboard's tables and charts, from the figures: labels and formatted numbers, and the
bars drawn from the same rows (so a chart never shows a number its table does not)."""

from __future__ import annotations

from typing import Any

from backpath.core.analytics import MeanCI
from backpath.web.labels import human

from .charts import COLOUR, Bar, bar_chart

__all__ = ["MEASURE_LABELS", "change_chart", "ci_text", "group_label", "mcid_chart", "rows_for"]

MEASURE_LABELS = {"nrs_back": "Back pain NRS", "nrs_leg": "Leg pain NRS", "odi": "ODI %"}
SUPPRESSED = "fewer than 5"


def group_label(key: tuple[Any, ...]) -> str:
    if key == ("All",):
        return "All episodes"
    if len(key) == 1:  # the DP comparison
        return "DP found" if key[0] else "No DP found"
    syndrome, subgroup, dp = key
    words = human(syndrome or "not classified")
    if subgroup:
        words += f" ({human(subgroup)})"
    return words + (f", DP {human(dp)}" if dp else "")


def ci_text(ci: MeanCI | None) -> str:
    if ci is None or ci.mean is None:
        return "–"
    if ci.low is None or ci.high is None:
        return f"{ci.mean:+.1f}"
    return f"{ci.mean:+.1f} ({ci.low:+.1f} to {ci.high:+.1f})"


def rows_for(outcomes: list[dict[str, Any]], measure: str) -> list[dict[str, Any]]:
    """One table row per group for ``measure``: numbers as text, suppressed cells named."""
    out = []
    for row in outcomes:
        m = row["measures"][measure]
        if not m.get("n"):
            cells = {"n": SUPPRESSED if m.get("suppressed") else "0"}
        else:
            days = m["median_days"]
            cells = {
                "n": str(m["n"]),
                "baseline": f"{m['baseline']:g}",
                "latest": f"{m['latest']:g}",
                "change": ci_text(m["change"]),
                "mcid": f"{m['mcid_share']:g} %",
                "days": "–" if days is None else f"{days:g}",
            }
        out.append({"label": group_label(row["key"]), **cells})
    return out


def change_chart(outcomes: list[dict[str, Any]], measure: str, top: float) -> Any:
    bars = [
        Bar(group_label(r["key"]), round(ci.mean, 1), ci.low, ci.high)
        for r in outcomes
        if (ci := r["measures"][measure].get("change")) is not None and ci.mean is not None
    ]
    title = f"Mean change in {MEASURE_LABELS[measure]} with 95 % confidence interval"
    return bar_chart(bars, title=title, unit="", scale=(-top, top / 2), colour=COLOUR[measure])


def mcid_chart(outcomes: list[dict[str, Any]], measure: str) -> Any:
    bars = [
        Bar(group_label(r["key"]), r["measures"][measure]["mcid_share"])
        for r in outcomes
        if r["measures"][measure].get("n")
    ]
    title = f"Share reaching the minimal important change in {MEASURE_LABELS[measure]}"
    return bar_chart(bars, title=title, unit=" %", scale=(0, 100), colour=COLOUR[measure])
