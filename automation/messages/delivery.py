"""Deliver Approved messages: who may receive, claim, hand to the provider, write the result back.

Paused holds every send (the messages stay Approved); Shadow records in the run what would be sent (the
gateway keeps the intended write of Status=Sent) and changes nothing. Exactly-once: see claim.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from automation.errors import ConfigError, LeadershipOSError, RecordProblem
from automation.messages import after_send
from automation.messages import claim as claiming
from automation.messages.eligibility import (
    SESSION_BOUND,
    about_deleted,
    block_reason,
    current_address,
    stale_session,
    to_the_business,
)
from automation.messages.envelope import envelope_for, is_marketing
from automation.messages.providers import (
    OutcomeUnknown,
    Provider,
    ProviderError,
    provider_for,
)
from automation.messages.store import MessageStore
from automation.models import Message, Session

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)

SEND_RESERVE_S = 3.0  # do not start a send with less time than this left in the budget
Result = Literal["sent", "failed", "unknown", "cancelled", "held", "shadow", "not-due", "skipped", "lost"]


@dataclass(frozen=True)
class Delivery:
    """What happened to one message in this run."""

    message_id: str
    result: Result
    detail: str = ""
    provider_id: str | None = None
    record: Message | None = None  # the record as written by this delivery (None: not written)


def cancelled_fields(reason: str) -> dict[str, Any]:
    """A message someone may not receive: Cancelled, with why in Error."""
    return {"status": "Cancelled", "error": f"Not sent: {reason}"}


def cancel_drafts_about_deleted(ctx: JobContext, drafts: Sequence[Message]) -> list[Message]:
    """Drafts about a record deleted since (eligibility.about_deleted) are Cancelled with the reason, as
    approving them would; the others are returned. A daily job's: the coach's Approval Queue and the brief's
    list of what waits for her do not keep emails to someone she removed. Writes only when there are some."""
    keep, gone = [], []
    for m in drafts:
        # Composed ones only (a Dedupe Key): a row she typed herself waits for her, refused if she approves.
        composed = m.status == "Draft" and m.dedupe_key
        why = composed and about_deleted(m, is_marketing(m.kind, m.channel, ctx.settings))
        if why:
            gone.append((m, cancelled_fields(why)))
        else:
            keep.append(m)
    if gone:
        MessageStore(ctx.gateway).write(gone)
    return keep


def deliver(
    ctx: JobContext, messages: Sequence[Message], *, hooks: claiming.ClaimHooks | None = None
) -> list[Delivery]:
    """Send the Approved, due ones among `messages` (at most settings.messages.send_batch_limit); then
    the capabilities' after-send hooks run on the ones sent."""
    return _after_send(ctx, _deliver(ctx, messages, hooks))


def deliver_claimed(
    ctx: JobContext,
    message: Message,
    token: str,
    *,
    acked_at: float | None = None,
    created: bool = False,
) -> list[Delivery]:
    """Send a message compose() stored as Sending with this claim token (see claim.py); then the
    after-send hooks, as deliver() runs them.

    `created`: compose's upsert created the message, so the claim is held already (claim.py): it is sent
    now, and its result is written no earlier than claim_settle_s after the claim write was answered
    (`acked_at`), so that a concurrent claimer's late upsert cannot land over our Sent. Otherwise the
    settle is waited out (from `acked_at`, if that was earlier) and the message read back: sent if it is
    still ours."""
    store = MessageStore(ctx.gateway)
    channel = message.channel or "Email"
    settle = ctx.settings.messages.claim_settle_s
    began = time.monotonic() if acked_at is None else acked_at
    providers = {channel: provider_for(channel, ctx.config)}
    if created:
        held = [message] if message.status == "Sending" and message.claim_token == token else []
        out = [Delivery(message.id, "lost", "not ours as written")] if not held else []
        return _after_send(ctx, out + _send_held(ctx, store, held, providers, not_before=began + settle))
    held, lost = claiming.read_back(
        store, [message.id], token, settle_s=max(0.0, settle - (time.monotonic() - began))
    )
    out = [Delivery(rid, "lost", "another delivery holds it or it moved on") for rid in lost]
    if held:
        out += _send_held(ctx, store, held, providers)
    return _after_send(ctx, out)


