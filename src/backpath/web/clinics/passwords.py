"""Password rules beyond Django's: no password that is mostly one character, a repeated chunk, a
run along the keyboard or the alphabet, or the user's own names or clinic with a little added.

Listed in ``AUTH_PASSWORD_VALIDATORS``, so every way a password is set (the admin's Users page,
the Password page, ``manage add_user``) applies them, each refusal saying what to change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["CLINIC_ATTRIBUTE", "GuessablePasswordValidator"]

# set on a user not saved yet (so without a profile) to the clinic they will join
CLINIC_ATTRIBUTE = "clinic_for_validation"

MIN_DISTINCT = 6  # different characters
MIN_OWN = 8  # characters left once the user's names and clinic are taken out
_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)


def _words_of(user: User | None) -> list[str]:
    """The user's names, email name and clinic name, in lower case, 3 characters or more."""
    profile = getattr(user, "profile", None) if user is not None else None
    clinic = getattr(profile, "clinic", None) or getattr(user, CLINIC_ATTRIBUTE, None)
    texts = [
        getattr(user, "username", ""),
        getattr(user, "first_name", ""),
        getattr(user, "last_name", ""),
        (getattr(user, "email", "") or "").partition("@")[0],
        getattr(clinic, "name", "") or "",
    ]
    words = {w for text in texts for w in [text.lower(), *re.split(r"[\W_]+", text.lower())]}
    return sorted((w for w in words if len(w) >= 3), key=len, reverse=True)


def _is_run(text: str) -> bool:
    """A stretch of a keyboard row or the alphabet (either way), repeated or not."""
    for run in _RUNS:
        for line in (run * 3, run[::-1] * 3):
            if text in line:
                return True
    return False


def _repeats_a_chunk(text: str) -> bool:
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size)
        for size in range(1, len(text) // 2 + 1)
    )


class GuessablePasswordValidator:
    """Refuses what a guesser tries first, even when it is long enough."""

    def validate(self, password: str, user: User | None = None) -> None:
        lowered = password.lower()
        squashed = re.sub(r"\s+", "", lowered)
        if not squashed:
            raise ValidationError("This password is only spaces.", code="password_blank")
        if len(set(lowered)) < MIN_DISTINCT:
            raise ValidationError(
                f"This password uses fewer than {MIN_DISTINCT} different characters.",
                code="password_too_few_characters",
            )
        if _repeats_a_chunk(squashed) or _is_run(squashed):
            raise ValidationError(
                "This password is a repeated pattern or a run of keys or letters.",
                code="password_pattern",
            )
        own = lowered
        for word in _words_of(user):
            own = own.replace(word, "")
        if len(re.sub(r"[\W_\d]+", "", own)) + len(set(re.findall(r"\d", own))) < MIN_OWN:
            raise ValidationError(
                "This password is mostly your own name, user name or clinic: add words of "
                "your own.",
                code="password_too_personal",
            )

    def get_help_text(self) -> str:
        return (
            "It cannot be a repeated pattern, a run of keys or letters, or mostly your names "
            "or your clinic's."
        )
