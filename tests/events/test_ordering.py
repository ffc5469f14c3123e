"""Automation dependency order: writers before readers, self-normalisation allowed, cycles refused."""

from __future__ import annotations

import pytest

from automation.events.ordering import CatalogError, dependents, order_automations
from automation.registry import Automation


def _a(name, table="leads", triggers=(), writes=()):
    return Automation(name, table, frozenset(triggers), frozenset(writes), handler=lambda ctx, recs: [])


def test_order_automations__writer_runs_before_reader_whatever_the_declaration_order():
    nurture = _a("nurture", triggers={"lead_score"}, writes={"next_action"})
    score = _a("score", triggers={"title"}, writes={"lead_score"})
    assert [a.name for a in order_automations([nurture, score])] == ["score", "nurture"]


def test_order_automations__independent_ones_keep_declaration_order():
    names = [a.name for a in order_automations([_a("b", writes={"x"}), _a("a", writes={"y"}), _a("c")])]
    assert names == ["b", "a", "c"]


def test_order_automations__other_table_is_not_a_dependency():
    a = _a("a", table="deals", writes={"x"})
    b = _a("b", table="leads", triggers={"x"})
    assert [x.name for x in order_automations([b, a])] == ["b", "a"]


def test_order_automations__writing_own_trigger_is_not_a_cycle():
    hygiene = _a("hygiene", triggers={"email"}, writes={"email"})
    assert order_automations([hygiene]) == [hygiene]


def test_order_automations__cycle_is_refused_and_named():
    with pytest.raises(CatalogError, match="cycle: a -> b -> a|cycle: b -> a -> b"):
        order_automations([_a("a", triggers={"y"}, writes={"x"}), _a("b", triggers={"x"}, writes={"y"})])


def test_order_automations__three_step_cycle_is_refused():
    chain = [_a("a", triggers={"z"}, writes={"x"}), _a("b", triggers={"x"}, writes={"y"})]
    with pytest.raises(CatalogError, match="cycle"):
        order_automations([*chain, _a("c", triggers={"y"}, writes={"z"})])


def test_order_automations__field_written_by_two_is_refused():
    with pytest.raises(CatalogError, match="written by both"):
        order_automations([_a("a", writes={"x"}), _a("b", writes={"x"})])


def test_order_automations__duplicate_name_is_refused():
    with pytest.raises(CatalogError, match="declared twice"):
        order_automations([_a("a"), _a("a")])


def test_dependents__follow_written_fields_transitively():
    score = _a("score", triggers={"title"}, writes={"lead_score"})
    nurture = _a("nurture", triggers={"lead_score"}, writes={"next_action"})
    alert = _a("alert", triggers={"next_action"})
    other = _a("other", triggers={"title"})
    ordered = order_automations([alert, other, nurture, score])
    assert [a.name for a in dependents(ordered, score)] == ["score", "nurture", "alert"]
