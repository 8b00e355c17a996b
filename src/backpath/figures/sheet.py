"""A contact sheet: every exercise's still strip in a labelled grid (SVG or PNG)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import cast

from .poses import FIGURES
from .render import _n, still_markup

__all__ = ["contact_sheet_png", "contact_sheet_svg", "svg_to_png"]

CELL_W, CELL_H, LABEL_H, PAD = 460.0, 190.0, 26.0, 14.0
MAX_SCALE = 0.75  # the same size for every figure unless its strip is too wide to fit


def contact_sheet_svg(codes: Sequence[str] | None = None, columns: int = 4) -> str:
    """All (or the given) exercises' still strips in a grid, each labelled with its code."""
    chosen = list(codes) if codes is not None else sorted(FIGURES)
    rows = (len(chosen) + columns - 1) // columns
    width, height = columns * CELL_W, rows * (CELL_H + LABEL_H)
    parts = [f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>']
    for k, code in enumerate(chosen):
        col, row = k % columns, k // columns
        x0, y0 = col * CELL_W, row * (CELL_H + LABEL_H)
        body, (vx, vy, vw, vh) = still_markup(FIGURES[code])
        scale = min(MAX_SCALE, (CELL_W - 2 * PAD) / vw, (CELL_H - PAD) / vh)
        ox = x0 + (CELL_W - vw * scale) / 2 - vx * scale
        oy = y0 + PAD + (CELL_H - PAD - vh * scale) - vy * scale
        parts.append(
            f'<g transform="translate({ox:.2f} {oy:.2f}) scale({scale:.4f})">{body}</g>'
            f'<text x="{_n(x0 + CELL_W / 2)}" y="{_n(y0 + CELL_H + LABEL_H - 8)}" '
            'font-family="DejaVu Sans, Arial, sans-serif" font-size="15" fill="#2f3437" '
            f'text-anchor="middle">{escape(code)}</text>'
        )
        if col:
            parts.append(
                f'<path d="M{_n(x0)} {_n(y0 + 10)}V{_n(y0 + CELL_H + LABEL_H - 10)}" '
                'stroke="#e3e6e8" stroke-width="1"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}">{"".join(parts)}</svg>'
    )


def svg_to_png(svg: str, scale: float = 1.0) -> bytes:
    """Rasterise SVG markup on a white background with CairoSVG (imported only when used)."""
    import cairosvg

    png = cairosvg.svg2png(bytestring=svg.encode(), scale=scale, background_color="white")
    return cast(bytes, png)


def contact_sheet_png(codes: Sequence[str] | None = None, columns: int = 4) -> bytes:
    """The contact sheet rendered to PNG."""
    return svg_to_png(contact_sheet_svg(codes, columns))
