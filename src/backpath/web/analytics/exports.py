"""Streamed CSV exports: episodes with their scores and classification, visits, the audit
trail (admins), and a de-identified research export (admins). Every export is audited."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from backpath.core.analytics import age_band, date_shift_days
from backpath.core.cohort import outcomes
from backpath.web.assessments.models import Assessment
from backpath.web.audit.models import AuditEntry
from backpath.web.audit.trail import Actor, record
from backpath.web.followups.models import FollowUp
from backpath.web.followups.outcomes import odi_percent
from backpath.web.requests import AuthedRequest

from .models import EpisodeSummary
from .scope import FilterError, Scope, parse_filters, scope_for
from .summaries import live
from .tables import group_label

CHUNK = 2000
SCORES = [f"{w}_{m}" for m in ("nrs_back", "nrs_leg", "odi") for w in ("base", "last")]
OUTCOME_COLUMNS = [
    *SCORES,
    *(f"mcid_{m}" for m in ("nrs_back", "nrs_leg", "odi")),
    *(f"days_mcid_{m}" for m in ("nrs_back", "nrs_leg", "odi")),
]
EPISODE_COLUMNS = [
    "syndrome",
    "subgroup",
    "dp",
    "dp_centralised",
    "referral_urgency",
    "visits",
    *OUTCOME_COLUMNS,
    "adherence",
    "adherence_source",
    "discharge_outcome",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _stream(name: str, header: list[str], rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


Build = Callable[[Scope], tuple[list[str], Iterable[Iterable[Any]]]]
ExportView = Callable[[AuthedRequest], HttpResponseBase]


def _export(kind: str, admin_only: bool = False) -> Callable[[Build], ExportView]:
    """A view: parse the dashboard's filters, check the role, audit, stream."""

    def decorate(build: Build) -> ExportView:
        @login_required
        def view(request: AuthedRequest) -> HttpResponseBase:
            try:
                filters = parse_filters(request.GET)
            except FilterError as bad:
                return HttpResponse(str(bad), status=400, content_type="text/plain")
            scope = scope_for(request.user, filters)
            if admin_only and not scope.is_admin:
                raise Http404
            record(
                Actor.of(request),
                "analytics.export",
                clinic=scope.clinic,
                kind=kind,
                filters=filters,
            )
            header, rows = build(scope)
            return _stream(f"backpath-{kind}-{timezone.localdate():%Y%m%d}.csv", header, rows)

        return view

    return decorate


@_export("episodes")
def episodes_csv(scope: Scope) -> tuple[list[str], Iterable[Any]]:
    fields = [
        "episode_id",
        "episode__patient_id",
        "episode__patient__name",
        "clinician__username",
        "started_on",
        "closed_on",
        "assessed_on",
        "last_seen_on",
        *EPISODE_COLUMNS,
    ]
    rows = scope.summaries().order_by("started_on", "episode_id").values_list(*fields)
    header = ["episode", "patient", "name", "clinician", *fields[4:]]
    return header, rows.iterator(chunk_size=CHUNK)


@_export("visits")
def visits_csv(scope: Scope) -> tuple[list[str], Iterable[Any]]:
    header = [
        "episode",
        "patient",
        "visit",
        "seen_on",
        "kind",
        "nrs_back",
        "nrs_leg",
        "odi",
        "adherence_percent",
        "decision",
    ]
    episodes = scope.summaries().values_list("episode_id", flat=True)
    return header, _visits(episodes)


