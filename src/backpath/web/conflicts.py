"""Optimistic concurrency: a row carries ``version``; saving bumps it only if nobody else did."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backpath.web.assessments.models import Assessment
    from backpath.web.patients.models import Patient


class VersionConflict(Exception):
    """Someone saved this record after it was opened; nothing was saved."""

    message = (
        "Someone else saved this record after you opened it. Nothing was saved: "
        "reload to see their changes, then make yours again."
    )


def save_versioned(
    obj: Patient | Assessment, expected_version: int, fields: dict[str, object]
) -> None:
    """Write ``fields`` and bump ``version`` iff the stored version is ``expected_version``."""
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=expected_version + 1, **fields
    )
    if updated != 1:
        raise VersionConflict
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.version = expected_version + 1
