"""The file formats of the library and the evidence policy: pydantic models over strict YAML.

Every problem is reported as ``FILE: entry CODE: FIELD: problem``, all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import format_errors
from ..vocab import CameraMovement, Category, LoadDirection, Position, Stance, Tag

__all__ = ["STEP_MAX_CHARS", "EntryModel", "EvidenceModel", "LibraryError", "parse_file"]

STEP_MAX_CHARS = 160
_SIDES = ("left", "right")
_NOT_PLAIN = re.compile(r"[<>*#{}\[\]|\\]")
_M = TypeVar("_M", bound="BaseModel")


class LibraryError(ValueError):
    """A library or evidence file that fails validation; ``messages`` has one line a problem."""

    def __init__(self, messages: Sequence[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


_Code = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
_Text = Annotated[StrictStr, Field(min_length=1)]


class _DoseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reps: StrictInt | None = Field(default=None, ge=1)
    sets: StrictInt | None = Field(default=None, ge=1)
    hold_seconds: StrictInt | None = Field(default=None, ge=1)
    times_per_day: StrictInt | None = Field(default=None, ge=1)
    minutes: StrictInt | None = Field(default=None, ge=1)


class _CuesModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feel: _Text
    stop: _Text


class EntryModel(BaseModel):
    """One entry of ``exercises.yaml`` (fields: exercise-library.md)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: _Code
    name: _Text
    patient_name: _Text
    category: Category
    loads: list[LoadDirection]
    position: Position
    dose: _DoseModel = Field(default_factory=_DoseModel)
    progression: StrictStr | None = None
    regression: StrictStr | None = None
    synonyms: list[StrictStr] = []
    steps: list[StrictStr] = Field(min_length=3, max_length=6)
    cues: _CuesModel
    purpose: _Text
    alternatives: list[StrictStr] = []
    clinic_only: StrictBool = False
    side: Literal["left", "right"] | None = None
    view: Literal["side", "front"] = "side"
    tags: list[Tag] = []
    family: _Code | None = None
    camera: CameraMovement | None = None  # the patient page may count its reps

    @field_validator("loads", "alternatives", "tags")
    @classmethod
    def _no_repeats(cls, values: list[str]) -> list[str]:
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(repeated)}")
        return values

    @field_validator("synonyms")
    @classmethod
    def _lower_case_phrases(cls, values: list[str]) -> list[str]:
        for phrase in values:
            if phrase != phrase.lower() or not any(c.isalnum() for c in phrase):
                raise ValueError(f"{phrase!r} must be a non-empty lower-case phrase")
        return values

    @field_validator("steps")
    @classmethod
    def _plain_short_steps(cls, values: list[str]) -> list[str]:
        for step in values:
            if not step.strip() or len(step) > STEP_MAX_CHARS or _NOT_PLAIN.search(step):
                raise ValueError(f"{step!r} must be plain text of 1 to {STEP_MAX_CHARS} characters")
        return values

    @model_validator(mode="after")
    def _consistent(self) -> EntryModel:
        if self.category.startswith("anti_") and self.loads:
            raise ValueError("loads: an anti-movement exercise must be spine-neutral (loads: [])")
        suffix = self.code.rsplit("_", 1)[-1]
        if suffix in _SIDES and self.side != suffix:
            raise ValueError(f"side: a code ending in _{suffix} needs side: {suffix}")
        if self.side:
            other = _SIDES[1 - _SIDES.index(self.side)]
            if f"side_glide_{self.side}" not in self.loads or f"side_glide_{other}" in self.loads:
                raise ValueError(
                    f"loads: a {self.side}-side entry must load side_glide_{self.side} "
                    f"and not side_glide_{other}"
                )
        for name in ("progression", "regression"):
            if getattr(self, name) == self.code:
                raise ValueError(f"{name}: an entry cannot point to itself")
        if self.code in self.alternatives:
            raise ValueError("alternatives: an entry cannot be its own alternative")
        if self.camera and (self.position != "standing" or self.view != "side"):
            raise ValueError(
                "camera: only a standing exercise seen from the side can be counted "
                f"(this one is position: {self.position}, view: {self.view})"
            )
        return self


class EvidenceModel(BaseModel):
    """One entry of ``evidence.yaml``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: _Code
    stance: Stance
    rationale: _Text
    sources: list[StrictStr] = Field(min_length=1)


# ---- reading -----------------------------------------------------------------------------------


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe YAML loader (libyaml when available) that refuses a key given twice."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node)
    return mapping


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def _read_list(path: Path) -> list[Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise LibraryError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise LibraryError(f"{path.name}: must be a list of entries, one mapping each")
    return data


def _label(raw: Any, i: int) -> str:
    code = raw.get("code") if isinstance(raw, dict) else None
    return repr(code) if isinstance(code, str) and code else f"#{i + 1}"


def parse_file(path: Path, model: type[_M]) -> list[_M]:
    """Validate each entry; every problem is named by file, entry code and field."""
    parsed: list[_M] = []
    errors: list[str] = []
    for i, raw in enumerate(_read_list(path)):
        where = f"{path.name}: entry {_label(raw, i)}"
        if not isinstance(raw, dict):
            errors.append(f"{where}: must be a mapping of field: value")
            continue
        try:
            parsed.append(model.model_validate(raw))
        except ValidationError as exc:
            errors += [f"{where}: {m.removeprefix('(record): ')}" for m in format_errors(exc)]
    if errors:
        raise LibraryError(errors)
    return parsed
