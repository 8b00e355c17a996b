"""Outcomes over an episode (NRS back and leg, ODI, PSFS) and their chart as server-drawn SVG.

Scores come from the stored documents and the core's instrument registry; the minimal
important change (MCID) lines are drawn from the registry's ``mcid_points``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from backpath.web.assessments.models import Assessment

from .models import FollowUp


@dataclass(frozen=True)
class Point:
    day: date
    label: str
    nrs_back: float | None = None
    nrs_leg: float | None = None
    odi: float | None = None
    psfs: float | None = None
    patient_reported: bool = False  # given by the patient through their link, at home


def odi_percent(values: list[Any] | None) -> float | None:
    """The ODI percent of a form's ten answers, by the core's registry; None when there are
    none or they cannot be scored (too many sections unanswered)."""
    from backpath.core.instruments import get_instrument

    if not values:
        return None
    try:
        return float(get_instrument("odi_2.1a").score(values)["percent"])
    except ValueError:
        return None


def _psfs_mean(scores: list[int]) -> float | None:
    from backpath.core.instruments import get_instrument

    return float(get_instrument("psfs").score(scores)["mean"]) if scores else None


def points_from(
    first: Assessment | None, followups: Iterable[FollowUp], home: Iterable[Any] = ()
) -> list[Point]:
    """The baseline assessment, then each follow-up in the order given (oldest first; voided
    ones are left out), with the outcome measures the patient gave at home
    (``programmes.HomeOutcome``) merged in by date and marked patient-reported."""
    points = []
    if first is not None and first.record and first.voided_at is None:
        inst = first.record.get("instruments", {})
        psfs = ((first.result or {}).get("scores") or {}).get("psfs") or {}
        points.append(
            Point(
                first.assessed_on,
                "Initial",
                inst.get("nrs_back"),
                inst.get("nrs_leg"),
                odi_percent(inst.get("odi")),
                psfs.get("mean"),
            )
        )
    for fu in followups:
        if fu.voided_at is not None:
            continue
        rec = fu.record
        points.append(
            Point(
                fu.seen_on,
                f"Visit {fu.visit_number}",
                rec.get("nrs_back"),
                rec.get("nrs_leg"),
                odi_percent(rec.get("odi")),
                _psfs_mean(fu.psfs),
            )
        )
    at_home = [
        Point(
            h.at.date(),
            "At home (patient-reported)",
            h.nrs_back,
            h.nrs_leg,
            odi_percent(((h.questionnaires or {}).get("odi_2.1a") or {}).get("values")),
            _psfs_mean([v for v in h.psfs if v is not None]),
            patient_reported=True,
        )
        for h in home
    ]
    if at_home:  # stable: the baseline stays first and visits keep their order on a same day
        points = sorted(points + at_home, key=lambda p: p.day)
    return points


def _mcid(key: str) -> float:
    from backpath.core.instruments import get_instrument

    return float(get_instrument(key).mcid_points or 0)


W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 44, 44, 20, 40
MIN_GAP = 40  # px between visits, so same-day or close visits do not sit on top of each other
SERIES = (  # attribute, label, colour, scale top, dash
    ("nrs_back", "Back pain NRS", "#20607a", 10, ""),
    ("nrs_leg", "Leg pain NRS", "#b3561e", 10, ""),
    ("odi", "ODI %", "#6b4fa0", 100, "6 3"),
    ("psfs", "PSFS mean", "#2d7a46", 10, "2 3"),
)


def x_positions(days: list[date], width: float = W - LEFT - RIGHT) -> list[float]:
    """Where each visit sits on the time axis: in proportion to its date, but never closer
    than ``MIN_GAP`` to its neighbour (evenly spaced when the chart is too crowded for that)."""
    if len(days) == 1:
        return [LEFT + width / 2]
    span = max(1, (days[-1] - days[0]).days)
    gap = min(MIN_GAP / width, 1 / (len(days) - 1))
    raw = [(d - days[0]).days / span for d in days]
    for i in range(1, len(raw)):  # push right what is too close to the visit before
        raw[i] = max(raw[i], raw[i - 1] + gap)
    raw[-1] = min(raw[-1], 1.0)
    for i in range(len(raw) - 2, -1, -1):  # and back inside the chart from the right
        raw[i] = min(raw[i], raw[i + 1] - gap)
    return [LEFT + width * f for f in raw]


def outcomes_svg(points: list[Point]) -> SafeString:
    """A line chart: NRS and PSFS on the left axis (0–10), ODI on the right (0–100), with
    the minimal important change from baseline dotted. Only measured series are drawn and
    listed in the legend."""
    if not points:
        return mark_safe("")
    xs = x_positions([p.day for p in points])
    drawn = [s for s in SERIES if any(getattr(p, s[0]) is not None for p in points)]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="Outcomes over time" data-testid="outcomes-chart">'
    ]
    out += _axes(y, right=any(s[0] == "odi" for s in drawn))
    mcid_drawn = False
    for attr, label, colour, top, dash in drawn:
        pts = [
            (xx, y(getattr(p, attr), top))
            for xx, p in zip(xs, points, strict=True)
            if getattr(p, attr) is not None
        ]
        mcid = _mcid_line(attr, points, y, top, colour)
        mcid_drawn = mcid_drawn or bool(mcid)
        out.append(mcid)
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-dasharray="{dash}" data-series="{attr}"><title>{escape(label)}</title>'
            "</polyline>"
        )
        marked = [p for p in points if getattr(p, attr) is not None]
        out += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#fff" stroke="{colour}" '
            'stroke-width="2" data-patient-reported="true"><title>patient-reported</title>'
            "</circle>"
            if p.patient_reported
            else f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>'
            for (px, py), p in zip(pts, marked, strict=True)
        ]
    out += [
        f'<text x="{xx:.1f}" y="{H - 22}" font-size="10" text-anchor="middle" '
        f'fill="#5d6b75"><title>{escape(p.label)}</title>{p.day:%d %b}</text>'
        for xx, p in zip(xs, points, strict=True)
    ]
    out.append(_legend(drawn, mcid_drawn, any(p.patient_reported for p in points)))
    out.append("</svg>")
    return mark_safe("".join(out))


def y(value: float, top: float) -> float:
    return TOP + (H - TOP - BOTTOM) * (1 - value / top)


def _axes(y: Callable[[float, float], float], right: bool) -> list[str]:
    """Grid lines with the 0–10 scale on the left and, when ODI is drawn, 0–100 on the right."""
    lines = []
    for v in (0, 2, 4, 6, 8, 10):
        yy = y(v, 10)
        lines.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="#e6ebee"/><text x="{LEFT - 6}" y="{yy + 4:.1f}" font-size="10" '
            f'text-anchor="end" fill="#5d6b75">{v}</text>'
        )
        if right:
            lines.append(
                f'<text x="{W - RIGHT + 6}" y="{yy + 4:.1f}" font-size="10" '
                f'fill="#6b4fa0">{v * 10}</text>'
            )
    return lines


def _mcid_line(
    attr: str, points: list[Point], y: Callable[[float, float], float], top: float, colour: str
) -> str:
    """Dashed line where the score would have improved by its MCID from baseline."""
    base = getattr(points[0], attr)
    mcid = _mcid("odi_2.1a" if attr == "odi" else "psfs" if attr == "psfs" else "nrs")
    if base is None or not mcid:
        return ""
    target = base + mcid if attr == "psfs" else base - mcid
    if not 0 <= target <= top:
        return ""
    yy = y(target, top)
    return (
        f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{colour}" '
        f'stroke-opacity=".45" stroke-dasharray="1 4" stroke-width="2" data-mcid="{attr}">'
        f"<title>MCID target for {escape(attr)}</title></line>"
    )


def _legend(drawn: list[tuple[str, str, str, int, str]], mcid: bool, home: bool = False) -> str:
    parts, xx = [], LEFT
    for attr, label, colour, _top, dash in drawn:
        parts.append(
            f'<g data-legend="{attr}"><line x1="{xx}" x2="{xx + 18}" y1="{H - 6}" y2="{H - 6}" '
            f'stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/><text '
            f'x="{xx + 22}" y="{H - 2}" font-size="10" fill="#1d2a33">{escape(label)}</text></g>'
        )
        xx += 120
    if mcid:
        parts.append(
            f'<text x="{xx}" y="{H - 2}" font-size="10" fill="#5d6b75">dotted: MCID</text>'
        )
        xx += 80
    if home:
        parts.append(
            f'<text x="{xx}" y="{H - 2}" font-size="10" fill="#5d6b75" '
            'data-legend="patient_reported">open circle: patient-reported</text>'
        )
    return "".join(parts)
