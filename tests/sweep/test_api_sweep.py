"""A property-based sweep of the whole HTTP API (hypothesis): every route the app's OpenAPI document lists,
with bodies, headers and query strings made up by hypothesis, signed or authorised correctly where the route
needs it so the content reaches the parsing behind the check: no answer may be a 5xx.

The app runs as a real uvicorn process against the local Airtable server with the whole catalog loaded. A
route this file has no specific strategy for is still swept with generic bodies (a new route is covered the
day it is added), and the test fails if the OpenAPI document lists a route the sweep never called.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automation.events.secretbox import decrypt
from automation.events.signing import airtable_mac
from automation.registry import CATALOG
from tests.events import harness
from tests.messages.sendgrid_signing import SendGridSigner
from tests.support import SWEEP

EXAMPLES = 100  # per route and method: ~1,700 requests in all, about a minute
STRIPE_SECRET = "whsec_sweep_0123456789"
CALENDLY_KEY = "calendly-sweep-key-0123456789"
INBOUND_SECRET = "inbound-sweep-secret-0123456789"
SIGNER = SendGridSigner()
SWEEP_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run: a failure here is reproducible
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# ---- what hypothesis makes up ----

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u202e\u200b",
        "'",
        '"',
        "\\",
        "{Email}",
        "', {Email}='x",
        '")), TRUE(), ("',
        '=HYPERLINK("http://x")',
        "<script>alert(1)</script>",
        "a" * 5000,
        "rec" + "A" * 14,
        "9" * 400,
        "2026-02-30",
        "1e309",
        "NaN",
        "-1",
        "null",
        "[]",
        "{}",
        "%s%n",
        "../../etc/passwd",
        "😀" * 50,
    ]
)
TEXT = st.one_of(st.text(max_size=60), HOSTILE)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(), TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


def shaped(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the keys a route reads (each present or not) and any values, plus a stray key."""
    return st.fixed_dictionaries({}, optional={k: JSON for k in keys}).flatmap(
        lambda d: st.dictionaries(TEXT, JSON, max_size=2).map(lambda extra: {**extra, **d})
    )


RAW = st.one_of(
    st.binary(max_size=300),
    JSON.map(lambda v: json.dumps(v, allow_nan=True).encode()),
    st.just(b"[" * 3000),
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "",
    ]
)
HEADER = TEXT.map(lambda t: "".join(c for c in t if 32 <= ord(c) < 127).strip())  # what HTTP can carry
QUERY = st.dictionaries(st.sampled_from(["token", "secret", "name", "x", "page"]), TEXT, max_size=2)


