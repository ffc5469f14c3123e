"""A retainer client's session set Completed (or a charged No-show) after its month's run (thin; called by
the next billing run). Its month's retainer covered it and is not billed again, but that month's payout
statements shared the retainer without it: its associate would be paid nothing for a session they ran.

What the run does, once per session (the session is then settled and never read again):
* links it to its month's retainer invoice, Invoice Status Invoiced (the invoice's amounts do not change);
* when that month's statements were already drafted, carries the associate's share to their next statement
  (this period's): the retainer over the sessions it covered and the late ones, at their Commission %. A
  statement already drafted or approved is never changed, and the carried row waits as a Draft the coach
  approves like the rest (she edits it there if she pays it otherwise). When they were not yet drafted, the
  link alone counts it in them;
* tells the coach once (a System Alert naming session, client, associate, month and what happens).
A session whose month has no retainer invoice (not billed, or Void) is not linked: the coach is told once,
since only she can say whether that month is owed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.billing import numbering
from automation.billing.invoices import Period, commission_rate, dedupe_key
from automation.billing.payouts import carried_row, late_share
from automation.models import Invoice, Session

if TYPE_CHECKING:
    from automation.billing.invoices import Billing
    from automation.context import JobContext


def carried(state: numbering.BillingState, period_label: str) -> dict[str, list[dict[str, Any]]]:
    """The rows carried to the period's statements, as an earlier run of the period stored them."""
    try:
        raw = json.loads(state.value(numbering.carried_key(period_label)) or "{}")
    except ValueError:
        return {}
    return raw if isinstance(raw, dict) else {}


def settle_late(
    ctx: JobContext,
    plan: Billing,
    sessions: dict[str, Session],
    names: dict[str, str],
    associates: dict[str, Any],
    own: frozenset[str],
    state: numbering.BillingState,
    period: Period,
) -> dict[str, list[dict[str, Any]]]:
    """Link, carry and tell (module docstring); the rows carried to `period`'s statements, stored in System
    State with those of earlier runs of the period. Reads: the late months' invoices and their sessions'
    Invoice Status, only when a late session exists."""
    from automation.billing.delivery import compose_all, first_failure
    from automation.billing.emails import late_retainer_alert

    gw = ctx.gateway
    late = {sid: v for sid, v in plan.late.items() if sid in sessions}
    if not late:
        return {}
    keys = sorted({dedupe_key(cid, month) for cid, month in late.values()})
    ref = gw.ref(Invoice, "dedupe_key")
    found = gw.all(
        Invoice,
        formula=F.OR(*(ref.eq(k) for k in keys)) if len(keys) > 1 else ref.eq(keys[0]),
        fields=["dedupe_key", "invoice_number", "amount", "sessions", "status", "client"],
    )
    invoices = {i.dedupe_key: i for i in found if i.status != "Void"}
    covered_ids = sorted({s for i in invoices.values() for s in i.sessions})
    statuses = {
        s.id: s.invoice_status
        for s in (gw.get_many(Session, covered_ids, fields=["invoice_status"]) if covered_ids else [])
    }
    currency = ctx.settings.general.currency
    out = carried(state, period.label)
    marks, alerts = [], []
    for sid, (cid, month) in sorted(late.items(), key=lambda kv: sessions[kv[0]].session_date):
        s = sessions[sid]
        inv = invoices.get(dedupe_key(cid, month))
        aid = s.associate[0] if s.associate else None
        associate = associates.get(aid) if aid else None
        share = cut = None
        drafted = state.payouts_drafted(month.label)
        if inv is not None:
            marks.append((s, {"invoice": [inv.id], "invoice_status": "Invoiced"}))
            covered = sum(1 for x in inv.sessions if statuses.get(x) not in (None, "Waived"))
            n_late = sum(1 for c, m in late.values() if c == cid and m == month)
            if drafted and aid is not None and aid not in own:
                share = late_share(inv.amount, covered, n_late)
                row = carried_row(
                    inv.invoice_number or inv.id, names.get(cid, ""), month.name, share,
                    commission_rate(associate), currency,
                )  # fmt: skip
                if not any(r.get("session") == sid for r in out.get(aid, [])):
                    out.setdefault(aid, []).append({**row, "session": sid})
                cut = row["cut"]
        alerts.append(late_retainer_alert(
            s, names.get(cid, ""), getattr(associate, "name", None), month, period, inv, drafted, share, cut,
            ctx.settings, ctx.tz,
        ))  # fmt: skip
    first_failure(compose_all(ctx, alerts))  # together: a few calls for the lot, not about four an alert
    if not ctx.run.shadow:
        if marks:
            gw.update(Session, marks)
        if out:
            numbering.put(gw, numbering.carried_key(period.label), json.dumps(out, sort_keys=True))
    return out
