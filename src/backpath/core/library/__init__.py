"""The exercise and intervention library and the evidence policy (spec: exercise-library.md).

Two data files ship with the package and are validated at load: ``exercises.yaml`` (every
exercise and intervention the plan can prescribe and the audit can recognise) and
``evidence.yaml`` (the clinic's stance on each). :func:`default_library` loads them once::

    lib = default_library()
    lib.get("prone_press_up").loads          # frozenset({'extension'})
    lib.match("Foam roller")                 # (Exercise(code='foam_rolling', ...),)
    lib.evidence("heat_pack").stance         # 'not_recommended'

:meth:`Library.match` looks up a code, name or synonym after :func:`normalise` (case,
punctuation, hyphens, underscores and spacing do not matter) and with every word made
singular by a small rule (``press-ups``, ``stretches``, ``supermans``). It never guesses: it returns
``()`` when nothing matches, and more than one entry when a phrase fits several — the generic
name of a left/right pair ("side glide in standing", "side glides") matches both sides.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from ..vocab import CameraMovement
from ._format import EntryModel, EvidenceModel, LibraryError, parse_file

__all__ = [
    "Cues",
    "Dose",
    "Evidence",
    "Exercise",
    "Library",
    "LibraryError",
    "default_library",
    "load_library",
    "normalise",
]

HERE = Path(__file__).resolve().parent
EXERCISES_FILE = HERE / "exercises.yaml"
EVIDENCE_FILE = HERE / "evidence.yaml"
_APOSTROPHES = str.maketrans("", "", "'’‘`")
_NON_ALNUM = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """The lookup key of a code, name or phrase: ``"Foam-roller "`` → ``"foam roller"``."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return _NON_ALNUM.sub(" ", text).strip()


# ---- the public, immutable view ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dose:
    """Default dose; ``None`` where the field does not apply."""

    reps: int | None = None
    sets: int | None = None
    hold_seconds: int | None = None
    times_per_day: int | None = None
    minutes: int | None = None

    def as_dict(self) -> dict[str, int]:
        """Only the fields that are set, e.g. ``{"reps": 10, "sets": 1, "times_per_day": 6}``."""
        out: dict[str, int] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value
        return out

    def text(self) -> str:
        """Plain words: ``10 reps, 6 times a day``, ``hold 10 s × 5``, ``30 minutes a day``."""
        parts: list[str] = []
        sets = self.sets if self.sets and self.sets > 1 else None
        if self.hold_seconds:
            parts.append(f"hold {self.hold_seconds} s" + (f" × {self.reps}" if self.reps else ""))
            if sets:
                parts.append(f"{sets} sets")
        elif self.reps:
            reps = _plural(self.reps, "rep")
            parts.append(f"{sets} sets of {reps}" if sets else reps)
        elif sets:
            parts.append(f"{sets} sets")
        per_day = self.times_per_day
        if self.minutes:
            parts.append(_plural(self.minutes, "minute") + (" a day" if per_day == 1 else ""))
            per_day = None if per_day == 1 else per_day
        if per_day:
            parts.append({1: "once a day", 2: "twice a day"}.get(per_day, f"{per_day} times a day"))
        return ", ".join(parts) or "as advised"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True, slots=True)
class Cues:
    """What the patient should feel, and when to stop."""

    feel: str
    stop: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """One library entry (exercise or intervention)."""

    code: str
    name: str
    category: str
    loads: frozenset[str]
    position: str
    dose: Dose
    progression: str | None
    regression: str | None
    synonyms: tuple[str, ...]
    steps: tuple[str, ...]
    cues: Cues
    purpose: str
    alternatives: tuple[str, ...]
    clinic_only: bool
    side: str | None
    view: str
    patient_name: str
    tags: frozenset[str]
    family: str | None
    camera: CameraMovement | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The evidence policy's stance on one library entry."""

    code: str
    stance: str
    rationale: str
    sources: tuple[str, ...]


class Library:
    """The validated library: lookup by code, category and phrase (built by load_library)."""

    __slots__ = ("_by_category", "_by_code", "_entries", "_evidence", "_index")

    def __init__(
        self,
        entries: Iterable[Exercise],
        evidence: Mapping[str, Evidence],
        index: Mapping[str, tuple[Exercise, ...]],
    ) -> None:
        self._entries = tuple(entries)
        self._by_code = {e.code: e for e in self._entries}
        self._evidence = dict(evidence)
        self._index = dict(index)
        by_category: dict[str, list[Exercise]] = {}
        for e in self._entries:
            by_category.setdefault(e.category, []).append(e)
        self._by_category = {k: tuple(v) for k, v in by_category.items()}

    def get(self, code: str) -> Exercise:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{code!r} is not an exercise code in the library") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def by_category(self, category: str) -> tuple[Exercise, ...]:
        """The entries of ``category`` in file order (``()`` for none)."""
        return self._by_category.get(category, ())

    def match(self, text: str) -> tuple[Exercise, ...]:
        """Entries whose code, name or synonym is ``text``; ``()`` if none, >1 if ambiguous."""
        return self._index.get(_key(text), ())

    def evidence(self, code: str) -> Evidence | None:
        return self._evidence.get(code)


def _exercise(m: EntryModel) -> Exercise:
    return Exercise(
        code=m.code, name=m.name, category=m.category, loads=frozenset(m.loads),
        position=m.position, dose=Dose(**m.dose.model_dump()), progression=m.progression,
        regression=m.regression, synonyms=tuple(m.synonyms), steps=tuple(m.steps),
        cues=Cues(feel=m.cues.feel, stop=m.cues.stop), purpose=m.purpose,
        alternatives=tuple(m.alternatives), clinic_only=m.clinic_only, side=m.side, view=m.view,
        patient_name=m.patient_name, tags=frozenset(m.tags), family=m.family, camera=m.camera,
    )  # fmt: skip


