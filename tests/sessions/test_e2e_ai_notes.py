"""End to end with the AI drafter: the app process calls a local fake of the OpenAI API for a client with
AI Consent, and sends nothing at all for a client without it (counted at the fake's HTTP layer)."""

from __future__ import annotations

import json

import pytest

from tests.events import harness
from tests.events.harness import wait_for
from tests.sessions.conftest import FAST_SETTINGS, NOTES_CATALOG
from tests.sessions.fake_openai import FakeOpenAI

ANSWER = {
    "summary": "Tess worked on delegating the weekly report.",
    "key_outcomes": ["The report moves to Sam"],
    "action_items": [
        {"description": "Hand the weekly report to Sam", "owner": "client", "due": "2026-03-06",
         "priority": "Medium", "tentative": False, "receipt": "“Tess to hand …” — by Friday"},
    ],
    "leadership_models": [],
    "next_topics": ["The handover"],
}  # fmt: skip
NOTES = "Tess to hand the weekly report to Sam by Friday. Zebra-orchid-42 is our code word."


@pytest.fixture(scope="module")
def ai_world(tmp_path_factory):
    from scripts.localbase.testing import LocalBaseServer

    with FakeOpenAI(ANSWER) as fake, LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = harness.World(
            srv,
            catalog=NOTES_CATALOG,
            extra_env={
                "OUTBOX_DIR": str(tmp_path_factory.mktemp("outbox")),
                "PUBLIC_BASE_URL": "http://app.test",
                "OPENAI_API_KEY": "sk-fake",
                "OPENAI_BASE_URL": fake.base_url,
                "OPENAI_MODEL": "gpt-fake",
            },
            settings=FAST_SETTINGS,
        )
        world.fake = fake  # type: ignore[attr-defined]
        world.srv.set_faults(drop_notifications=False)
        yield world
        world.close()


def _complete(world, name: str, consent: bool) -> str:
    client = world.table("Clients").create(
        {"Name": name, "Email": f"{name.lower()}@x.example", "AI Consent": consent}
    )
    session = world.table("Coaching Sessions").create(
        {"Client": [client["id"]], "Session Date": "2026-03-03T10:00:00.000Z", "Status": "Scheduled",
         "Raw Notes": NOTES.replace("Tess", name)}
    )  # fmt: skip
    world.table("Coaching Sessions").update(session["id"], {"Status": "Completed"})
    return session["id"]


def _drafted(world, session_id: str) -> dict:
    sessions = world.table("Coaching Sessions")
    return wait_for(
        lambda: (f := sessions.get(session_id)["fields"]).get("Notes Status") == "Drafted" and f,
        30,
        "drafted",
    )


def test_ai_consent__drafted_by_the_model_through_the_webhook(ai_world) -> None:
    before = len(ai_world.fake.requests)
    fields = _drafted(ai_world, _complete(ai_world, "Tess", consent=True))
    assert fields["Prompt Version"].startswith("AI: gpt-fake (session_notes v3)")
    assert fields["Notes Summary"] == ANSWER["summary"]
    sent = ai_world.fake.requests[before:]
    assert len(sent) == 1 and sent[0]["path"] == "/v1/chat/completions"
    assert sent[0]["body"]["response_format"]["type"] == "json_schema"


def test_no_ai_consent__no_request_reaches_the_model(ai_world) -> None:
    before = len(ai_world.fake.requests)
    fields = _drafted(ai_world, _complete(ai_world, "Uma", consent=False))
    assert fields["Prompt Version"].startswith("rules (not AI)")
    assert ai_world.fake.requests[before:] == []
    assert not any(
        "Zebra-orchid-42" in str(r["body"]) and "Uma" in str(r["body"]) for r in ai_world.fake.requests
    )


def test_ai_answer_in_a_code_fence__still_the_models_draft(ai_world) -> None:
    """An OpenAI-compatible endpoint that wraps its JSON in a fence: read as the answer, not thrown away."""
    ai_world.fake.content = "```json\n" + json.dumps(ANSWER) + "\n```"
    try:
        fields = _drafted(ai_world, _complete(ai_world, "Vera", consent=True))
    finally:
        ai_world.fake.content = None
    assert (
        fields["Prompt Version"].startswith("AI: gpt-fake") and fields["Notes Summary"] == ANSWER["summary"]
    )
