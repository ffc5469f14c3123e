"""When a client's health alerts the coach, and what the alert says (pure: a Draft out, nothing sent)."""

from __future__ import annotations

from datetime import date

from automation.health.score import LABELS, PAUSED_NOTE, UNLOGGED_STATUS, Health
from automation.messages.draft import Draft
from automation.models import Client
from automation.settings import BusinessSettings
from automation.text import display_name


def transition(client: Client, health: Health, drop_points: int) -> str | None:
    """'high' when the client enters High risk, 'drop' when the score fell by drop_points or more, else None.

    Compared with what the client record holds before this score is written, so the next run (which
    finds the record already High, or the lower score) does not alert again. A Paused client is on a break
    the coach chose: her score moves (cadence and recency stop counting, what is left may be one overdue
    item), but only a critical finding (an invoice long overdue, a bad rating) is news worth an alert.
    Nor is the resume (the last score was taken while paused): she made that move herself. With a critical
    finding, the news is her entering High risk; a drop of a client already High is the break's doing."""
    was_paused = f"Note: {PAUSED_NOTE}" in (client.health_breakdown or "") or health.just_resumed
    entering_high = health.risk == "High" and client.risk_level != "High"
    if client.status == "Paused" or was_paused:
        return "high" if health.critical and entering_high else None
    if entering_high:
        return "high"
    if client.health_score is not None and client.health_score - health.score >= drop_points:
        return "drop"
    return None


def next_step(client: Client, health: Health) -> str:
    """A suggested next step for the coach, from the most pressing finding."""
    name = display_name(client, "the client")
    text = " ".join(health.critical)
    if "average rating" in text:
        return f"Call {name} this week: the sessions have been rated low for weeks; hear what is not working."
    if "rating" in text:
        return f"Call {name} this week to hear what did not work in the last session."
    if "overdue" in text:
        return f"Talk to {name} about the overdue invoice before the next session."
    recency = next((c for c in health.components if c.key == "recency"), None)
    if (
        recency is not None
        and UNLOGGED_STATUS in recency.evidence
        and ("no completed session" in text or (recency.fraction or 0) < 1)
    ):
        # Her sessions were booked; whether they were held is the associate's to log, not the client's fault.
        return f"Check with {name}'s associate that the sessions since the last one logged were held."
    if "no completed session" in text:
        return f"Reach out to {name} to book the next session."
    counted = [c for c in health.components if c.fraction is not None]
    if not counted:
        return f"Review {name}'s account."
    worst = min(counted, key=lambda c: (c.fraction, list(LABELS).index(c.key)))
    return {
        "cadence": f"Propose a regular session slot to {name}.",
        "recency": f"Reach out to {name} to book the next session.",
        "satisfaction": f"Ask {name} for feedback on the recent sessions.",
        "follow_through": f"Go through {name}'s open action items in the next session.",
        "payment": f"Check {name}'s unpaid invoices.",
        "results": f"Revisit {name}'s goal and how progress is measured.",
    }[worst.key]


def alert_draft(client: Client, health: Health, kind: str, settings: BusinessSettings, today: date) -> Draft:
    """One Slack alert (also kept in Messages) for one transition; the key holds the transition and day."""
    name = display_name(client)
    was = "?" if client.health_score is None else f"{client.health_score:.0f}"
    if kind == "high":
        heading = f"{name} is now High risk"
        why = "; ".join(health.critical) or f"health {health.score} is below {settings.health.medium_min}"
        summary = f"{name} moved to High risk ({why})."
    else:
        heading = f"{name}'s health dropped {client.health_score - health.score:.0f} points"
        summary = f"{name}'s health fell from {was} to {health.score}."
    step = next_step(client, health)
    return Draft.slack_alert(
        "Health Alert",
        settings.messages.slack_channel,
        heading,
        f"{summary} Suggested next step: {step}",
        facts=[
            # A client's first score has nothing before it: "(was ?)" read as a missing figure.
            [
                "Health",
                f"{health.score} (was {was})"
                if client.health_score is not None
                else f"{health.score} (first score)",
            ],
            [
                "Risk",
                f"{health.risk} (was {client.risk_level})"
                if client.risk_level
                else f"{health.risk} (first score)",
            ],
            ["Next step", step],
        ],
        items=health.breakdown().splitlines(),
        links={"client": client.id},
        dedupe_key=f"{client.id}:health-{kind}:{today.isoformat()}",
    )
