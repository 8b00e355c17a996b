"""The app icon, drawn here: an SVG (a figure in a press-up on a rounded square) and PNGs
made from it with cairosvg. Nothing is fetched from elsewhere."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["SIZES", "icon_png", "icon_svg"]

SIZES = (192, 512)
ACCENT, SOFT = "#20607a", "#e4f0f4"


def icon_svg() -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="18" fill="{ACCENT}"/>'
        f'<g fill="none" stroke="{SOFT}" stroke-width="7" stroke-linecap="round">'
        '<path d="M18 74 H82"/>'  # the floor
        '<path d="M24 70 Q46 66 58 50"/>'  # the body, hips down, chest up
        '<path d="M58 50 L64 70"/>'  # the arms
        "</g>"
        f'<circle cx="64" cy="38" r="8" fill="{SOFT}"/>'  # the head
        "</svg>"
    )


@lru_cache(maxsize=len(SIZES))
def icon_png(size: int) -> bytes:
    import cairosvg

    return bytes(
        cairosvg.svg2png(bytestring=icon_svg().encode(), output_width=size, output_height=size)
    )
