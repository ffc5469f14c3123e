"""The overdue-action-items job: chase each overdue firm item once per overdue period, and send the coach
her morning summary of every overdue item by client (it replaces the base's Airtable Automation 3).

Each item is chased to whoever owns it (`owner`), once a day however many of theirs are due (a client behind
on six actions got six emails in the same minute): the client's own Client Visible items in one email to
her, an associate's items in one email to the associate, and the coach's own (and those she chases
herself) in her summary, or in one email when the summary is off."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.messages import Draft, compose_many, deliver
from automation.messages.render import first_name
from automation.models import ActionItem, Associate, Client, Message
from automation.schedule.overdue import Chase, chase, client_labels, recommitted, summary_by_client
from automation.schedule.reminder_emails import signer, usable
from automation.schedule.reminder_job import report_addresses
from automation.settings import BusinessSettings
from automation.text import date_text, month_first_zone, plural, to_her

if TYPE_CHECKING:
    from automation.context import JobContext


def open_items(ctx: JobContext) -> list[ActionItem]:
    status = ctx.gateway.ref(ActionItem, "status")
    return ctx.gateway.all(ActionItem, formula=F.NOT(F.OR(status.eq("Complete"), status.eq("Cancelled"))))


def _due(c: Chase, month_first: bool) -> str:
    """A due day as its reader writes it, "Monday 22 December" ("Monday, December 22" in the US and Canada),
    with the year when it is not this one: "Monday 22 December" of last year reads as the coming one."""
    today = c.item.due_date + timedelta(days=c.days_overdue)
    return date_text(c.item.due_date, month_first, long=True, year=c.item.due_date.year != today.year)


def _today(today: date, month_first: bool) -> str:
    """The day in a subject: "Tue 8 Dec", or "Tue, Dec 8" for a reader in the US or Canada."""
    return date_text(today, month_first, year=False)


def own_today(ctx: JobContext, person: Client | Associate | None) -> date:
    """Today on a client's or associate's own clock (her Time Zone), else the business's."""
    from zoneinfo import ZoneInfo

    from automation.schedule.times import own_zone

    zone = own_zone(person.time_zone) if person is not None else None
    return ctx.now.astimezone(ZoneInfo(zone)).date() if zone else ctx.today()


def reads_month_first(person: Client | Associate, settings: BusinessSettings) -> bool:
    """Whether a client or associate reads dates month first: by her own Time Zone, else the business's."""
    from automation.schedule.times import own_zone

    return month_first_zone(own_zone(person.time_zone) or settings.general.time_zone)


def _what(c: Chase) -> str:
    return (c.item.description or "an action item").strip()


def _distinct(chases: list[Chase]) -> list[Chase]:
    """One line per action: the same description carried over from several sessions is one reminder, with
    its earliest due date."""
    seen: set[str] = set()
    out = []
    for c in sorted(chases, key=lambda c: (c.item.due_date, c.item.id)):
        key = " ".join(_what(c).lower().split()).rstrip(".")
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _key(prefix: str, chases: list[Chase]) -> str:
    """Names the set of chases it covers: a rerun of the same set updates the same message, a different
    set (an item that came due later the same day) is a message of its own."""
    digest = hashlib.sha1("|".join(sorted(c.dedupe_key for c in chases)).encode()).hexdigest()[:12]
    return f"{prefix}:{digest}"


def _sessions(chases: list[Chase]) -> list[str]:
    return sorted({c.item.session[0] for c in chases if c.item.session})


def client_reminder(
    chases: list[Chase],
    client: Client,
    today: date,
    signed_by: str | None = None,
    *,
    month_first: bool = False,
) -> Draft:
    """One email to the client for every action of hers chased today, however many sessions set them.
    `signed_by`: her associate, whose sessions "let's talk about it next session" means (else the coach);
    `month_first`: she reads dates the US way (`reads_month_first`)."""
    first = first_name(client.name)
    rows = _distinct(chases)
    links: dict[str, str | list[str]] = {"client": client.id}
    if sessions := _sessions(chases):
        links["session"] = sessions
    if len(rows) == 1:
        what, due = to_her(_what(rows[0])), _due(rows[0], month_first)  # her own action: "your", not "her"
        body = f"A gentle reminder of the action you set yourself: {what}. It was due on {due}."
        subject = f"A reminder: {what[:120]}"
    else:
        lines = "\n".join(f"• {to_her(_what(c))} (due {_due(c, month_first)})" for c in rows)
        body = f"A gentle reminder of the actions you set yourself:\n{lines}"
        subject = f"A reminder: {len(rows)} actions from our sessions"
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=(client.email or "").strip(),
        recipient_name=client.name,
        subject=subject,
        template="letter",
        data={
            "greeting": f"Hi {first}," if first else "Hello,",
            "body": f"{body}\n\nIf {'it is' if len(rows) == 1 else 'they are'} done, a one-line reply is all "
            "I need; if something is in the way, let's talk about it next session.",
            "signoff": "Best wishes,",
            "signature": signed_by,
        },
        links=links,
        dedupe_key=_key(f"overdue:{client.id}:{today}", chases),
    )


