"""Formulas built by pyairtable.formulas from hostile input select exactly the intended records.

pyairtable escapes string values with quoted() (\\ -> \\\\, ' -> \\') and field names with Field() (} -> \\}).
Whatever the input, the literal must parse back to exactly that input: no quote, backslash, brace or
`", ""="` style injection may change the formula's structure.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from pyairtable import formulas as F

from scripts.localbase.formula import DictRecordView, SimpleField, compile_formula

NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)

HOSTILE = [
    "O'Brien",
    'say "hi"',
    "back\\slash",
    "trailing backslash\\",
    "\\'",
    "\\\\'",
    "'",
    '"',
    "''",
    "}",
    "{",
    "{Name}",
    "a}b{c",
    '", ""="',
    "', ''='",
    'josh@example.com", ""="',
    "x' , TRUE(), '",
    "') & TRUE() & ('",
    "' OR '1'='1",
    "1=1",
    "\\",
    "\\\\",
    "new\nline",
    "tab\tand\rreturn",
    "\\n literally",
    " leading and trailing ",
    "ünïcødé ✓ 😀",
    "%s ${x} {{x}}",
    "/* comment */ --",
    "BLANK()",
]

FIELDS = [
    SimpleField("fldName0000000001", "Name"),
    SimpleField("fldEmail000000001", "Email", "email"),
    SimpleField("fldAge00000000001", "Age", "number"),
    SimpleField("fldDone0000000001", "Done", "checkbox"),
    SimpleField("fldDue00000000001", "Due", "date"),
    SimpleField("fldStart000000001", "Start", "dateTime"),
]


def _view(i: int, name: str | None, **values: object) -> DictRecordView:
    return DictRecordView(FIELDS, {"Name": name, **values}, record_id=f"rec{i:014d}")


RECORDS = [_view(i, s, Email=f"user{i}@example.com", Age=i) for i, s in enumerate(HOSTILE)]
RECORDS.append(_view(len(HOSTILE), "plain control", Email='josh@example.com", ""="', Age=-1))
RECORDS.append(_view(len(HOSTILE) + 1, None))  # a record with no Name at all


def _selected(formula: object) -> set[str]:
    compiled = compile_formula(str(formula))
    return {r.record_id for r in RECORDS if compiled.matches(r, NOW)}


def _ids(predicate: object) -> set[str]:
    return {r.record_id for r in RECORDS if predicate(r)}  # type: ignore[operator]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda s: repr(s)[:40])
def test_quoted_literal_parses_back_to_the_same_string(value: str) -> None:
    assert compile_formula(F.quoted(value)).evaluate(RECORDS[-1], NOW) == value
    assert compile_formula(F.to_formula_str(value)).evaluate(RECORDS[-1], NOW) == value


@pytest.mark.parametrize("value", HOSTILE, ids=lambda s: repr(s)[:40])
def test_eq_selects_exactly_the_matching_record(value: str) -> None:
    formula = F.EQ(F.Field("Name"), value)
    assert _selected(formula) == _ids(lambda r: r.values["Name"] == value)
    assert compile_formula(str(formula)).field_refs == {"Name"}


@pytest.mark.parametrize("value", HOSTILE, ids=lambda s: repr(s)[:40])
def test_match_and_or_keep_their_structure(value: str) -> None:
    both = F.match({"Name": value, "Email": value})  # AND: nobody has Email == Name
    assert _selected(both) == set()
    either = F.match({"Name": value, "Email": value}, match_any=True)
    assert _selected(either) == _ids(lambda r: value in (r.values["Name"], r.values.get("Email")))
    negated = ~F.Field("Name").eq(value) & F.Field("Age").gte(0)
    assert _selected(negated) == _ids(lambda r: r.values["Name"] != value and (r.values.get("Age") or 0) >= 0)


@pytest.mark.parametrize("value", [s for s in HOSTILE if s], ids=lambda s: repr(s)[:40])
def test_find_function_with_hostile_needle(value: str) -> None:
    formula = F.FIND(value, F.Field("Name"))
    assert _selected(formula) == _ids(lambda r: value in (r.values["Name"] or ""))


def test_injection_attempt_from_airtable_js_issue_271() -> None:
    attack = 'josh@example.com", ""="'
    formula = F.OR(F.EQ(F.Field("Name"), "nobody"), F.EQ(F.Field("Email"), attack))
    assert _selected(formula) == {RECORDS[len(HOSTILE)].record_id}  # only the record whose Email is that text


def test_random_strings_round_trip() -> None:
    rng = random.Random(20240320)
    alphabet = "'\"\\{}(),=&<>!\n\t aZ0é😀"
    for _ in range(500):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert compile_formula(F.quoted(value)).evaluate(RECORDS[-1], NOW) == value, repr(value)
        target = _view(0, value)
        other = _view(1, value + "x")
        formula = compile_formula(str(F.EQ(F.Field("Name"), value)))
        assert formula.matches(target, NOW) or value == "", repr(value)
        assert not formula.matches(other, NOW), repr(value)


@pytest.mark.parametrize(
    "name",
    ["we}ird", "Guest's Name", 'say "x"', "a{b", "back\\slash", "ends}", "}}", "a\\}b", "(x), {y}", "A = B"],
)
def test_hostile_field_names_resolve_to_the_named_field(name: str) -> None:
    fields = [SimpleField("fldWeird000000001", name), SimpleField("fldOther000000001", "Other")]
    view = DictRecordView(fields, {name: "hit", "Other": "miss"})
    formula = compile_formula(str(F.EQ(F.Field(name), "hit")))
    assert formula.field_refs == {name}
    assert formula.matches(view, NOW)


def test_values_of_other_python_types() -> None:
    rec = DictRecordView(
        FIELDS,
        {"Name": "n", "Age": 36, "Done": True, "Due": "2024-03-15", "Start": "2024-03-15T09:30:00.000Z"},
    )

    def holds(formula: object) -> bool:
        return compile_formula(str(formula)).matches(rec, NOW)

    assert holds(F.EQ(F.Field("Age"), 36))
    assert holds(F.GTE(F.Field("Age"), Decimal("35.5")))
    assert holds(F.EQ(F.Field("Age"), Fraction(72, 2)))  # rendered 72/2
    assert holds(F.GT(F.Field("Age"), 1e-05))  # rendered 1e-05
    assert holds(F.LT(F.Field("Age"), 1e300))
    assert holds(F.GT(F.Field("Age"), -5))  # {Age}>-5
    assert holds(F.EQ(F.Field("Done"), True))
    assert not holds(F.EQ(F.Field("Done"), False))
    assert holds(F.EQ(F.Field("Due"), date(2024, 3, 15)))
    assert holds(F.LT(F.Field("Due"), date(2024, 3, 16)))
    assert holds(F.EQ(F.Field("Start"), datetime(2024, 3, 15, 9, 30, tzinfo=UTC)))
    assert holds(F.IS_BEFORE(F.Field("Due"), date(2024, 3, 16)))
    assert holds(F.DATETIME_DIFF(F.NOW(), F.Field("Start"), "days").eq(5))
    assert holds(F.match({"Name": "n", "Age": (">=", 21)}))
    assert holds(F.Field("Name").eq("n") & F.Field("Age").gt(3) | F.Field("Done").eq(False))
    assert holds(F.Field("Name").eq("n") ^ F.Field("Age").eq(0))


def test_record_id_or_list() -> None:
    wanted = [RECORDS[2].record_id, RECORDS[5].record_id]
    formula = F.OR(*(F.RECORD_ID().eq(r) for r in wanted))
    assert _selected(formula) == set(wanted)
