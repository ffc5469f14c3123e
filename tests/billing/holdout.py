"""The billing holdouts (data/holdout*_billing.json): each billing case through the
pure rules (`plan_billing`) or through the billing run against the local server, each overdue case through
`overdue.decide`; what the code decides, in the shape of the written expectation. Functions take the holdout's
data (the first one's by default)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from automation.billing import overdue
from automation.billing.invoices import Period, coach_records, plan_billing
from automation.billing.payouts import payout_rows
from automation.billing.run import billing_run
from automation.models import Associate, Client, Invoice, Message, Package, Session
from automation.money import dec
from automation.settings import BusinessSettings, settings_from_mapping
from automation.settings.billing import BillingSettings
from tests.leads.http_world import make_world

HERE = Path(__file__).parent / "data"


def load(name: str) -> dict[str, Any]:
    return json.loads((HERE / name).read_text())


DATA = load("holdout_billing.json")
BILLING = {c["name"]: c for c in DATA["billing"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]}
TODAY = date(2026, 12, 1)
CLIENT_KEYS = ("status", "start_date", "paused_on", "resumed_on", "time_zone")


def settings_of(case: dict, data: dict = DATA) -> dict[str, str]:
    return {**data["shared_settings"], **case.get("settings", {})}


def _today(case: dict) -> date:
    return date.fromisoformat(case["today"]) if "today" in case else TODAY


def _period(case: dict) -> Period:
    return Period.of(date.fromisoformat(case.get("period", "2026-11") + "-01"))


def _at(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _client_fields(case: dict) -> dict[str, Any]:
    c = {"status": "Active", **case.get("client", {})}
    out: dict[str, Any] = {"name": case["name"][:40], "email": "client@example.com"}
    for key in CLIENT_KEYS:
        if c.get(key) is not None:
            out[key] = date.fromisoformat(c[key]) if key.endswith(("_date", "_on")) else c[key]
    return out


def _packages(case: dict) -> list[dict[str, Any]]:
    """The client's packages (one, or 'packages': several linked at once)."""
    return case["packages"] if "packages" in case else [case["package"]]


def _package_fields(p: dict) -> dict[str, Any]:
    out = {"name": p["name"], "billing": p["billing"], "price": Decimal(p["price"])}
    return {**out, **{k: p[k] for k in ("sessions_per_month", "session_length") if k in p}}


def _session_fields(s: dict) -> dict[str, Any]:
    out: dict[str, Any] = {"session_date": _at(s["at"]), "status": s["status"]}
    if s.get("invoice_status"):
        out["invoice_status"] = s["invoice_status"]
    if s.get("cancelled_at"):
        out["cancelled_at"] = _at(s["cancelled_at"])
    if s.get("duration") is not None:
        out["duration"] = s["duration"]
    return out


def _associate_fields(case: dict, name: str, coach_email: str) -> dict[str, Any]:
    """Name and Commission %; the coach's own record ('coach_associate') has her email."""
    out = {"name": name, "commission_pct": case["associates"][name]}
    return {**out, "email": coach_email} if case.get("coach_associate") == name else out


def _money(value: Any) -> str:
    return f"{dec(value):.2f}"


def pure_outcome(case: dict, data: dict = DATA) -> dict[str, Any]:
    """What `plan_billing` decides for the case's one client."""
    settings = settings_from_mapping(settings_of(case, data))
    tz = ZoneInfo(settings.general.time_zone)
    packages = {
        f"recPk{n}": Package(id=f"recPk{n}", **_package_fields(p)) for n, p in enumerate(_packages(case))
    }
    client = Client(id="recCl", package=list(packages), **_client_fields(case))
    associates = {
        f"recA{n}": Associate(id=f"recA{n}", **_associate_fields(case, n, settings.general.coach_email))
        for n in case.get("associates", {})
    }
    sessions = [
        Session(
            id=f"recS{s['id']}",
            client=[client.id],
            associate=[f"recA{s['associate']}"] if s.get("associate") else [],
            **_session_fields(s),
        )
        for s in case["sessions"]
    ]
    plan = plan_billing(
        [client], packages, sessions, associates, set(), _period(case), _today(case),
        settings.billing, tz, settings.general.currency, coach_email=settings.general.coach_email,
    )  # fmt: skip
    sid = {f"recS{s['id']}": s["id"] for s in case["sessions"]}
    if plan.plans:
        (p,) = plan.plans
        return {
            "invoice": True,
            "amount": _money(p.amount),
            "tax": _money(p.tax),
            "total": _money(p.total),
            "cut": _money(p.associate_cut),
            "cuts": {a.removeprefix("recA"): _money(v) for a, v in p.cuts.items() if v},
            "due": p.due_date.isoformat(),
            "linked": sorted(sid[s] for s in p.fields()["sessions"]),
            "marked": {sid[k]: v for k, v in p.session_status.items()},
            "named": sorted(a.removeprefix("recA") for a in plan.bad_commission),
            "client_named": client.id in plan.skipped,
        }
    marked = {sid[k]: v for p in plan.waived_only for k, v in p.session_status.items()}
    return {"invoice": False, "marked": marked, "client_named": client.id in plan.skipped}


