"""Shared plumbing of the scripts: configuration, the gateway's Airtable transport, one-line errors.

Production code never imports this (nothing in automation/ or api/ imports scripts/).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from automation.airtable.ratelimit import bucket_for
from automation.airtable.transport import GatedApi, RetryPolicy
from automation.config import Config
from automation.errors import AirtableError

T = TypeVar("T")

SCOPES = "schema.bases:read, schema.bases:write, data.records:read, data.records:write, webhook:manage"


class CliError(Exception):
    """A problem the person running the script can fix; printed as one line."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def load_config(require_base: bool = True) -> Config:
    """The configuration from the environment / .env; a missing variable is a CliError naming it."""
    # Config treats an empty value as none given, so a base still to be created needs a stand-in id.
    no_base = os.environ.get("AIRTABLE_BASE_ID", "").strip() or "(none yet)"
    overrides = {} if require_base else {"airtable_base_id": no_base}
    try:
        return Config(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        names = sorted({str(e["loc"][0]).upper() for e in exc.errors() if e.get("loc")})
        raise CliError(
            f"missing or invalid {', '.join(names)}: set it in the environment or in .env"
        ) from None


# Scripts run outside any run, so no run deadline applies: each call gets its own budget, long enough to
# wait out Airtable's 30 s penalty after a 429 (waits of 1, 2, 4, 8, 16, 30, 30 s), whatever the script's
# total duration (seeding takes about a minute at 5 requests per second).
SCRIPT_POLICY = RetryPolicy(max_attempts=8, budget_without_run_s=300.0)


class ScriptApi(GatedApi):
    """The gateway's transport (the base's shared bucket, its retry policy, its errors), plus a count by
    method of the calls a script makes, for the totals it prints. Spacing and retry stay in GatedApi."""

    def __init__(self, *args: Any, calls: Counter[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: Counter[str] = Counter() if calls is None else calls

    def gated(self, call: Callable[[], T], *, method: str, url: str, idempotent: bool) -> T:
        self.calls[method.upper()] += 1  # one per call asked for, however many attempts it takes
        return super().gated(call, method=method, url=url, idempotent=idempotent)

    @property
    def reads(self) -> int:
        return self.calls["GET"]

    @property
    def writes(self) -> int:
        return sum(n for method, n in self.calls.items() if method != "GET")


def make_api(config: Config, base_id: str | None = None, calls: Counter[str] | None = None) -> ScriptApi:
    """A client of `base_id` (default: the configured base) through the gateway's transport; `calls` lets
    a second client (for a base just created) add to the first one's counts."""
    endpoint = config.airtable_endpoint_url.rstrip("/")
    base_id = config.airtable_base_id if base_id is None else base_id
    return ScriptApi(
        config.airtable_api_key.get_secret_value(),
        bucket=bucket_for(endpoint, base_id, config.airtable_rate_per_s),
        policy=SCRIPT_POLICY,
        timeout=(5, 30),  # the Meta API can take a while to create a table
        endpoint_url=endpoint,
        calls=calls,
    )


def describe(exc: BaseException) -> str:
    """One line for a person: what went wrong and what to do."""
    if isinstance(exc, CliError):
        return str(exc)
    step, cause = getattr(exc, "step", None), getattr(exc, "cause", None)  # a failed setup step
    if step and isinstance(cause, BaseException):
        return f"{step} failed: {describe(cause)} (the steps before it are done; run again to resume)"
    if isinstance(exc, AirtableError):
        return _describe_airtable(exc)
    return f"{type(exc).__name__}: {exc}"


def _describe_airtable(exc: AirtableError) -> str:
    where = exc.endpoint or "the configured endpoint"
    if exc.status is None:  # no answer; error_type names the failure (ConnectionError, ReadTimeout, ...)
        if "Timeout" in (exc.error_type or ""):
            return f"Airtable at {where} did not answer in time: try again, or check AIRTABLE_ENDPOINT_URL"
        return f"cannot reach Airtable at {where}: check AIRTABLE_ENDPOINT_URL and the network"
    status = exc.status
    if status == 429:
        return "Airtable kept answering 429 (rate limit): wait a minute and run again"
    what = f"{status} {exc.error_type or ''}".strip()
    if status == 401:
        return f"Airtable rejected the token ({what}): check AIRTABLE_API_KEY"
    if status == 403:
        return (
            f"Airtable refused access ({what}): check AIRTABLE_BASE_ID and that the token can see the base "
            f"with the scopes {SCOPES}"
        )
    if status == 404:
        return f"Airtable does not know this base or path ({what}): check AIRTABLE_BASE_ID"
    message = getattr(exc, "airtable_message", "")  # Airtable's own words, kept by the transport
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
