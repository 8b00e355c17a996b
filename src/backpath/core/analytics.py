"""Statistics for a clinic's outcomes: pure functions over numbers, no database.

The web layer sums in SQL (count, sum, sum of squares, a histogram of days) and hands the sums
here, so a clinic of 100,000 patients never travels through Python row by row. What a single
episode contributes (its baseline and latest scores, whether and when it reached the minimal
important change, whether its first visit's directional-preference test centralised) is decided
by :func:`episode_facts`, from the documents the app stores.

The minimal important change is the instrument registry's (Ostelo 2008: NRS 2 points or 30 %,
ODI 10 points or 30 %, RMDQ 5 points), judged by :func:`backpath.core.instruments.change`.
Research exports are de-identified here too: cells under :data:`SMALL_CELL_MIN` suppressed,
ages banded, dates shifted per patient by a keyed offset.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from statistics import NormalDist
from typing import Any, get_args

from .instruments import InstrumentError, change
from .vocab import DirectionalPreference, Syndrome

__all__ = [
    "AGE_BAND_YEARS",
    "DATE_SHIFT_MAX_DAYS",
    "DP_VALUES",
    "OUTCOME_MEASURES",
    "SMALL_CELL_MIN",
    "SYNDROMES",
    "EpisodeFacts",
    "MeanCI",
    "age_band",
    "date_shift_days",
    "days_to_mcid",
    "dp_centralised",
    "episode_facts",
    "mean_ci",
    "median_from_counts",
    "pearson_from_sums",
    "reached_mcid",
    "share",
    "suppress",
    "t_quantile",
]

SMALL_CELL_MIN = 5  # aggregate cells counting fewer people than this are not shown
AGE_BAND_YEARS = 10  # research export: ages in bands of this width (90 and over: one band)
DATE_SHIFT_MAX_DAYS = 182  # research export: each patient's dates move by up to this many days
SYNDROMES: tuple[str, ...] = get_args(Syndrome)
DP_VALUES: tuple[str, ...] = get_args(DirectionalPreference)
OUTCOME_MEASURES = (  # summary column prefix, instrument key
    ("nrs_back", "nrs"),
    ("nrs_leg", "nrs"),
    ("odi", "odi_2.1a"),
)


# --- Student's t quantile ---------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((qam + m2) * (a + m2)), None):
            if num is None:
                num = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _ibeta(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(ln + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_cdf(t: float, df: float) -> float:
    tail = 0.5 * _ibeta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def _t_pdf(t: float, df: float) -> float:
    ln = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(ln - (df + 1) / 2 * math.log1p(t * t / df))


def _t_guess(p: float, df: float) -> float:
    """Cornish-Fisher expansion around the normal quantile (a start for Newton)."""
    z = NormalDist().inv_cdf(p)
    z3, z5, z7 = z**3, z**5, z**7
    g1 = (z3 + z) / 4
    g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
    g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (exact for 1 and 2;
    otherwise Newton's method on the CDF from a Cornish-Fisher start, to 1e-12):
    ``t_quantile(0.975, 4)`` is 2.776."""
    if not 0.0 < p < 1.0 or df < 1:
        raise ValueError(f"t_quantile: p must be in (0, 1) and df >= 1, not p={p}, df={df}")
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    t = _t_guess(p, df)
    for _ in range(50):
        step = (_t_cdf(t, df) - p) / _t_pdf(t, df)
        t -= step
        if abs(step) < 1e-12 * max(1.0, abs(t)):
            break
    return t


# --- sums to statistics -------------------------------------------------------------------


@dataclass(frozen=True)
class MeanCI:
    """A mean with its two-sided confidence interval (``None`` bounds when n < 2)."""

    n: int
    mean: float | None
    low: float | None
    high: float | None


def mean_ci(n: int, total: float, total_sq: float, level: float = 0.95) -> MeanCI:
    """Mean and t-based confidence interval from the count, sum and sum of squares."""
    if n <= 0:
        return MeanCI(0, None, None, None)
    mean = total / n
    if n < 2:
        return MeanCI(n, mean, None, None)
    variance = max(0.0, (total_sq - n * mean * mean) / (n - 1))
    half = t_quantile(0.5 + level / 2.0, n - 1) * math.sqrt(variance / n)
    return MeanCI(n, mean, mean - half, mean + half)


