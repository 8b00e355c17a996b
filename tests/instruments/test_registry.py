"""The registry: versioned keys, aliases, labels of our own (instruments.md)."""

from __future__ import annotations

import dataclasses

import pytest

import backpath.core.instruments as instruments
from backpath.core.instruments import INSTRUMENTS, Instrument, InstrumentError, get_instrument


def test_it_registers_the_five_versioned_keys() -> None:
    assert set(INSTRUMENTS) == {"nrs", "odi_2.1a", "rmdq_24", "start_back_9", "psfs"}
    for key, inst in INSTRUMENTS.items():
        assert inst.key == key


def test_it_exports_a_sorted_public_api() -> None:
    assert instruments.__all__ == [
        "INSTRUMENTS",
        "LICENSED_WORDING",
        "Instrument",
        "InstrumentError",
        "WordingShape",
        "answers",
        "change",
        "change_psfs_item",
        "get_instrument",
        "score_instruments",
        "wording_shape",
    ]
    assert issubclass(InstrumentError, ValueError)


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("odi", "odi_2.1a"),
        ("rmdq", "rmdq_24"),
        ("start_back", "start_back_9"),
        ("startback", "start_back_9"),
        ("nrs", "nrs"),
        ("psfs", "psfs"),
        ("ODI", "odi_2.1a"),
        ("odi_2.1a", "odi_2.1a"),
        ("start_back_9", "start_back_9"),
    ],
)
def test_it_accepts_short_aliases(alias: str, key: str) -> None:
    assert get_instrument(alias) is INSTRUMENTS[key]


def test_it_lists_the_keys_for_an_unknown_instrument() -> None:
    with pytest.raises(InstrumentError) as err:
        get_instrument("sf36")
    message = str(err.value)
    assert "'sf36': unknown instrument" in message
    for key in INSTRUMENTS:
        assert key in message


def test_it_keeps_the_registry_read_only() -> None:
    with pytest.raises(TypeError):
        INSTRUMENTS["x"] = INSTRUMENTS["nrs"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        INSTRUMENTS["nrs"].key = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("key", "count"), [("nrs", 1), ("odi_2.1a", 10), ("rmdq_24", 24), ("start_back_9", 9)]
)
def test_it_gives_one_label_per_item(key: str, count: int) -> None:
    inst = INSTRUMENTS[key]
    assert inst.items == count
    assert len(inst.labels) == count


def test_it_labels_odi_sections_and_start_back_items_with_short_labels_of_its_own() -> None:
    assert INSTRUMENTS["odi_2.1a"].labels[3].startswith("section 4: walking")
    assert INSTRUMENTS["start_back_9"].labels[8] == (
        "item 9: overall bothersomeness, 0 not at all … 4 extremely"
    )
    for inst in INSTRUMENTS.values():
        for label in inst.labels:
            assert 0 < len(label) <= 80
            assert "because of my back" not in label.lower()  # no questionnaire wording


def test_it_lets_psfs_take_one_to_five_activities() -> None:
    psfs = INSTRUMENTS["psfs"]
    assert psfs.items is None
    assert len(psfs.labels) == 5
    assert not psfs.lower_is_better


def test_it_records_the_mcid_and_direction_of_each_instrument() -> None:
    got = {
        k: (i.mcid_points, i.mcid_percent, i.lower_is_better, i.mcid)
        for k, i in INSTRUMENTS.items()
    }
    assert got == {
        "nrs": (2, 30, True, "2 points or 30 %"),
        "odi_2.1a": (10, 30, True, "10 points or 30 %"),
        "rmdq_24": (5, 30, True, "5 points or 30 %"),
        "start_back_9": (None, None, True, None),
        "psfs": (2, None, False, "2 points"),
    }


def test_it_states_a_licence_for_every_instrument() -> None:
    for inst in INSTRUMENTS.values():
        assert inst.licence
    assert "Keele" in INSTRUMENTS["start_back_9"].licence
    assert "Mapi" in INSTRUMENTS["odi_2.1a"].licence


def test_it_refuses_to_score_an_instrument_without_a_scoring_rule() -> None:
    custom = dataclasses.replace(INSTRUMENTS["nrs"], key="vas")
    assert isinstance(custom, Instrument)
    with pytest.raises(InstrumentError, match=r"^vas: no scoring rule"):
        custom.score([5])
