"""Runs the catalog's automations on records: read once per table, dependents in the same invocation.

Per table: read the concerned records once, run each automation (dependency order) on the records whose
trigger fields changed (or that were created), feed each one's updates to the next in memory, then write
the merged updates in one diff-aware `gw.update` (10 records a request). Updates an automation returns for
records of another table (or other records) are written after, and that table's automations then run on
them with the written fields as "changed" (a bounded cascade). A failing automation costs only the records
it failed on: the batch is split to find them, each is reported, the rest is written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from automation.errors import AirtableError, ConfigError, RecordProblem
from automation.models import MODELS, Record
from automation.registry import PREFETCHED, Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)

MAX_ROUNDS = 6  # table visits per invocation: bounds a cross-table cascade
PREFETCH_MAX_RECORDS = 10  # beyond this, a combined formula gets long: plain reads instead
# A queued table visit: table, touches, records in hand, updates carried from another table's automations.
_Visit = tuple[str, dict[str, "Touch"], dict[str, Record], dict[str, tuple[Record, dict[str, Any]]]]
EDITED_BY = "edited by"  # ctx.visit_reads[EDITED_BY, table]: record id -> (who changed it, fields changed)
CREATED = "created"  # ctx.visit_reads[CREATED, table]: the records the payloads say were just created
READ_AT = "read at"  # ctx.visit_reads[READ_AT, table]: record id -> when this visit's read of it was sent
CHANGED_AT = "changed at"  # ctx.visit_reads[CHANGED_AT, table]: record id -> field key -> when it changed


def unlinked_since(ctx: JobContext, record: Record) -> float | None:
    """When the read was sent (time.monotonic) that shows `record`, read by this visit, linked to no
    message; None when it links one, or when this visit did not read it. At that moment no message about
    the record existed: a message links the records it is about (compose uses it as a claim's fresh read)."""
    if getattr(record, "messages", None) or "messages" not in type(record).model_fields:
        return None
    return ctx.visit_reads.get((READ_AT, type(record).TABLE.key), {}).get(record.id)


def changed_at(ctx: JobContext, record: Record, key: str) -> datetime | None:
    """When the person changed field `key` of `record`, as the webhook payload says; None when this visit
    has no payload time for it (a trigger call, a catch-up run, a change made in memory by an automation)."""
    return ctx.visit_reads.get((CHANGED_AT, type(record).TABLE.key), {}).get(record.id, {}).get(key)


def just_created(ctx: JobContext, record: Record) -> bool:
    """The webhook payload this visit runs on says `record` was just created: nothing links to it yet, so
    reads for records pointing at it (messages, deals, duplicates) cannot find anything."""
    return record.id in ctx.visit_reads.get((CREATED, type(record).TABLE.key), ())


# Tables whose failed records the run names by their primary field: the daily brief reads no Deals, and a
# deal's name is the business's, not a person's (Automation Runs keep ids, never client content: a client's,
# lead's or session's name stays in its table, where the brief reads it).
NAMED_IN_RUNS = frozenset({"deals"})


def primary_name(record: Record) -> str | None:
    """The record's primary field when it is text (a deal's Deal Name) and its table is named in runs, for
    the run record: the daily brief names a failed record by it without reading that table."""
    if type(record).TABLE.key not in NAMED_IN_RUNS:
        return None
    value = getattr(record, type(record).TABLE.primary.key, None)
    return (value.strip() or None) if isinstance(value, str) else None


@dataclass(frozen=True)
class Touch:
    """What happened to one record: created, and which field keys changed (None: treat every field as new)."""

    created: bool = False
    fields: frozenset[str] | None = frozenset()
    cells: dict[str, Any] | None = field(default=None, compare=False)  # the payload's values, by key
    by: str | None = field(default=None, compare=False)  # email of the person who made the change
    destroyed: bool = False  # deleted: nothing to read; only automations with on_destroy hear of it
    # When the payloads say each field key last changed (their `timestamp`); empty off the webhook path.
    changed_at: dict[str, datetime] = field(default_factory=dict, compare=False)


@dataclass
class RunResult:
    written: int = 0  # records written (or, in Shadow mode, intended)
    failed: dict[str, set[str]] = field(default_factory=dict)  # table -> record ids an automation failed on
    handled: dict[str, int] = field(default_factory=dict)  # automation -> records it ran on
    records: dict[str, set[str]] = field(default_factory=dict)  # table -> record ids automations ran on


@dataclass
class _Table:
    """One table's records during a visit: originals (to diff against), current copies, merged updates."""

    key: str
    touches: dict[str, Touch]
    originals: dict[str, Record]
    current: dict[str, Record] = field(default_factory=dict)
    merged: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.current = dict(self.originals)

    def apply(self, update: Update) -> None:
        rid = update.record.id
        now = self.current[rid]
        really = frozenset(k for k, v in update.fields.items() if getattr(now, k, object()) != v)
        self.merged.setdefault(rid, {}).update(update.fields)
        copy = now.model_copy(update=dict(update.fields))
        if really:
            copy._read_sent = None  # changed in memory: no longer as read
        self.current[rid] = copy
        before = self.touches.get(rid, Touch())
        fields = None if before.fields is None else before.fields | really
        # A value set in memory was not set when the payload says: that field's payload time goes.
        kept = {k: t for k, t in before.changed_at.items() if k not in really}
        self.touches[rid] = Touch(before.created, fields, before.cells, changed_at=kept)


class Runner:
    """One invocation's automation run; `done` keeps an automation from running twice on a record."""

    def __init__(
        self, ctx: JobContext, automations: Sequence[Automation], only: Collection[str] | None = None
    ):
        self.ctx = ctx
        self.automations = [a for a in automations if only is None or a.name in only]
        self.done: set[tuple[str, str]] = set()
        self.result = RunResult()

    def run(
        self,
        work: dict[str, dict[str, Touch]],
        force: Collection[str] = (),
        prefetched: dict[str, dict[str, Record]] | None = None,
    ) -> RunResult:
        gone = {t: [rid for rid, x in touches.items() if x.destroyed] for t, touches in work.items()}
        work = {t: {rid: x for rid, x in touches.items() if not x.destroyed} for t, touches in work.items()}
        queue: list[_Visit] = [
            (table, touches, (prefetched or {}).get(table, {}), {})
            for table, touches in work.items()
            if touches
        ]
        outer, self.ctx.in_hand = self.ctx.in_hand, {}
        owns_claims = self.ctx.pending_claims is None  # a nested run leaves them to the outer one
        if owns_claims:
            self.ctx.pending_claims = []
        try:
            self._drain(queue, force)
            self._destroyed({t: ids for t, ids in gone.items() if ids})
        finally:
            self.ctx.in_hand = outer
            if owns_claims:
                self._send_claimed()
        return self.result

    def _send_claimed(self) -> None:
        """Send what the automations claimed, once each claim's settle time is over (it ran while the
        records were written: the coach sees a new lead's score before its notice has gone).

        A run with too little time left to wait out a claim's settle and send gives back the messages its
        upserts created Sending, in one request, before handing any over: the app knows they never went,
        so they must not stay Sending (surfaced as "may or may not have gone out"). Safe without a read
        back: a message born Sending is held by its creator alone (claim.py), so nobody else can be sending
        it. A run stopped by an error with time left still sends them: the claim is held, the provider is
        not Airtable, and a notice given back would wait for send-due."""
        from automation.messages.delivery import SEND_RESERVE_S, deliver_claimed

        claims, self.ctx.pending_claims = self.ctx.pending_claims or [], None
        settle = self.ctx.settings.messages.claim_settle_s

        def too_late(acked: float) -> bool:  # the Sent is written no earlier than settle after the claim
            return self.ctx.time_left() < max(0.0, acked + settle - time.monotonic()) + SEND_RESERVE_S

        back = [c[3] and too_late(c[2]) for c in claims]
        if any(back):
            self._give_back([c[0] for c, give in zip(claims, back, strict=True) if give])
            claims = [c for c, give in zip(claims, back, strict=True) if not give]
        for message, token, acked, created in claims:
            try:
                deliver_claimed(self.ctx, message, token, acked_at=acked, created=created)
            except Exception:  # left Sending with its token: surfaced as stuck, never sent twice
                log.exception("could not send claimed message %s", message.id)

    def _give_back(self, messages: list[Any]) -> None:
        """Approved again and queued (send-due or the next run delivers them), one request per ten; a
        failure leaves them Sending (surfaced), never sent twice."""
        from automation.messages.claim import release_fields
        from automation.messages.store import MessageStore

        try:
            MessageStore(self.ctx.gateway).write([(m, release_fields()) for m in messages])
            log.info("gave back %d claimed message(s) this run could not send", len(messages))
        except Exception:
            log.exception("could not give back claimed messages %s", [m.id for m in messages])

    def _drain(self, queue: list[_Visit], force: Collection[str]) -> None:
        rounds = 0
        while queue:
            rounds += 1
            if rounds > MAX_ROUNDS:
                log.warning("automation cascade stopped after %d table visits", MAX_ROUNDS)
                for table, _, _, carried in queue:  # what was handed on is still written
                    self._write(table, list(carried.values()))
                break
            table, touches, records, carried = queue.pop(0)
            queue.extend(self._visit(table, dict(touches), records, set(force), carried))
            force = ()  # a trigger's named automation is forced on its own records only

    def _destroyed(self, gone: dict[str, list[str]]) -> None:
        """Tell the automations that act on deletions which of their table's records were deleted. A
        failure costs only that automation's notice (reported); the base's or the configuration's stops."""
        for a in self.automations:
            ids = gone.get(a.table)
            if not (ids and a.on_destroy):
                continue
            self.result.handled[a.name] = self.result.handled.get(a.name, 0) + len(ids)
            self.result.records.setdefault(a.table, set()).update(ids)
            try:
                a.on_destroy(self.ctx, ids)
            except (AirtableError, ConfigError):
                raise
            except Exception as exc:
                log.exception("automation %s failed on deleted %s %s", a.name, a.table, ids)
                self.result.failed.setdefault(a.table, set()).update(ids)
                for rid in ids:
                    why = f"{a.name} failed on the deleted record: {type(exc).__name__}: {exc}"
                    self.ctx.run.report(RecordProblem(a.table, rid, None, None, why))

    def _concerned(self, a: Automation, rid: str, touch: Touch, force: set[str]) -> bool:
        if touch.destroyed or (a.name, rid) in self.done:
            return False
        if a.name in force or touch.fields is None or (touch.created and a.on_create):
            return True
        return bool(touch.fields & a.triggers)

    def concerned_ids(self, table: str, touches: dict[str, Touch], force: Collection[str] = ()) -> list[str]:
        """The records some automation of this table must run on (the ones the runner reads)."""
        autos = [a for a in self.automations if a.table == table]
        return [
            rid for rid, t in touches.items() if any(self._concerned(a, rid, t, set(force)) for a in autos)
        ]

    def prefetch(self, work: dict[str, dict[str, Touch]]) -> dict[str, dict[str, Record]]:
        """Read what `run(work)` would read, ahead of time (the webhook path overlaps it with the lease)."""
        out = {}
        for table, touches in work.items():
            ids = self.concerned_ids(table, touches)
            if ids:
                out[table] = {r.id: r for r in self.ctx.gateway.get_many(MODELS[table], ids)}
        return out

    def _visit(
        self,
        table: str,
        touches: dict[str, Touch],
        records: dict[str, Record],
        force: set[str],
        carried: dict[str, tuple[Record, dict[str, Any]]] | None = None,
    ) -> list[_Visit]:
        """Run the table's automations on the concerned records and write once: their updates merged with
        `carried` (another table's automations' updates for these records, not written yet)."""
        carried = carried or {}
        autos = [a for a in self.automations if a.table == table]
        ids = self.concerned_ids(table, touches, force)
        if not ids:
            self._write(table, list(carried.values()))
            return []
        model = MODELS[table]
        missing = [rid for rid in ids if rid not in records]
        read, companions = self._read(model, autos, missing, touches, force)
        found = {**{rid: records[rid] for rid in ids if rid in records}, **{r.id: r for r in read}}
        state = _Table(table, touches, found)
        for rid, (_, fields) in carried.items():
            if rid in state.current:
                state.apply(Update(state.current[rid], fields))
        rest = [item for rid, item in carried.items() if rid not in found]
        foreign: list[Update] = []
        self.ctx.visit_reads.clear()  # what automations share lives for this visit only
        self.ctx.visit_reads.update(companions)
        self.ctx.visit_reads[CREATED, table] = frozenset(r for r, t in state.touches.items() if t.created)
        self.ctx.visit_reads[EDITED_BY, table] = {
            r: (t.by, t.fields) for r, t in state.touches.items() if t.by
        }
        self.ctx.visit_reads[CHANGED_AT, table] = {
            r: t.changed_at for r, t in state.touches.items() if t.changed_at
        }
        sent = {rid: r.read_sent() for rid, r in found.items()}
        self.ctx.visit_reads[READ_AT, table] = {rid: t for rid, t in sent.items() if t is not None}
        self.ctx.pending_messages = []  # drafts composed with defer=True (compose): written below
        try:
            for a in autos:
                targets = [
                    state.current[rid]
                    for rid in found
                    if rid not in state.failed and self._concerned(a, rid, state.touches[rid], force)
                ]
                if not targets:
                    continue
                self.done.update((a.name, r.id) for r in targets)
                self.result.records.setdefault(table, set()).update(r.id for r in targets)
                self.result.handled[a.name] = self.result.handled.get(a.name, 0) + len(targets)
                for update in self._call(a, targets, state):
                    if type(update.record).TABLE.key == table and update.record.id in state.current:
                        state.apply(update)
                    else:
                        foreign.append(update)
            # Before the records' own write: a lead written with its score and no draft would not be redone.
            self._flush_messages()
        finally:
            self.ctx.visit_reads.clear()
            self.ctx.pending_messages = None
        self._write(table, [(state.originals[rid], f) for rid, f in state.merged.items()] + rest)
        self.ctx.in_hand.update(((table, rid), record) for rid, record in state.current.items())
        return self._write_foreign(foreign)

    def _read(self, model, autos, missing, touches, force) -> tuple[list[Record], dict[Any, Any]]:
        """The concerned records, and in the same request what automations asked to read along with them
        (one request instead of one each: the duplicate search reads leads by the payload's email)."""
        if not missing:
            return [], {}
        asks = []
        if len(missing) <= PREFETCH_MAX_RECORDS:
            for a in autos:
                mine = {
                    rid: dict(touches[rid].cells or {})
                    for rid in missing
                    if self._concerned(a, rid, touches[rid], force)
                }
                ask = a.prefetch(self.ctx, mine) if a.prefetch and mine else None
                if ask is not None:
                    asks.append((a.name, *ask))
        if not asks:
            return self.ctx.gateway.get_many(model, missing), {}
        from pyairtable import formulas as F

        by_id = F.OR(*(F.EQ(F.RECORD_ID(), rid) for rid in missing))
        rows = self.ctx.gateway.all(model, formula=F.OR(by_id, *(formula for _, formula, _ in asks)))
        wanted = set(missing)
        return [r for r in rows if r.id in wanted], {
            (PREFETCHED, name): (covered, rows) for name, _, covered in asks
        }

    def _flush_messages(self) -> None:
        """Write the drafts the visit's automations deferred (one upsert per ten) that no later Messages
        upsert took along."""
        from automation.messages.store import MessageStore

        pending, self.ctx.pending_messages = self.ctx.pending_messages or [], []
        if pending:
            MessageStore(self.ctx.gateway).save_many(pending)

    def _call(self, a: Automation, targets: list[Record], state: _Table) -> list[Update]:
        try:
            return list(a.handler(self.ctx, targets) or [])
        except (AirtableError, ConfigError):
            raise  # the base or the configuration is at fault, not one record: stop the batch
        except Exception as exc:
            if len(targets) > 1:  # find the record(s) it fails on; the others still get their updates
                return [u for r in targets for u in self._call(a, [r], state)]
            rid = targets[0].id
            log.exception("automation %s failed on %s %s", a.name, state.key, rid)
            state.failed.add(rid)
            self.result.failed.setdefault(state.key, set()).add(rid)
            problem = exc if isinstance(exc, RecordProblem) else None
            why = f"{a.name} failed: {type(exc).__name__}: {exc}"
            self.ctx.run.report(
                problem or RecordProblem(state.key, rid, None, None, why, name=primary_name(targets[0]))
            )
            return []

    def _write(self, table: str, updates: list[tuple[Record, dict[str, Any]]]) -> list[Record]:
        if not updates:
            return []
        run = self.ctx.run
        before = run.records_written + len(run.intended_writes)
        written = self.ctx.gateway.update(MODELS[table], updates)
        self.result.written += run.records_written + len(run.intended_writes) - before
        return written

    def _write_foreign(self, updates: Iterable[Update]) -> list[_Visit]:
        """Queue the automations of other tables on the records these updates change. Updates to records
        read whole are carried into that visit and written once with what its automations add (a won deal's
        lead: Converted and the lead automations' answer in one write); the others are written first and
        the visit runs on the records the write returned."""
        by_table: dict[str, dict[str, tuple[Record, dict[str, Any]]]] = {}
        for u in updates:
            table = type(u.record).TABLE.key
            rec, fields = by_table.setdefault(table, {}).setdefault(u.record.id, (u.record, {}))
            fields.update(u.fields)
        follow: list[_Visit] = []
        for table, items in by_table.items():
            touches = {
                rid: Touch(False, frozenset(k for k, v in f.items() if getattr(rec, k, object()) != v))
                for rid, (rec, f) in items.items()
            }
            if all(rec.was_read_whole() for rec, _ in items.values()):
                follow.append((table, touches, {rid: rec for rid, (rec, _) in items.items()}, items))
            else:
                written = {r.id: r for r in self._write(table, list(items.values()))}
                follow.append((table, touches, written, {}))
        return follow


def run_automations(
    ctx: JobContext,
    table_key: str,
    record_ids: Iterable[str],
    changed: dict[str, set[str]] | None = None,
    *,
    created: Collection[str] = (),
    only: Collection[str] | None = None,
    force: Collection[str] = (),
    automations: Sequence[Automation] | None = None,
) -> RunResult:
    """Run the automations concerned by these records (changed=None: as if every field changed)."""
    if automations is None:
        from automation.events.catalog import get_plan

        automations = get_plan().automations
    touches = {
        rid: Touch(rid in created, None if changed is None else frozenset(changed.get(rid, ())))
        for rid in record_ids
    }
    return Runner(ctx, automations, only).run({table_key: touches}, force=force)
