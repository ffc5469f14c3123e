"""Demo sessions over the last four months, their action items and past invoices (pure, deterministic)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from scripts.demo_data.catalog import ACTIONS, MODELS, THEMES
from scripts.demo_data.people import ClientPlan, Ref, Row

WINDOW_DAYS = 120  # sessions start at most four months back
AHEAD_DAYS = 14  # and are booked up to two weeks ahead
INTERVAL = {"Foundations": 14, "Leadership Accelerator": 12, "Executive Partnership": 10}
END = {"Active": 0, "Paused": 45, "Completed": 20, "Churned": 60}  # days before today the sessions stop
TAX_RATE = 0.20
PAYMENT_DAYS = 14
ENERGY = ["good", "low", "high"]
TYPES = ["Coaching", "Coaching", "Strategy", "Coaching", "Check-in"]


def _status(plan: ClientPlan, when: date, today: date, rng: random.Random) -> str:
    if when > today:
        return "Scheduled"
    roll = rng.random()
    if plan.profile == "drifting" and roll < 0.3:
        return "No-show"
    return "Cancelled" if roll < 0.04 else "No-show" if roll < 0.07 else "Completed"


def _rating(plan: ClientPlan, when: date, today: date, rng: random.Random) -> int:
    if plan.profile == "at_risk" and (today - when).days < 40:
        return rng.choice([2, 2, 3])
    return rng.choice([3, 4, 4, 5, 5, 5])


def sessions(plan: ClientPlan, today: date, rng: random.Random) -> list[Row]:
    first = max(plan.start, today - timedelta(days=WINDOW_DAYS))
    last = (
        today + timedelta(days=AHEAD_DAYS)
        if plan.status == "Active"
        else today - timedelta(days=END[plan.status])
    )
    step = INTERVAL[plan.package[0]]
    rows, when, n = [], first + timedelta(days=rng.randint(0, 3)), 0
    while when <= last:
        n += 1
        status = _status(plan, when, today, rng)
        focus = plan.focus[n % len(plan.focus)]
        note, _ = THEMES[focus]
        models = [MODELS[(n + len(plan.name)) % len(MODELS)][0]]
        at = datetime(when.year, when.month, when.day, [8, 10, 13, 15][n % 4], 0, tzinfo=UTC)
        row: Row = {
            "name": f"{plan.name} - Session {n:02d}",
            "client": [Ref("clients", plan.email)],
            "associate": [Ref("associates", plan.associate)],
            "session_date": at,
            "duration": plan.package[4] * 60,
            "session_type": "Discovery" if n == 1 and plan.start >= first else TYPES[n % 5],
            "status": status,
        }
        if status == "Completed":
            row |= {
                "pre_work_done": rng.random() < 0.7,
                "raw_notes": f"{focus}: {note}. Used {models[0]}. Energy {rng.choice(ENERGY)}; wants to "
                f"come back to {plan.focus[0].lower()} next time.",
                "satisfaction": _rating(plan, when, today, rng),
                "leadership_models": [Ref("models", m) for m in models],
                "invoice_status": "Not Invoiced",
            }
            if (today - when).days > 14:  # older notes were drafted, approved and sent
                row |= {
                    "notes_summary": f"We worked on {focus.lower()}: {note}.",
                    "key_outcomes": THEMES[focus][1] + ".",
                    "notes_status": "Sent",
                    "notes_sent": True,
                }
            else:
                row["notes_status"] = "Pending"
        rows.append(row)
        when += timedelta(days=step + rng.randint(-2, 2))
    return rows


def action_items(plan: ClientPlan, session_rows: list[Row], today: date, rng: random.Random) -> list[Row]:
    rows = []
    for n, s in enumerate(session_rows):
        if s["status"] != "Completed":
            continue
        held = s["session_date"].date()
        for k in range(1 + (len(rows) % 4 == 0)):
            focus = plan.focus[k % len(plan.focus)]
            actions = ACTIONS[focus]
            due = held + timedelta(days=7 * (k + 1))
            overdue = due < today
            done = overdue and (plan.profile != "at_risk") and rng.random() < 0.85
            row: Row = {
                "description": actions[(n + k) % len(actions)],
                "client": [Ref("clients", plan.email)],
                "session": [Ref("sessions", s["name"])],
                "due_date": due,
                "priority": ["High", "Medium", "Medium", "Low"][(len(rows) + k) % 4],
                "status": "Complete" if done else "In Progress" if rng.random() < 0.2 else "Open",
                "assigned_to": "Coach" if k == 1 else "Client",
                "created_date": held,
                "client_visible": k != 1,
                "source_key": f"demo:{s['name']}:{k + 1}",
            }
            if done:
                row["completed_date"] = due - timedelta(days=rng.randint(0, 5))
            rows.append(row)
    return rows


INVOICED_MONTHS = 3  # the months the demo business billed, before last month (the billing run's to bill)


def _invoiced_months(today: date) -> list[date]:
    return _months_before(today, INVOICED_MONTHS + 1)[:-1]


def billed_since(today: date) -> date:
    """The first day of the first month the demo's invoices cover: its sessions before were billed before
    Leadership OS (Settings billing.bill_from), so no billing run takes them."""
    return _invoiced_months(today)[0]


def _months_before(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    out = []
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        out.append(first)
    return sorted(out)


def invoices(
    plans: list[ClientPlan], by_client: dict[str, list[Row]], today: date, rng: random.Random
) -> list[Row]:
    """One invoice per client and month with completed sessions, for the months before last month (last
    month is the demo's billing run's); marks those sessions invoiced."""
    rows = []
    months = _invoiced_months(today)
    for m in months:
        nxt = (m + timedelta(days=32)).replace(day=1)
        for plan in plans:
            name, billing, price = plan.package[0], plan.package[1], plan.package[2]
            # As the billing run would have: a no-show is charged in full (the default
            # `billing.charge_fraction`; a retainer covers it); left off, the next run names it as unbilled.
            charged = ("Completed", "No-show")
            done = [
                s
                for s in by_client[plan.email]
                if s["status"] in charged and m <= s["session_date"].date() < nxt
            ]
            if not done:
                continue
            amount = price * len(done) if billing == "Per Session" else price
            sent, due = nxt, nxt + timedelta(days=PAYMENT_DAYS)
            late = m == months[-1] and plan.profile == "at_risk"
            status = "Overdue" if late and due < today else "Sent" if due >= today else "Paid"
            row: Row = {
                "invoice_number": f"LS-{len(rows) + 1:04d}",
                "client": [Ref("clients", plan.email)],
                "sessions": [Ref("sessions", s["name"]) for s in done],
                "period": m.strftime("%Y-%m"),
                "amount": amount,
                "tax_amount": round(amount * TAX_RATE, 2),
                "total": round(amount * (1 + TAX_RATE), 2),
                "associate_cut": round(amount * plan.commission, 2),
                "date_created": sent,
                "date_sent": sent,
                "due_date": due,
                "status": status,
                "notes": f"{name}: {len(done)} session{'s' * (len(done) > 1)}",
                "dedupe_key": f"demo:{plan.email}:{m.strftime('%Y-%m')}",
            }
            if status == "Paid":
                row |= {"payment_date": sent + timedelta(days=rng.randint(2, 12))}
                row["payment_method"] = rng.choice(["Card", "Card", "Bank Transfer"])
            for s in done:
                s["invoice_status"] = "Paid" if status == "Paid" else "Invoiced"
            rows.append(row)
    return rows
