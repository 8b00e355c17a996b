"""Patient education topics (clinical-rules.md R5.8), written by the project.

Each code the plan lists in ``plan.education`` has a title, a one-sentence summary for
clinicians and plan lists, and a short text for patients (2–5 paragraphs, plain words,
paragraphs separated by a blank line). No text is taken from elsewhere. The passive-treatments
topic is written from the evidence policy's data, so it says what the audit says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .library import Library, default_library

__all__ = [
    "EDUCATION",
    "EDUCATION_CODES",
    "EducationTopic",
    "education_for",
    "passive_treatments_topic",
]


@dataclass(frozen=True, slots=True)
class EducationTopic:
    """One education topic: ``text`` is for patients, ``summary`` for clinicians."""

    code: str
    title: str
    summary: str
    text: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.text.split("\n\n") if p.strip())


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


_TOPICS = (
    EducationTopic(
        "stay_active",
        "Keep active",
        "Staying as active as pain allows speeds recovery; hurt does not mean harm.",
        _text(
            "Most back pain settles faster when you keep moving. Carry on with as many of "
            "your normal activities as you can, including work, even if you have to do a "
            "bit less for a while or do things differently.",
            "It is normal for movement to hurt a little at first. Back pain can be very "
            "painful without anything being damaged, so some pain while you move does not "
            "mean you are making things worse.",
            "Short, regular bits of activity, such as a walk, are better than one big effort. "
            "Build up a little each day. If something makes your leg symptoms spread or stay "
            "worse, ease off that activity and tell us.",
        ),
    ),
    EducationTopic(
        "avoid_bed_rest",
        "Avoid bed rest",
        "Bed rest delays recovery; lying down briefly for comfort is fine, staying in bed is not.",
        _text(
            "Staying in bed does not help back pain get better. People who rest in bed for "
            "days usually recover more slowly and feel stiffer and weaker afterwards.",
            "It is fine to lie down for a short time when you need a break. Then get up and "
            "move around again, even if only gently around the house.",
            "A good night's sleep does help. Find a position that is comfortable for you; "
            "there is no single right way to lie.",
        ),
    ),
    EducationTopic(
        "directional_preference",
        "Your direction of movement",
        "Repeated movement in the patient's preferred direction reduces symptoms; "
        "the exercises follow the direction found at assessment.",
        _text(
            "When we tested your back, moving it again and again in one particular direction "
            "made your symptoms better. We call this your direction of preference. Many "
            "people with back pain have one, and it is a helpful finding.",
            "Your exercises move your back in that direction. Done regularly through the day, "
            "they are the main way to get your symptoms under control.",
            "For a while, try to avoid the movements and positions that made things worse "
            "during the assessment: your programme lists them under “What to avoid for now”. "
            "We will tell you when you can bring them back in as you improve.",
        ),
    ),
    EducationTopic(
        "centralisation_is_good",
        "Pain moving towards your back is good",
        "Centralisation (symptoms retreating towards the spine) predicts a good outcome, "
        "even if central back pain briefly increases.",
        _text(
            "If the pain in your leg or buttock gets less and moves up towards the middle of "
            "your back, that is a good sign. We call this centralisation, and it usually "
            "means you are on the way to getting better.",
            "It is common for the pain in the middle of your back to feel stronger for a while "
            "as the leg pain fades. More pain in the middle of your back with less in your "
            "leg is a good sign, so keep going with your exercises.",
            "The opposite, pain spreading further down your leg, is a sign to stop that "
            "exercise and contact us.",
        ),
    ),
    EducationTopic(
        "self_monitoring",
        "Keeping track of your symptoms",
        "The patient checks symptoms after each session against the green / amber / red guide "
        "and reports red at once.",
        _text(
            "After each set of exercises, notice where you feel your symptoms and how strong "
            "they are, compared with before you started. Your home programme has a simple "
            "green, amber and red guide to help you.",
            "Green means things are getting better or moving towards your back: carry on. "
            "Amber means pain went up during the set but settled within a few minutes, or "
            "nothing has changed for 3 days: carry on and tell us at your next visit.",
            "Red means pain spread further down your leg, stayed worse, or you have new "
            "numbness or weakness: stop that exercise and contact the clinic.",
            "If you ever have numbness between your legs or around your bottom, or new "
            "trouble with your bladder or bowels, get emergency care straight away.",
        ),
    ),
    EducationTopic(
        "sitting_strategy",
        "Sitting",
        "With an extension preference: sit with a lumbar roll or support and break up sitting "
        "at least every 30 minutes.",
        _text(
            "Long spells of slumped sitting tend to keep your kind of back pain going. You do "
            "not have to stop sitting, but how you sit matters for now.",
            "Sit with the small of your back supported, using a lumbar roll or a rolled-up "
            "towel at belt level, so your lower back keeps its natural inward curve.",
            "Get up at least every 30 minutes, even for a minute. Stand, walk about, or do one "
            "of your exercises if you can. Setting a timer on your phone helps.",
        ),
    ),
    EducationTopic(
        "no_stretching",
        "Leave the general stretches for now",
        "General stretches (toe touches, knee hugs) can load the direction to avoid and are "
        "not needed; the prescribed exercises replace them.",
        _text(
            "Many people stretch when their back hurts, for example touching their toes or "
            "hugging their knees to their chest. Some of these stretches move your back in "
            "the direction that makes your symptoms worse.",
            "For now, please leave out general stretches and stick to the exercises in your "
            "programme. They are chosen to move your back in the direction that helps.",
            "This is not forever. Once your symptoms have settled, we will bring other "
            "movements back in step by step.",
        ),
    ),
    EducationTopic(
        "imaging_not_needed",
        "You do not need a scan",
        "Imaging does not change the plan for non-specific back pain without red flags and "
        "often shows harmless age-related changes.",
        _text(
            "An X-ray or MRI scan is not needed to treat your back pain now. Nothing in your "
            "assessment calls for one, and a scan would not change what we do.",
            "Scans often show changes such as disc bulges or wear. These are very common in "
            "people with no pain at all, just as grey hair is common with age, and they can "
            "cause needless worry.",
            "If your symptoms change in a way that needs a closer look, or you do not improve "
            "as expected, we will talk about tests again.",
        ),
    ),
    EducationTopic(
        "prognosis",
        "What to expect",
        "Most episodes improve substantially within weeks; recurrences are common and can be "
        "managed with the same exercises.",
        _text(
            "Most back pain gets much better within a few weeks, and many people are back to "
            "their usual activities within a couple of months. Progress is not always steady: "
            "good days and bad days are normal.",
            "For some people it takes longer, especially if the pain has been there for many "
            "months. That does not mean something is damaged, and things can still improve a "
            "lot with the right exercises and a gradual return to activity.",
            "Back pain can come back at some point. If it does, you will know what to do: "
            "start your exercises again early, keep active, and contact us if it does not "
            "settle.",
            "You are in charge of much of your recovery. The exercises, staying active and "
            "keeping track of your symptoms are the things that help most.",
        ),
    ),
)


def _lower(name: str) -> str:
    """``Heat pack`` → ``heat pack``; ``TENS`` stays ``TENS``."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _names(codes: list[str], lib: Library) -> str:
    names = [_lower(lib.get(c).name) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _stance(lib: Library, code: str) -> str:
    ev = lib.evidence(code)
    return ev.stance if ev else "neutral"


def passive_treatments_topic(lib: Library) -> EducationTopic:
    """The passive-treatments topic, written from the evidence policy's own stances, so it
    cannot disagree with the audit (§5.8)."""
    passive = [e.code for e in lib if e.category in ("passive", "rest")]
    stance = {c: _stance(lib, c) for c in passive}
    against = [c for c in passive if stance[c] == "not_recommended"]
    neutral = [c for c in passive if stance[c] == "neutral"]
    paragraphs = [
        "Some treatments are done to you rather than by you. At best they ease pain for a "
        "short while; they do not fix the problem or change how well you recover."
    ]
    if against:
        paragraphs.append(
            f"This clinic does not advise these for back pain: {_names(against, lib)}."
        )
    if neutral:
        paragraphs.append(
            f"These are neither advised nor advised against: {_names(neutral, lib)}. If you use "
            "one, use it alongside your exercises, never instead of them."
        )
    paragraphs.append(
        "What makes the lasting difference is what you do yourself: your exercises, staying "
        "active, and knowing how to settle your symptoms if they flare up."
    )
    return EducationTopic(
        "passive_treatments",
        "Treatments done to you",
        "Passive treatments do not change the outcome, and the clinic's evidence policy says "
        "which it advises against; active care comes first.",
        _text(*paragraphs),
    )


def _all_topics() -> dict[str, EducationTopic]:
    topics = {t.code: t for t in _TOPICS}
    topics["passive_treatments"] = passive_treatments_topic(default_library())
    order = (
        "stay_active",
        "avoid_bed_rest",
        "directional_preference",
        "centralisation_is_good",
        "self_monitoring",
        "sitting_strategy",
        "passive_treatments",
        "no_stretching",
        "imaging_not_needed",
        "prognosis",
    )
    return {code: topics[code] for code in order}


EDUCATION: Mapping[str, EducationTopic] = MappingProxyType(_all_topics())
EDUCATION_CODES: tuple[str, ...] = tuple(EDUCATION)


def education_for(code: str) -> EducationTopic:
    """The topic for ``code``; an unknown code raises KeyError naming the allowed codes."""
    topic = EDUCATION.get(code)
    if topic is None:
        raise KeyError(
            f"{code!r} is not an education code; allowed values: " + ", ".join(EDUCATION_CODES)
        )
    return topic
