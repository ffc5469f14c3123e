"""What a draft writes: item upserts that never overwrite the coach's edits, session and client fields."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from automation.models import ActionItem, Client, Session
from automation.sessions.automations import edit_ratio
from automation.sessions.draft import ActionItemDraft, NotesDraft
from automation.sessions.usage import usage_fields
from automation.sessions.writes import (
    as_kept,
    client_fields,
    item_writes,
    needs_draft,
    notes_email,
    prompt_version,
    session_fields,
    withdrawn_items,
)

TODAY = date(2026, 3, 3)
RAW = "Dana to hand the KPI report to Sam by Friday."


def _item(desc: str = "Hand the KPI report to Sam", owner: str = "client", tentative: bool = False):
    return ActionItemDraft(
        description=desc, owner=owner, due=date(2026, 3, 6), priority="Medium", tentative=tentative,
        receipt="“…” — due from 'by Friday'",
    )  # type: ignore[arg-type]  # fmt: skip


def _draft(*items: ActionItemDraft) -> NotesDraft:
    return NotesDraft(
        summary="S.", key_outcomes=["K"], action_items=list(items), leadership_models=[], next_topics=["T"],
        drafter="rules (not AI)",
    )  # fmt: skip


SESSION = Session(id="recS", status="Completed", raw_notes=RAW, notes_status=None)


def _as_written(row: dict, rid: str = "recA") -> ActionItem:
    return ActionItem(id=rid, **{k: v for k, v in row.items() if k not in ("session", "client")})


def test_needs_draft__completed_with_notes_once_per_notes() -> None:
    assert needs_draft(SESSION)
    assert not needs_draft(SESSION.model_copy(update={"status": "Scheduled"}))
    assert not needs_draft(SESSION.model_copy(update={"raw_notes": "  "}))
    assert not needs_draft(SESSION.model_copy(update={"notes_status": "Sent"}))
    drafted = SESSION.model_copy(
        update={"notes_status": "Drafted", "prompt_version": prompt_version("r", RAW)}
    )
    assert not needs_draft(drafted)
    assert needs_draft(drafted.model_copy(update={"raw_notes": RAW + " And more."}))


def test_item_writes__new_items_are_open_and_linked() -> None:
    w = item_writes(
        SESSION, "recC", _draft(_item(), _item("Send the worksheet", "coach")), [], TODAY, ["client"]
    )
    assert [r["assigned_to"] for r in w.upserts] == ["Client", "Coach"]
    first = w.upserts[0]
    assert first["status"] == "Open" and first["client"] == ["recC"] and first["session"] == ["recS"]
    assert first["client_visible"] and not w.upserts[1]["client_visible"]
    assert (
        first["source_key"].startswith("recS:notes:client:")
        and first["source_key"] != w.upserts[1]["source_key"]
    )


def test_item_writes__redraft_updates_an_untouched_item_without_reopening_it() -> None:
    first = item_writes(SESSION, "recC", _draft(_item()), [], TODAY, ["client"]).upserts[0]
    again = item_writes(SESSION, "recC", _draft(_item()), [_as_written(first)], TODAY, ["client"])
    assert len(again.upserts) == 1 and "status" not in again.upserts[0] and again.kept == 0


def test_item_writes__the_coachs_edit_or_completion_stands() -> None:
    first = item_writes(SESSION, "recC", _draft(_item()), [], TODAY, ["client"]).upserts[0]
    for change in ({"description": "Hand the KPI report to Sam (template)"}, {"status": "Complete"},
                   {"due_date": date(2026, 3, 9)}):  # fmt: skip
        old = _as_written(first).model_copy(update=change)
        w = item_writes(SESSION, "recC", _draft(_item()), [old], TODAY, ["client"])
        assert w.upserts == [] and w.kept == 1 and w.updates == [], change


def test_item_writes__an_item_gone_from_the_notes_is_cancelled_unless_edited() -> None:
    first = item_writes(SESSION, "recC", _draft(_item()), [], TODAY, ["client"]).upserts[0]
    w = item_writes(SESSION, "recC", _draft(), [_as_written(first)], TODAY, ["client"])
    assert [f["status"] for _, f in w.updates] == ["Cancelled"]
    edited = _as_written(first).model_copy(update={"priority": "High"})
    assert item_writes(SESSION, "recC", _draft(), [edited], TODAY, ["client"]).updates == []


def test_session_fields__drafted_with_receipts_and_version() -> None:
    f = session_fields(_draft(_item()), RAW, ["recM"])
    assert f["notes_status"] == "Drafted" and f["leadership_models"] == ["recM"]
    assert f["notes_receipts"].startswith("1. “…”") and f["prompt_version"].startswith(
        "rules (not AI) · notes "
    )


def test_client_fields__an_older_sessions_notes_never_replace_newer_ones() -> None:
    summary = {"notes_summary": "S."}
    assert client_fields(Client(id="c", last_session=date(2026, 3, 1)), TODAY, _draft()) == summary
    assert client_fields(Client(id="c", last_session=TODAY), TODAY, _draft()) == summary
    assert client_fields(Client(id="c", last_session=date(2026, 3, 9)), TODAY, _draft()) == {}


def test_notes_email__only_client_visible_items_and_none_without_address() -> None:
    client = Client(id="recC", name="Dana", email="dana@acme.example")
    draft = _draft(_item(), _item("Send the worksheet", "coach"), _item("Ask HR", tentative=True))
    email = notes_email(SESSION, client, draft, TODAY, ["client"])
    assert email is not None and email.dedupe_key == "recS:notes" and email.kind == "Session Notes"
    assert [i["description"] for i in email.data["action_items"]] == [
        "Hand the KPI report to Sam", "Ask HR (to consider)"]  # fmt: skip
    assert notes_email(SESSION, client.model_copy(update={"email": None}), draft, TODAY, ["client"]) is None


def test_usage_fields__completed_sessions_only() -> None:
    def s(i: str, status: str, day: int, sat: int | None) -> Session:
        return Session(
            id=i, status=status, session_date=datetime(2026, 3, day, 10, tzinfo=UTC), satisfaction=sat
        )

    f = usage_fields([s("a", "Completed", 3, 5), s("b", "Completed", 10, 4), s("c", "Cancelled", 12, 1),
                      s("d", "Completed", 5, None)], ZoneInfo("Europe/London"))  # fmt: skip
    assert f == {"usage_count": 3, "last_used": date(2026, 3, 10), "effectiveness": 4.5}
    assert usage_fields([], ZoneInfo("UTC")) == {"usage_count": 0, "last_used": None, "effectiveness": None}


def test_edit_ratio__zero_untouched_grows_with_changes() -> None:
    text = "Hi Dana,\n\nHere are the notes from our session.\n"
    assert edit_ratio(text, text + "  ") == 0.0
    small, large = edit_ratio(text, text + "See you!"), edit_ratio(text, "Completely different words here.")
    assert 0 < small < large <= 1


def _drafted_session(draft: NotesDraft, **fields) -> Session:
    """The session as the base holds it after this draft was written, then the coach's changes."""
    written = session_fields(draft, RAW, ["recM"], current=SESSION)
    return SESSION.model_copy(update={**written, **fields})


