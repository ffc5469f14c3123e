"""Shared plumbing of the scripts: configuration, a paced pyairtable Api, one-line errors.

Production code never imports this (nothing in automation/ or api/ imports scripts/).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests
from pyairtable import Api, retry_strategy
from pydantic import ValidationError

from automation.config import Config

SCOPES = "schema.bases:read, schema.bases:write, data.records:read, data.records:write, webhook:manage"


class CliError(Exception):
    """A problem the person running the script can fix; printed as one line."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def load_config(require_base: bool = True) -> Config:
    """The configuration from the environment / .env; a missing variable is a CliError naming it."""
    overrides = {} if require_base else {"airtable_base_id": os.environ.get("AIRTABLE_BASE_ID", "")}
    try:
        return Config(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        names = sorted({str(e["loc"][0]).upper() for e in exc.errors() if e.get("loc")})
        raise CliError(
            f"missing or invalid {', '.join(names)}: set it in the environment or in .env"
        ) from None


class PacedApi(Api):
    """A pyairtable Api that spaces its calls at `rate` per second (0 = no spacing) and counts them."""

    def __init__(self, api_key: str, *, rate: float = 5.0, **kwargs: Any) -> None:
        super().__init__(api_key, **kwargs)
        self.rate = rate
        self.calls: Counter[str] = Counter()
        self._next = 0.0

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if self.rate > 0:
            now = time.monotonic()
            if self._next > now:
                time.sleep(self._next - now)
            self._next = max(now, self._next) + 1.0 / self.rate
        self.calls[method.upper()] += 1
        return super().request(method, url, *args, **kwargs)

    @property
    def writes(self) -> int:
        return sum(n for method, n in self.calls.items() if method != "GET")


def make_api(config: Config) -> PacedApi:
    """Explicit timeouts; a 429 is retried with a backoff that outlasts Airtable's 30 s penalty."""
    retry = retry_strategy(total=5, backoff_factor=2.0, connect=0, read=0)
    return PacedApi(
        config.airtable_api_key.get_secret_value(),
        rate=config.airtable_rate_per_s,
        timeout=(5, 30),
        endpoint_url=config.airtable_endpoint_url,
        retry_strategy=retry,
    )


def _origin(exc: requests.RequestException) -> str:
    url = getattr(exc.request, "url", None) or ""
    parts = urlsplit(str(url))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "the configured endpoint"


def describe(exc: BaseException) -> str:
    """One line for a person: what went wrong and what to do."""
    if isinstance(exc, CliError):
        return str(exc)
    step, cause = getattr(exc, "step", None), getattr(exc, "cause", None)  # a failed setup step
    if step and isinstance(cause, BaseException):
        return f"{step} failed: {describe(cause)} (the steps before it are done; run again to resume)"
    if isinstance(exc, requests.exceptions.RetryError):
        return "Airtable kept answering 429 (rate limit): wait a minute and run again"
    if isinstance(exc, requests.exceptions.Timeout):
        return f"Airtable at {_origin(exc)} did not answer in time: try again, or check AIRTABLE_ENDPOINT_URL"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"cannot reach Airtable at {_origin(exc)}: check AIRTABLE_ENDPOINT_URL and the network"
    if isinstance(exc, requests.exceptions.HTTPError) and exc.response is not None:
        return _describe_http(exc.response)
    return f"{type(exc).__name__}: {exc}"


def _describe_http(response: requests.Response) -> str:
    status = response.status_code
    try:
        error = response.json().get("error")
    except ValueError:
        error = None
    kind = error.get("type", "") if isinstance(error, dict) else str(error or "")
    message = error.get("message", "") if isinstance(error, dict) else ""
    what = f"{status} {kind}".strip()
    if status == 401:
        return f"Airtable rejected the token ({what}): check AIRTABLE_API_KEY"
    if status == 403:
        return (
            f"Airtable refused access ({what}): check AIRTABLE_BASE_ID and that the token can see the base "
            f"with the scopes {SCOPES}"
        )
    if status == 404:
        return f"Airtable does not know this base or path ({what}): check AIRTABLE_BASE_ID"
    return f"Airtable answered {what}{': ' + message if message else ''}"


def guarded(main: Callable[[], int]) -> int:
    """Run a script body: errors become one line on stderr and a non-zero exit code, never a traceback."""
    try:
        return main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:  # the point: one line, whatever failed
        if os.environ.get("LOS_DEBUG"):
            raise
        print(f"error: {describe(exc)}", file=sys.stderr)
        return 1
