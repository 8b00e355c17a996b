"""The clinical core of backpath: pure Python, no Django.

One call from an assessment record to a result document, one from (result, follow-up) to a
progression document::

    record = parse_assessment(json.load(f))      # or RecordError naming each bad field
    result = assess(record)                      # backpath/result/1
    progression = follow_up(result, parse_followup(data))   # backpath/progression/1
"""

from __future__ import annotations

from .assess import assess
from .documents import Progression, Result, progression_adapter, result_adapter
from .errors import RecordError
from .plan import plan_conflicts, plan_item
from .progression import follow_up
from .records import AssessmentRecord, FollowUpRecord, parse_assessment, parse_followup
from .settings import DEFAULT, Thresholds

__all__ = [
    "DEFAULT",
    "AssessmentRecord",
    "FollowUpRecord",
    "Progression",
    "RecordError",
    "Result",
    "Thresholds",
    "assess",
    "follow_up",
    "parse_assessment",
    "parse_followup",
    "plan_conflicts",
    "plan_item",
    "progression_adapter",
    "result_adapter",
]