def multipart(fields: dict[str, str]) -> tuple[str, bytes]:
    out = [f'--sweep\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    return "multipart/form-data; boundary=sweep", ("".join(out) + "--sweep--\r\n").encode("utf-8", "replace")


RAW_MAIL = st.builds(
    lambda frm, subj, ctype, body: f"From: {frm}\nSubject: {subj}\nContent-Type: {ctype}\n\n{body}",
    st.one_of(st.just("Jane <jane@acme.example>"), TEXT),
    TEXT,
    st.sampled_from(
        [
            "text/plain; charset=utf-8",
            "text/plain; charset=x-unknown",
            "multipart/mixed; boundary=",
            "text/html",
            "garbage",
        ]
    ),
    TEXT,
)
INBOUND = st.fixed_dictionaries(
    {},
    optional={
        "from": TEXT,
        "subject": TEXT,
        "text": TEXT,
        "headers": TEXT,
        "envelope": JSON.map(json.dumps),
        "email": RAW_MAIL,
    },
)


# ---- the app and the signatures each route checks ----


@pytest.fixture(scope="module")
def world():
    from scripts.localbase.testing import LocalBaseServer

    env = {
        "STRIPE_WEBHOOK_SECRET": STRIPE_SECRET,
        "SENDGRID_WEBHOOK_PUBLIC_KEY": SIGNER.public_key,
        "SENDGRID_INBOUND_SECRET": INBOUND_SECRET,
        "CALENDLY_SIGNING_KEY": CALENDLY_KEY,
        "OUTBOX_DIR": "var/sweep-outbox",
    }
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = harness.World(srv, catalog=CATALOG, extra_env=env)
        w.srv.set_faults(drop_notifications=True)  # only the sweep's own requests reach the app
        w.mac_secret = decrypt(w.state().data["secret"], harness.SECRETS["APP_SECRET"])
        w.session_id = w.table("Coaching Sessions").create({"Status": "Completed"})["id"]
        w.associate_id = w.table("Associates").create({"Name": "Sweep Associate"})["id"]
        w.lead_id = w.table("Leads").create({"Name": "Sweep Lead", "Email": "sweep@lead.example"})["id"]
        yield w
        w.close()


def call(
    world,
    method: str,
    path: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
) -> requests.Response:
    url = world.apps[0].url + path + (("?" + urlencode(query)) if query else "")
    r = requests.request(method, url, data=body, headers=headers or {}, timeout=120)
    SWEEP["requests"] += 1
    SWEEP["routes"].add((method, path.split("?")[0] if "{" not in path else path))
    if r.status_code >= 500 and r.status_code != 503:  # 503: Airtable busy or a secret not configured
        SWEEP["5xx"] += 1
    return r


def assert_no_5xx(r: requests.Response, what: str) -> None:
    unavailable = r.status_code == 503 and "retry" in r.text.lower() + str(r.headers).lower()
    assert r.status_code < 500 or unavailable, f"{what}: {r.status_code} {r.text[:300]}"


# ---- one test per route (and a check that none was missed) ----

ROUTES: dict[tuple[str, str], Any] = {}


def route(method: str, path: str):
    def register(fn):
        ROUTES[(method, path)] = fn
        return fn

    return register


@route("POST", "/api/webhooks/airtable")
def airtable_ping(world, data) -> None:
    doc = data.draw(
        st.one_of(
            shaped(["base", "webhook", "timestamp"]),
            st.fixed_dictionaries(
                {
                    "base": st.just({"id": world.base_id}),
                    "webhook": st.one_of(st.just({"id": world.webhook_id}), JSON),
                    "timestamp": JSON,
                }
            ),
        )
    )
    body = json.dumps(doc, allow_nan=True).encode()
    mac = _mostly(data, airtable_mac(body, world.mac_secret), HEADER)
    r = call(
        world,
        "POST",
        "/api/webhooks/airtable",
        body=body,
        headers={"X-Airtable-Content-MAC": mac, "Content-Type": "application/json"},
    )
    assert_no_5xx(r, f"ping {body[:200]!r}")


@route("POST", "/api/triggers/{automation}")
def trigger(world, data) -> None:
    from automation.events.catalog import get_plan

    with world.in_env():
        names = [a.name for a in get_plan().automations]
    name = data.draw(st.one_of(st.sampled_from(names), TEXT.filter(lambda t: "/" not in t and t.strip())))
    body = data.draw(
        st.one_of(
            RAW,
            shaped(["recordId", "recordIds"]).map(json.dumps).map(str.encode),
            st.lists(
                st.sampled_from([world.session_id, world.lead_id, "recAAAAAAAAAAAAAA"]),
                min_size=1,
                max_size=3,
            ).map(lambda ids: json.dumps({"recordIds": ids}).encode()),
        )
    )
    auth = _mostly(data, harness.SECRETS["TRIGGER_SECRET"], st.sampled_from(["nope", ""]))
    r = call(
        world,
        "POST",
        f"/api/triggers/{requests.utils.quote(name, safe='')}",
        body=body,
        headers={"X-Trigger-Secret": auth, "Content-Type": "application/json"},
    )
    assert_no_5xx(r, f"trigger {name!r} {body[:200]!r}")


@route("GET", "/api/cron/{job}")
def cron(world, data) -> None:
    name = data.draw(
        st.one_of(
            TEXT.filter(lambda t: "/" not in t and t.strip()),
            st.sampled_from(["catch-up", "prune-runs", "no-such-job"]),
        )
    )
    auth = _mostly(
        data, f"Bearer {harness.SECRETS['CRON_SECRET']}", st.sampled_from(["Bearer no", "", "Basic x"])
    )
    r = call(
        world,
        "GET",
        f"/api/cron/{requests.utils.quote(name, safe='')}",
        headers={"Authorization": auth},
        query=data.draw(QUERY),
    )
    assert_no_5xx(r, f"cron {name!r}")


@route("POST", "/api/webhooks/stripe")
def stripe_event(world, data) -> None:
    doc = data.draw(
        st.one_of(
            JSON,
            st.fixed_dictionaries(
                {
                    "id": TEXT,
                    "type": st.sampled_from(
                        ["invoice.paid", "invoice.payment_failed", "invoice.voided", "other.event"]
                    ),
                    "created": JSON,
                    "data": st.one_of(
                        JSON,
                        st.fixed_dictionaries(
                            {
                                "object": shaped(
                                    [
                                        "id",
                                        "metadata",
                                        "status_transitions",
                                        "attempt_count",
                                        "paid_out_of_band",
                                    ]
                                )
                            }
                        ),
                    ),
                }
            ),
        )
    )
    body = json.dumps(doc, allow_nan=True).encode()
    ts = int(time.time())
    import hashlib
    import hmac

    good = (
        f"t={ts},v1=" + hmac.new(STRIPE_SECRET.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    )
    sig = _mostly(data, good, HEADER)
    r = call(world, "POST", "/api/webhooks/stripe", body=body, headers={"Stripe-Signature": sig})
    assert_no_5xx(r, f"stripe {body[:200]!r}")


@route("POST", "/api/webhooks/sendgrid")
def sendgrid_events(world, data) -> None:
    events = data.draw(
        st.one_of(
            JSON,
            st.lists(
                shaped(["email", "event", "type", "reason", "timestamp", "sg_message_id", "los_message_id"]),
                max_size=4,
            ),
        )
    )
    body = json.dumps(events, allow_nan=True).encode()
    headers = SIGNER.headers(body, int(time.time()))
    if data.draw(st.booleans()):
        headers["X-Twilio-Email-Event-Webhook-Timestamp"] = data.draw(HEADER)
    r = call(world, "POST", "/api/webhooks/sendgrid", body=body, headers=headers)
    assert_no_5xx(r, f"sendgrid events {body[:200]!r}")


@route("POST", "/api/webhooks/sendgrid-inbound")
def inbound(world, data) -> None:
    content_type, body = multipart(data.draw(INBOUND))
    if data.draw(st.integers(0, 4)) == 0:
        content_type, body = data.draw(CONTENT_TYPES), data.draw(RAW)
    auth = "Basic " + base64.b64encode(f"sendgrid:{INBOUND_SECRET}".encode()).decode()
    r = call(
        world,
        "POST",
        "/api/webhooks/sendgrid-inbound",
        body=body,
        headers={"Content-Type": content_type, "Authorization": auth},
    )
    assert_no_5xx(r, f"inbound {body[:300]!r}")


@route("POST", "/api/webhooks/calendly")
def calendly_event(world, data) -> None:
    from automation.schedule.calendly import sign

    payload = shaped(["uri", "email", "name", "scheduled_event", "cancel_url", "reschedule_url", "timezone"])
    doc = data.draw(
        st.one_of(
            JSON,
            st.fixed_dictionaries(
                {
                    "event": st.sampled_from(
                        ["invitee.created", "invitee.canceled", "routing_form_submission.created"]
                    ),
                    "payload": st.one_of(
                        JSON,
                        payload,
                        st.fixed_dictionaries(
                            {
                                "uri": st.just("https://api.calendly.com/invitees/SWEEP"),
                                "email": st.just("sweep@client.example"),
                                "scheduled_event": shaped(
                                    ["start_time", "end_time", "name", "event_memberships", "location"]
                                ),
                            }
                        ),
                    ),
                }
            ),
        )
    )
    body = json.dumps(doc, allow_nan=True).encode()
    r = call(
        world,
        "POST",
        "/api/webhooks/calendly",
        body=body,
        headers={
            "Calendly-Webhook-Signature": sign(CALENDLY_KEY, body, int(time.time())),
            "Content-Type": "application/json",
        },
    )
    assert_no_5xx(r, f"calendly {body[:300]!r}")


@route("POST", "/api/leads")
def lead_form(world, data) -> None:
    person = st.fixed_dictionaries(
        {"name": TEXT, "email": st.one_of(st.emails(), TEXT)},
        optional={
            k: st.one_of(TEXT, JSON) for k in ("title", "company", "phone", "source", "message", "website")
        },
    )
    doc = data.draw(
        st.one_of(
            person,
            JSON,
            shaped(
                [
                    "name",
                    "email",
                    "title",
                    "company",
                    "phone",
                    "source",
                    "message",
                    "website",
                    "linkedin",
                    "company_size",
                    "industry",
                ]
            ),
        )
    )
    ip = f"10.{data.draw(st.integers(0, 255))}.{data.draw(st.integers(0, 255))}.1"
    r = call(
        world,
        "POST",
        "/api/leads",
        body=json.dumps(doc, allow_nan=True).encode(),
        headers={"Content-Type": _mostly(data, "application/json", CONTENT_TYPES), "X-Real-IP": ip},
    )
    assert_no_5xx(r, f"lead {doc!r:.300}")


@route("OPTIONS", "/api/leads")
def lead_preflight(world, data) -> None:
    r = call(
        world,
        "OPTIONS",
        "/api/leads",
        headers={"Origin": data.draw(HEADER)},
    )
    assert_no_5xx(r, "preflight")


def _token_or_text(data, good: str) -> str:
    """Mostly the real token (so the content behind it is swept), sometimes a tampered one or any text."""
    kind = data.draw(st.integers(0, 5))
    return (
        good
        if kind < 3
        else (good[:-3] + "abc")
        if kind == 3
        else (good + "x")
        if kind == 4
        else data.draw(TEXT)
    )


def _mostly(data, good: Any, other: st.SearchStrategy) -> Any:
    return good if data.draw(st.integers(0, 3)) else data.draw(other)


@route("GET", "/api/unsubscribe")
def unsubscribe_get(world, data) -> None:
    from automation.messages.tokens import make_token

    token = _token_or_text(data, make_token(harness.SECRETS["APP_SECRET"], "leads", world.lead_id))
    assert_no_5xx(
        call(world, "GET", "/api/unsubscribe", query={"token": token}), f"unsubscribe {token!r:.100}"
    )


@route("POST", "/api/unsubscribe")
def unsubscribe_post(world, data) -> None:
    from automation.messages.tokens import make_token

    token = _token_or_text(data, make_token(harness.SECRETS["APP_SECRET"], "leads", world.lead_id))
    body = data.draw(
        st.one_of(RAW, st.just(f"token={token}".encode()), st.just(b"List-Unsubscribe=One-Click"))
    )
    r = call(
        world,
        "POST",
        "/api/unsubscribe",
        body=body,
        query=data.draw(st.one_of(st.just({}), st.just({"token": token}))),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_no_5xx(r, f"unsubscribe post {body[:100]!r}")


def _survey_token(world, data) -> str:
    from automation.schedule.survey_token import make_token

    good = make_token(harness.SECRETS["APP_SECRET"], world.session_id, date.today() + timedelta(days=7))
    return _token_or_text(data, good)


@route("GET", "/api/survey")
def survey_get(world, data) -> None:
    token = _survey_token(world, data)
    assert_no_5xx(call(world, "GET", "/api/survey", query={"token": token}), f"survey {token!r:.100}")


@route("POST", "/api/survey")
def survey_post(world, data) -> None:
    token = _survey_token(world, data)
    form = data.draw(st.dictionaries(st.sampled_from(["token", "rating", "comment", "x"]), TEXT, max_size=3))
    body = data.draw(st.one_of(st.just(urlencode({"token": token, **form}).encode()), RAW))
    r = call(
        world, "POST", "/api/survey", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert_no_5xx(r, f"survey post {body[:200]!r}")


def _report_token(world, data) -> str:
    from automation.reports.links import associate_token, chart_token, dashboard_token

    secret = harness.SECRETS["APP_SECRET"]
    good = data.draw(
        st.sampled_from(
            [dashboard_token(secret), chart_token(secret), associate_token(secret, world.associate_id)]
        )
    )
    return _token_or_text(data, good)


@route("GET", "/api/dashboard")
def dashboard(world, data) -> None:
    r = call(world, "GET", "/api/dashboard", query={"token": _report_token(world, data), **data.draw(QUERY)})
    assert_no_5xx(r, "dashboard")


@route("GET", "/api/associate")
def associate_page(world, data) -> None:
    assert_no_5xx(
        call(world, "GET", "/api/associate", query={"token": _report_token(world, data)}), "associate"
    )


@route("GET", "/api/dashboard/chart")
def chart(world, data) -> None:
    name = data.draw(
        st.one_of(TEXT, st.sampled_from(["conversion-by-source", "weighted-forecast-next-3-months"]))
    )
    r = call(world, "GET", "/api/dashboard/chart", query={"token": _report_token(world, data), "name": name})
    assert_no_5xx(r, f"chart {name!r:.60}")


@route("GET", "/api/health")
def health(world, data) -> None:
    assert_no_5xx(call(world, "GET", "/api/health", query=data.draw(QUERY)), "health")


def generic(world, data, method: str, path: str) -> None:
    """A route with no strategy of its own: any body, content type and query."""
    r = call(
        world,
        method,
        path.replace("{", "").replace("}", ""),
        body=data.draw(RAW),
        headers={"Content-Type": data.draw(CONTENT_TYPES)},
        query=data.draw(QUERY),
    )
    assert_no_5xx(r, f"{method} {path}")


def openapi_routes() -> list[tuple[str, str]]:
    from api.index import app

    spec = app.openapi()
    return sorted((m.upper(), p) for p, ops in spec["paths"].items() for m in ops)


@pytest.mark.parametrize(("method", "path"), openapi_routes(), ids=lambda v: str(v))
def test_sweep__no_request_gets_a_5xx(world, method: str, path: str) -> None:
    handler = ROUTES.get((method, path))

    @SWEEP_SETTINGS
    @given(data=st.data())
    def sweep(data) -> None:
        if handler is None:
            generic(world, data, method, path)
        else:
            handler(world, data)

    sweep()
    SWEEP["covered"].add((method, path))


def test_sweep__every_route_of_the_openapi_document_has_a_strategy() -> None:
    """A route added without a strategy here is still swept generically; this says it deserves its own."""
    assert sorted(set(openapi_routes()) - set(ROUTES)) == []
