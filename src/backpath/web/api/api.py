"""The ``/api/v1/`` NinjaAPI: routers, bearer auth on everything, problem-detail errors.

The OpenAPI document and the docs page (served from our own static files, no CDN) hold no
patient data and are public.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import assessments, library, outcomes, patients, plans, programmes
from .auth import ClientToken
from .problems import ApiProblem, problem_response, validation_problem

PROBLEM_REF = "#/components/schemas/Problem"


class BackpathApi(NinjaAPI):
    """Declares problem responses as ``application/problem+json``, as they are sent."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for response in operation.get("responses", {}).values():
                    content = response.get("content", {})
                    body = content.get("application/json")
                    if body and body.get("schema", {}).get("$ref") == PROBLEM_REF:
                        response["content"] = {"application/problem+json": body}
        return schema


api = BackpathApi(
    title="backpath API",
    version="1",
    urls_namespace="api-v1",
    auth=ClientToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
for module in (patients, assessments, plans, outcomes, programmes, library):
    api.add_router("/", module.router)


def _handler(status: int, title: str, detail: str = "") -> Any:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(request, ApiProblem(status, title, detail))

    return handle


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(request, validation_problem(list(exc.errors)))


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = "Send a live client token as Bearer."
    response = problem_response(request, ApiProblem(401, "Unauthorized", detail))
    response["WWW-Authenticate"] = 'Bearer realm="backpath"'
    return response


api.add_exception_handler(Http404, _handler(404, "Not found"))
api.add_exception_handler(PermissionDenied, _handler(403, "Forbidden"))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, ApiProblem(exc.status_code, str(exc)))
