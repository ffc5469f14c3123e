"""The billing holdout (data/holdout_billing.json, written from the rules' intent before any run): the
agreement reached, through the pure rules and through the billing run on the local server, and the
situations where the code and the written expectation still part, each with why (bench/RESULTS-billing.md).

Billing: a retainer with no session, started mid-month, paused all month (still Paused, or Active again
after it), paused only after it, split across associates; per-session sessions split across associates,
moved across a month's edge, completed late; no-shows a package charges in full, half or not at all; a price
raised between sessions; pro bono; tax 0; a Churned client; month edges in London and Auckland; late
cancellations; sessions already invoiced, paid or prepaid; (B2) a retainer covering only a no-show, month
edges in Los Angeles and at London's midnight, 0 % and blank commissions. Overdue: grace (to its last day),
one fee, a fee never charged twice (or topped up when its rate changes), a second one when allowed, paid,
draft and void invoices, reminders once, due today.
"""

from __future__ import annotations

import pytest

from tests.billing.holdout import (
    BILLING,
    OVERDUE,
    compare,
    overdue_outcome,
    parting_overdue,
    parting_through_the_rules,
    parting_through_the_run,
    pure_outcome,
)

# Left as they are, each with why (bench/RESULTS-billing.md, 2026-12-07), and the fields they part on.
OPEN = {
    # Pro rata for a first month is a billing policy the docs do not settle (the code bills a retainer month
    # in full from the Start Date, pinned in test_invoices): the coach's call, a setting if she wants it.
    "retainer started mid-month": {"amount", "tax", "total", "cut", "cuts"},
    # The base keeps one price per package, no history: the price at the session needs a field (a price
    # stamped on the session when held) outside billing; today's price is all the run can know.
    "price raised from 400 to 450 on 20 Nov, between sessions": {"amount", "tax", "total"},
}
OPEN_OVERDUE: set[str] = set()
# The agreement reached (first look: billing 17 of 24, the same through the run; overdue 11 of 12; the B2
# batch, written after that look: 5 of 5 and 3 of 3).
AGREED, AGREED_OVERDUE = 27, 15


def test_holdout__billing_agreement_through_the_rules() -> None:
    assert parting_through_the_rules() == OPEN
    assert len(BILLING) - len(OPEN) >= AGREED


def test_holdout__billing_agreement_through_the_run_on_the_local_server(server, tmp_path) -> None:
    """Every case as a client in a base, read back: parting where the rules part, on the same fields."""
    assert parting_through_the_run(server, tmp_path) == OPEN


def test_holdout__overdue_agreement() -> None:
    assert parting_overdue() == OPEN_OVERDUE
    assert len(OVERDUE) - len(OPEN_OVERDUE) >= AGREED_OVERDUE


@pytest.mark.parametrize("name", sorted(set(BILLING) - set(OPEN)))
def test_holdout__billing_situation(name: str) -> None:
    assert compare(BILLING[name]["expected"], pure_outcome(BILLING[name])) == {}


@pytest.mark.parametrize("name", sorted(set(OVERDUE) - OPEN_OVERDUE))
def test_holdout__overdue_situation(name: str) -> None:
    assert compare(OVERDUE[name]["expected"], overdue_outcome(OVERDUE[name])) == {}
