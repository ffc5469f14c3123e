"""The models and schema/tables.py never drift: every field has an attribute of a compatible type."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from decimal import Decimal

import pytest

from automation.models import MODELS, Lead, Record, Session
from schema.tables import ALL_TABLES

EXPECTED: dict[str, object] = {
    "singleLineText": str | None,
    "email": str | None,
    "url": str | None,
    "phoneNumber": str | None,
    "multilineText": str | None,
    "number": float | None,
    "currency": Decimal | None,  # exact money (automation/money.py)
    "percent": float | None,
    "duration": float | None,
    "rating": int | float | None,  # a whole star count, or a 4.5 from a Number field not yet migrated
    "checkbox": bool,
    "date": date | None,
    "dateTime": datetime | None,
    "singleSelect": str | None,
    "multipleSelects": list[str],
    "multipleRecordLinks": list[str],
}


def _plain(annotation: object) -> object:
    """Strip Annotated[...] validators so `UtcDateTime | None` compares as `datetime | None`."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.Union[tuple(_plain(a) for a in typing.get_args(annotation))]  # noqa: UP007
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def test_models__one_model_per_table() -> None:
    assert set(MODELS) == {t.key for t in ALL_TABLES}
    for key, model in MODELS.items():
        assert model.TABLE.key == key


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.key)
def test_models__every_field_has_an_attribute_of_its_type(table) -> None:
    model = MODELS[table.key]
    attrs = {k: v for k, v in model.model_fields.items() if k not in Record.model_fields}
    assert set(attrs) == {f.key for f in table.fields}, "model attributes = the table's field keys"
    for f in table.fields:
        assert f.type in EXPECTED, f"no model type for Airtable type {f.type}"
        assert _plain(attrs[f.key].annotation) == EXPECTED[f.type], f"{table.key}.{f.key}"


def test_models__empty_cells_have_empty_defaults() -> None:
    lead = Lead(id="rec00000000000001")
    assert lead.lead_score is None and lead.deals == [] and lead.name is None
    assert Session(id="rec00000000000002").reminder_sent is False


def test_models__datetimes_are_aware_utc() -> None:
    lead = Lead(id="rec00000000000001", scored_at="2026-03-01T10:00:00.000+02:00")
    assert lead.scored_at is not None and lead.scored_at.utcoffset().total_seconds() == 0
    assert lead.scored_at.hour == 8
    naive = Lead(id="rec00000000000001", scored_at=datetime(2026, 3, 1, 10, 0))
    assert naive.scored_at is not None and naive.scored_at.tzinfo is not None


def test_models__a_value_of_another_type_is_refused() -> None:
    with pytest.raises(ValueError, match="lead_score"):
        Lead(id="rec00000000000001", lead_score="very high")


def test_models__checked_in_file_is_what_the_generator_writes() -> None:
    """automation/models.py is generated from schema/tables.py; editing one without the other fails here."""
    from scripts import gen_models

    assert gen_models.TARGET.read_text() == gen_models.render(), (
        "automation/models.py is stale: run `python -m scripts.gen_models` and commit the result"
    )


def test_models__generator_follows_a_schema_change(monkeypatch) -> None:
    """A field added to the schema shows up in the rendered models (so a stale file cannot pass)."""
    from schema import tables
    from schema.model import TableDef, currency, text
    from scripts import gen_models

    extra = TableDef("widgets", "Widgets", [text("label", "Label"), currency("price", "Price")])
    monkeypatch.setattr(tables, "WIDGETS", extra, raising=False)
    monkeypatch.setattr(tables, "ALL_TABLES", [*tables.ALL_TABLES, extra])
    rendered = gen_models.render()
    assert 'class Widget(Record):\n    """A record of Widgets."""' in rendered
    assert "TABLE: ClassVar[TableDef] = tables.WIDGETS" in rendered
    assert "    price: Money = None\n" in rendered
    assert rendered != gen_models.TARGET.read_text()
