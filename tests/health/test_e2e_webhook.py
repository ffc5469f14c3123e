"""End to end: the local server pings the app (uvicorn) when the coach records a session; the app rescores
the client and alerts once; the daily job (over its cron route) does not alert again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.events import harness
from tests.events.harness import wait_for
from tests.health.conftest import HEALTH_CATALOG


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    with harness.served(tmp_path_factory.mktemp("outbox"), HEALTH_CATALOG) as w:
        yield w


def _iso(day) -> str:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=10).isoformat()


def _healthy_client(w, today) -> str:
    pkg = w.table("Packages").create({"Name": "Two a month", "Sessions Per Month": 2})
    client = w.table("Clients").create(
        {
            "Name": "Hana Healthy",
            "Email": "hana@example.com",
            "Status": "Active",
            "Start Date": (today - timedelta(days=400)).isoformat(),
            "Package": [pkg["id"]],
        }
    )
    w.table("Coaching Sessions").batch_create(
        [
            {
                "Client": [client["id"]],
                "Session Date": _iso(today - timedelta(days=d)),
                "Status": "Completed",
                "Satisfaction": 5,
            }
            for d in range(3, 90, 14)
        ]
    )
    return client["id"]


def _alerts(w, client_id: str) -> list[dict]:
    return [
        r["fields"]
        for r in w.table("Messages").all()
        if r["fields"].get("Kind") == "Health Alert" and client_id in r["fields"].get("Client", [])
    ]


def test_rating_of_2__healthy_client_turns_high_with_exactly_one_alert(e2e):
    e2e.quiet()  # set the client up without pings, then score it the way the daily job does
    today = datetime.now(UTC).date()
    client_id = _healthy_client(e2e, today)
    app = e2e.apps[0]
    assert app.cron("health-daily").status_code == 200
    clients = e2e.table("Clients")
    assert (
        clients.get(client_id)["fields"]["Risk Level"],
        clients.get(client_id)["fields"]["Health Score"],
    ) == (
        "Low",
        100,
    )

    e2e.srv.set_faults(drop_notifications=False)
    e2e.table("Coaching Sessions").create(
        {"Client": [client_id], "Session Date": _iso(today), "Status": "Completed", "Satisfaction": 2}
    )
    fields = wait_for(
        lambda: (f := clients.get(client_id)["fields"]).get("Risk Level") == "High" and f,
        timeout=30,
        what="the client rescored High through the webhook",
    )
    assert "Critical: latest rating 2/5" in fields["Health Breakdown"]
    sent = wait_for(
        lambda: [a for a in _alerts(e2e, client_id) if a.get("Status") == "Sent"],
        timeout=30,
        what="the alert sent",
    )
    assert len(sent) == 1 and "rating 2/5" in sent[0]["Body"]

    for _ in range(2):
        assert app.cron("health-daily").status_code == 200
    assert len(_alerts(e2e, client_id)) == 1


def test_new_client__proposal_approved_in_messages_sets_the_associate_once(e2e):
    e2e.srv.set_faults(drop_notifications=False)
    ann = e2e.table("Associates").create(
        {
            "Name": "Ann Able",
            "Email": "ann@example.com",
            "Status": "Active",
            "Specialty": ["Communication"],
            "Max Clients": 3,
        }
    )
    client = e2e.table("Clients").create(
        {"Name": "Nia New", "Status": "Active", "Focus Areas": ["Communication"]}
    )
    messages = e2e.table("Messages")

    def proposals():
        return [
            r
            for r in messages.all()
            if r["fields"].get("Kind") == "Associate Proposal"
            and client["id"] in r["fields"].get("Client", [])
        ]

    (proposal,) = wait_for(proposals, timeout=30, what="the proposal")
    assert proposal["fields"]["Status"] == "Draft" and proposal["fields"]["Associate"] == [ann["id"]]
    assert "covers Communication" in proposal["fields"]["Body"]

    messages.update(proposal["id"], {"Status": "Approved"})
    wait_for(
        lambda: e2e.table("Clients").get(client["id"])["fields"].get("Associate") == [ann["id"]],
        timeout=30,
        what="the associate set",
    )
    notes = wait_for(
        lambda: [
            r["fields"]
            for r in messages.all()
            if r["fields"].get("Kind") == "Associate Assignment" and r["fields"].get("Status") == "Sent"
        ],
        timeout=30,
        what="the associate told",
    )
    assert len(notes) == 1 and notes[0]["Recipient"] == "ann@example.com"
    assert len(proposals()) == 1
