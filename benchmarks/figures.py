"""Figure benchmark: milliseconds to draw every exercise's still, animation and thumbnail from
its pose data (cold caches), best of several rounds. Target: < 50 ms per figure (three outputs).

    .venv/bin/python benchmarks/figures.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import time

from backpath.figures import FIGURE_CODES, render_animated, render_still, render_thumbnail

TARGET_MS = 50.0


def one_round() -> float:
    for fn in (render_still, render_animated, render_thumbnail):
        fn.cache_clear()
    start = time.perf_counter()
    for code in FIGURE_CODES:
        render_still(code)
        render_animated(code)
        render_thumbnail(code)
    return (time.perf_counter() - start) * 1000 / len(FIGURE_CODES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rounds = [one_round() for _ in range(args.rounds)]
    best = min(rounds)
    verdict = "ok" if best < TARGET_MS else "MISSED"
    print(
        f"figures: {len(FIGURE_CODES)} exercises, {best:.1f} ms per figure (best of "
        f"{args.rounds}; all: {', '.join(f'{r:.1f}' for r in rounds)}) — "
        f"target < {TARGET_MS:.0f} ms: {verdict}"
    )
    return 0 if best < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
