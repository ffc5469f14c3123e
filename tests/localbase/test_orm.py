"""pyairtable's ORM (Model with Meta) against the server; Meta has no endpoint option (reference §6.2)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import requests
from pyairtable.orm import Model
from pyairtable.orm import fields as F
from pyairtable.utils import Url

from tests.localbase.conftest import TOKEN


@pytest.fixture
def models(srv: Any, base_id: str) -> tuple[type[Model], type[Model]]:
    """Client and Session models on the test base, pointed at the server via ``meta.api.endpoint_url``."""

    class Client(Model):
        Meta = {"api_key": TOKEN, "base_id": base_id, "table_name": "Clients", "timeout": (5, 30)}
        name = F.TextField("Name")
        status = F.SelectField("Status")
        tags = F.MultipleSelectField("Tags")
        score = F.IntegerField("Score")
        active = F.CheckboxField("Active")
        start = F.DateField("Start")
        sessions = F.LinkField["Session"]("Sessions", "Session", lazy=True)

    class Session(Model):
        Meta = {"api_key": TOKEN, "base_id": base_id, "table_name": "Sessions", "timeout": (5, 30)}
        title = F.TextField("Title")
        client = F.SingleLinkField("Client", Client)

    globals()["Session"] = Session  # LinkField("…", "Session") resolves the name in this module
    for model in (Client, Session):
        model.meta.api.endpoint_url = Url(srv.url)
    return Client, Session


def test_orm__save_fetch_update_delete(models: Any) -> None:
    Client, _ = models
    ann = Client(name="Ann", status="Lead", tags=["vip"], score=3, active=True, start=date(2024, 1, 2))
    result = ann.save()
    assert result.created and ann.id.startswith("rec")
    again = Client.from_id(ann.id)
    assert (again.name, again.status, again.tags, again.score, again.active, again.start) == (
        "Ann",
        "Lead",
        ["vip"],
        3,
        True,
        date(2024, 1, 2),
    )
    again.score = 9
    assert again.save().field_names == {"Score"}  # only the changed field is sent
    assert Client.from_id(ann.id).score == 9
    again.delete()
    with pytest.raises(requests.HTTPError, match="404"):
        Client.from_id(ann.id)


def test_orm__all_first_and_formulas(models: Any) -> None:
    Client, _ = models
    Client.batch_save([Client(name=f"c{i}", score=i) for i in range(15)])
    assert len(Client.all()) == 15
    assert Client.first(sort=["-Score"]).name == "c14"
    assert [c.name for c in Client.all(formula=Client.score.gte(13), sort=["Score"])] == ["c13", "c14"]


def test_orm__from_ids_uses_one_record_id_formula(models: Any, srv: Any) -> None:
    Client, _ = models
    clients = [Client(name=f"c{i}") for i in range(3)]
    Client.batch_save(clients)
    srv.clear_requests()
    loaded = Client.from_ids([c.id for c in clients])
    assert [c.name for c in loaded] == ["c0", "c1", "c2"]
    assert len(srv.requests()) == 1


def test_orm__links_in_both_directions(models: Any) -> None:
    Client, Session = models
    ann = Client(name="Ann")
    ann.save()
    kickoff = Session(title="Kickoff", client=ann)
    kickoff.save()
    fetched = Client.from_id(ann.id)
    assert [s.id for s in fetched.sessions] == [kickoff.id]
    assert Session.from_id(kickoff.id).client.name == "Ann"


def test_orm__batch_save_updates_existing_and_creates_new(models: Any) -> None:
    Client, _ = models
    old = Client(name="old")
    old.save()
    old.name = "renamed"
    Client.batch_save([old, Client(name="new")])
    assert sorted(c.name for c in Client.all()) == ["new", "renamed"]
    Client.batch_delete(Client.all())
    assert Client.all() == []
