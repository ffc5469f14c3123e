"""The session-notes automations: draft when a session is Completed with Raw Notes (or its notes change
while Pending/Drafted), withdraw the waiting notes of a drafted session that is no longer Completed, mark
the notes Sent when the coach's approved email goes, keep the Leadership Models' usage current, and a
daily catch-up for sessions a busy ping left over.

Thin shells: read what the rules need in one overlapped batch, call the drafter and the pure writers in
writes.py, write in batches. Note content never goes to logs or run records: only record ids and counts.
"""

from __future__ import annotations

import difflib
from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING, Any

from automation.errors import RecordProblem
from automation.events.runner import EDITED_BY
from automation.messages import after_send, compose
from automation.models import ActionItem, Associate, Client, LeadershipModel, Message, Session
from automation.parallel import together
from automation.registry import Automation, CronJob, Update
from automation.schedule.completion import completion
from automation.sessions import usage, writes
from automation.sessions.draft import ModelRef, NotesInput
from automation.sessions.drafting import draft_notes

if TYPE_CHECKING:
    from automation.context import JobContext

DRAFT_TRIGGERS = frozenset({"status", "raw_notes"})
DRAFT_WRITES = frozenset(
    {"notes_summary", "key_outcomes", "next_topics", "notes_receipts", "leadership_models", "notes_status",
     "prompt_version"}
)  # fmt: skip
CLIENT_FIELDS = ["name", "email", "ai_consent", "last_session", "notes_summary", "time_zone"]
MODEL_FIELDS = ["title", "aliases", "active", "sessions", "usage_count", "last_used", "effectiveness"]


def _day(ctx: JobContext, value: Any) -> date | None:
    return value.astimezone(ctx.tz).date() if value is not None else None


def notes_author(editor: str | None, associates: list[Associate]) -> str:
    """Who wrote the notes ("I" in them): the session's associate when the change that brought the notes
    was made by that associate's Airtable user (the webhook payload says who); otherwise the lead coach,
    including when it is not known (a catch-up run, an import)."""
    emails = {(a.email or "").strip().lower() for a in associates if a.email}
    return "associate" if editor and editor.strip().lower() in emails else "coach"


def _notes_editor(edited: tuple[str, frozenset[str] | None] | None) -> str | None:
    """The person whose change brought these notes: only when that change touched Raw Notes."""
    if edited is None:
        return None
    by, fields = edited
    return by if fields is None or "raw_notes" in fields else None