def compare(expected: dict, got: dict) -> dict[str, tuple]:
    """The expected fields the code disagrees on: field -> (expected, got)."""
    out = {}
    for key, want in expected.items():
        have = got.get(key)
        if key == "linked":
            want, have = sorted(want), sorted(have or [])
        if have != want:
            out[key] = (want, have)
    return out


def groups(data: dict = DATA) -> dict[tuple, list[dict]]:
    """Cases that share Settings and the run's day and period: one base and one billing run each."""
    out: dict[tuple, list[dict]] = {}
    for case in data["billing"]:
        key = (
            json.dumps(settings_of(case, data), sort_keys=True),
            _today(case).isoformat(),
            _period(case).label,
        )
        out.setdefault(key, []).append(case)
    return out


def http_outcomes(world_for: Any, data: dict = DATA) -> dict[str, dict[str, Any]]:
    """Every billing case through `billing_run` on the local server: one base per group of cases, each case
    a client with its package, associates and sessions; outcome read back from the records written."""
    out: dict[str, dict[str, Any]] = {}
    for (settings_json, today, period_label), cases in groups(data).items():
        world = world_for({**json.loads(settings_json), "billing.bill_from": "2026-01-01"})
        gw = world.gw
        seeded = {}
        for case in cases:
            pkgs = gw.create(Package, [_package_fields(p) for p in _packages(case)])
            names = list(case.get("associates", {}))
            coach = world.settings.general.coach_email
            made = gw.create(
                Associate, [_associate_fields(case, n, coach) for n in names]
            ) if names else []  # fmt: skip
            aid = {n: a.id for n, a in zip(names, made, strict=True)}
            (client,) = gw.create(Client, [{**_client_fields(case), "package": [p.id for p in pkgs]}])
            rows = [
                {
                    **_session_fields(s),
                    "client": [client.id],
                    **({"associate": [aid[s["associate"]]]} if s.get("associate") else {}),
                }
                for s in case["sessions"]
            ]
            sessions = gw.create(Session, rows) if rows else []
            seeded[case["name"]] = (
                client,
                {x.id: s["id"] for x, s in zip(sessions, case["sessions"], strict=True)},
                set(aid.values()),
            )
        tz = ZoneInfo(world.settings.general.time_zone)
        now = datetime.combine(date.fromisoformat(today), time(12), tzinfo=tz)
        ctx = world.ctx(now=now, budget_s=120, job="billing")
        with ctx.run:
            billing_run(ctx, Period.of(date.fromisoformat(period_label + "-01")))
        named = {p.record_id for p in ctx.run.problems if p.table == "associates"}
        named_clients = {p.record_id for p in ctx.run.problems if p.table == "clients"}
        invoices = gw.all(Invoice)
        sessions_now = {s.id: s for s in gw.all(Session)}
        associates = {a.id: a for a in gw.all(Associate)}
        names_by_id = {a.id: a.name for a in associates.values()}
        for case in cases:
            client, sid, theirs = seeded[case["name"]]
            before = {s["id"]: s.get("invoice_status") for s in case["sessions"]}
            marked = {
                sid[x]: sessions_now[x].invoice_status
                for x in sid
                if sessions_now[x].invoice_status != before[sid[x]]
            }
            mine = [i for i in invoices if i.client == [client.id]]
            if not mine:
                out[case["name"]] = {
                    "invoice": False,
                    "marked": marked,
                    "client_named": client.id in named_clients,
                }
                continue
            (inv,) = mine
            own = coach_records(associates, world.settings.general.coach_email)
            rows = payout_rows([inv], sessions_now, associates, {}, world.settings.general.currency, own)
            out[case["name"]] = {
                "invoice": True,
                "amount": _money(inv.amount),
                "tax": _money(inv.tax_amount),
                "total": _money(inv.total),
                "cut": _money(inv.associate_cut),
                "cuts": {names_by_id[a]: _money(r[0]["cut"]) for a, r in rows.items() if r[0]["cut"]},
                "due": inv.due_date.isoformat() if inv.due_date else None,
                "linked": sorted(sid[x] for x in inv.sessions if x in sid),
                "marked": marked,
                "named": sorted(names_by_id[a] for a in named if a in theirs),
                "client_named": client.id in named_clients,
            }
    return out


def parting_through_the_rules(data: dict = DATA) -> dict[str, set[str]]:
    """Billing case -> the expected fields the pure rules part on (cases that agree left out)."""
    missed = {c["name"]: compare(c["expected"], pure_outcome(c, data)) for c in data["billing"]}
    return {name: set(diff) for name, diff in missed.items() if diff}