def _after_send(ctx: JobContext, out: list[Delivery]) -> list[Delivery]:
    """The capabilities' after-send hooks on the messages sent."""
    sent = [d.record for d in out if d.result == "sent" and d.record is not None]
    if sent:
        after_send.notify(ctx, sent)
    return out


def report_abandoned(ctx: JobContext, message_id: str) -> None:
    _report(
        ctx, message_id, "Sending", "claim write too slow to be sure of holding it; left Sending (surfaced)"
    )


def already_sent(message: Message) -> str | None:
    """Why an Approved message must not go (None: it may): it carries a Sent At, so it went already. That is
    a Sent message set back to Approved, or Airtable's "duplicate record" of a sent one (the copy keeps Sent
    At and Provider ID). A bounce clears Sent At (sendgrid_events): a bounced message, fixed, goes again."""
    if message.sent_at is None:
        return None
    via = f" ({message.provider_id})" if message.provider_id else ""
    return (
        f"Not sent again: this message was already sent at {message.sent_at:%Y-%m-%d %H:%M} UTC{via}. "
        "To send it again on purpose, clear Sent At and set Approved."
    )


def _deliver(
    ctx: JobContext, messages: Sequence[Message], hooks: claiming.ClaimHooks | None
) -> list[Delivery]:
    store = MessageStore(ctx.gateway)
    out: list[Delivery] = []
    due: list[Message] = []
    refused: list[tuple[Message, dict[str, Any]]] = []
    for m in messages:
        if m.status != "Approved":
            out.append(Delivery(m.id, "skipped", f"status {m.status}"))
        elif why := already_sent(m):
            # Failed, not Sent: the coach asked for a send that did not happen, and Failed is where she looks.
            refused.append((m, {"status": "Failed", "error": why, "claim_token": None}))
            _report(ctx, m.id, "Failed", why)
        elif m.send_after is not None and m.send_after > ctx.now:
            out.append(Delivery(m.id, "not-due", f"send after {m.send_after.isoformat()}"))
        else:
            due.append(m)
    if refused:  # rare (a hand edit): the only write it costs
        written = {r.id: r for r in store.write(refused)}
        out += [Delivery(m.id, "failed", f["error"], record=written.get(m.id)) for m, f in refused]
    limit = ctx.settings.messages.send_batch_limit
    out += [Delivery(m.id, "skipped", "batch limit; next run") for m in due[limit:]]
    due = due[:limit]
    if not due:
        return out
    mode = ctx.run.mode
    if mode == "Paused":
        return out + [Delivery(m.id, "held", "Automation Mode is Paused") for m in due]
    providers = {ch: provider_for(ch, ctx.config) for ch in {m.channel or "Email" for m in due}}
    if mode == "Shadow":
        blocked, _ = _screen(ctx, store, due)
        cancel = [(m, cancelled_fields(blocked[m.id])) for m in due if m.id in blocked]
        written = {r.id: r for r in store.write(cancel)}
        out += [Delivery(rid, "cancelled", why, record=written.get(rid)) for rid, why in blocked.items()]
        return out + _shadow(ctx, store, [m for m in due if m.id not in blocked], providers)
    settle = ctx.settings.messages.claim_settle_s
    if ctx.time_left() < settle + SEND_RESERVE_S:
        return out + [Delivery(m.id, "skipped", "time budget; next run") for m in due]
    # Who may receive is checked while the claim settles (its reads would otherwise come first): a message
    # held and blocked is written Cancelled instead of being sent. The messages as just read (the runner's
    # read of an approval, send-due's read) stand in for the claim's fresh read when recent (claim.py).
    blocked: dict[str, str] = {}
    moved: dict[str, str] = {}  # message id -> the client's address now (her Email was corrected since)
    problems: list[Exception] = []

    def screen() -> None:
        try:
            why, where = _screen(ctx, store, due)
            blocked.update(why)
            moved.update(where)
        except Exception as exc:  # noqa: BLE001 - raised below, once what we hold is given back
            problems.append(exc)

    claimed = claiming.claim(
        store,
        [m.id for m in due],
        settle_s=settle,
        hooks=hooks,
        read={m.id: m for m in due},
        meanwhile=screen,
    )
    if problems:  # could not tell who may receive them: nothing sent, they are Approved again
        store.write([(m, claiming.release_fields()) for m in claimed.held])
        raise problems[0]
    out += [Delivery(rid, "lost", "another delivery holds it or it moved on") for rid in claimed.lost]
    for rid in claimed.abandoned:
        report_abandoned(ctx, rid)
        out.append(Delivery(rid, "lost", "claim abandoned"))
    return out + _send_held(ctx, store, claimed.held, providers, blocked, moved=moved)


