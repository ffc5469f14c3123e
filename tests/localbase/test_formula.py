"""filterByFormula parser and evaluator: the corpus, truthiness, syntax errors, field references."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from scripts.localbase.formula import (
    DateValue,
    DictRecordView,
    ErrorValue,
    Formula,
    FormulaError,
    SimpleField,
    compile_formula,
    to_json,
    truthy,
)
from tests.localbase.formula_corpus import (
    ALL,
    CASES,
    FIELDS,
    NOW,
    RECORDS,
    Date,
    Error,
    Falsy,
    NaN,
    Selects,
)


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


NOW_DT = _dt(NOW)
CORPUS_FIELDS = [SimpleField(fid, name, ftype, options) for fid, name, ftype, options in FIELDS]
VIEWS = {
    key: DictRecordView(CORPUS_FIELDS, values, record_id=rid, created_time=_dt(created))
    for key, (rid, created, values) in RECORDS.items()
}


def _case_id(case: tuple) -> str:
    return case[0]


def test_corpus_is_large_and_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)
    assert set(ALL) == set(RECORDS)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_corpus(case: tuple) -> None:
    _id, text, expected, *rest = case
    formula = compile_formula(text)
    if isinstance(expected, Selects):
        kept = {key for key, view in VIEWS.items() if formula.matches(view, NOW_DT)}
        assert kept == set(expected.records), text
        return
    value = formula.evaluate(VIEWS[rest[0] if rest else "full"], NOW_DT)
    _check(value, expected, text)


def _check(value: object, expected: object, text: str) -> None:
    if isinstance(expected, Error):
        assert isinstance(value, ErrorValue), (text, value)
    elif isinstance(expected, Falsy):
        assert not truthy(value), (text, value)
    elif isinstance(expected, NaN):
        assert isinstance(value, float) and math.isnan(value), (text, value)
    elif isinstance(expected, Date):
        assert isinstance(value, DateValue) and value.iso() == expected.iso, (text, value)
    elif expected is None:
        assert value is None, (text, value)
    elif isinstance(expected, bool):  # Airtable's TRUE()/FALSE() are 1/0: a bool or that number
        assert isinstance(value, (bool, int)) and not isinstance(value, str), (text, value)
        assert bool(value) is expected and value in (0, 1), (text, value)
    elif isinstance(expected, str):
        assert isinstance(value, str) and value == expected, (text, value)
    else:
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (text, value)
        assert value == pytest.approx(expected, rel=1e-12), (text, value)


# ---------------------------------------------------------------------------------------------- truthiness


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, False),
        (0.0, False),
        (False, False),
        ("", False),
        (float("nan"), False),
        ([], False),
        (None, False),
        (ErrorValue(), False),
        (1, True),
        (-0.5, True),
        (True, True),
        ("0", True),
        ("false", True),
        (["x"], True),
        (float("inf"), True),
        (DateValue(datetime(2024, 1, 1, tzinfo=UTC)), True),
    ],
    ids=repr,
)
def test_truthy_matches_airtable_inclusion(value: object, expected: bool) -> None:
    assert truthy(value) is expected


# ---------------------------------------------------------------------------------------------- errors

BAD_FORMULAS = {
    "empty": "",
    "only-space": "   ",
    "unterminated-single": "{Name} = 'abc",
    "unterminated-double": '{Name} = "abc',
    "escaped-closing-quote": r"'abc\'",
    "unterminated-field": "{Name = 'x'",
    "field-brace-escaped-at-end": r"{Name\}",
    "empty-field": "{} = 1",
    "unknown-function": "FOO(1)",
    "if-one-arg": "IF(1)",
    "if-four-args": "IF(1, 2, 3, 4)",
    "not-two-args": "NOT(1, 2)",
    "and-no-args": "AND()",
    "today-with-arg": "TODAY(1)",
    "blank-with-arg": "BLANK(1)",
    "switch-two-args": "SWITCH(1, 2)",
    "dateadd-two-args": "DATEADD({Due}, 1)",
    "trailing-comma": "AND(1,)",
    "leading-comma": "AND(,1)",
    "missing-close": "AND(1, 2",
    "stray-close": "1)",
    "empty-parens": "()",
    "dangling-operator": "1 +",
    "double-operator": "1 * / 2",
    "two-values": "1 2",
    "two-fields": "{A} {B}",
    "double-equals": "1 == 1",
    "angle-not-equal": "1 <> 2",
    "bang-alone": "!1",
    "smart-quotes": "{Name} = \u2018x\u2019",
    "unknown-character": "{Name} = #x",
    "starts-with-operator": "= 1",
    "semicolon-args": "IF(1; 2; 3)",
    "too-deep": "(" * 150 + "1" + ")" * 150,
    "too-deep-calls": "NOT(" * 150 + "1" + ")" * 150,
    "too-deep-unary": "-" * 150 + "1",
}


@pytest.mark.parametrize("text", BAD_FORMULAS.values(), ids=BAD_FORMULAS.keys())
def test_invalid_formulas_raise_formula_error(text: str) -> None:
    with pytest.raises(FormulaError):
        compile_formula(text)


def test_non_text_formula_is_formula_error() -> None:
    with pytest.raises(FormulaError):
        compile_formula(None)  # type: ignore[arg-type]


def test_unknown_field_at_evaluation_is_formula_error() -> None:
    formula = compile_formula("{Nope} = 1")
    with pytest.raises(FormulaError, match="Nope"):
        formula.evaluate(VIEWS["full"], NOW_DT)


def test_formula_error_messages_say_where() -> None:
    with pytest.raises(FormulaError, match="position 9"):
        compile_formula("{Name} = 'abc")
    with pytest.raises(FormulaError, match=r"IF\(\) takes 2 to 3 arguments, got 1"):
        compile_formula("IF(1)")


# ---------------------------------------------------------------------------------------------- structure


def test_field_refs_are_collected_as_written() -> None:
    formula = compile_formula(
        r"""AND({Name} = '{NotARef}', Age > 1, {fldAge00000000001}, {Weird\}Name}, LEN("{x}"), Name)"""
    )
    assert formula.field_refs == {"Name", "Age", "fldAge00000000001", "Weird}Name"}


def test_field_refs_empty_for_constant_formula() -> None:
    assert compile_formula("TRUE()").field_refs == set()


def test_nesting_within_limit_parses_and_evaluates() -> None:
    text = "(" * 90 + "1" + ")" * 90
    assert compile_formula(text).evaluate(VIEWS["full"], NOW_DT) == 1
    nested = "NOT(" * 60 + "0" + ")" * 60
    assert compile_formula(nested).evaluate(VIEWS["full"], NOW_DT) is False


def test_long_operator_chains_do_not_recurse() -> None:
    text = "1" + " + 1" * 5000
    assert compile_formula(text).evaluate(VIEWS["full"], NOW_DT) == 5001
    ors = "OR(" + ", ".join(f"RECORD_ID() = 'rec{i:014d}'" for i in range(2000)) + ", {Age} = 36)"
    assert compile_formula(ors).matches(VIEWS["full"], NOW_DT)


def test_compile_is_cached_and_formula_is_reusable() -> None:
    a = compile_formula("{Age} > 10")
    assert compile_formula("{Age} > 10") is a
    assert isinstance(a, Formula)
    assert [a.matches(VIEWS[k], NOW_DT) for k in ALL] == [True, False, False, False]


def test_now_moves_today() -> None:
    formula = compile_formula("IS_BEFORE({Due}, TODAY())")
    zero = VIEWS["zero"]  # Due 2024-03-20
    assert not formula.matches(zero, NOW_DT)
    assert formula.matches(zero, datetime(2024, 3, 21, 0, 0, 1, tzinfo=UTC))


def test_constant_parts_are_shared_but_clock_and_record_parts_are_not() -> None:
    later = datetime(2024, 3, 22, 8, 0, tzinfo=UTC)
    today = compile_formula("DATETIME_FORMAT(TODAY(), 'YYYY-MM-DD') & '|' & UPPER('x')")
    assert today.evaluate(VIEWS["full"], NOW_DT) == "2024-03-20|X"
    assert today.evaluate(VIEWS["full"], later) == "2024-03-22|X"
    before = compile_formula("IS_BEFORE(DATETIME_PARSE('2024-03-21'), TODAY())")
    assert not before.matches(VIEWS["full"], NOW_DT)
    assert before.matches(VIEWS["full"], later)
    time_only = compile_formula("DATETIME_FORMAT(DATETIME_PARSE('10:30', 'HH:mm'), 'YYYY-MM-DD HH:mm')")
    assert time_only.evaluate(VIEWS["full"], later) == "2024-03-22 10:30"  # today's date, from `now`
    rid = compile_formula("RECORD_ID() & LOWER('-X')")
    assert [rid.evaluate(VIEWS[k], NOW_DT) for k in ("full", "zero")] == [
        "recFULL0000000001-x",
        "recZERO0000000001-x",
    ]


def test_naive_now_is_utc() -> None:
    formula = compile_formula("DATETIME_FORMAT(NOW(), 'YYYY-MM-DD HH:mm')")
    assert formula.evaluate(VIEWS["full"], datetime(2024, 3, 20, 12, 0)) == "2024-03-20 12:00"


class _CoreLikeView:
    """A RecordView that is not DictRecordView: lookup by id or case-insensitive name, as core does."""

    record_id = "recCORE0000000001"
    created_time = datetime(2024, 1, 1, tzinfo=UTC)

    def __init__(self) -> None:
        self.fields = {"fldX": SimpleField("fldX", "Amount", "number"), "fldL": SimpleField("fldL", "Links")}
        self.cells = {"fldX": 12, "fldL": ["Alpha", "Beta"]}
        self.lookups: list[str] = []

    def lookup(self, ref: str) -> SimpleField | None:
        self.lookups.append(ref)
        if ref in self.fields:
            return self.fields[ref]
        return next((f for f in self.fields.values() if f.name.lower() == ref.lower()), None)

    def value(self, field: SimpleField) -> object:
        return self.cells.get(field.id)


def test_custom_record_view_and_per_evaluation_lookup_cache() -> None:
    view = _CoreLikeView()
    formula = compile_formula("AND({amount} > 10, {fldX} < 20, {Amount} = 12, FIND('Beta', {Links}))")
    assert formula.matches(view, NOW_DT)
    assert sorted(view.lookups) == ["Amount", "Links", "amount", "fldX"]  # each reference resolved once


def test_to_json_matches_api_shapes() -> None:
    view = VIEWS["full"]
    assert to_json(compile_formula("{Computed}").evaluate(view, NOW_DT)) == {"error": "#ERROR!"}
    assert to_json(compile_formula("0/0").evaluate(view, NOW_DT)) == {"specialValue": "NaN"}
    assert to_json(compile_formula("DATETIME_PARSE('2024-01-02')").evaluate(view, NOW_DT)) == (
        "2024-01-02T00:00:00.000Z"
    )
    assert to_json(compile_formula("{Due}").evaluate(view, NOW_DT)) == "2024-03-15"
    assert to_json(compile_formula("{Tags}").evaluate(view, NOW_DT)) == ["vip", "board"]


def test_cell_objects_render_as_text() -> None:
    fields = [
        SimpleField("fldA", "Files", "multipleAttachments"),
        SimpleField("fldB", "Owner", "singleCollaborator"),
    ]
    view = DictRecordView(
        fields,
        {
            "Files": [{"id": "att1", "filename": "a.pdf", "url": "https://x/a.pdf"}],
            "Owner": {"id": "usr1", "email": "c@example.com", "name": "Coach"},
        },
    )
    assert compile_formula("{Files} & ''").evaluate(view, NOW_DT) == "a.pdf (https://x/a.pdf)"
    assert compile_formula("{Owner} = 'Coach'").matches(view, NOW_DT)
