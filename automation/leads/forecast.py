"""Forecast and conversion figures the reports use (pure): weighted forecast by month, its accuracy,
lead → client conversion by source and period, stage-to-stage conversion and days per stage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from decimal import Decimal
from typing import Any

from automation.leads.pipeline import CLOSED, parse_history, probability
from automation.leads.scoring import created_on
from automation.leads.spam import is_held
from automation.money import cents, dec
from automation.settings.leads import PipelineSettings

PROGRESSION = ("Lead", "Prospect", "Qualified", "Proposal", "Negotiation", "Closed Won")


@dataclass(frozen=True)
class MonthForecast:
    month: str  # "2026-11"
    weighted: float
    deals: int
    # The deal weighing most in the month (Deal Name, its weighted value): said beside the figure.
    largest: tuple[str | None, float] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Rate:
    total: int
    hits: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def add_months(month: str, n: int) -> str:
    y, m = (int(x) for x in month.split("-"))
    idx = y * 12 + (m - 1) + n
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


def weighted_forecast(
    deals: Iterable[Any], settings: PipelineSettings, today: date, months: int = 4
) -> list[MonthForecast]:
    """Σ deal value × probability of open deals by expected-close month, this month and the next ones.
    An open deal whose expected close has passed has slipped: it counts in this month. A deal without a
    positive value (none yet, or a negative typo) adds nothing and is not counted."""
    first = month_of(today)
    wanted = [add_months(first, i) for i in range(months)]
    sums: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    largest: dict[str, tuple[Decimal, str | None]] = {}
    for d in deals:
        if d.pipeline_stage in CLOSED or d.expected_close is None or not _positive(d.deal_value):
            continue
        month = max(month_of(d.expected_close), first)
        p = probability(d, settings) or 0.0
        weighted = dec(d.deal_value) * dec(p)
        sums[month] += weighted
        counts[month] += 1
        if month not in largest or weighted > largest[month][0]:
            largest[month] = (weighted, d.deal_name)
    # Reports and the JSON snapshot take plain numbers; the sum itself is exact, rounded once to the cent.
    return [
        MonthForecast(
            m,
            float(cents(sums[m])),
            counts[m],
            (largest[m][1], float(cents(largest[m][0]))) if m in largest else None,
        )
        for m in wanted
    ]


def left_out_of_forecast(deals: Iterable[Any]) -> dict[str, list[Any]]:
    """Open deals the weighted forecast cannot place, by why: no Expected Close (no month to count them
    in), no positive Deal Value (nothing to weigh). A deal the coach is working is otherwise missing from
    the figure without a word."""
    out: dict[str, list[Any]] = {"no Expected Close": [], "no Deal Value": []}
    for d in deals:
        if d.pipeline_stage in CLOSED:
            continue
        if d.expected_close is None and _positive(d.deal_value):
            out["no Expected Close"].append(d)
        elif not _positive(d.deal_value):
            out["no Deal Value"].append(d)
    return {why: ds for why, ds in out.items() if ds}


def snapshot(
    deals: Iterable[Any], settings: PipelineSettings, today: date, months: int = 4
) -> dict[str, Any]:
    """What to keep in System State at the start of a month, to judge the forecast once the month closes."""
    return {
        "taken_on": today.isoformat(),
        "months": {f.month: f.weighted for f in weighted_forecast(deals, settings, today, months)},
    }


def won_on(deal: Any, tz: tzinfo | None = None) -> date | None:
    """The day a Closed Won deal was won: Actual Close, else the business day (`tz`) it entered the stage
    (Actual Close not filled in yet, or cleared): a won deal is never left out of its month's actual, nor
    put in the next one for being won on the month's last evening west of UTC."""
    if deal.pipeline_stage != "Closed Won":
        return None
    if deal.actual_close:
        return deal.actual_close
    at = deal.stage_changed_at
    if at is None:
        return None
    return (at.astimezone(tz) if tz and at.tzinfo else at).date()


def actual_won(deals: Iterable[Any], month: str, tz: tzinfo | None = None) -> float:
    """Value of deals won in that month (a negative value, a typo, is left out)."""
    total = sum(
        (
            dec(d.deal_value)
            for d in deals
            if (day := won_on(d, tz)) and month_of(day) == month and _positive(d.deal_value)
        ),
        Decimal(0),
    )
    return float(cents(total))


def accuracy(forecast: float | None, actual: float) -> float | None:
    """Actual ÷ forecast (1.0 = spot on; the target is 0.9–1.1); None without a positive forecast."""
    return None if not forecast or forecast < 0 else round(actual / forecast, 4)


def _positive(value: Any) -> bool:
    return value is not None and dec(value) > 0