def coach_reminder(chases: list[tuple[Chase, str]], today: date, settings: BusinessSettings) -> Draft:
    """The coach's own overdue items (and clients' items she must chase herself), in one email; sent only
    when her morning summary, which lists them all, is switched off."""
    us = month_first_zone(settings.general.time_zone)
    lines = [
        f"• {_what(c)} ({who}): due {_due(c, us)}, {plural(c.days_overdue, 'day')} overdue"
        for c, who in sorted(chases, key=lambda r: (-r[0].days_overdue, r[1], _what(r[0])))
    ]
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"Overdue: {plural(len(lines), 'action item')} ({_today(today, us)})",
        template="letter",
        data={"greeting": "Hello,", "body": "\n".join(lines)},
        links={"session": s} if (s := _sessions([c for c, _ in chases])) else {},
        dedupe_key=_key(f"overdue-coach:{today}", [c for c, _ in chases]),
    )


def associate_reminder(
    chases: list[tuple[Chase, str]], associate: Associate, today: date, *, month_first: bool = False
) -> Draft:
    """One email to an associate for every item of theirs chased today, each with its client's name;
    `month_first`: they read dates the US way (`reads_month_first`)."""
    first = first_name(associate.name)
    lines = "\n".join(
        f"• {_what(c)} ({who}): due {_due(c, month_first)}"
        for c, who in sorted(chases, key=lambda r: (-r[0].days_overdue, r[1], _what(r[0])))
    )
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=(associate.email or "").strip(),
        recipient_name=associate.name,
        subject=f"Overdue: {plural(len(chases), 'action item')} of yours ({_today(today, month_first)})",
        template="letter",
        data={
            "greeting": f"Hi {first}," if first else "Hello,",
            "body": f"A reminder of what is yours to do for your clients:\n{lines}",
            "signoff": "Thank you,",
        },
        # The Associate it goes to: at send time, his clients' items say whether it still chases anything.
        links={
            "associate": associate.id,
            **({"session": s} if (s := _sessions([c for c, _ in chases])) else {}),
        },
        dedupe_key=_key(f"overdue:{associate.id}:{today}", [c for c, _ in chases]),
    )


CLIENT_OWNED = (None, "Client")
ENGAGED = ("Active", None)  # a blank Status is active, as in matching and client load


def owner(
    item: ActionItem, client: Client | None, associate: Associate | None, *, addresses: bool = True
) -> str:
    """Who is chased for an item: "client" (hers to do, in her notes, and she has an address), "associate"
    (the client's associate's, with an address), else "coach". Client Visible says the client may read the
    item; it does not make the coach's own task the client's. Only an active engagement is chased outside:
    a Paused, Completed or Churned client gets no homework reminders (nor does her associate about her);
    the item stays in the coach's summary for her to close or cancel. A client who opted out of email, or
    an associate who has left (Inactive), cannot be chased: the coach does it (a reminder Cancelled by the
    outbox would have chased nobody, and one to a former associate reaches someone who cannot act). Nor can
    one whose Email is not one address ("a@x.com; b@y.com"): the coach does it, and is told to correct it.
    `addresses=False`: whose it would be were every filled Email an address (who the run says to fix)."""

    def reachable(address: str | None) -> bool:
        return bool(usable(address)) if addresses else bool((address or "").strip())

    if client is not None and client.status not in ENGAGED:
        return "coach"
    if (
        item.assigned_to in CLIENT_OWNED
        and item.client_visible
        and client is not None
        and reachable(client.email)
        and not client.email_opt_out
    ):
        return "client"
    if (
        item.assigned_to == "Associate"
        and associate is not None
        and reachable(associate.email)
        and associate.status != "Inactive"
    ):
        return "associate"
    return "coach"


def associates_of(
    items: list[ActionItem], clients: dict[str, Client], ctx: JobContext
) -> dict[str, Associate]:
    """The associates of these items' clients (read only when an item to chase is an associate's, or a
    client's own, whose reminder her associate signs)."""
    ids = sorted({a for i in items for c in i.client if c in clients for a in clients[c].associate})
    fields = ["name", "email", "status", "time_zone"]
    return {a.id: a for a in ctx.gateway.get_many(Associate, ids, fields=fields)} if ids else {}


def _signer(client: Client, associates: dict[str, Associate]) -> str | None:
    """Her associate's name, unless on leave or gone (then the coach, who would hold the next session)."""
    for a in client.associate:
        if name := signer(associates.get(a)):
            return name
    return None


def summary_draft(
    groups: list[tuple[str, list[tuple[str, int]]]], today: date, settings: BusinessSettings
) -> Draft:
    total = sum(len(rows) for _, rows in groups)
    day = _today(today, month_first_zone(settings.general.time_zone))
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"Overdue action items: {total} ({day})",
        template="report",
        data={
            "heading": "Overdue action items",
            "metrics": [{"label": "Overdue", "value": total}, {"label": "Clients", "value": len(groups)}],
            "sections": [
                {
                    "title": name,
                    "bullets": [
                        f"{desc} — {days} day{'s' if days != 1 else ''} overdue" for desc, days in rows
                    ],
                }
                for name, rows in groups
            ],
        },
        dedupe_key=f"overdue-summary:{today}",
    )