def _screen(
    ctx: JobContext, store: MessageStore, due: Sequence[Message]
) -> tuple[dict[str, str], dict[str, str]]:
    """Emails to people who may not receive them, with the reason (checked again at send time: they may
    have unsubscribed since the message was composed); and emails to a client whose Email was corrected
    since, with her address now (eligibility.current_address); and notes or a survey whose session changed
    since (eligibility.stale_session); and a session's invitation (reminder, move or change) whose session
    was cancelled or moved since (schedule.cancellation.stale_reminder); and a client's or an associate's
    overdue reminder some of whose actions were done since (schedule.overdue.nothing_left_to_chase). One
    read of Leads and one of Clients; one of Coaching Sessions when notes, surveys or invitations are among
    them, one of Action Items when an overdue reminder is (and of Associates and Clients for an
    associate's)."""
    from automation.schedule.cancellation import needs_session, stale_reminder

    mail = [m for m in due if m.channel == "Email"]
    emails = [m for m in mail if not to_the_business(ctx.settings, m.kind, m.channel, m.recipient)]
    # A session's invitation is judged whoever it goes to: the coach's copy, when she hosts, is as stale.
    invites = [m for m in mail if needs_session(m)]
    if not emails and not invites:
        return {}, {}
    leads, clients = (
        store.people(
            [m.recipient or "" for m in emails],
            [i for m in emails for i in m.lead],
            [i for m in emails for i in m.client],
        )
        if emails
        else ([], [])
    )
    # The sessions notes, surveys and invitations are about, as they are now: one read, only when such
    # emails are due (a first touch's approval costs nothing more).
    bound = [i for m in emails if m.kind in SESSION_BOUND and m.dedupe_key for i in m.session]
    bound += [i for m in invites for i in m.session]
    fields = ["status", "satisfaction", "session_date"]
    sessions = {
        s.id: s
        for s in (ctx.gateway.get_many(Session, list(dict.fromkeys(bound)), fields=fields) if bound else [])
    }

    def session_of(m: Message) -> Session | None:
        return next((sessions[i] for i in m.session if i in sessions), None)

    chasers = _items_chased(
        ctx, [m for m in emails if m.kind == ITEM_REMINDER and (m.client or m.associate)], clients
    )
    out, moved = {}, {}
    for m in invites:
        if why := stale_reminder(m, session_of(m), ctx.settings):
            out[m.id] = why
    for m in emails:
        if m.id in out:
            continue
        marketing = is_marketing(m.kind, m.channel, ctx.settings)
        now = None  # marketing is never readdressed: it goes where the person signed up, or nowhere
        if not marketing:
            now = current_address(
                m.recipient or "", leads=leads, clients=clients, linked_leads=m.lead, linked_clients=m.client
            )
        reason = (
            about_deleted(m, marketing)
            or (marketing and _stale_marketing(ctx, m, leads))
            or stale_session(m, session_of(m))
            or (m.id in chasers and _nothing_left(ctx, m, chasers[m.id]))
            or block_reason(
                now or m.recipient or "",
                leads=leads,
                clients=clients,
                linked_leads=m.lead,
                linked_clients=m.client,
                marketing=marketing,
            )
        )
        if reason:
            out[m.id] = reason
        elif now:
            moved[m.id] = now
    return out, moved


ITEM_REMINDER = "Action Item Reminder"


