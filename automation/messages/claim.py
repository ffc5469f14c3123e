"""Claim messages before sending them, so that of two concurrent deliveries only one sends.

Airtable has no transactions and no conditional writes, so a claim is: read the message fresh (it must be
Approved), write Status=Sending with a claim token of our own, wait `settle_s`, read it back, and send
only if the token read back is still ours.

Guarantee (at most one sender per message), under two assumptions: Airtable applies a base's writes in
one order and a read sees every write acknowledged before it was made (read-your-writes across clients);
and nobody sets a Sending message back to Approved while a delivery is under way (the coach only does so
for a message surfaced as stuck). The rule that makes it hold:

    a claimer proceeds only if (time from sending its fresh read to the acknowledgement of its claim
    write) < settle_s, and it reads back no earlier than settle_s after that acknowledgement.

Proof sketch. Say A and B both proceed and B's claim write was applied first (at b). B's read-back saw its
own token, so it happened before A's write was applied (at a): a > b + settle_s. A's fresh read saw
Approved, so it was made before b; and A's read-to-acknowledgement time is below settle_s, so
a < b + settle_s. Contradiction. (The naive "write, read back" without the timing rule double-sends when
B reads Approved, stalls, and writes after A has read back; tests/messages force exactly that.)

A message compose() stores for sending at once (an auto-send kind, one dedupe-key read, no screening) is
claimed by the same rule in one call less each way: its dedupe-key read is the fresh read (it found no
message, or a Draft) and its upsert writes Status=Sending with the token (the claim write); compose then
waits settle_s and reads it back (`read_back`). A concurrent claimer of that message is another compose of
the same key, whose read would find ours Sending and stop; the proof above applies unchanged.

A message about a record that the caller's run read moments ago, linked to no message (compose's
`about`), had no message with its key when that read was sent: a message links the records it is about,
so that read shows what a dedupe-key read would, and stands in for it as the claim's fresh read (no
dedupe-key read at all) when the upsert can still be answered within settle_s of it; a concurrent
claimer's upsert would have linked the record before that read, or the proof above applies unchanged. A
caller may prove absence another way (compose's `absent_since`: a won deal's client that its upsert created,
deals.client_for): the moment proved stands in for the read under the same timing rule.

A claiming upsert that *created* the message (Airtable's createdRecords) holds it at once: no settle, no read
back. Every other claimer of that message is a compose of the same key (a delivery claims only Approved
messages, and this one is born Sending). One that read after the create found it Sending and stopped; one that
read before it found nothing, so its own upsert, applied after ours, reports the record *updated*: absent when
read and present when written, it knows another holds it and sends nothing. (A compose that read a Draft of
the key takes the ordinary path, settle and read back, only if its upsert updated that very Draft: a different
record means the Draft was deleted and someone created the message since, and it gives up too.) Upserts of one
base are applied in one order (the assumption above; an upsert that created twice would break every dedupe
key, not only this rule), so of two such composes exactly one creates. The one wrinkle is the loser's write
itself: it sets Sending and its token over ours. It is applied before its acknowledgement, which comes less
than settle_s after its read (or it reports itself abandoned, as above), and that read came before our create:
so the creator writes the result (Sent) no earlier than settle_s after its own create was acknowledged, and
the loser's write can never land over it. The creator sends at once; the call saved is the read back. A loser
whose "update" was in fact its own retried create (a timeout or 5xx after Airtable applied it) also sends
nothing: the message stays Sending and is surfaced as stuck, never sent twice.
A creator that will not send (its run stopped, or has too little time left: the runner) gives the message
back (Approved, queued) at once, without the settle: nobody else holds it. A loser's write landing after that
makes it Sending with the loser's token, and the loser sends nothing (stuck, never twice); one landing before
it is overwritten, and the next delivery claims it by the ordinary rule.

A delivery that read its messages moments ago (the runner's read of the message the coach just approved,
or send-due's read of the Approved ones) uses that read as the fresh read when it was sent less than
settle_s / 2 before the claim write can leave, the pacer's wait included (`read=`): the same rule holds,
timed from that read; an older read is not used. The screening reads the delivery must make anyway run while
the claim settles (`meanwhile`).

Windows that remain, and why they are acceptable:
* A claimer whose read+write took longer than settle_s gives up without sending; the message stays in
  Sending with its token and is surfaced to the coach as stuck (a slow write cannot tell who else read
  Approved meanwhile, and writing Approved back could release a message another delivery is sending).
* The provider accepted the message but the result write (Sent) never happened (crash, Airtable down):
  the message stays in Sending. Email is reconciled from SendGrid's events (custom_args carry the record
  id) and never sent again; Slack and the outbox have no events, so it is surfaced as stuck.
* A provider answered 5xx or timed out after taking the message: SendGrid has no idempotency key, so a
  5xx retry could deliver twice (SendGrid documents 5xx as not accepted); a timeout is never retried here.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from schema.tables import CLAIM_QUEUED


class Claimable(Protocol):
    id: str
    status: str | None
    claim_token: str | None


class ClaimStore(Protocol):
    """The two operations a claim needs (MessageStore implements them over the gateway)."""

    def fetch(self, ids: Sequence[str]) -> Sequence[Any]: ...

    def write(self, changes: Sequence[tuple[Any, dict[str, Any]]]) -> Sequence[Any]: ...


CLAIM_CHUNK = 10  # messages per claim write (Airtable's batch): its read and write leave back to back


@dataclass
class ClaimHooks:
    """Test seams: called with the message ids at each step (e.g. a threading.Barrier.wait)."""

    after_read: Callable[[list[str]], None] | None = None
    before_write: Callable[[list[str]], None] | None = None
    after_write: Callable[[list[str]], None] | None = None
    after_claim: Callable[[list[str]], None] | None = None


@dataclass
class ClaimResult:
    held: list[Any] = field(default_factory=list)  # messages we hold, as read back
    lost: list[str] = field(default_factory=list)  # another delivery holds them, or they moved on
    abandoned: list[str] = field(default_factory=list)  # our write was too slow to be sure: left Sending
    token: str = ""


def claim(
    store: ClaimStore,
    ids: Sequence[str],
    *,
    settle_s: float,
    hooks: ClaimHooks | None = None,
    read: Mapping[str, Any] | None = None,
    meanwhile: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> ClaimResult:
    """Claim the Approved ones among `ids`: per ten, one fresh read and one write back to back; then, once
    `settle_s` has passed since the last write, one read back of them all (`meanwhile` runs first, inside
    that wait).

    A write must land within `settle_s` of its read, or another delivery that read the message later may
    have held it already (it is abandoned, left Sending). The client-side pacing must not spend that time:
    before each read the store waits until the read and the write can leave without pacing between them.
    `read`: the messages as read moments ago, by id; a chunk they all cover with a read sent less than
    settle_s / 2 ago is claimed on that read instead of a fresh one (module note).
    """
    hooks = hooks or ClaimHooks()
    token = new_token()
    result = ClaimResult(token=token)
    written: list[str] = []
    make_room = getattr(store, "make_room", None)
    for start in range(0, len(ids), CLAIM_CHUNK):
        chunk = ids[start : start + CLAIM_CHUNK]
        # (The records' read times are time.monotonic(): a test's own clock never uses them.)
        covered = _recent(read, chunk, -math.inf) if read is not None and clock is time.monotonic else None
        if covered is not None and make_room is not None:
            make_room(1)  # before judging the read's age: the pacer's wait counts against the settle time
        recent = covered if covered is not None and covered[0] >= clock() - settle_s / 2 else None
        if recent is not None:
            started, fresh = recent
        else:
            if make_room is not None:
                make_room(2)
            started = clock()
            fresh = list(store.fetch(chunk))
        approved = [m for m in fresh if m.status == "Approved"]
        result.lost += [m.id for m in fresh if m.status != "Approved"]
        mine = [m.id for m in approved]
        _call(hooks.after_read, mine)
        if not approved:
            continue
        _call(hooks.before_write, mine)
        claimed_at = datetime.now(UTC)
        store.write(
            [(m, {"status": "Sending", "claim_token": token, "claimed_at": claimed_at}) for m in approved]
        )
        if clock() - started >= settle_s:
            result.abandoned += mine
        else:
            written += mine
    if not written:
        if result.abandoned:
            _call(hooks.after_claim, [])
        return result
    _call(hooks.after_write, written)
    held, lost = read_back(
        store, written, token, settle_s=settle_s, sleep=sleep, meanwhile=meanwhile, clock=clock
    )
    result.held += held
    result.lost += lost
    _call(hooks.after_claim, [m.id for m in result.held])
    return result


def new_token() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}"


def _recent(read: Mapping[str, Any], chunk: Sequence[str], since: float) -> tuple[float, list[Any]] | None:
    """(when the read was sent, the records) if `read` holds every message of the chunk, unchanged since a
    read sent after `since`; else None."""
    records = [read.get(rid) for rid in chunk]
    sent = [r.read_sent() if r is not None and hasattr(r, "read_sent") else None for r in records]
    if not records or any(t is None or t < since for t in sent):
        return None
    return min(t for t in sent if t is not None), records


def read_back(
    store: ClaimStore,
    ids: Sequence[str],
    token: str,
    *,
    settle_s: float,
    sleep: Callable[[float], None] = time.sleep,
    meanwhile: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[list[Any], list[str]]:
    """After the claim writes: wait `settle_s` (running `meanwhile` first, inside the wait), read them
    back; (held, lost): held are still Sending with our token."""
    if meanwhile is None:
        sleep(settle_s)
    else:
        began = clock()
        meanwhile()
        sleep(max(0.0, settle_s - (clock() - began)))
    back = {m.id: m for m in store.fetch(ids)}
    held, lost = [], []
    for rid in ids:
        record = back.get(rid)
        if record is not None and record.status == "Sending" and record.claim_token == token:
            held.append(record)
        else:
            lost.append(rid)
    return held, lost


def release_fields() -> dict[str, Any]:
    """What a holder writes to give back a message it did not send: Approved again, queued for send-due
    (CLAIM_QUEUED: the coach's Airtable Automation does not fire on it, so a cause that persists, such as a
    missing setting, cannot make the automation and the functions call each other in a loop)."""
    return {"status": "Approved", "claim_token": CLAIM_QUEUED, "claimed_at": None}


def _call(hook: Callable[[list[str]], None] | None, ids: list[str]) -> None:
    if hook is not None:
        hook(ids)
