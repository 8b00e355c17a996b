"""Horizontal bar charts as server-drawn SVG, in the outcomes chart's palette and type sizes
(:mod:`backpath.web.followups.outcomes`): one bar per group, with its 95 % CI as a whisker
when given. Every chart sits beside a table of the same numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from backpath.web.followups.outcomes import SERIES

__all__ = ["Bar", "bar_chart"]

COLOUR = {attr: colour for attr, _label, colour, _top, _dash in SERIES}
W, LABEL_W, RIGHT, ROW, PAD = 680, 260, 56, 28, 24
INK, MUTED, GRID = "#1d2a33", "#5d6b75", "#e6ebee"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    low: float | None = None
    high: float | None = None


def _x(value: float, lo: float, hi: float) -> float:
    return LABEL_W + (W - LABEL_W - RIGHT) * (value - lo) / (hi - lo)


def bar_chart(
    bars: Sequence[Bar], *, title: str, unit: str, scale: tuple[float, float], colour: str
) -> SafeString:
    """``scale``: the axis from..to (e.g. (0, 100) for a share, (-10, 2) for an NRS change)."""
    lo, hi = scale
    height = PAD * 2 + ROW * max(1, len(bars))
    zero = _x(min(max(0.0, lo), hi), lo, hi)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{PAD - 6}" y2="{height - PAD + 6}" '
        f'stroke="{MUTED}"/>',
    ]
    for tick in sorted({lo, 0.0, hi} if lo < 0 < hi else {lo, (lo + hi) / 2, hi}):
        x = _x(tick, lo, hi)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{PAD - 6}" y2="{height - PAD}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{height - 6}" font-size="11" text-anchor="middle" '
            f'fill="{MUTED}">{tick:g}{escape(unit)}</text>'
        )
    for i, bar in enumerate(bars):
        out.append(_bar(bar, PAD + ROW * i, lo, hi, zero, colour, unit))
    out.append("</svg>")
    return mark_safe("".join(out))


def _bar(bar: Bar, top: float, lo: float, hi: float, zero: float, colour: str, unit: str) -> str:
    clamp = min(max(bar.value, lo), hi)
    x = _x(clamp, lo, hi)
    left, width = min(x, zero), abs(x - zero)
    mid = top + ROW / 2
    parts = [
        f'<text x="{LABEL_W - 8}" y="{mid + 4:.1f}" font-size="12" text-anchor="end" '
        f'fill="{INK}">{escape(bar.label)}</text>',
        f'<rect x="{left:.1f}" y="{top + 6:.1f}" width="{max(width, 1):.1f}" height="{ROW - 12}" '
        f'fill="{colour}"><title>{escape(bar.label)}: {bar.value:g}{escape(unit)}</title></rect>',
    ]
    if bar.low is not None and bar.high is not None:
        x1, x2 = _x(min(max(bar.low, lo), hi), lo, hi), _x(min(max(bar.high, lo), hi), lo, hi)
        parts.append(
            f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{mid:.1f}" y2="{mid:.1f}" stroke="{INK}" '
            f'stroke-width="1.5" data-ci="1"/>'
            + "".join(
                f'<line x1="{e:.1f}" x2="{e:.1f}" y1="{mid - 5:.1f}" y2="{mid + 5:.1f}" '
                f'stroke="{INK}"/>'
                for e in (x1, x2)
            )
        )
    end = max(x, zero) + 4
    parts.append(
        f'<text x="{end:.1f}" y="{mid + 4:.1f}" font-size="11" fill="{INK}">'
        f"{bar.value:g}{escape(unit)}</text>"
    )
    return "".join(parts)
