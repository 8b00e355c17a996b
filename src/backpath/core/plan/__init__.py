"""The plan (clinical-rules.md §5): building it, gating every item, and editing it.

- :mod:`.build` — the R5 rules: :func:`build_plan` for a stage from a :class:`PlanContext`;
- :mod:`.gate` — the one gate every item passes, whoever added it (§4, §4a);
- :mod:`.edit` — a clinician's additions, removals, doses, order and notes;
- :mod:`.templates` — named templates saved from a plan and applied through the gate;
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
from .edit import (
    DOSE_BOUNDS,
    MIN_REASON_CHARS,
    MOVES,
    EditError,
    OverrideRequired,
    add_item,
    clean_text,
    move_item,
    offerable,
    prescribable,
    remove_item,
    set_dose,
    set_note,
)
from .gate import (
    Conflict,
    Gated,
    Screen,
    conflict_codes,
    gate,
    item_conflicts,
    tags_excluded,
)
from .templates import Applied, apply_template, template_items, template_name

__all__ = [
    "ANTI_MOVEMENT_CATEGORIES",
    "DOSE_BOUNDS",
    "MIN_REASON_CHARS",
    "MOVES",
    "PASSIVE_CATEGORIES",
    "Applied",
    "Carried",
    "Conflict",
    "EditError",
    "Gated",
    "OverrideRequired",
    "PlanContext",
    "Screen",
    "add_item",
    "apply_template",
    "build_plan",
    "carry_edits",
    "chain",
    "clean_text",
    "conflict_codes",
    "family_entry",
    "gate",
    "item_conflicts",
    "move_item",
    "net_edits",
    "offerable",
    "plan_conflicts",
    "plan_item",
    "prescribable",
    "remove_item",
    "set_dose",
    "set_note",
    "tags_excluded",
    "template_items",
    "template_name",
]