def median_from_counts(counts: Mapping[int, int]) -> float | None:
    """Median of a histogram ``{value: how many}`` (the mean of the two middle values when
    the total is even); ``None`` when empty."""
    total = sum(c for c in counts.values() if c > 0)
    if total == 0:
        return None
    wanted = [(total - 1) // 2, total // 2]  # 0-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += max(0, counts[value])
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return sum(found) / len(found)


def pearson_from_sums(
    n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float
) -> float | None:
    """Pearson's r from sums; ``None`` for fewer than 3 pairs or no spread."""
    if n < 3:
        return None
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    if vx <= 0 or vy <= 0:
        return None
    return (n * sxy - sx * sy) / math.sqrt(vx * vy)


def suppress(n: int | None) -> int | None:
    """A count of people as it may be shown: ``None`` (suppressed) when 1–4; 0 stays 0."""
    if n is None or 0 < n < SMALL_CELL_MIN:
        return None
    return n


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent (one decimal), ``None`` when ``whole`` is 0."""
    return None if whole <= 0 else round(100.0 * part / whole, 1)


# --- one episode --------------------------------------------------------------------------


def reached_mcid(key: str, baseline: float | None, latest: float | None) -> bool | None:
    """Whether ``latest`` improved on ``baseline`` by the instrument's MCID (points or %);
    ``None`` when either is missing or out of range."""
    if baseline is None or latest is None:
        return None
    try:
        return bool(change(key, baseline, latest)["verdict"] == "improved")
    except InstrumentError:
        return None


def days_to_mcid(
    key: str, baseline: float | None, start: date, visits: Iterable[tuple[date, float | None]]
) -> int | None:
    """Days from ``start`` to the first visit (oldest first) that reached the MCID."""
    for day, value in visits:
        if reached_mcid(key, baseline, value):
            return (day - start).days
    return None


def dp_centralised(record: Mapping[str, Any], result: Mapping[str, Any]) -> bool | None:
    """Whether a test that established the directional preference centralised the symptoms
    (during: centralise, or after: centralised); ``None`` when no DP was found."""
    classification = result.get("classification") or {}
    dp_tests = set(classification.get("dp_tests") or [])
    if not classification.get("directional_preference") or not dp_tests:
        return None
    return any(
        t.get("test") in dp_tests
        and (t.get("during") == "centralise" or t.get("after") == "centralised")
        for t in record.get("tests") or []
    )


@dataclass(frozen=True)
class EpisodeFacts:
    """What one episode contributes to the clinic's figures."""

    syndrome: str
    subgroup: str
    dp: str
    dp_centralised: bool | None
    referral_urgency: str
    baseline: dict[str, float | None]
    latest: dict[str, float | None]
    reached: dict[str, bool | None]
    days_to_mcid: dict[str, int | None]
    visits: int
    last_seen_on: date
    review_due_on: date | None


def episode_facts(
    record: Mapping[str, Any],
    result: Mapping[str, Any],
    assessed_on: date,
    followups: Sequence[tuple[date, Mapping[str, float | None]]],
    review_after_days: int | None,
) -> EpisodeFacts:
    """``followups``: (seen on, {nrs_back, nrs_leg, odi}) oldest first; the baseline scores
    come from the assessment (ODI as scored in the result)."""
    cls = result.get("classification") or {}
    inst = record.get("instruments") or {}
    odi = ((result.get("scores") or {}).get("odi") or {}).get("percent")
    baseline = {"nrs_back": inst.get("nrs_back"), "nrs_leg": inst.get("nrs_leg"), "odi": odi}
    latest: dict[str, float | None] = {}
    reached, days = {}, {}
    for name, key in OUTCOME_MEASURES:
        seen = [(d, s.get(name)) for d, s in followups if s.get(name) is not None]
        latest[name] = seen[-1][1] if seen else None
        reached[name] = reached_mcid(key, baseline[name], latest[name])
        days[name] = days_to_mcid(key, baseline[name], assessed_on, seen)
    last = followups[-1][0] if followups else assessed_on
    return EpisodeFacts(
        syndrome=str(cls.get("syndrome") or ""),
        subgroup=str(cls.get("subgroup") or ""),
        dp=str(cls.get("directional_preference") or ""),
        dp_centralised=dp_centralised(record, result),
        referral_urgency=str((result.get("referral") or {}).get("urgency") or "none"),
        baseline=baseline,
        latest=latest,
        reached=reached,
        days_to_mcid=days,
        visits=1 + len(followups),
        last_seen_on=last,
        review_due_on=None if review_after_days is None else last + timedelta(review_after_days),
    )


# --- de-identification ---------------------------------------------------------------------


def age_band(age: int) -> str:
    """``"40–49"``; 90 and over is one band, so the oldest are not singled out."""
    if age < 0:
        raise ValueError(f"age_band: age is {age}; expected 0 or more")
    if age >= 90:
        return "90+"
    low = age // AGE_BAND_YEARS * AGE_BAND_YEARS
    return f"{low}–{low + AGE_BAND_YEARS - 1}"


def date_shift_days(key: bytes, patient: str) -> int:
    """The same patient's dates all move by this many days (never 0, at most
    :data:`DATE_SHIFT_MAX_DAYS` either way): intervals survive, calendar dates do not. Keyed,
    so without the key the offset cannot be recomputed from the patient's id."""
    digest = hmac.new(key, patient.encode(), hashlib.sha256).digest()
    magnitude = 1 + int.from_bytes(digest[:4], "big") % DATE_SHIFT_MAX_DAYS
    return magnitude if digest[4] & 1 else -magnitude
