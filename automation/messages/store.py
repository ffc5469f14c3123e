"""The Airtable reads and writes of the messages capability, in one place, over the gateway.

Queries filter on select fields only (Status) or on record ids and lowercased addresses, and compare
dates in Python: a handful of Approved or Sending messages is cheaper to read than a date formula is to
get right on every Airtable-compatible server. People are found by mailbox (one inbox in any spelling,
leads.contact.mailbox), as lead duplicates find them: a pattern per mailbox, the rows checked again here;
so are the messages waiting to go to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.leads.contact import mailbox, mailbox_match
from automation.messages.eligibility import normalise
from automation.models import Client, Lead, Message

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

CLAUSES_PER_QUERY = 50  # keeps a formula (and the URL carrying it) short
# Dedupe keys run to 250 characters: a read of many keys also stops at this many characters of keys, so its
# URL stays far below Airtable's 16,000 (encoded, with the field reference per clause) and is never sent as
# pyairtable's POST fallback.
KEY_CHARS_PER_QUERY = 3000


class MessageStore:
    """Typed reads and writes for messages, and the people they go to."""

    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    # ---- messages ----

    def by_dedupe_key(self, key: str) -> Message | None:
        found = self.gw.all(Message, formula=F.EQ(self.gw.ref(Message, "dedupe_key"), key), max_records=1)
        return found[0] if found else None

    def by_dedupe_keys(self, keys: Iterable[str]) -> dict[str, Message]:
        """The message with each of these keys (one read for up to 50 keys; as by_dedupe_key, the first
        Airtable returns if a key were ever on two)."""
        ref = self.gw.ref(Message, "dedupe_key")
        found: dict[str, Message] = {}
        for chunk in _key_chunks(list(dict.fromkeys(k for k in keys if k))):
            for m in self.gw.all(Message, formula=_any([F.EQ(ref, k) for k in chunk])):
                if m.dedupe_key is not None:
                    found.setdefault(m.dedupe_key, m)
        return found

    def fetch(self, ids: Sequence[str]) -> list[Message]:
        return self.gw.get_many(Message, ids)

    def save(self, fields: dict[str, Any], along: Sequence[dict[str, Any]] = ()) -> tuple[Message, bool]:
        """Create or update the message with this dedupe key (performUpsert: never a second one); `along`:
        other messages' rows upserted in the same request (ten a request). Returns the message as stored
        and whether this request created it (Airtable's createdRecords)."""
        created: set[str] = set()
        message = self.gw.upsert(Message, [*along, fields], merge_on=["dedupe_key"], created=created)[-1]
        return message, message.id in created

    def save_many(self, rows: Sequence[dict[str, Any]]) -> list[Message]:
        return self.gw.upsert(Message, list(rows), merge_on=["dedupe_key"]) if rows else []

    def make_room(self, calls: int) -> None:
        """Wait until `calls` calls can leave unpaced (a claim's read and write, back to back)."""
        self.gw.room_for(calls)

    def write(self, changes: Sequence[tuple[Message, dict[str, Any]]]) -> list[Message]:
        return self.gw.update(Message, list(changes)) if changes else []

    def with_status(self, *statuses: str) -> list[Message]:
        ref = self.gw.ref(Message, "status")
        clauses = [F.EQ(ref, s) for s in statuses]
        return self.gw.all(Message, formula=clauses[0] if len(clauses) == 1 else F.OR(*clauses))

    def pending_to(self, addresses: Iterable[str]) -> list[Message]:
        """Draft or Approved messages to any of these addresses' mailboxes, in any spelling (to cancel on
        unsubscribe or a reply asking to stop: the person said no, not one spelling of her address)."""
        status, recipient = self.gw.ref(Message, "status"), self.gw.ref(Message, "recipient")
        clauses, keep = _mailbox_clauses(recipient, addresses)
        pending = F.OR(F.EQ(status, "Draft"), F.EQ(status, "Approved"))
        found: dict[str, Message] = {}
        for chunk in _chunks(clauses):
            found.update((m.id, m) for m in self.gw.all(Message, formula=F.AND(pending, _any(chunk))))
        return [m for m in found.values() if keep(m.recipient)]

    # ---- people ----

    def people(
        self, addresses: Iterable[str], lead_ids: Iterable[str] = (), client_ids: Iterable[str] = ()
    ) -> tuple[list[Lead], list[Client]]:
        """Leads and clients that are linked or share the mailbox of one of these addresses, in any spelling
        (one read per table)."""
        return self.leads_matching(addresses, lead_ids), self.clients_matching(addresses, client_ids)

    def leads_matching(self, addresses: Iterable[str], ids: Iterable[str] = ()) -> list[Lead]:
        return self._matching(Lead, addresses, ids)

    def clients_matching(self, addresses: Iterable[str], ids: Iterable[str] = ()) -> list[Client]:
        return self._matching(Client, addresses, ids)

    def lead(self, record_id: str) -> Lead | None:
        return self.gw.get(Lead, record_id)

    def client(self, record_id: str) -> Client | None:
        return self.gw.get(Client, record_id)

    def update_leads(self, changes: Sequence[tuple[Lead, dict[str, Any]]]) -> list[Lead]:
        return self.gw.update(Lead, list(changes)) if changes else []

    def update_clients(self, changes: Sequence[tuple[Client, dict[str, Any]]]) -> list[Client]:
        return self.gw.update(Client, list(changes)) if changes else []

    def _matching(self, model: type[Any], addresses: Iterable[str], ids: Iterable[str]) -> list[Any]:
        clauses, keep = _mailbox_clauses(self.gw.ref(model, "email"), addresses)
        wanted = list(dict.fromkeys(ids))
        clauses += [F.EQ(F.RECORD_ID(), i) for i in wanted]
        if not clauses:
            return []
        found: dict[str, Any] = {}
        for chunk in _chunks(clauses):
            found.update((r.id, r) for r in self.gw.all(model, formula=_any(chunk)))
        return [r for r in found.values() if r.id in wanted or keep(r.email)]


def at_mailbox(addresses: Iterable[str]) -> Callable[[str | None], bool]:
    """Whether an address is one of these (any case) or shares one's mailbox: the check the people reads
    keep a record by."""
    addrs = {normalise(a) for a in addresses if a} - {""}
    kept = {b for a in addrs if (b := mailbox(a))}
    return lambda address: normalise(address) in addrs or mailbox(address) in kept


def _mailbox_clauses(ref: Any, addresses: Iterable[str]) -> tuple[list[Any], Callable[[str | None], bool]]:
    """Formula clauses finding the field `ref` at any of these addresses' mailboxes in any spelling (one
    clause a mailbox), and the check that keeps only those: the patterns may find a little more."""
    addrs = sorted({normalise(a) for a in addresses if a} - {""})
    one_each = {mailbox(a) or a: a for a in addrs}  # two spellings of one mailbox: one clause
    clauses = [mailbox_match(ref, a) for _, a in sorted(one_each.items())]
    return clauses, at_mailbox(addrs)


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[i : i + CLAUSES_PER_QUERY] for i in range(0, len(items), CLAUSES_PER_QUERY)]


def _key_chunks(keys: Sequence[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    size = KEY_CHARS_PER_QUERY
    for key in keys:
        if len(chunks[-1] if chunks else []) >= CLAUSES_PER_QUERY or size + len(key) > KEY_CHARS_PER_QUERY:
            chunks.append([])
            size = 0
        chunks[-1].append(key)
        size += len(key)
    return chunks


def _any(clauses: Sequence[Any]) -> Any:
    return clauses[0] if len(clauses) == 1 else F.OR(*clauses)
