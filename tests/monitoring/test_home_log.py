"""A session logged exercise by exercise; adherence from the logs; what changed in a plan."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpath.core.home_log import (
    ExerciseReport,
    LoggedSession,
    adherence,
    session_light,
)
from backpath.core.monitoring import SYMPTOM_CHANGES, SelfReport, traffic_light
from backpath.core.plan_changes import plan_changes

SEVERITY = {"not_done": 0, "green": 1, "amber": 2, "red": 3, "emergency": 4}
reports = st.lists(
    st.builds(
        ExerciseReport,
        st.sampled_from(["a", "b", "c", "d"]),
        st.just(True),
        st.one_of(st.none(), st.integers(0, 200)),
        st.sampled_from(SYMPTOM_CHANGES),
    ),
    min_size=1,
    max_size=5,
)


@given(reports, st.integers(0, 60))
def test_the_session_is_as_serious_as_its_most_serious_exercise(
    rs: list[ExerciseReport], days: int
) -> None:
    result = session_light(rs, emergency=False, days_without_change=days)
    worst = max(SEVERITY[traffic_light(SelfReport(r.change, days)).light] for r in rs)  # type: ignore[arg-type]
    assert SEVERITY[result.light] == worst
    assert result.alert_clinician == (result.light in ("red", "emergency"))


@given(reports, st.booleans())
def test_an_emergency_answer_always_gives_the_emergency_light(
    rs: list[ExerciseReport], not_today: bool
) -> None:
    result = session_light(rs, emergency=True, not_today=not_today)
    assert result.light == "emergency" and result.alert_clinician


def test_not_today_needs_no_symptom_answer_and_alerts_nobody() -> None:
    result = session_light([ExerciseReport("a", False)], emergency=False, not_today=True)
    assert (result.light, result.rule, result.alert_clinician) == (
        "not_done",
        "R8.not_today",
        False,
    )


def test_a_red_exercise_is_named_in_the_advice() -> None:
    rs = [ExerciseReport("a", True, 10, "decreased"), ExerciseReport("b", True, 5, "worse_stayed")]
    result = session_light(rs, emergency=False, names={"a": "Knee hugs", "b": "Press-ups"})
    assert result.light == "red" and result.advice.startswith("About Press-ups: ")
    assert any(r.startswith("Press-ups: ") for r in result.reasons)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"exercise": "a", "done": True}, "a.change"),
        ({"exercise": "a", "done": True, "change": "teleported"}, "a.change"),
        ({"exercise": "a", "done": False, "reps": 201}, "a.reps"),
        ({"exercise": "a", "done": False, "reps": -1}, "a.reps"),
        ({"exercise": "a", "done": "yes"}, "a.done"),
    ],
)
def test_a_bad_report_names_its_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        ExerciseReport(**kwargs)  # type: ignore[arg-type]


def test_a_session_with_nothing_done_must_say_not_today() -> None:
    with pytest.raises(ValueError, match="exercises"):
        session_light([ExerciseReport("a", False)], emergency=False)


def test_adherence_per_exercise_and_overall_over_logged_days() -> None:
    start = date(2026, 11, 1)
    logs = [
        LoggedSession(date(2026, 11, 1), False, frozenset({"a", "b"})),
        LoggedSession(date(2026, 11, 1), False, frozenset({"a"})),  # same day: counted once
        LoggedSession(date(2026, 11, 2), False, frozenset({"a"})),
        LoggedSession(date(2026, 11, 3), True, frozenset()),
        LoggedSession(date(2026, 12, 1), False, frozenset({"b"})),  # after the period
    ]
    found = adherence(["a", "b"], logs, start, date(2026, 11, 10))
    assert [(e.exercise, e.days_done, e.percent) for e in found.exercises] == [
        ("a", 2, 67),
        ("b", 1, 33),
    ]
    assert (found.percent, found.days_logged, found.days_in_period) == (50, 3, 10)
    assert found.rule and found.reasons[0].startswith("Patient-reported")


@given(
    st.lists(
        st.builds(
            LoggedSession,
            st.dates(date(2026, 1, 1), date(2026, 1, 31)),
            st.booleans(),
            st.frozensets(st.sampled_from(["a", "b", "c"])),
        )
    )
)
def test_adherence_stays_between_0_and_100(logs: list[LoggedSession]) -> None:
    found = adherence(["a", "b", "c"], logs, date(2026, 1, 1), date(2026, 1, 31))
    assert all(0 <= e.percent <= 100 for e in found.exercises)
    assert found.percent is None or 0 <= found.percent <= 100
    assert found.days_logged <= found.days_in_period


def test_plan_changes_lists_added_removed_and_dose_changes() -> None:
    old = {
        "items": [
            {"exercise": "prone_lying", "dose": {"minutes": 3, "times_per_day": 6}},
            {"exercise": "prone_press_up", "dose": {"reps": 10, "times_per_day": 6}},
        ]
    }
    new = {
        "items": [
            {
                "exercise": "prone_press_up",
                "dose": {"reps": 10, "times_per_day": 4},
                "rule": "R7.1",
            },
            {"exercise": "standing_back_extension", "dose": {"reps": 10}, "reason": "r"},
        ]
    }
    changes = plan_changes(old, new)
    assert [(c.kind, c.exercise) for c in changes] == [
        ("dose", "prone_press_up"),
        ("added", "standing_back_extension"),
        ("removed", "prone_lying"),
    ]
    assert "now 10 reps, 4 times a day (was 10 reps, 6 times a day)" in changes[0].text
    assert changes[0].rule == "R7.1" and changes[1].reason == "r"
    assert plan_changes(new, new) == []
