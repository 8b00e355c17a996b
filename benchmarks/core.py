"""Benchmark of the clinical core: classification + plan + audit over generated records.

Prints records per second through the Python API (one core), peak memory, and the wall time
of ``backpath assess --jsonl`` over the same records including interpreter start-up.
Targets (issue #2): ≥ 10,000 records/s; --jsonl over 20,000 records in under 5 s.

    .venv/bin/python benchmarks/core.py [--records 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from typing import Any

from backpath.core import assess, parse_assessment
from backpath.core.redflags import RED_FLAG_CODES
from backpath.core.vocab import FACTORS, TEST_CODES

DURING = ("produce", "abolish", "increase", "decrease", "no_effect", "centralise", "peripheralise")
AFTER = (
    "abolished",
    "better",
    "centralised",
    "no_better",
    "no_worse",
    "no_effect",
    "worse",
    "peripheralised",
)
TREATMENTS = (
    "hamstring_stretch",
    "toe touches",
    "heat",
    "walking",
    "Foam roller",
    "sit ups",
    "prone_press_up",
    "knee hugs",
    "massage",
    "bird dog",
    "my own routine",
)
PLACES = [
    ("back", "central"),
    ("back", "left"),
    ("buttock", "right"),
    ("thigh", "left"),
    ("leg", "right"),
    ("foot", "left"),
]


def generate(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` valid, varied assessment records (a few with red flags, most with tests)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        tests = [
            {
                "test": code,
                "during": rnd.choice(DURING),
                "after": rnd.choice(AFTER),
                "reps": 10,
                "mechanical": rnd.choice(("increased_rom", "no_effect", "decreased_rom")),
            }
            for code in rnd.sample(TEST_CODES, rnd.randint(0, 6))  # each test once
        ]
        out.append(
            {
                "schema": "backpath/assessment/1",
                "id": f"bench-{i}",
                "patient": {"age": rnd.randint(18, 90), "sex": rnd.choice(("female", "male"))},
                "history": {
                    "duration_weeks": rnd.choice((1, 3, 8, 16, 40)),
                    "pattern": rnd.choice(("constant", "intermittent")),
                    "onset": rnd.choice(("gradual", "sudden")),
                    "aggravating": rnd.sample(FACTORS, 2),
                    "easing": rnd.sample(FACTORS, 1),
                },
                "symptoms": [
                    {"region": r, "side": s, "kind": "pain", "intensity": rnd.randint(1, 9)}
                    for r, s in rnd.sample(PLACES, rnd.randint(1, 3))
                ],
                "red_flags": [rnd.choice(RED_FLAG_CODES)] if rnd.random() < 0.05 else [],
                "examination": {"lateral_shift": rnd.choice(("none", "none", "left", "right"))},
                "tests": tests,
                "instruments": {
                    "nrs_back": rnd.randint(0, 10),
                    "nrs_leg": rnd.randint(0, 10),
                    "odi": [rnd.randint(0, 5) for _ in range(10)],
                    "start_back": [rnd.randint(0, 1) for _ in range(8)] + [rnd.randint(0, 4)],
                },
                "current_treatments": rnd.sample(TREATMENTS, rnd.randint(0, 4)),
            }
        )
    return out


def run_api(records: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    for data in records:
        assess(parse_assessment(data))
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    records = generate(args.records, args.seed)
    run_api(records[:500])  # warm caches (library load, pydantic schemas)
    best = min(run_api(records) for _ in range(3))
    rate = len(records) / best
    tracemalloc.start()
    run_api(records[:2000])
    _, peak_one = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    kept = [assess(parse_assessment(r)) for r in records]
    _, peak_all = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"python api : {len(records)} records in {best:.2f} s = {rate:,.0f} records/s "
        f"(best of 3, one core)  target ≥ 10,000  {'OK' if rate >= 10_000 else 'MISSED'}"
    )
    print(
        f"memory     : peak RSS {rss_mb:.0f} MB (whole process); assessing one record at a time "
        f"peaks at {peak_one / 1024:.0f} KB of Python allocations; keeping all "
        f"{len(records):,} results peaks at {peak_all / 1e6:.0f} MB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        exe = pathlib.Path(sys.executable).with_name("backpath")
        cmd = [str(exe), "assess", str(path), "--jsonl"]
        start = time.perf_counter()
        proc = subprocess.run(
            cmd,
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        wall = time.perf_counter() - start
        lines = proc.stdout.count(b"\n")
    ok = wall < 5 and lines == len(records)
    print(
        f"cli --jsonl: {lines} results in {wall:.2f} s wall incl. start-up (exit "
        f"{proc.returncode})  target < 5 s  {'OK' if ok else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