def _items_chased(
    ctx: JobContext, due: Sequence[Message], clients: list[Any]
) -> dict[str, tuple[str, list[Any]]]:
    """The action items these overdue reminders may have chased, as they are now, with whose reminder it is:
    a client's ("client": her items), an associate's ("associate", linked to the Associate it goes to: the
    items of the clients he has now, still engaged). One read of Action Items, only when such reminders
    are due, and for an associate's one read of Associates and one of Clients: done since it was drafted,
    a reminder must not go as it is."""
    from automation.models import ActionItem, Associate, Client
    from automation.schedule.overdue_job import ENGAGED

    if not due:
        return {}
    theirs = {c.id: list(c.action_items) for c in clients}
    mine = [m for m in due if not m.client and m.associate]
    of: dict[str, set[str]] = {}  # associate id -> the ids of his clients now
    if mine:
        ids = list(dict.fromkeys(a for m in mine for a in m.associate))
        his = {a.id: list(a.clients) for a in ctx.gateway.get_many(Associate, ids, fields=["clients"])}
        wanted = list(dict.fromkeys(c for cs in his.values() for c in cs))
        fields = ["status", "associate", "action_items"]
        for c in ctx.gateway.get_many(Client, wanted, fields=fields) if wanted else []:
            theirs[c.id] = list(c.action_items)
            for a in c.associate:
                if c.status in ENGAGED and c.id in his.get(a, []):
                    of.setdefault(a, set()).add(c.id)
    owners = {
        m.id: set(m.client) if m.client else {c for a in m.associate for c in of.get(a, ())} for m in due
    }
    wanted = list(dict.fromkeys(i for cs in owners.values() for c in cs for i in theirs.get(c, [])))
    fields = ["client", "status", "reminded_on", "client_visible", "assigned_to"]
    items = ctx.gateway.get_many(ActionItem, wanted, fields=fields) if wanted else []
    return {
        m.id: ("client" if m.client else "associate", [i for i in items if set(i.client) & owners[m.id]])
        for m in due
    }


def _nothing_left(ctx: JobContext, m: Message, chased: tuple[str, list[Any]]) -> str | None:
    """Why this overdue reminder must not go as drafted (schedule.overdue.nothing_left_to_chase); when it
    is withdrawn for some of its actions done, the others' Reminded On is cleared so the next run chases
    them afresh (the gateway's write: recorded, not made, in Shadow)."""
    from automation.models import ActionItem
    from automation.schedule.overdue import chased_on, nothing_left_to_chase, to_chase_again

    role, items = chased
    drafted = chased_on(m.dedupe_key) or (
        m.created_time.astimezone(ctx.tz).date() if m.created_time else None
    )
    why = nothing_left_to_chase(items, drafted, role)
    if why and (again := to_chase_again(items, drafted, role)):
        ctx.gateway.update(ActionItem, [(i, {"reminded_on": None}) for i in again])
    return why


def _stale_marketing(ctx: JobContext, m: Message, leads: list[Any]) -> str | None:
    """A first touch or nurture email its lead outgrew while it waited for approval (became a client, Lost, in
    a deal, answered her): from the leads the screen read already, so no call is added."""
    from automation.leads.nurture import stale_marketing

    drafted = m.created_time.astimezone(ctx.tz).date() if m.created_time else None
    return stale_marketing([x for x in leads if x.id in m.lead], drafted)


def _shadow(
    ctx: JobContext, store: MessageStore, due: list[Message], providers: dict[str, Provider]
) -> list[Delivery]:
    """Shadow: build each envelope (so a broken one shows up) and record the write a send would make."""
    out, changes = [], []
    for m in due:
        try:
            envelope_for(m, ctx.settings, ctx.config)
        except LeadershipOSError as exc:
            _report(ctx, m.id, "body", f"would fail: {exc}")
            out.append(Delivery(m.id, "failed", f"would fail: {exc}"))
            continue
        provider = providers[m.channel or "Email"].name
        changes.append((m, {"status": "Sent", "sent_at": ctx.now, "provider_id": f"shadow:{provider}"}))
        out.append(Delivery(m.id, "shadow", f"would send via {provider}"))
    store.write(changes)  # the gateway records these as intended writes in the run
    return out


