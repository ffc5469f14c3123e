"""The matching holdout (data/holdout_matching.json) built into Associates and a Client and measured through
needs_associate and rank, as the proposal path uses them."""

from __future__ import annotations

import json
from pathlib import Path

from automation.associates.matching import needs_associate, rank
from automation.associates.messages import proposal_draft
from automation.models import Associate, Client
from automation.settings import BusinessSettings
from automation.settings.associates import AssociateSettings

HERE = Path(__file__).parent / "data"


def load(name: str) -> dict:
    return json.loads((HERE / name).read_text())


DATA = load("holdout_matching.json")
S = AssociateSettings()
BUSINESS = BusinessSettings()


def _id(name: str) -> str:
    return "rec" + "".join(ch for ch in name if ch.isalnum())


def outcome(case: dict, data: dict = DATA) -> dict:
    associates = [
        Associate(
            id=_id(a["name"]),
            name=a["name"],
            status=a["status"],
            specialty=a["specialty"],
            quality_score=a["quality"],
            quality_count=a.get("count"),
            certification_level=a["cert"],
            client_load=a["load"],
            max_clients=a["max"],
            email=a.get("email"),
            time_zone=a.get("tz"),
        )
        for a in case["associates"]
    ]
    c = case["client"]
    client = Client(
        id="recHoClient",
        name="Holdout Client",
        status=c.get("status", "Active"),
        focus_areas=c["focus"],
        associate=[_id(n) for n in c.get("associate", [])],
        reassign_associate=c.get("reassign", False),
        time_zone=c.get("tz"),
    )
    gone = {a.id for a in associates if a.status == "Inactive"}
    held = {_id(k): v for k, v in case.get("held", {}).items()}
    loads = {_id(k): v for k, v in case.get("loads", {}).items()}  # today's count (else Client Load)
    home = data.get("business_time_zone")  # blank Time Zones are the business's
    ranked = rank(client, associates, loads, S, held, data["coach_email"], home)
    draft = proposal_draft(client, ranked, BUSINESS)
    first = ranked[0] if ranked else None
    return {
        "needs": needs_associate(client, gone),
        "first": first.associate.name if first else None,
        "coach": bool(first and first.coach),
        "offered": [r.associate.name for r in ranked],
        "reasons": "; ".join(first.reasons) if first else "",
        "says": f"{draft.data['heading']}\n{draft.data['summary']}",
    }


def compare(case: dict, data: dict = DATA) -> dict[str, tuple]:
    """The expected fields the code disagrees on: field -> (expected, got)."""
    got, exp, out = outcome(case, data), case["expected"], {}
    for key in ("needs", "first", "coach"):
        if key in exp and exp[key] != got[key]:
            out[key] = (exp[key], got[key])
    if offered := [n for n in exp.get("excluded", []) if n in got["offered"]]:
        out["excluded"] = (exp["excluded"], offered)
    if "reason" in exp and exp["reason"] not in got["reasons"]:
        out["reason"] = (exp["reason"], got["reasons"])
    if "says" in exp and exp["says"] not in got["says"]:
        out["says"] = (exp["says"], got["says"])
    if "not_says" in exp and exp["not_says"] in got["says"]:
        out["not_says"] = (exp["not_says"], got["says"])
    return out
