"""compose(): render a Draft, decide who may receive it, store it in Messages, send it if it may go now."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation.airtable.writes import BATCH
from automation.errors import BadRequest, ConfigError
from automation.leads.contact import one_mailbox
from automation.messages import claim as claiming
from automation.messages import tokens
from automation.messages.delivery import SEND_RESERVE_S, deliver, deliver_claimed, report_abandoned
from automation.messages.draft import LINK_KEYS, Draft
from automation.messages.eligibility import block_reason, normalise, to_the_business
from automation.messages.envelope import is_marketing
from automation.messages.render import render
from automation.messages.store import MessageStore, at_mailbox
from automation.parallel import together
from schema.tables import CLAIM_QUEUED

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Client, Lead, Message, Record

log = logging.getLogger(__name__)

# A claim whose fresh read is an earlier read (`about`): the time its upsert has to be answered in (or
# half the settle time, if that is less).
CLAIM_WRITE_ROOM_S = 0.5
LINK_OF_TABLE = {f"{key}s": key for key in LINK_KEYS}  # "leads" -> "lead": the draft's link to a record


def compose(
    ctx: JobContext,
    draft: Draft,
    *,
    send: bool = True,
    known_leads: list[Lead] | None = None,
    new_key: bool = False,
    defer: bool = False,
    about: Record | None = None,
    absent_since: float | None = None,
) -> Message:
    """Write (or update) the message with draft.dedupe_key and return it as stored.

    * A message with this key that is already past Draft (Approved, Sending, Sent, Failed, Cancelled) is
      returned unchanged: composing again never re-sends and never revives.
    * An email to someone who may not receive it is stored Cancelled with the reason in Error.
    * Kinds in settings.messages.auto_send_kinds are stored Approved and delivered now (unless Paused, in
      Shadow, or Send After is later); every other kind waits as Draft for the coach.
    * send=False leaves an auto-send message Approved for the caller to `deliver(ctx, [...])` together
      with others: one claim (and one settle wait) for the whole batch instead of one per message.
    * known_leads: every lead with the recipient's address, read by the caller in this invocation (the
      duplicate search). A message that will wait as Draft is screened on them instead of reading the same
      leads again; it is screened on a fresh read when it is sent. Ignored for a kind sent now, and when a
      linked lead is not among them.
    * new_key: the caller knows no message can have this dedupe key yet (its key names a record created
      moments ago that no message links to): the dedupe-key read is skipped.
    * about: the record the message is about, as the caller's runner visit read it. When that read shows
      it linked to no message, and the draft links it, no message with this key existed when the read
      was sent: a message to send now, unscreened, skips its dedupe-key read and is claimed in its
      upsert with that read as the claim's fresh read, if the read is young enough (claim.py). Inside a
      runner's run, a message claimed in its upsert is sent by the runner when its automations' writes are
      done (the settle time runs meanwhile); the Message returned is then Sending.
    * absent_since: a moment (time.monotonic) at which the caller has proved that no message with this
      key existed, by other means than `about` (deals.client_for): used as `about`'s read is.
    * defer: inside a runner visit, a message that waits (Draft, or Cancelled) is written with the visit's
      next Messages upsert or when its automations are done, not on its own; the Message returned then
      has no id yet. For callers that do not use the record they get back.
    """
    store = MessageStore(ctx.gateway)
    auto = draft.kind in ctx.settings.messages.auto_send_kinds
    # A message sent now and unscreened is claimed in its upsert, its one dedupe-key read standing in for
    # the claim's fresh read (claim.py): read_at is when that read left.
    claims = send and auto and not new_key and _claims_at_once(ctx, draft)
    read_at: float | None = None
    unscreened = to_the_business(ctx.settings, draft.kind, draft.channel, draft.recipient)
    if (
        claims
        and (unscreened or draft.channel != "Email")
        and (about is not None or absent_since is not None)
    ):
        read_at = _proved_absent(ctx, store, draft, about, absent_since)
        new_key = read_at is not None
    if unscreened:
        # The coach's own notices and reports: nobody to screen (no lead or client opts her out of them).
        if read_at is None:
            read_at = _ready(store) if claims else None
        existing = None if new_key else store.by_dedupe_key(draft.dedupe_key)
        leads, clients = [], []
    elif draft.channel == "Email":
        # The three reads are independent: together they cost one request time instead of three. The
        # people reads are wasted only when the message is already past Draft (a replay).
        if _can_reuse(ctx, draft, known_leads):
            # A draft for leads in hand waits for the coach and is screened again, on leads and clients
            # read fresh, when it is sent: here the leads are enough (a client with the same address who
            # opted out is caught then), so Clients is read only for a draft that links a client.
            leads = list(known_leads or [])
            existing, clients = together(
                lambda: None if new_key else store.by_dedupe_key(draft.dedupe_key),
                lambda: (
                    store.clients_matching([draft.recipient], draft.link_ids("client"))
                    if draft.link_ids("client")
                    else []
                ),
            )
        else:
            existing, leads, clients = together(
                lambda: None if new_key else store.by_dedupe_key(draft.dedupe_key),
                lambda: store.leads_matching([draft.recipient], draft.link_ids("lead")),
                lambda: store.clients_matching([draft.recipient], draft.link_ids("client")),
            )
    else:
        if read_at is None:
            read_at = _ready(store) if claims else None
        existing = None if new_key else store.by_dedupe_key(draft.dedupe_key)
        leads, clients = [], []  # no email: nobody to screen
    fields = decide(ctx, draft, existing, leads, clients)
    if fields is None:
        return existing
    status = fields.get("status")
    token = None
    if status == "Approved" and read_at is not None:
        # Stored as Sending with a claim token: two calls fewer than storing it Approved, then claiming it.
        token = claiming.new_token()
        fields |= {"status": "Sending", "claim_token": token, "claimed_at": datetime.now(UTC)}
    if defer and status != "Approved" and ctx.pending_messages is not None:
        from automation.models import Message

        ctx.pending_messages.append(fields)
        return Message.model_validate({"id": "", **fields})
    along: list[dict[str, Any]] = []
    if ctx.pending_messages:  # deferred drafts of this visit go in the same request
        along, ctx.pending_messages = ctx.pending_messages, []
    message, created = store.save(fields, along=along)
    if token is not None and read_at is not None:
        acked = time.monotonic()
        if acked - read_at >= ctx.settings.messages.claim_settle_s:
            report_abandoned(ctx, message.id)
            return message
        if not created and (existing is None or existing.id != message.id):
            # Not the message we read (absent, or a Draft since deleted), there when we wrote: another
            # delivery created it meanwhile and holds it (claim.py, "created"), or our own retried upsert
            # did (then it is surfaced as stuck).
            log.info("message %s: created by another delivery at the same moment; not ours", message.id)
            return message
        if (about is not None or absent_since is not None) and ctx.pending_claims is not None:
            ctx.pending_claims.append((message, token, acked, created))  # sent by the runner, last
            return message
        delivered = deliver_claimed(ctx, message, token, acked_at=acked, created=created)
        done = [d.record for d in delivered if d.record is not None]
        return done[0] if done else message
    if status == "Approved" and send:
        done = [d.record for d in deliver(ctx, [message]) if d.record is not None]
        return done[0] if done else message
    return message


def decide(
    ctx: JobContext, draft: Draft, existing: Message | None, leads: list[Lead], clients: list[Client]
) -> dict[str, Any] | None:
    """The row to upsert for `draft`, given the message with its key (`existing`) and the leads and clients
    that share its recipient's mailbox or that it links (none for a message nobody is screened for); None
    when `existing` stands as it is (past Draft, or a Draft the coach has edited)."""
    if existing is not None and existing.status not in (None, "Draft"):
        return None
    if existing is not None and edited_by_coach(existing):
        return None  # composing again never overwrites the coach's edits to a waiting draft
    reason, unsubscribe_url = None, None
    if draft.channel == "Email":
        marketing = is_marketing(draft.kind, draft.channel, ctx.settings)
        reason = block_reason(
            draft.recipient,
            leads=leads,
            clients=clients,
            linked_leads=draft.link_ids("lead"),
            linked_clients=draft.link_ids("client"),
            marketing=marketing,
        )
        if marketing:
            draft = _with_person_link(draft, leads, clients)
            unsubscribe_url = _unsubscribe_url(ctx, draft)
    rendered = render(
        draft.template,
        draft.data,
        channel=draft.channel,
        subject=draft.subject,
        recipient_name=draft.recipient_name,
        settings=ctx.settings,
        unsubscribe_url=unsubscribe_url,
    )
    auto = draft.kind in ctx.settings.messages.auto_send_kinds
    status = "Cancelled" if reason else ("Approved" if auto else "Draft")
    fields: dict[str, Any] = {
        "title": (draft.title or f"{draft.kind}: {draft.subject}")[:250],
        "kind": draft.kind,
        "channel": draft.channel,
        "recipient": draft.recipient.strip(),
        "recipient_name": draft.recipient_name,
        "subject": rendered.subject,
        "body": rendered.text,
        "body_html": rendered.html,
        "generated_body": rendered.text,
        "status": status,
        "dedupe_key": draft.dedupe_key,
        "send_after": draft.send_after,
        "error": f"Not sent: {reason}" if reason else None,
        **({"invitation": draft.invitation} if draft.invitation else {}),
        **draft.link_fields(),
    }
    if existing is None:
        fields["created_at"] = ctx.now
    elif status == "Draft" and existing.status == "Draft":
        # Updating a waiting draft leaves its Status alone: the coach may have approved it since it was read
        # (another automation composing the same key a moment later must not put it back to Draft).
        del fields["status"]
    if status == "Approved":
        # Ours to deliver (by compose now, the caller's batch or send-due; compose may claim it in its
        # upsert instead): the coach's Airtable Automation "Status is Approved" skips it, so it costs no
        # trigger call racing our own claim.
        fields["claim_token"] = CLAIM_QUEUED
    return fields


def compose_many(ctx: JobContext, drafts: Sequence[Draft]) -> list[Message | Exception]:
    """compose(ctx, draft, send=False) for each draft, for a caller that delivers them together
    (`deliver(ctx, [...])`), in a few calls instead of about four a draft: one Messages read for every
    dedupe key, one Leads and one Clients read for every recipient screened (and every linked lead and
    client), then the upserts ten a request. Each draft is decided as compose decides it (`decide`),
    screened on the people of ITS address and ITS links only (one opted-out recipient blocks only her
    email). Results in the drafts' order; a draft that could not be composed has its exception in its
    place, so one draft's problem costs only that draft (as compose in a try does). Two drafts with one
    key make one message: the later is decided on the earlier as written, as composing them in turn does.
    """
    from automation.models import Message

    if not drafts:
        return []
    store = MessageStore(ctx.gateway)
    screened = [
        d
        for d in drafts
        if d.channel == "Email" and not to_the_business(ctx.settings, d.kind, d.channel, d.recipient)
    ]
    try:
        found, leads, clients = together(
            lambda: store.by_dedupe_keys(d.dedupe_key for d in drafts),
            lambda: store.leads_matching(
                [d.recipient for d in screened], [i for d in screened for i in d.link_ids("lead")]
            ),
            lambda: store.clients_matching(
                [d.recipient for d in screened], [i for d in screened for i in d.link_ids("client")]
            ),
        )
    except Exception as exc:  # every draft needed these reads: each fails as its own compose would have
        return [exc] * len(drafts)
    out: list[Message | Exception | None] = [None] * len(drafts)
    rows: dict[str, dict[str, Any]] = {}  # dedupe key -> the row to upsert (a later same-key draft merged)
    wait: dict[int, str] = {}  # draft index -> the key whose written message it returns
    now: dict[str, Message] = dict(found)  # each key's message as the drafts so far leave it
    screened_ids = {id(d) for d in screened}
    for i, draft in enumerate(drafts):
        key = draft.dedupe_key
        try:
            if id(draft) in screened_ids:
                fields = decide(ctx, draft, now.get(key), _theirs(leads, draft, "lead"),
                                _theirs(clients, draft, "client"))  # fmt: skip
            else:
                fields = decide(ctx, draft, now.get(key), [], [])
        except Exception as exc:
            out[i] = exc
            continue
        if fields is None and key not in rows:
            out[i] = now[key]  # as read: past Draft, or edited by the coach
            continue
        if fields is not None:
            before = now.get(key)
            rows[key] = {**rows.get(key, {}), **fields}  # the earlier draft's Created At and Status stay
            now[key] = Message.model_validate(
                {"id": before.id if before else "", **({"status": before.status} if before else {}), **fields}
            )
        wait[i] = key
    along: list[dict[str, Any]] = []
    if ctx.pending_messages:  # deferred drafts of a runner visit go in the same requests, as compose's do
        along, ctx.pending_messages = ctx.pending_messages, []
    saved = _save_rows(store, [*along, *rows.values()])
    for i, key in wait.items():
        written = saved.get(key)
        out[i] = written if written is not None else BadRequest(f"message {key}: the write was refused")
    return [x if x is not None else BadRequest("not composed") for x in out]


def _theirs(people: list[Any], draft: Draft, link: str) -> list[Any]:
    """The people of one draft among those read for many: its recipient's mailbox, or linked by it (as
    compose's own read finds them)."""
    linked, same = set(draft.link_ids(link)), at_mailbox([draft.recipient])
    return [p for p in people if p.id in linked or same(p.email)]