def test_session_fields__the_coachs_own_text_stands_through_redrafts() -> None:
    first = _draft(_item())
    redraft = first.model_copy(update={"summary": "New summary.", "key_outcomes": ["New outcome"]})
    edited = _drafted_session(first, notes_summary="Her summary.")
    f = session_fields(redraft, RAW, ["recM"], current=edited)
    assert "notes_summary" not in f and f["key_outcomes"] == "• New outcome"
    kept = as_kept(redraft, edited)
    assert kept.summary == "Her summary." and kept.key_outcomes == ["New outcome"]
    again = edited.model_copy(update=f)  # and the draft after that still leaves her summary alone
    assert "notes_summary" not in session_fields(redraft, RAW, ["recM"], current=again)


def test_session_fields__untouched_fields_follow_the_notes_and_emptied_ones_are_the_drafters() -> None:
    first = _draft(_item())
    redraft = first.model_copy(update={"summary": "New summary.", "next_topics": ["New topic"]})
    untouched = _drafted_session(first)
    assert session_fields(redraft, RAW, ["recM"], current=untouched)["notes_summary"] == "New summary."
    cleared = _drafted_session(first, next_topics=None, leadership_models=[])
    f = session_fields(redraft, RAW, ["recM"], current=cleared)
    assert f["next_topics"] == "• New topic" and f["leadership_models"] == ["recM"]
    relinked = _drafted_session(first, leadership_models=["recOther"])
    assert "leadership_models" not in session_fields(redraft, RAW, ["recM"], current=relinked)


