"""The billing run (thin shell over invoices.py): under the billing lease, read what a period's invoices
need, write them numbered in batches, mark their sessions, then hand them to Stripe or to Messages.

Calls per run (no Stripe, n clients billed, s sessions): the lease (read, write, read back), clients,
packages, associates, billable sessions, the period's invoices (one page each up to 100 records),
ceil(n/10) invoice upserts, ceil(s/10) session updates, one release; plus Messages' own calls per invoice
email. bench/billing_bench.py measures it against the lower bound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.billing import numbering
from automation.billing.invoices import (
    BILLABLE_STATUSES,
    Period,
    billed_by_hand,
    billed_to_date,
    coach_records,
    plan_billing,
)
from automation.errors import RecordProblem
from automation.models import Associate, Client, Invoice, Package, Session, Setting

if TYPE_CHECKING:
    from automation.context import JobContext

BILL_FROM = "billing.bill_from"
CLIENT_FIELDS = [
    "name",
    "email",
    "email_status",
    "status",
    "start_date",
    "paused_on",
    "resumed_on",
    "package",
    "stripe_customer_id",
]
SESSION_FIELDS = [
    "client",
    "associate",
    "session_date",
    "session_type",
    "status",
    "invoice_status",
    "invoice",
    "cancelled_at",
]


def billing_run(
    ctx: JobContext,
    period: Period,
    client_ids: list[str] | None = None,
    *,
    mark_billed: bool = False,
    hooks: numbering.LeaseHooks | None = None,
    told: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Invoice every client (or only `client_ids`) for the period; what was done, for the run record.
    With `mark_billed` the period is marked billed and the clients it could not bill are kept in System
    State for the next daily runs (`told`: those already named, with why: not named again for the same)."""
    gw = ctx.gateway
    settings = ctx.settings.billing
    holder = numbering.new_holder()
    ttl = max(ctx.time_left(), 10.0) + 30.0
    state = numbering.claim(gw, holder, ttl_s=ttl, settle_s=settings.claim_settle_s, hooks=hooks)
    if state is None:
        return {"period": period.label, "busy": "another billing run holds the lease; nothing billed"}
    counter: int | None = state.next_number
    first_run = counter is None and settings.bill_from is None
    complete = False
    written: list[Invoice] = []
    skipped: dict[str, str] = {}
    late: dict[str, Any] = {}
    try:
        clients = (
            gw.get_many(Client, client_ids, fields=CLIENT_FIELDS)
            if client_ids is not None
            else gw.all(Client, fields=CLIENT_FIELDS)
        )
        packages = {p.id: p for p in gw.all(Package, fields=["name", "billing", "price"])}
        associates = {a.id: a for a in gw.all(Associate, fields=["name", "email", "commission_pct"])}
        sessions = _billable_sessions(ctx)
        if first_run and any(s.session_date and s.session_date.astimezone(ctx.tz).date() < period.start
                             for s in sessions):  # fmt: skip
            # The first billing run ever, no billing.bill_from, and sessions of earlier months on no invoice:
            # the coach's history, billed outside (a base connected without setup_base setting bill_from).
            # This run bills its own period and says so in Settings, where she can set an earlier day.
            settings = settings.model_copy(update={"bill_from": period.start})
            if not ctx.run.shadow:
                row = {"key": BILL_FROM, "value": period.start.isoformat()}
                gw.upsert(Setting, [row], merge_on=["key"])
        existing = gw.all(
            Invoice,
            formula={"period": period.label},
            fields=["dedupe_key", "invoice_number", "client", "status", "date_created"],
        )
        plan = plan_billing(
            clients,
            packages,
            sessions,
            associates,
            {i.dedupe_key or "" for i in existing},
            period,
            ctx.today(),
            settings,
            ctx.tz,
            ctx.settings.general.currency,
            billed_by_hand(existing, period),
            ctx.settings.general.coach_email,
            billed_to_date(existing, period),
        )
        names = {c.id: (c.name or "").strip() for c in clients}
        for cid, why in plan.skipped.items():  # the daily brief quotes the reason alone: whose it is, first
            why = f"{names[cid]}: {why}" if names.get(cid) else why
            skipped[cid] = why
            if (told or {}).get(cid) != why:  # named once: the daily runs that try her again say it no more
                ctx.run.report(RecordProblem("clients", cid, "package", None, why))
        for aid, why in plan.bad_commission.items():
            pct = getattr(associates.get(aid), "commission_pct", None)
            name = getattr(associates.get(aid), "name", None)  # the daily brief shows the reason alone
            ctx.run.report(
                RecordProblem("associates", aid, "commission_pct", pct, f"{name}: {why}" if name else why)
            )
        for sid, (fld, why) in plan.unbillable.items():
            if fld != "client" or client_ids is None:  # a one-client run answers for its clients only
                ctx.run.report(RecordProblem("sessions", sid, fld, None, why))
        if counter is None:
            counter = numbering.first_free(
                (i.invoice_number for i in gw.all(Invoice, fields=["invoice_number"])), settings.number_prefix
            )
        rows = []
        for p in plan.plans:
            number = numbering.format_number(counter, settings.number_prefix, settings.number_width)
            rows.append({**p.fields(), "invoice_number": number})
            counter += 1  # advanced before the write: a failed write leaves a gap, never a reused number
        if rows:
            written = gw.upsert(Invoice, rows, merge_on=["dedupe_key"])
        by_id = {s.id: s for s in sessions}
        marks = [
            (by_id[sid], {"invoice_status": status})
            for p in plan.plans + plan.waived_only
            for sid, status in p.session_status.items()
            if sid in by_id
        ]
        marks += _unmarked(sessions)
        if marks:
            gw.update(Session, marks)
        if plan.late:  # a retainer's session of an earlier month marked after its run (late.py)
            from automation.billing.late import settle_late

            own = coach_records(associates, ctx.settings.general.coach_email)
            late = settle_late(ctx, plan, by_id, names, associates, own, state, period)
        complete = True
    finally:
        shadow = ctx.run.shadow  # Shadow writes nothing the coach sees: the counter must not move either
        numbering.release(
            gw,
            state,
            holder,
            None if shadow else counter,
            billed=period.label if mark_billed and complete and not shadow else None,
            skipped=skipped,
        )
    from automation.billing.delivery import deliver_invoices

    sent = deliver_invoices(ctx, written, {c.id: c for c in clients})
    return {
        "period": period.label,
        "invoices": [i.invoice_number for i in written],
        "waived_only": len(plan.waived_only),
        **({"not_billed": sorted(names.get(c) or c for c in skipped)} if skipped else {}),
        "sessions_marked": len(marks),
        **({"carried": late} if late else {}),
        **sent,
    }


def _billable_sessions(ctx: JobContext) -> list[Session]:
    """Sessions that may still need billing: a billable status and no final invoice status."""
    gw = ctx.gateway
    status = gw.ref(Session, "status")
    inv = gw.ref(Session, "invoice_status")
    formula = F.AND(
        F.OR(*(status.eq(s) for s in BILLABLE_STATUSES)),
        F.OR(inv.eq(F.BLANK()), inv.eq("Not Invoiced")),
    )
    return gw.all(Session, formula=formula, fields=SESSION_FIELDS)


def _unmarked(sessions: list[Session]) -> list[tuple[Session, dict[str, Any]]]:
    """Sessions an earlier run linked to an invoice but did not mark (it stopped in between)."""
    return [(s, {"invoice_status": "Invoiced"}) for s in sessions if s.invoice]