def _save_rows(store: MessageStore, rows: list[dict[str, Any]]) -> dict[str, Message | Exception]:
    """Upsert the rows ten a request; each key -> its message as written, or the exception its request
    raised (a request that fails costs only its own rows). A row Airtable refused (422) is reported by the
    gateway and absent."""
    saved: dict[str, Message | Exception] = {}
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        try:
            saved.update((m.dedupe_key, m) for m in store.save_many(chunk) if m.dedupe_key)
        except Exception as exc:
            saved.update((r["dedupe_key"], exc) for r in chunk)
    return saved


def _ready(store: MessageStore) -> float:
    """Before a dedupe-key read that a claiming upsert follows: room for both calls (pacing between them
    would spend the claim's settle time), and the moment the read leaves."""
    store.make_room(2)
    return time.monotonic()


def _proved_absent(
    ctx: JobContext, store: MessageStore, draft: Draft, about: Record | None, absent_since: float | None
) -> float | None:
    """When the read was sent that proves no message with the draft's key exists (`about`, which the draft
    links, linked to no message; or the caller's `absent_since`, the later of the two), if it can stand in
    for the claim's fresh read: the upsert must be answered less than claim_settle_s after that read left,
    so it must leave, after the pacer's wait, with at least CLAIM_WRITE_ROOM_S (or half of claim_settle_s)
    to spare. None: read the dedupe key as usual."""
    from automation.events.runner import unlinked_since

    linked = draft.link_ids(LINK_OF_TABLE.get(type(about).TABLE.key, "")) if about is not None else []
    sent = unlinked_since(ctx, about) if about is not None and about.id in linked else None
    sent = max((t for t in (sent, absent_since) if t is not None), default=None)
    if sent is None:
        return None
    store.make_room(1)
    settle = ctx.settings.messages.claim_settle_s
    young = time.monotonic() - sent < settle - min(CLAIM_WRITE_ROOM_S, settle / 2)
    return sent if young else None


