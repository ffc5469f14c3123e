"""Demo rows for packages, associates, leadership models, leads, clients and deals (pure, deterministic)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from schema.tables import FOCUS_AREAS
from scripts.demo_data.catalog import ASSOCIATES, COMPANIES, FIRST, LAST, MODELS, PACKAGES, SOURCES, TITLES

Row = dict[str, Any]


@dataclass(frozen=True)
class Ref:
    """A link to another demo row by its natural key; the seeder turns it into a record id."""

    table: str
    key: str


@dataclass
class ClientPlan:
    """What the session and invoice builders need to know about a client."""

    name: str
    email: str
    package: tuple
    associate: str  # associate email
    commission: float
    focus: list[str]
    start: date
    status: str
    profile: str = "steady"  # steady, at_risk (low ratings, overdue invoice), drifting (no-shows)
    row: Row = field(default_factory=dict)


def associate_email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@leadershipsecret.example"


def packages() -> list[Row]:
    return [
        {
            "name": name,
            "billing": billing,
            "price": price,
            "sessions_per_month": float(per_month),
            "session_length": minutes * 60,
            "active": True,
            "description": text,
        }
        for name, billing, price, per_month, minutes, text in PACKAGES
    ]


def associates(today: date) -> list[Row]:
    return [
        {
            "name": name,
            "email": associate_email(name),
            "phone": f"+44 7700 900{i:03d}",
            "specialty": specialty,
            "certification_level": level,
            "performance": performance,
            "max_clients": float(max_clients),
            "commission_pct": commission,
            "status": status,
            "hire_date": today - timedelta(days=hired),
            "last_review": today - timedelta(days=min(hired, 60 + 30 * i)),
            "onboarding_progress": 0.6 if status == "Onboarding" else 1.0,
        }
        for i, (name, specialty, level, performance, max_clients, commission, status, hired) in enumerate(
            ASSOCIATES
        )
    ]


def models(today: date) -> list[Row]:
    return [
        {
            "title": title,
            "category": category,
            "description": description,
            "use_cases": use_cases,
            "resources": f"Coach's guide: {title} (shared drive)",
            "created_date": today - timedelta(days=400 - 10 * i),
            "updated_date": today - timedelta(days=90 - 5 * i),
            "version": "1.0" if i % 3 else "1.1",
            "active": i != 11,
        }
        for i, (title, category, description, use_cases) in enumerate(MODELS)
    ]


def persons() -> list[tuple[str, str, tuple, str]]:
    """52 distinct people: (first, last, company, title). Leads are 0-39, clients 37-51 (37-39 are both)."""
    out, seen = [], set()
    i = 0
    while len(out) < 52:
        first, last = FIRST[i % len(FIRST)], LAST[(i * 5 + i // len(FIRST)) % len(LAST)]
        if (first, last) not in seen:
            seen.add((first, last))
            out.append((first, last, COMPANIES[(i * 7) % len(COMPANIES)], TITLES[(i * 3) % len(TITLES)]))
        i += 1
    return out


def person_email(first: str, last: str, company: tuple) -> str:
    return f"{first}.{last}@{company[1]}.example".lower()


# Every Qualified or Proposal lead has its deal (deals() below: leads 25-27 and 30-32), as the lead-status
# rule would have opened it; a Qualified lead without one reads as a deal deleted by hand (leads-daily).
LEAD_STATUSES = ["New"] * 10 + ["Contacted"] * 8 + ["Engaged"] * 7 + ["Qualified"] * 3 + ["Engaged"] * 2
LEAD_STATUSES += ["Proposal"] * 3
LEAD_STATUSES += ["Nurture"] * 2 + ["Lost"] * 2 + ["Converted"] * 3


def leads(today: date, rng: random.Random) -> list[Row]:
    sources = SOURCES[:]
    rng.shuffle(sources)
    rows = []
    for i, (first, last, company, title) in enumerate(persons()[:40]):
        status = LEAD_STATUSES[i]
        stage = [
            "New",
            "Contacted",
            "Engaged",
            "Nurture",
            "Qualified",
            "Proposal",
            "Lost",
            "Converted",
        ].index(status)
        first_contact = today - timedelta(
            days=rng.randint(3, 25) if status == "New" else rng.randint(20, 120)
        )
        last_contact = (
            min(today, first_contact + timedelta(days=rng.randint(0, 20))) if status != "New" else None
        )
        rows.append(
            {
                "name": f"{first} {last}",
                "email": person_email(first, last, company),
                "phone": f"+44 7700 9{i:05d}",
                "company": company[0],
                "title": title,
                "lead_source": sources[i],
                "source_detail": "Referred by a client" if sources[i] == "Referral" else "",
                "status": status,
                "first_contact": first_contact,
                "last_contact": last_contact,
                "company_size": float(company[3]),
                "industry": company[2],
                "timeline": ["Unknown", "6+ months", "3-6 months", "1-3 months", "Immediate"][
                    min(4, stage // 2 + i % 2)
                ],
                "replies": float(0 if stage < 1 else rng.randint(1, 2 + stage)),
                "meetings": float(0 if stage < 2 else rng.randint(1, 3)),
                "last_engagement": last_contact,
                "email_status": "Bounced" if i == 33 else "Unverified" if status == "New" else "Valid",
                "created_date": first_contact,
                "notes": f"{title} at {company[0]}; met via {sources[i].lower()}." if i % 4 == 0 else "",
            }
        )
    return rows


def clients(today: date, rng: random.Random, assoc: list[Row]) -> list[ClientPlan]:
    out = []
    pkg_cycle = [1, 0, 2, 0, 1, 1, 0, 2, 1, 0, 1, 2, 0, 1, 0]
    for i, (first, last, company, _title) in enumerate(persons()[37:52]):
        a = assoc[[0, 1, 2, 0, 2, 1, 2, 0, 1, 2, 0, 3, 1, 2, 0][i]]
        focus = [a["specialty"][i % len(a["specialty"])], FOCUS_AREAS[(i * 3) % len(FOCUS_AREAS)]]
        start = today - timedelta(days=20 + 15 * i if i < 3 else 60 + 20 * i + rng.randint(0, 10))
        status = "Active" if i < 12 else ["Paused", "Completed", "Churned"][i - 12]
        profile = "at_risk" if i == 5 else "drifting" if i == 8 else "steady"
        out.append(
            ClientPlan(
                f"{first} {last}",
                person_email(first, last, company),
                PACKAGES[pkg_cycle[i]],
                a["email"],
                a["commission_pct"],
                list(dict.fromkeys(focus)),
                start,
                status,
                profile,
                {
                    "name": f"{first} {last}",
                    "email": person_email(first, last, company),
                    "phone": f"+44 7700 8{i:05d}",
                    "company": company[0],
                    "status": status,
                    "start_date": start,
                    "package": [Ref("packages", PACKAGES[pkg_cycle[i]][0])],
                    "associate": [Ref("associates", a["email"])],
                    "focus_areas": list(dict.fromkeys(focus)),
                    "ai_consent": i not in (4, 10),
                    "referral_src": "Client referral" if i % 5 == 0 else "",
                    "created_date": start,
                },
            )
        )
    return out


def deals(today: date, rng: random.Random, lead_rows: list[Row], plans: list[ClientPlan]) -> list[Row]:
    """10 deals: three open early, three late, one lost, three won (the leads who became clients)."""
    stages = {25: "Lead", 26: "Prospect", 27: "Qualified", 30: "Proposal", 31: "Proposal", 32: "Negotiation"}
    stages |= {35: "Closed Lost", 37: "Closed Won", 38: "Closed Won", 39: "Closed Won"}
    rows = []
    for n, (i, stage) in enumerate(sorted(stages.items())):
        lead = lead_rows[i]
        plan = plans[i - 37] if stage == "Closed Won" else None
        pkg = plan.package if plan else PACKAGES[n % 3]
        value = pkg[2] * (12 if pkg[1] == "Per Session" else 6)
        created = lead["first_contact"] + timedelta(days=rng.randint(3, 10))
        row: Row = {
            "deal_name": f"{lead['name']} - {pkg[0]}",
            "lead": [Ref("leads", lead["email"])],
            "deal_value": value,
            "pipeline_stage": stage,
            "package": [Ref("packages", pkg[0])],
            "created_date": created,
            "expected_close": today + timedelta(days=7 + 9 * n) if not plan else plan.start,
        }
        if stage in ("Proposal", "Negotiation", "Closed Won"):
            row["proposal_sent"] = min(today, created + timedelta(days=5))
        if stage in ("Negotiation", "Closed Won"):
            row["contract_sent"] = min(today, created + timedelta(days=9))
        if plan:
            row |= {"client": [Ref("clients", plan.email)], "actual_close": plan.start}
            row["closed_by"] = [Ref("associates", plan.associate)]
        elif stage == "Closed Lost":
            row |= {"actual_close": today - timedelta(days=12), "lost_reason": "Chose an internal programme."}
        else:
            row["next_steps"] = (
                "Send the proposal" if stage in ("Qualified", "Prospect") else "Agree start date"
            )
        rows.append(row)
    return rows