def draft_session_notes(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """Notes Summary, Key Outcomes, Next Topics, Receipts, model links, Notes Status Drafted; the action
    items; the client's Notes Summary and Last Session; the notes email as a Draft for the coach."""
    waiting = [
        Update(s, {"notes_status": "Pending"})
        for s in sessions
        if s.status == "Completed" and not (s.raw_notes or "").strip() and s.notes_status is None
    ]  # completed without notes yet: the coach sees it waiting for her notes
    withdrawn = [s for s in sessions if s.status != "Completed" and s.notes_status == "Drafted"]
    if withdrawn:
        waiting += withdraw_notes(ctx, withdrawn)
    todo = [s for s in sessions if writes.needs_draft(s)]
    if not todo:
        return waiting
    gw = ctx.gateway
    client_ids = [s.client[0] for s in todo if s.client]
    associate_ids = [s.associate[0] for s in todo if s.associate]
    item_ids = [i for s in todo for i in s.action_items]
    clients, models, associates, items = together(
        lambda: gw.get_many(Client, client_ids, fields=CLIENT_FIELDS),
        lambda: gw.all(LeadershipModel, fields=MODEL_FIELDS),
        lambda: gw.get_many(Associate, associate_ids, fields=["name", "email"]) if associate_ids else [],
        lambda: gw.get_many(ActionItem, item_ids) if item_ids else [],
    )
    ctx.visit_reads[usage.MODELS_READ] = {m.id: m for m in models}  # model-usage runs next on the same visit
    clients_by = {c.id: c for c in clients}
    associates_by = {a.id: a for a in associates}
    # Who typed the notes, from the payloads of this visit (the person behind the latest change). A visit
    # whose change did not touch Raw Notes says nothing about their author. Known limit: a visit that lists
    # an older payload while the record already holds newer notes typed by someone else attributes them to
    # the older change's person (two people editing one session within seconds).
    editors = ctx.visit_reads.get((EDITED_BY, "sessions"), {})
    catalog = tuple(
        ModelRef(m.title, tuple(a.strip() for a in (m.aliases or "").split(",") if a.strip()))
        for m in models
        if m.title and m.active is not False
    )
    out: list[Update] = list(waiting)
    drafted_sessions: list[tuple[Session, dict[str, Any], list[ActionItem]]] = []
    upserts: list[dict[str, Any]] = []
    cancels: list[tuple[ActionItem, dict[str, Any]]] = []
    visible = ctx.settings.notes.client_visible_owners
    latest: dict[str, tuple[date, Update]] = {}  # per client: the newest session's summary of this visit
    for n, session in enumerate(todo):
        if ctx.time_left() < ctx.settings.notes.rules_reserve_s:
            for left in todo[n:]:
                out.append(Update(left, {"notes_status": "Pending"}))
                ctx.run.report(RecordProblem("sessions", left.id, "raw_notes", None, "left for the catch-up"))
            break
        client = clients_by.get(session.client[0]) if session.client else None
        if client is None:
            ctx.run.report(
                RecordProblem("sessions", session.id, "client", None, "no client: notes not drafted")
            )
            continue
        day = _day(ctx, session.session_date) or ctx.today()
        associate_names = tuple(
            a.name for i in session.associate if (a := associates_by.get(i)) is not None and a.name
        )
        inp = NotesInput(
            raw_notes=session.raw_notes or "",
            session_date=day,
            client_name=client.name or "",
            coach_name=ctx.settings.general.coach_name,
            next_session=_day(ctx, session.next_session),
            associate_names=associate_names,
            models=catalog,
            time_zone=ctx.settings.general.time_zone,
            author=notes_author(
                _notes_editor(editors.get(session.id)),
                [a for i in session.associate if (a := associates_by.get(i))],
            ),
        )
        drafted = draft_notes(ctx, inp, bool(client.ai_consent), session.id)
        draft = drafted.draft
        mine = [i for i in items if session.id in i.session]
        iw = writes.item_writes(session, client.id, draft, mine, ctx.today(), visible)
        upserts += iw.upserts
        cancels += iw.updates
        fields = writes.session_fields(
            draft, inp.raw_notes, writes.model_ids(draft, models), current=session, item_keys=iw.keys
        )
        out.append(Update(session, fields))
        drafted_sessions.append((session, fields, mine))
        draft = writes.as_kept(draft, session)  # her own summary, outcomes, topics where she wrote them
        client_update = writes.client_fields(client, day, draft)
        if client_update and (client.id not in latest or latest[client.id][0] <= day):
            latest[client.id] = (day, Update(client, client_update))
        # The client's session was with its associate (her reminders said so): the recap is from her.
        signer = associate_names[0] if associate_names else None
        email = writes.notes_email(
            session,
            client,
            draft,
            day,
            visible,
            signed_by=signer,
            business_zone=ctx.settings.general.time_zone,
        )
        if email is None:
            why = "no email" if not (client.email or "").strip() else "Email is not an email address"
            problem = RecordProblem("clients", client.id, "email", None, f"{why}: notes email not drafted")
            ctx.run.report(problem)
        else:
            compose(ctx, email)
        ctx.run.add_metric("notes.drafted", 1)
    out += [u for _, u in latest.values()]
    written = gw.upsert(ActionItem, upserts, merge_on=["source_key"]) if upserts else []
    if cancels:
        gw.update(ActionItem, cancels)
    # Our own item writes come back as echoes, which start no automation: Completion % of the session is
    # set here, from what was just written (no read), else it stays empty or stale until she edits an item.
    for session, fields, mine in drafted_sessions:
        _set_completion(session, fields, mine, written, cancels)
    return out


def _set_completion(
    session: Session,
    fields: dict[str, Any],
    before: list[ActionItem],
    written: list[ActionItem],
    changes: list[tuple[ActionItem, dict[str, Any]]],
) -> None:
    """Completion % of a session after its items were written: `before` its items as read, `written`
    the records the upsert returned, `changes` the updates sent (a Cancelled status)."""
    now = {i.id: i for i in before}
    for item, change in changes:
        if item.id in now:
            now[item.id] = item.model_copy(update=change)
    now.update({i.id: i for i in written if session.id in i.session})
    value = completion(list(now.values()))
    current = None if session.completion is None else round(float(session.completion), 4)
    if value != current:
        fields["completion"] = value


def withdraw_notes(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """Drafted sessions no longer Completed (Cancelled, No-show, back to Scheduled): the notes email still
    waiting as a Draft is Cancelled, and so are the drafted action items nobody has touched; Notes Status
    goes back to Pending, so completing the session again drafts again (the items come back; the email
    stays Cancelled until the coach puts it back to Draft). An email already approved or sent, and the
    coach's edits, stand."""
    from automation.messages.store import MessageStore

    gw = ctx.gateway
    store = MessageStore(gw)
    item_ids = [i for s in sessions for i in s.action_items]
    items, messages = together(
        lambda: gw.get_many(ActionItem, item_ids) if item_ids else [],
        lambda: [m for s in sessions if (m := store.by_dedupe_key(f"{s.id}:notes")) is not None],
    )
    cancels = [
        c for s in sessions for c in writes.withdrawn_items(s, [i for i in items if s.id in i.session])
    ]
    drafts = [
        (m, {"status": "Cancelled", "error": "Not sent: the session is no longer Completed"})
        for m in messages
        if m.status in (None, "Draft")
    ]
    if cancels:
        gw.update(ActionItem, cancels)
    if drafts:
        store.write(drafts)
    ctx.run.add_metric("notes.withdrawn", len(sessions))
    out = []
    for s in sessions:
        fields: dict[str, Any] = {"notes_status": "Pending"}
        _set_completion(s, fields, [i for i in items if s.id in i.session], [], cancels)
        out.append(Update(s, fields))
    return out


def mark_notes_sent(ctx: JobContext, messages: list[Message]) -> None:
    """A sent notes email: its session's Notes Status Sent and Notes Sent; the coach's edit ratio."""
    sessions = []
    ratios = []
    for m in messages:
        for sid in m.session:
            stub = Session(id=sid)
            stub._loaded = frozenset()  # nothing read: every field given is written
            sessions.append((stub, {"notes_status": "Sent", "notes_sent": True}))
        if m.generated_body is not None:
            ratio = edit_ratio(m.generated_body, m.body or "")
            ratios.append((m, {"edit_ratio": ratio}))
            ctx.run.add_metric("notes.sent", 1)
            ctx.run.add_metric("notes.edited", 1 if ratio > 0 else 0)
            ctx.run.add_metric("notes.edit_ratio_sum", ratio)
    if ratios:  # first, so a session that says Sent has its edit ratio recorded
        ctx.gateway.update(Message, ratios)
    if sessions:
        ctx.gateway.update(Session, sessions)


def edit_ratio(generated: str, final: str) -> float:
    """Share of the drafted text the coach changed: 0 untouched, 1 rewritten (difflib's similarity)."""
    a, b = generated.strip(), final.strip()
    if a == b:
        return 0.0
    return round(1 - difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)


def catch_up(ctx: JobContext) -> dict[str, Any]:
    """Draft the Completed sessions a busy ping left Pending (or that never got a draft)."""
    from pyairtable import formulas as F  # lazily: pyairtable's formulas cost a cold start's import time

    gw = ctx.gateway
    notes_status = gw.ref(Session, "notes_status")
    # Only recent sessions: a base with history holds hundreds of Completed sessions whose notes were typed
    # before Leadership OS and never drafted; drafting them would email each client notes (and create
    # action items, long overdue) about sessions of a year ago. A ping left Pending is days old at most.
    since = ctx.now.astimezone(UTC) - timedelta(days=ctx.settings.notes.catch_up_days)
    formula = F.AND(
        F.EQ(gw.ref(Session, "status"), "Completed"),
        F.NE(gw.ref(Session, "raw_notes"), F.BLANK()),
        F.OR(F.EQ(notes_status, F.BLANK()), F.EQ(notes_status, "Pending")),
        F.IS_AFTER(gw.ref(Session, "session_date"), F.DATETIME_PARSE(since.strftime("%Y-%m-%dT%H:%M:%SZ"))),
    )
    sessions = gw.all(Session, formula=formula)
    updates = draft_session_notes(ctx, sessions)
    by_table: dict[type, list[tuple[Any, dict[str, Any]]]] = {}
    for u in updates:
        by_table.setdefault(type(u.record), []).append((u.record, u.fields))
    for model, rows in by_table.items():
        ctx.gateway.update(model, rows)
    models = usage.refresh_all(ctx) if ctx.time_left() > 5 else 0
    return {
        "sessions": len(sessions),
        "drafted": int(ctx.run.metrics.get("notes.drafted", 0)),
        "models": models,
    }


after_send.on_sent("Session Notes", mark_notes_sent)

AUTOMATIONS = [
    Automation(
        name="draft-session-notes",
        table="sessions",
        triggers=DRAFT_TRIGGERS,
        writes=DRAFT_WRITES,
        handler=draft_session_notes,
        on_create=True,
        description="Completed with Raw Notes: notes drafted, action items created, the notes email waits.",
    ),
    Automation(
        name="model-usage",
        table="sessions",
        triggers=frozenset({"leadership_models", "satisfaction", "status", "session_date"}),
        writes=frozenset(),
        handler=usage.refresh_model_usage,
        on_create=False,
        description="Leadership Models: Usage Count, Last Used, Effectiveness from the sessions using them.",
    ),
]

CRON_JOBS = [
    CronJob(
        name="notes-catch-up",
        schedule="20 6 * * *",
        handler=catch_up,
        description="Draft notes of Completed sessions left Pending by a busy ping.",
    )
]