def _send_held(
    ctx: JobContext,
    store: MessageStore,
    held: list[Message],
    providers: dict[str, Provider],
    blocked: dict[str, str] | None = None,
    *,
    moved: dict[str, str] | None = None,
    not_before: float | None = None,
) -> list[Delivery]:
    """Send what we hold; every held message ends Sent, Failed, Cancelled (`blocked`: who may not receive
    it, and why), released (Approved) or, when the provider may have taken it, Sending with the reason
    (reconciled from provider events or surfaced). `moved`: messages that go to their client's address now
    (written with the Sent). `not_before`: the results are written no earlier than this time.monotonic() (a
    claim held from its create; deliver_claimed)."""
    out: list[Delivery] = []
    results: list[tuple[Message, dict[str, Any]]] = []
    blocked, moved = blocked or {}, moved or {}
    try:
        for m in held:
            if m.id in blocked:
                results.append((m, {**cancelled_fields(blocked[m.id]), "claim_token": None}))
                out.append(Delivery(m.id, "cancelled", blocked[m.id]))
                continue
            if ctx.time_left() < SEND_RESERVE_S:
                results.append((m, claiming.release_fields()))
                out.append(Delivery(m.id, "skipped", "time budget; released for the next run"))
                continue
            out.append(_send_one(ctx, m, providers[m.channel or "Email"], results, moved.get(m.id)))
    finally:
        if results and not_before is not None:
            time.sleep(max(0.0, not_before - time.monotonic()))
        written = {r.id: r for r in store.write(results)}
    return [replace(d, record=written.get(d.message_id)) for d in out]


def _send_one(
    ctx: JobContext,
    m: Message,
    provider: Provider,
    results: list[tuple[Message, dict[str, Any]]],
    recipient: str | None = None,
) -> Delivery:
    """`recipient`: the address it goes to instead of the one it was drafted for (recorded with Sent)."""
    try:
        envelope = envelope_for(
            m.model_copy(update={"recipient": recipient}) if recipient else m, ctx.settings, ctx.config
        )
    except ConfigError:
        results.append((m, claiming.release_fields()))  # not sent: give it back, stop the batch
        raise
    except Exception as exc:  # e.g. the coach's edited text could not be rendered: nothing left
        reason = f"could not be prepared: {exc}"
        results.append((m, {"status": "Failed", "error": reason}))
        _report(ctx, m.id, "Failed", reason)
        return Delivery(m.id, "failed", reason)
    try:
        accepted = provider.send(envelope, ctx.deadline - 1.0)
    except ProviderError as exc:
        if isinstance(exc, OutcomeUnknown):
            reason = f"{exc.reason}. Left in Sending: check the provider before sending again."
            results.append((m, {"error": reason}))
            _report(ctx, m.id, "Sending", reason)
            return Delivery(m.id, "unknown", reason)
        results.append((m, {"status": "Failed", "error": exc.reason}))
        _report(ctx, m.id, "Failed", exc.reason)
        return Delivery(m.id, "failed", exc.reason)
    except Exception as exc:  # the provider may have taken it: never resend blindly
        reason = (
            f"{provider.name}: unexpected {type(exc).__name__}: {exc}. Left in Sending: check the provider."
        )
        log.exception("message %s: provider %s raised", m.id, provider.name)
        results.append((m, {"error": reason}))
        _report(ctx, m.id, "Sending", reason)
        return Delivery(m.id, "unknown", reason)
    sent = {
        "status": "Sent",
        "sent_at": datetime.now(UTC),
        "provider_id": accepted.provider_id,
        "error": None,
        **({"recipient": recipient} if recipient else {}),
    }
    results.append((m, sent))
    log.info("message %s sent via %s (%s)", m.id, accepted.provider, accepted.provider_id)
    return Delivery(m.id, "sent", accepted.provider, accepted.provider_id)


def _report(ctx: JobContext, record_id: str, value: str, reason: str) -> None:
    """Into the run record (Automation Runs): the message id and the provider's reason, no content."""
    ctx.run.report(RecordProblem("messages", record_id, "status", value, reason))