def _claims_at_once(ctx: JobContext, draft: Draft) -> bool:
    """A message to send now may be claimed in its upsert when it goes unscreened, now, in Live mode, with
    the time to wait out the claim and send, to a provider that is configured."""
    from automation.messages.providers import provider_for

    if ctx.run.mode != "Live" or (draft.send_after is not None and draft.send_after > ctx.now):
        return False
    if ctx.time_left() < ctx.settings.messages.claim_settle_s + SEND_RESERVE_S:
        return False
    try:
        provider_for(draft.channel or "Email", ctx.config)
    except ConfigError:
        return False  # the ordinary path stores it Approved and reports the configuration problem
    return True


def edited_by_coach(message: Message) -> bool:
    """The body differs from the body as drafted: the coach has changed it."""
    if message.generated_body is None:
        return False
    return (message.body or "").strip() != message.generated_body.strip()


def _can_reuse(ctx: JobContext, draft: Draft, known_leads: list[Lead] | None) -> bool:
    """The caller's leads stand in for the read only for a message that waits as Draft (screened again,
    fresh, when sent), and only if they hold every linked lead and are the recipient's mailbox (the caller
    read every lead with it, in any spelling: duplicates.leads_by_address)."""
    if known_leads is None or draft.kind in ctx.settings.messages.auto_send_kinds:
        return False
    if not all(one_mailbox(x.email, draft.recipient) for x in known_leads):
        return False
    return set(draft.link_ids("lead")) <= {x.id for x in known_leads}