def test_session_fields__typed_before_any_draft_is_hers_a_legacy_draft_is_not() -> None:
    typed = SESSION.model_copy(update={"notes_summary": "Typed by Sarah.", "key_outcomes": "• Hers"})
    f = session_fields(_draft(), RAW, [], current=typed)
    assert "notes_summary" not in f and "key_outcomes" not in f and f["next_topics"] == "• T"
    legacy = SESSION.model_copy(update={"notes_status": "Drafted", "notes_summary": "Old draft.",
                                        "notes_receipts": "Drafted by rules (not AI)."})  # fmt: skip
    assert session_fields(_draft(), RAW, [], current=legacy)["notes_summary"] == "S."


def test_session_fields__long_texts_fit_airtables_cell() -> None:
    huge = _draft(*[_item(f"Call stakeholder {n} about the plan") for n in range(40)]).model_copy(
        update={"summary": "Long. " * 30000, "key_outcomes": ["x" * 5000] * 30}
    )
    huge = huge.model_copy(
        update={"action_items": [i.model_copy(update={"receipt": "r" * 5000}) for i in huge.action_items]}
    )
    f = session_fields(huge, RAW, [], item_keys=[f"recS:notes:client:k{n}" for n in range(40)])
    assert all(len(f[k]) <= 100_000 for k in ("notes_summary", "key_outcomes", "notes_receipts"))
    assert f["notes_receipts"].splitlines()[-1].startswith("Drafted by rules (not AI). [draft ")


def _first_items(*items: ActionItemDraft) -> tuple[Session, list[ActionItem]]:
    """The session and its action items as the base holds them after a first draft."""
    draft = _draft(*items)
    w = item_writes(SESSION, "recC", draft, [], TODAY, ["client"])
    written = [_as_written(row, f"recA{n}") for n, row in enumerate(w.upserts)]
    session = SESSION.model_copy(update=session_fields(draft, RAW, [], current=SESSION, item_keys=w.keys))
    return session, written


def test_item_writes__an_item_the_coach_deleted_is_not_made_again() -> None:
    session, (kpi, sheet) = _first_items(_item(), _item("Send the worksheet", "coach"))
    w = item_writes(session, "recC", _draft(_item(), _item("Send the worksheet", "coach")), [kpi], TODAY,
                    ["client"])  # fmt: skip
    assert [r["source_key"] for r in w.upserts] == [kpi.source_key] and w.deleted == 1
    assert sheet.source_key in w.keys  # still remembered by the next draft


def test_item_writes__a_reworded_item_is_the_same_item() -> None:
    session, (kpi,) = _first_items(_item("Hand the weekly KPI report to Sam"))
    reworded = _draft(_item("Give Sam the weekly KPI report"), _item("Book a skip-level with Ana"))
    w = item_writes(session, "recC", reworded, [kpi], TODAY, ["client"])
    assert w.updates == [] and [r["source_key"] for r in w.upserts][0] == kpi.source_key
    assert w.upserts[0]["description"] == "Give Sam the weekly KPI report" and "status" not in w.upserts[0]
    done = kpi.model_copy(update={"status": "Complete"})
    w = item_writes(session, "recC", reworded, [done], TODAY, ["client"])
    assert w.kept == 1 and [r["description"] for r in w.upserts] == ["Book a skip-level with Ana"]


