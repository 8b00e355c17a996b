"""Exercise illustrations: stick figures drawn from key-frame poses, as SVG.

Every exercise in the library that is not passive or rest has a figure (:data:`FIGURE_CODES`).
One renderer gives three outputs:

* :func:`render_animated` — a looping SVG animation between the key frames (SMIL, no script);
* :func:`render_still` — the key frames left to right with a movement arrow, for print/PDF;
* :func:`render_thumbnail` — one small frame.

Conventions: side views show the patient facing the viewer's right, so their LEFT limbs are
the near (darker) ones. Front views show the patient's front, so the patient's LEFT is on the
viewer's RIGHT; a side glide named ``_left`` moves the SHOULDERS to the patient's left relative
to the pelvis (hips go to the patient's right) and is the mirror image of the ``_right`` one.

All outputs are cached; each is a plain string of SVG markup.
"""

from __future__ import annotations

from functools import lru_cache

from .poses import FIGURES
from .render import svg_animated, svg_still, svg_thumbnail
from .scene import Figure

__all__ = [
    "FIGURE_CODES",
    "UnknownFigure",
    "figure",
    "has_figure",
    "render_animated",
    "render_still",
    "render_thumbnail",
]

FIGURE_CODES: tuple[str, ...] = tuple(sorted(FIGURES))


class UnknownFigure(KeyError):
    """No figure exists for this exercise code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"no figure for exercise {self.code!r}"


def has_figure(code: str) -> bool:
    return code in FIGURES


def figure(code: str) -> Figure:
    """The figure definition (key frames and props) of an exercise."""
    try:
        return FIGURES[code]
    except KeyError:
        raise UnknownFigure(code) from None


def _title(code: str) -> str:
    return code.replace("_", " ").capitalize()


@lru_cache(maxsize=256)
def render_animated(code: str) -> str:
    """A looping SVG animation of the exercise (raises :class:`UnknownFigure`)."""
    return svg_animated(figure(code), _title(code))


@lru_cache(maxsize=256)
def render_still(code: str) -> str:
    """The key frames left to right with movement arrows, for print (SVG)."""
    return svg_still(figure(code), _title(code))


@lru_cache(maxsize=256)
def render_thumbnail(code: str) -> str:
    """One small frame of the exercise (SVG, 160 x 120)."""
    return svg_thumbnail(figure(code), _title(code))
