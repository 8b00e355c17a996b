"""Short labels of our own for each section or item (instruments.md).

The wording of the copyrighted questionnaires (Oswestry, Roland-Morris, STarT Back) is **not**
reproduced here or anywhere in backpath: a form shows these neutral labels next to the score
box, and the clinic uses its own licensed copy of the questionnaire for the questions. The
order is the order of the published instrument, so position *n* here is item *n* there.
"""

from __future__ import annotations

__all__ = [
    "NRS_LABELS",
    "ODI_LABELS",
    "ODI_SECTIONS",
    "PSFS_LABELS",
    "RMDQ_LABELS",
    "START_BACK_LABELS",
]

NRS_LABELS: tuple[str, ...] = ("pain, 0 none … 10 worst imaginable",)

ODI_SECTIONS: tuple[str, ...] = (  # the ten sections' topics, in the published order
    "pain intensity",
    "personal care",
    "lifting",
    "walking",
    "sitting",
    "standing",
    "sleeping",
    "sex life",
    "social life",
    "travelling",
)
ODI_LABELS: tuple[str, ...] = tuple(
    f"section {n}: {topic}, 0–5 (blank if not answered)"
    for n, topic in enumerate(ODI_SECTIONS, start=1)
)

_RMDQ_TOPICS = (
    "staying at home",
    "changing position often",
    "walking more slowly",
    "household jobs not done",
    "handrail on stairs",
    "lying down to rest more",
    "holding on to get out of a soft chair",
    "others asked to do things",
    "dressing more slowly",
    "standing only briefly",
    "avoiding bending or kneeling",
    "difficulty getting out of a chair",
    "pain almost all the time",
    "turning over in bed",
    "appetite",
    "putting on socks or stockings",
    "walking only short distances",
    "sleep",
    "help with dressing",
    "sitting most of the day",
    "avoiding heavy household jobs",
    "irritability with people",
    "going upstairs more slowly",
    "staying in bed",
)
RMDQ_LABELS: tuple[str, ...] = tuple(
    f"item {n}: {topic}, 1 ticked, 0 or blank not ticked"
    for n, topic in enumerate(_RMDQ_TOPICS, start=1)
)

_START_BACK_TOPICS = (
    "pain spreading down the leg",
    "shoulder or neck pain",
    "walking only short distances",
    "dressing more slowly",
    "feeling unsafe being active",
    "worrying thoughts",
    "expecting it never to get better",
    "less enjoyment of usual things",
)
START_BACK_LABELS: tuple[str, ...] = (
    *(f"item {n}: {topic}, 0 no, 1 yes" for n, topic in enumerate(_START_BACK_TOPICS, start=1)),
    "item 9: overall bothersomeness, 0 not at all … 4 extremely",
)

PSFS_LABELS: tuple[str, ...] = tuple(
    f"activity {n}: named by the patient, 0 unable … 10 as before the problem" for n in range(1, 6)
)