def became_client(lead: Any, won_leads: Collection[str] = ()) -> bool:
    """Converted, or linked to a Closed Won deal (`won_leads`): a lead who unsubscribed from the marketing
    emails and then signed keeps her Unsubscribed (the opt-out must survive) but is a conversion all the
    same."""
    return lead.status == "Converted" or lead.id in won_leads


def counted_lead(lead: Any) -> bool:
    """A person who enquired, as the lead figures count her: not a later record of someone already a lead
    (Duplicate Of: one person counted once, on her first record), not a form submission held as spam (a
    week of pitches would otherwise halve the website's conversion rate)."""
    return not lead.duplicate_of and not is_held(lead)


def _won_with_duplicates(leads: list[Any], won_leads: Collection[str]) -> set[str]:
    """`won_leads` and the originals of duplicates that became clients: the deal may be linked to the later
    record, and the person is counted on her first one."""
    return set(won_leads) | {
        o for x in leads if x.duplicate_of and became_client(x, won_leads) for o in x.duplicate_of
    }


def conversion_by_source(
    leads: Iterable[Any],
    start: date,
    end: date,
    tz: tzinfo | None = None,
    won_leads: Collection[str] = (),
) -> dict[str, Rate]:
    """Leads created in [start, end) by Lead Source (counted_lead): how many, how many became clients
    (became_client, a duplicate's signing credited to its original). `tz`: the business time zone, whose day
    a lead's creation time falls on."""
    leads = list(leads)
    won = _won_with_duplicates(leads, won_leads)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for lead in leads:
        created = _created(lead, tz)
        if created is None or not (start <= created < end) or not counted_lead(lead):
            continue
        cell = out[lead.lead_source or "Unknown"]
        cell[0] += 1
        cell[1] += became_client(lead, won)
    return {k: Rate(*v) for k, v in sorted(out.items())}


def conversion_by_month(
    leads: Iterable[Any], months: Iterable[str], tz: tzinfo | None = None, won_leads: Collection[str] = ()
) -> dict[str, Rate]:
    """Leads created in each month (in the business time zone `tz`; counted_lead) and how many of them
    became clients."""
    wanted = list(months)
    leads = list(leads)
    won = _won_with_duplicates(leads, won_leads)
    out = {m: [0, 0] for m in wanted}
    for lead in leads:
        created = _created(lead, tz)
        if created is not None and month_of(created) in out and counted_lead(lead):
            out[month_of(created)][0] += 1
            out[month_of(created)][1] += became_client(lead, won)
    return {m: Rate(*out[m]) for m in wanted}


def stage_conversion(deals: Iterable[Any]) -> dict[str, Rate]:
    """Of the deals that entered each stage and have moved on or closed, how many went further.

    A deal counts from the first stage it was seen in (one created at Qualified never entered Lead); skipping
    a stage counts as passing it; a deal still open in a stage is left out of that stage (undecided).
    """
    out = {s: [0, 0] for s in PROGRESSION[:-1]}
    for d in deals:
        history = _entered(d)
        stages = [e.stage for e in history]
        if stages and d.pipeline_stage and stages[-1] != d.pipeline_stage:
            # The stage it is in now was entered after the last line (a line lost to a hand edit or a missed
            # change): a deal won whose history stops at Negotiation did move on from Negotiation.
            stages.append(d.pipeline_stage)
        seen = [PROGRESSION.index(s) for s in stages if s in PROGRESSION]
        if not seen:
            continue
        first, furthest = seen[0], max(seen)
        open_now = d.pipeline_stage not in CLOSED
        for i, stage in enumerate(PROGRESSION[:-1]):
            if not (first <= i <= furthest):
                continue
            if open_now and i == furthest:
                continue  # still there: no verdict yet
            out[stage][0] += 1
            out[stage][1] += furthest > i
    return {k: Rate(*v) for k, v in out.items()}


def average_days_per_stage(deals: Iterable[Any]) -> dict[str, tuple[float, int]]:
    """Mean days spent in each stage over completed stays (entered and left): stage → (days, stays)."""
    spans: dict[str, list[float]] = defaultdict(list)
    for d in deals:
        history = _entered(d)
        for this, nxt in zip(history, history[1:], strict=False):
            spans[this.stage].append((nxt.at - this.at).total_seconds() / 86400)
    return {s: (round(sum(v) / len(v), 1), len(v)) for s, v in spans.items() if s not in CLOSED}


def _entered(deal: Any) -> list[Any]:
    """Stage History in time order: a line the coach typed in by hand, at the end or anywhere, is when she
    says the deal entered that stage, not the last stage it entered (a stay is never negative)."""
    return sorted(parse_history(deal.stage_history), key=lambda e: e.at)


def _created(lead: Any, tz: tzinfo | None = None) -> date | None:
    """Created Date, else the business-day of Created Time (a lead in at 23:30 in New York is that day's
    lead, not the next day's, as scoring counts it)."""
    return created_on(lead, tz)