def overdue_action_items(ctx: JobContext) -> dict[str, Any]:
    gw = ctx.gateway
    today = ctx.today()
    items = open_items(ctx)
    set_again = recommitted(items, today)
    # Owed today on someone's calendar: a client or associate east of the business can be a day on (the
    # day each is chased on is settled below, on the clock of whoever is chased).
    ahead = today + timedelta(days=2)
    chases = [
        c for c in (chase(i, ahead, ctx.settings.schedule) for i in items) if c and c.item.id not in set_again
    ]
    client_ids = sorted({c for i in items for c in i.client})
    clients = {c.id: c for c in gw.get_many(Client, client_ids)} if client_ids else {}
    labels = client_labels(clients.values())
    groups = summary_by_client(items, today, labels)
    summary = bool(groups) and ctx.settings.schedule.coach_summary
    associates = associates_of(
        [c.item for c in chases if c.item.assigned_to == "Associate" or c.item.assigned_to in CLIENT_OWNED],
        clients,
        ctx,
    )
    to_client: dict[str, list[Chase]] = {}
    to_associate: dict[str, list[tuple[Chase, str]]] = {}
    to_coach: list[tuple[Chase, str]] = []
    told: set[str] = set()
    days: dict[str, date] = {}  # person id -> today on her own clock
    for candidate in chases:
        client = next((clients[x] for x in candidate.item.client if x in clients), None)
        associate = next(
            (associates[a] for a in (client.associate if client else []) if a in associates), None
        )
        who = labels[client.id] if client else "no client"
        role = owner(candidate.item, client, associate)
        # Overdue on the calendar of whoever is chased: an item due Monday is not late for a client in Los
        # Angeles while it is still Monday there (the 06:10 UTC run is 22:10 her Monday).
        person = client if role == "client" else associate if role == "associate" else None
        day = own_today(ctx, person)
        c = chase(candidate.item, day, ctx.settings.schedule)
        if c is not None and c.days_overdue > ctx.settings.schedule.overdue_stop_days:
            # Months late (or a base connected with its history): a reminder to the client or associate now
            # would chase something long settled or dropped; the coach decides (her summary lists it).
            role, day = "coach", today
            c = chase(candidate.item, day, ctx.settings.schedule)
        if c is None:
            continue
        if person is not None:
            days[person.id] = day
        if role == "coach" and (meant := owner(c.item, client, associate, addresses=False)) != "coach":
            # Hers or the associate's, but the Email is no address: the coach chases it, told what to fix.
            report_addresses(ctx, [client if meant == "client" else associate], told, "her action items")
        if role == "client" and client is not None:
            to_client.setdefault(client.id, []).append(c)
        elif role == "associate" and associate is not None:
            to_associate.setdefault(associate.id, []).append((c, who))
        else:
            to_coach.append((c, who))
    drafts: list[tuple[Draft, list[Chase]]] = [
        (
            client_reminder(
                cs,
                clients[cid],
                days[cid],
                _signer(clients[cid], associates),
                month_first=reads_month_first(clients[cid], ctx.settings),
            ),
            cs,
        )
        for cid, cs in sorted(to_client.items())
    ]
    drafts += [
        (
            associate_reminder(
                rows, associates[aid], days[aid], month_first=reads_month_first(associates[aid], ctx.settings)
            ),
            [c for c, _ in rows],
        )
        for aid, rows in sorted(to_associate.items())
    ]
    if to_coach and not summary:
        drafts.append((coach_reminder(to_coach, today, ctx.settings), [c for c, _ in to_coach]))
    chased: list[Chase] = [c for c, _ in to_coach] if summary else []  # the summary chases them
    chasing: list[tuple[Draft, list[Chase]]] = []
    for draft, cs in drafts:
        if ctx.time_left() < 5:
            break
        chasing.append((draft, cs))
    # All the emails composed together: a few calls for the lot instead of about four an email.
    batch = [d for d, _ in chasing] + ([summary_draft(groups, today, ctx.settings)] if summary else [])
    composed = compose_many(ctx, batch)
    messages: list[Message] = []
    for (_, cs), result in zip(chasing, composed, strict=False):
        if isinstance(result, Exception):  # one email's problem costs only its items
            for c in cs:
                ctx.run.report(
                    RecordProblem("action_items", c.item.id, None, None, f"overdue reminder: {result}")
                )
            continue
        messages.append(result)
        chased += cs
    if summary:
        if isinstance(composed[-1], Exception):
            raise composed[-1]  # the coach's summary is the job's own: its failure fails the run
        messages.append(composed[-1])
    if chased:
        # Reminded On is the day it was chased on the calendar its periods are counted on.
        gw.update(ActionItem, [(c.item, {"reminder_sent": True, "reminded_on": c.day}) for c in chased])
    deliveries: dict[str, int] = {}
    for d in deliver(ctx, messages):
        deliveries[d.result] = deliveries.get(d.result, 0) + 1
    return {
        "open_items": len(items),
        "chased": len(chased),
        "summary": summary,
        "deliveries": deliveries,
        "record_run": True,
    }