def parting_through_the_run(server: Any, tmp_path: Path, data: dict = DATA) -> dict[str, set[str]]:
    """Billing case -> the fields the billing run on the local server parts on (one base and one run per
    Settings and day, read back); each case must part from its expectation exactly where the rules do."""
    n = iter(range(100))

    def world(settings: dict[str, str]):
        return make_world(server, tmp_path / str(next(n)), **{**settings, "billing.claim_settle_s": "0.2"})

    got = http_outcomes(world, data)
    missed = {c["name"]: compare(c["expected"], got[c["name"]]) for c in data["billing"]}
    for case in data["billing"]:
        assert missed[case["name"]] == compare(case["expected"], pure_outcome(case, data)), case["name"]
    return {name: set(diff) for name, diff in missed.items() if diff}


def parting_overdue(data: dict = DATA) -> set[str]:
    """The overdue cases whose decision parts from the expectation."""
    return {c["name"] for c in data["overdue"] if compare(c["expected"], overdue_outcome(c))}


def overdue_outcome(case: dict) -> dict[str, Any]:
    """The invoice after the day's overdue decision, and the reminder sent."""
    billing = BusinessSettings().billing.model_dump()
    typed = {**billing, **case.get("settings", {})}
    settings = BillingSettings(**typed)
    i = case["invoice"]
    inv = Invoice(
        id="recInv",
        status=i["status"],
        amount=dec(i["amount"]),
        tax_amount=dec(i["tax"]),
        late_fees=dec(i["late_fees"]),
        total=dec(i["total"]) if "total" in i else dec(i["amount"]) + dec(i["tax"]) + dec(i["late_fees"]),
        due_date=date.fromisoformat(i["due"]),
        reminders=i["reminders"],
        refunded=dec(i["refunded"]) if "refunded" in i else None,
    )
    d = overdue.decide(inv, date.fromisoformat(case["today"]), settings, case.get("currency"))
    return {
        "status": d.fields.get("status", inv.status),
        "late_fees": _money(d.fields.get("late_fees", inv.late_fees)),
        "total": _money(d.fields.get("total", inv.total)),
        "reminder": d.reminder,
    }


# Scenario helpers shared by the holdouts' scenarios over the local server ---------------------------------


def daily(world: Any, day: date, hour: int = 6) -> dict[str, Any]:
    """billing-daily on `day` at hour:30 UTC: its answer and the run's problems."""
    from automation.billing.automations import billing_daily

    ctx = world.ctx(now=datetime(day.year, day.month, day.day, hour, 30, tzinfo=UTC), budget_s=60,
                    job="billing-daily")  # fmt: skip
    with ctx.run:
        out = billing_daily(ctx)
    return {"out": out, "problems": list(ctx.run.problems)}


def coach_changes(world: Any, inv: Invoice, fields: dict, now: datetime) -> None:
    """The coach edits an invoice: the invoice automations watching a changed field run, as the webhook
    runs them (their updates written back)."""
    from automation.billing.automations import AUTOMATIONS

    (inv,) = world.gw.update(Invoice, [(inv, fields)])
    for auto in AUTOMATIONS:
        if auto.table == "invoices" and auto.triggers & set(fields):
            ctx = world.ctx(now=now, job=auto.name)
            with ctx.run:
                for update in auto.handler(ctx, [inv]):
                    (inv,) = world.gw.update(Invoice, [(update.record, update.fields)])


def statements(world: Any, month: str) -> dict[str, str]:
    """Payout statements of `month` ("November 2026"): recipient -> the cut their body states."""
    out: dict[str, str] = {}
    for m in world.gw.all(Message, formula={"kind": "Payout Statement"}):
        if month in (m.subject or ""):
            cut = re.search(r"your cut is \D*([\d,]+\.\d\d)", m.body or "")
            out[(m.recipient_name or "").strip()] = cut.group(1) if cut else "?"
    return out


def alerts(world: Any) -> list[Message]:
    return world.gw.all(Message, formula={"kind": "System Alert"})


def stripe_event(kind: str, obj: dict, event_id: str, created: datetime) -> bytes:
    """A Stripe event body as the pinned API version sends it."""
    return json.dumps(
        {"id": event_id, "object": "event", "api_version": "2026-10-28.endive",
         "created": int(created.timestamp()), "livemode": False, "type": kind, "data": {"object": obj}}
    ).encode()  # fmt: skip


def stripe_invoice_paid(stripe_id: str, record_id: str, at: datetime, event_id: str) -> bytes:
    ts = int(at.timestamp())
    obj = {"id": stripe_id, "object": "invoice", "metadata": {"airtable_id": record_id},
           "status_transitions": {"paid_at": ts}, "paid_out_of_band": False, "status": "paid"}  # fmt: skip
    return stripe_event("invoice.paid", obj, event_id, at)