def test_item_writes__an_item_the_drafter_cancelled_comes_back_when_the_notes_hold_it_again() -> None:
    session, (kpi,) = _first_items(_item())
    (_, change), = item_writes(session, "recC", _draft(), [kpi], TODAY, ["client"]).updates  # fmt: skip
    cancelled = kpi.model_copy(update=change)
    w = item_writes(session, "recC", _draft(_item()), [cancelled], TODAY, ["client"])
    assert [(r["source_key"], r["status"]) for r in w.upserts] == [(kpi.source_key, "Open")]
    by_coach = kpi.model_copy(update={"status": "Cancelled"})  # she cancelled it herself: it stays so
    assert item_writes(session, "recC", _draft(_item()), [by_coach], TODAY, ["client"]).upserts == []


def test_withdrawn_items__untouched_drafted_items_are_cancelled_hers_stand() -> None:
    _, (kpi, sheet) = _first_items(_item(), _item("Send the worksheet", "coach"))
    edited = sheet.model_copy(update={"description": "Send the worksheet and the article"})
    own = ActionItem(id="recOwn", description="Typed by the coach", status="Open")
    out = withdrawn_items(SESSION, [kpi, edited, own])
    assert [(i.id, f["status"]) for i, f in out] == [(kpi.id, "Cancelled")]


@pytest.mark.parametrize(
    ("drafted", "she_reads"),
    [
        ("Write her three priorities for the quarter", "Write your three priorities for the quarter"),
        ("Share his plan with his boss", "Share your plan with your boss"),
        ("Book one-to-ones with her four managers", "Book one-to-ones with your four managers"),
        # someone else's "her", or "her" as the object of the verb: left as the notes said
        ("Thank Maria for her help", "Thank Maria for her help"),
        ("Send her the deck", "Send her the deck"),
        ("Ask her manager for his view", "Ask her manager for his view"),
        ("Call her", "Call her"),
    ],
)
def test_notes_email__her_own_items_say_your_not_her(drafted: str, she_reads: str) -> None:
    # The client reads her list under "Your action items": the notes' "Dana to write her priorities"
    # drafted as "Write her priorities" reads as if about someone else.
    client = Client(id="recC", name="Dana", email="dana@acme.example")
    email = notes_email(SESSION, client, _draft(_item(drafted)), TODAY, ["client"])
    assert email is not None
    assert [i["description"] for i in email.data["action_items"]] == [she_reads]


@pytest.mark.parametrize(
    ("own", "business", "subject"),
    [
        (None, "America/Chicago", "Notes from our session on March 3"),
        ("Toronto", "Europe/London", "Notes from our session on March 3"),  # her own clock, in Canada
        ("Europe/Paris", "America/Chicago", "Notes from our session on 3 March"),  # hers, in France
        (None, "Europe/London", "Notes from our session on 3 March"),
        (None, "", "Notes from our session on 3 March"),
    ],
    ids=["us_business", "toronto_client", "paris_client_of_us", "london_unchanged", "no_zone_given"],
)
def test_notes_email__the_subject_s_date_in_her_order(own, business, subject) -> None:
    """The letter's own date already reads in her order (the templates' `day`): the subject says it so too,
    by her Time Zone, else the business's."""
    session = SESSION.model_copy(update={"session_date": datetime(2026, 3, 3, 15, tzinfo=UTC)})
    client = Client(id="recC", name="Dana", email="dana@acme.example", time_zone=own)
    email = notes_email(session, client, _draft(_item()), TODAY, ["client"], business_zone=business)
    assert email is not None and email.subject == subject
