"""The form's rate limit holds across instances (over real HTTP, two app processes, one local base): the
posts of one client address, spread over both instances, are refused at the sixth new lead in the window
although neither instance alone has seen more than three; nothing is stored for a refused post; another
address is not affected; a known email from the limited address is still recorded (an update, not a new
lead); the base keeps a keyed hash of the address, never the address itself."""

from __future__ import annotations

import pytest
import requests

from automation.leads.capture import RATE_LIMIT
from tests.events import harness
from tests.leads.http_world import LEADS_CATALOG

ADDRESS = "203.0.113.77"


@pytest.fixture
def world(tmp_path):
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(timing_scale=0.01) as srv:
        w = harness.World(
            srv, apps=2, catalog=LEADS_CATALOG, extra_env={"OUTBOX_DIR": str(tmp_path / "outbox")}
        )
        yield w
        w.close()


def _post(world, app: int, email: str, address: str = ADDRESS) -> int:
    form = {"name": "Pat Doe", "email": email, "title": "Director"}
    url = world.apps[app].url + "/api/leads"
    return requests.post(url, json=form, headers={"X-Real-IP": address}, timeout=60).status_code


def test_form_limit__holds_across_instances_in_the_base(world) -> None:
    answers = [_post(world, n % 2, f"buyer{n}@limit.example") for n in range(RATE_LIMIT + 1)]
    assert answers == [202] * RATE_LIMIT + [429]  # three and three: each instance alone would let all in
    leads = [r["fields"] for r in world.table("Leads").all()]
    emails = sorted(f["Email"] for f in leads)
    assert emails == sorted(f"buyer{n}@limit.example" for n in range(RATE_LIMIT))  # the refused one: nothing
    keys = {f.get("Form Address") for f in leads}
    assert len(keys) == 1 and None not in keys and ADDRESS not in next(iter(keys))

    assert _post(world, 1, "other@limit.example", address="198.51.100.5") == 202  # another address
    assert _post(world, 0, "buyer0@limit.example") == 202  # a known email: recorded on its lead
    (known,) = [r for r in world.table("Leads").all() if r["fields"]["Email"] == "buyer0@limit.example"]
    assert known["fields"]["Notes"].count("website enquiry") == 2