def _with_person_link(draft: Draft, leads: list[Lead], clients: list[Client]) -> Draft:
    """A marketing email must name whom its unsubscribe link unsubscribes: link the lead by address (this
    very spelling first, else another spelling of its mailbox)."""
    if draft.link_ids("lead") or draft.link_ids("client"):
        return draft
    addr = normalise(draft.recipient)

    def ranked(people: list[Any]) -> list[Any]:
        same = [x for x in people if one_mailbox(x.email, addr)]
        return sorted(same, key=lambda x: normalise(x.email) != addr)

    lead = next(iter(ranked(leads)), None)
    if lead is not None:
        return draft.model_copy(update={"links": {**draft.links, "lead": [lead.id]}})
    client = next(iter(ranked(clients)), None)
    if client is not None:
        return draft.model_copy(update={"links": {**draft.links, "client": [client.id]}})
    raise BadRequest(f"a {draft.kind} email needs a lead or client (link one, or use a known address)")


def _unsubscribe_url(ctx: JobContext, draft: Draft) -> str:
    secret = ctx.config.app_secret.get_secret_value() if ctx.config.app_secret else None
    if draft.link_ids("lead"):
        token = tokens.make_token(secret, "leads", draft.link_ids("lead")[0])
    else:
        token = tokens.make_token(secret, "clients", draft.link_ids("client")[0])
    return tokens.unsubscribe_url(ctx.config.public_base_url, token)