def _visits(episodes: QuerySet[EpisodeSummary, uuid.UUID]) -> Iterator[list[Any]]:
    first = live(Assessment.objects.filter(episode__in=episodes, status=Assessment.Status.FINAL))
    for a in first.order_by("episode_id", "assessed_on").select_related("episode").iterator(CHUNK):
        inst = (a.record or {}).get("instruments", {})
        yield [
            a.episode_id,
            a.episode.patient_id,
            1,
            a.assessed_on,
            "assessment",
            inst.get("nrs_back"),
            inst.get("nrs_leg"),
            odi_percent(inst.get("odi")),
            None,
            ((a.result or {}).get("classification") or {}).get("rule"),
        ]
    fus = live(FollowUp.objects.filter(episode__in=episodes)).select_related("episode")
    for f in fus.order_by("episode_id", "visit_number").iterator(CHUNK):
        rec = f.record
        yield [
            f.episode_id,
            f.episode.patient_id,
            f.visit_number,
            f.seen_on,
            "follow-up",
            rec.get("nrs_back"),
            rec.get("nrs_leg"),
            odi_percent(rec.get("odi")),
            rec.get("adherence_percent"),
            (f.progression or {}).get("action"),
        ]


@_export("audit", admin_only=True)
def audit_csv(scope: Scope) -> tuple[list[str], Iterable[Any]]:
    fields = [
        "at",
        "username",
        "action",
        "patient_id",
        "object_type",
        "object_id",
        "path",
        "ip",
        "detail",
        "hash",
    ]
    entries = AuditEntry.objects.filter(clinic=scope.clinic).order_by("at", "id")
    rows = (
        [*row[:-2], json.dumps(row[-2], sort_keys=True), row[-1]]
        for row in entries.values_list(*fields).iterator(chunk_size=CHUNK)
    )
    return fields, rows


def _research_key() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"backpath research export", "sha256").digest()


@_export("research", admin_only=True)
def research_csv(scope: Scope) -> tuple[list[str], Iterable[Any]]:
    """One row per episode: a keyed pseudonym, age band, sex, dates shifted per patient."""
    header = [
        "pseudonym",
        "age_band",
        "sex",
        "started_on",
        "assessed_on",
        "last_seen_on",
        *EPISODE_COLUMNS,
    ]
    fields = [
        "episode__patient_id",
        "episode__patient__date_of_birth",
        "episode__patient__sex",
        "started_on",
        "assessed_on",
        "last_seen_on",
        *EPISODE_COLUMNS,
    ]
    rows = scope.summaries().order_by("episode_id").values_list(*fields)
    return header, _deidentified(rows.iterator(chunk_size=CHUNK), _research_key())


def _deidentified(rows: Iterable[Any], key: bytes) -> Iterator[list[Any]]:
    for patient, born, sex, started, assessed, last, *rest in rows:
        shift = timedelta(days=date_shift_days(key, str(patient)))
        pseudonym = hmac.new(key, str(patient).encode(), hashlib.sha256).hexdigest()[:16]
        age = started.year - born.year - ((started.month, started.day) < (born.month, born.day))
        dates = [None if d is None else d + shift for d in (started, assessed, last)]
        yield [pseudonym, age_band(max(0, age)), sex or "unknown", *dates, *rest]


@_export("research-summary", admin_only=True)
def research_summary_csv(scope: Scope) -> tuple[list[str], Iterable[Any]]:
    """Outcomes by classification and DP, cells under five suppressed (blank)."""
    header = ["group", "episodes"]
    for m in ("nrs_back", "nrs_leg", "odi"):
        header += [
            f"{m}_n",
            f"{m}_mean_change",
            f"{m}_ci_low",
            f"{m}_ci_high",
            f"{m}_mcid_percent",
            f"{m}_median_days_to_mcid",
        ]
    return header, (_summary_row(r) for r in outcomes(scope.cohort()))


def _summary_row(row: dict[str, Any]) -> list[Any]:
    out: list[Any] = [group_label(row["key"]), row["episodes"]]
    for m in ("nrs_back", "nrs_leg", "odi"):
        got = row["measures"][m]
        ci = got.get("change")
        if not got.get("n") or ci is None:
            out += [None] * 6
            continue
        rounded = [None if v is None else round(v, 2) for v in (ci.mean, ci.low, ci.high)]
        out += [got["n"], *rounded, got["mcid_share"], got["median_days"]]
    return out
