"""The plan (clinical-rules.md §5): building it, gating every item, and editing it.

- :mod:`.build` — the R5 rules: :func:`build_plan` for a stage from a :class:`PlanContext`;
- :mod:`.gate` — the one gate every item passes, whoever added it (§4, §4a);
- :mod:`.edit` — a clinician's additions and removals;
- :mod:`.carry` — carrying a clinician's edits into the plan a progression produces.
"""

from __future__ import annotations

from .build import (
    ANTI_MOVEMENT_CATEGORIES,
    PASSIVE_CATEGORIES,
    PlanContext,
    build_plan,
    chain,
    family_entry,
    plan_conflicts,
    plan_item,
)
from .carry import Carried, carry_edits, net_edits
from .edit import MIN_REASON_CHARS, EditError, OverrideRequired, add_item, prescribable, remove_item
from .gate import (
    Conflict,
    Gated,
    Screen,
    conflict_codes,
    gate,
    item_conflicts,
    tags_excluded,
)

__all__ = [
    "ANTI_MOVEMENT_CATEGORIES",
    "MIN_REASON_CHARS",
    "PASSIVE_CATEGORIES",
    "Carried",
    "Conflict",
    "EditError",
    "Gated",
    "OverrideRequired",
    "PlanContext",
    "Screen",
    "add_item",
    "build_plan",
    "carry_edits",
    "chain",
    "conflict_codes",
    "family_entry",
    "gate",
    "item_conflicts",
    "net_edits",
    "plan_conflicts",
    "plan_item",
    "prescribable",
    "remove_item",
    "tags_excluded",
]