def _check_references(entries: Sequence[Exercise], where: str) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for e in entries:
        if e.code in seen:
            errors.append(f"{where}: entry {e.code!r}: code: used by more than one entry")
        seen.add(e.code)
    for e in entries:
        refs = [("progression", e.progression), ("regression", e.regression)]
        refs += [("alternatives", code) for code in e.alternatives]
        errors += [
            f"{where}: entry {e.code!r}: {field}: unknown code {code!r}"
            for field, code in refs
            if code is not None and code not in seen
        ]
    return errors


def _check_families(entries: Sequence[Exercise], where: str) -> list[str]:
    """A family trains one anti-movement category; its steps up and down stay inside it.

    Every member has the family's anti_* category (that of its first anti_* member), except
    loaded ``strength`` steps at the top of a chain (goblet squat, deadlift).
    """
    by_code = {e.code: e for e in entries}
    family_category: dict[str, str] = {}
    for e in entries:
        if e.family and e.category.startswith("anti_"):
            family_category.setdefault(e.family, e.category)
    errors: list[str] = []
    for e in entries:
        if not e.family:
            continue
        expected = family_category.get(e.family)
        if e.category not in (expected, "strength") or expected is None:
            errors.append(
                f"{where}: entry {e.code!r}: category: a member of family {e.family!r} needs "
                f"the family's anti-movement category ({expected or 'none given'}) or strength"
            )
        for field, code in (("progression", e.progression), ("regression", e.regression)):
            step = by_code.get(code or "")
            if step is not None and step.family != e.family:
                errors.append(
                    f"{where}: entry {e.code!r}: {field}: {code!r} is outside family {e.family!r}"
                )
    return errors


_KEEP_S = ("ss", "us", "is")
_ES_AFTER = ("ch", "sh", "x", "ss", "z")


def _singular(word: str) -> str:
    """A small rule, not a dictionary: ``stretches`` → ``stretch``, ``ups`` → ``up``."""
    if word.endswith("es") and word[:-2].endswith(_ES_AFTER):
        return word[:-2]
    if word.endswith("s") and len(word) > 2 and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """The index key: :func:`normalise`, then every word in its singular form."""
    return " ".join(_singular(w) for w in normalise(text).split())


def _generic(key: str, side: str) -> str:
    """A sided phrase without its side: ``left side glide`` → ``side glide``."""
    words = [w for w in key.split() if w != side]
    if words[-2:] == ["to", "the"]:
        words = words[:-2]
    return " ".join(words)


def _build_index(
    entries: Sequence[Exercise], where: str
) -> tuple[dict[str, tuple[Exercise, ...]], list[str]]:
    """Phrase key → entries. A key may name one entry only; left/right pairs share generic keys.

    Keys are singular (:func:`_key`), so two phrases of different entries that differ only
    by a plural collide, and that is a load-time error.
    """
    owner: dict[str, Exercise] = {}
    errors: list[str] = []
    generic: dict[str, list[Exercise]] = {}
    for e in entries:
        phrases = [("code", e.code), ("name", e.name)] + [("synonyms", s) for s in e.synonyms]
        for field, phrase in phrases:
            key = _key(phrase)
            if not key:
                errors.append(f"{where}: entry {e.code!r}: {field}: {phrase!r} has no letters")
                continue
            first = owner.setdefault(key, e)
            if first is not e:
                errors.append(
                    f"{where}: entry {e.code!r}: {field}: {phrase!r} already names entry "
                    f"{first.code!r} (a phrase may name one entry only, plurals aside)"
                )
            if e.side and field != "code":
                sided = generic.setdefault(_generic(key, e.side), [])
                if e not in sided:
                    sided.append(e)
    index: dict[str, tuple[Exercise, ...]] = {key: (e,) for key, e in owner.items()}
    for key, sided in generic.items():
        if len({e.side for e in sided}) > 1 and key and key not in index:
            index[key] = tuple(sided)
    return index, errors


def _load_evidence(path: Path, codes: Iterable[str]) -> dict[str, Evidence]:
    known = set(codes)
    out: dict[str, Evidence] = {}
    errors: list[str] = []
    for m in parse_file(path, EvidenceModel):
        if m.code not in known:
            errors.append(f"{path.name}: entry {m.code!r}: code: not in the exercise library")
        elif m.code in out:
            errors.append(f"{path.name}: entry {m.code!r}: code: used by more than one entry")
        out[m.code] = Evidence(m.code, m.stance, m.rationale, tuple(m.sources))
    if errors:
        raise LibraryError(errors)
    return out


def load_library(path: Path | None = None, evidence_path: Path | None = None) -> Library:
    """Load and validate a library; raises :class:`LibraryError` naming each entry and field.

    Without arguments, the shipped ``exercises.yaml`` and ``evidence.yaml``. With a ``path``
    and no ``evidence_path``, the library carries no evidence policy.
    """
    if path is None:
        path = EXERCISES_FILE
        evidence_path = evidence_path or EVIDENCE_FILE
    entries = [_exercise(m) for m in parse_file(path, EntryModel)]
    errors = _check_references(entries, path.name) + _check_families(entries, path.name)
    index, index_errors = _build_index(entries, path.name)
    if errors or index_errors:
        raise LibraryError(errors + index_errors)
    codes = [e.code for e in entries]
    evidence = _load_evidence(evidence_path, codes) if evidence_path else {}
    return Library(entries, evidence, index)


@functools.cache
def default_library() -> Library:
    """The shipped library and evidence policy, loaded and validated once."""
    return load_library()
