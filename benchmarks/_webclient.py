"""A small HTTP client for the web benchmark: one keep-alive connection, a cookie jar, CSRF.

Standard library only (``http.client``), so the benchmark measures the server, not a client
library. Not thread-safe: each simulated clinician owns one.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

__all__ = ["Client", "LoginFailed", "Response"]

_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    location: str
    seconds: float
    error: str = ""  # set when no HTTP response arrived (connection reset, timeout)


class Client:
    def __init__(self, host: str, port: int, timeout: float = 60.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.stale_retries = 0  # requests resent because the server had closed an idle connection
        self._conn: http.client.HTTPConnection | None = None
        self._reused = False

    def _connection(self) -> http.client.HTTPConnection:
        self._reused = self._conn is not None
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        headers = {"Host": f"{self.host}:{self.port}", **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _remember(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=self._headers(headers or {}))
                response = conn.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                stale = self._reused and isinstance(exc, _STALE)
                self.close()  # the next attempt opens a new connection
                if attempt == 1 and stale:
                    self.stale_retries += 1  # as browsers do: the server closed an idle one
                    continue
                return Response(0, b"", "", time.perf_counter() - started, type(exc).__name__)
        elapsed = time.perf_counter() - started
        self._remember(response)
        if response.will_close:
            self.close()
        return Response(response.status, data, response.getheader("Location") or "", elapsed)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        token = self.cookies.get("csrftoken", "")
        body = urlencode([("csrfmiddlewaretoken", token), *fields]).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": token}
        return self.request("POST", path, body, headers)

    def login(self, username: str, password: str) -> None:
        page = self.get("/login/")
        match = _CSRF_INPUT.search(page.body.decode("utf-8", "replace"))
        if page.status != 200 or match is None:
            raise LoginFailed(f"GET /login/ answered {page.status} {page.error}")
        fields = [("username", username), ("password", password), ("next", "")]
        body = urlencode([("csrfmiddlewaretoken", match.group(1)), *fields]).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        answer = self.request("POST", "/login/", body, headers)
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise LoginFailed(f"{username}: POST /login/ answered {answer.status} {answer.error}")
