"""filterByFormula for the local Airtable-compatible server: compile a formula once, evaluate it per record.

    formula = compile_formula("AND({Status} = 'Active', IS_BEFORE({Due}, TODAY()))")   # FormulaError -> 422
    unknown = [ref for ref in formula.field_refs if table_view.lookup(ref) is None]    # -> 422 as well
    keep = truthy(formula.evaluate(record_view, now))

The language (see formula_parse for the grammar and escaping rules, formula_values for coercions,
formula_functions / formula_datefns for the functions) is what Airtable documents and what
`pyairtable.formulas` produces. Evaluation never raises for bad data: type problems become an error value
(#ERROR!), which is not truthy. It raises FormulaError only for a field reference the record view cannot
resolve (core checks `field_refs` up front, so that should not happen).

Field values arrive as Airtable V1 JSON (strings, numbers, booleans, arrays, ISO date strings; links as
the linked records' primary values). `cell_value` turns them into formula values using the field's type:
date and dateTime (and date-typed formula/rollup/lookup results) become dates, empty arrays become blank,
attachment and collaborator objects become their display text, {"error": …} becomes an error value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol

from .formula_functions import FUNCTIONS
from .formula_parse import parse
from .formula_values import (
    NAN,
    DateValue,
    ErrorValue,
    EvalError,
    FormulaError,
    compare,
    error,
    is_nan,
    num,
    parse_iso,
    to_number,
    to_text,
    truthy,
)

__all__ = [
    "DateValue",
    "DictRecordView",
    "ErrorValue",
    "FieldLike",
    "Formula",
    "FormulaError",
    "RecordView",
    "SimpleField",
    "cell_value",
    "compile_formula",
    "to_json",
    "truthy",
]


class FieldLike(Protocol):
    """What the evaluator needs of a field (core's FieldInfo has these and more)."""

    id: str
    name: str
    type: str
    options: Mapping[str, Any] | None


class RecordView(Protocol):
    """A stored record as the evaluator sees it (core implements this)."""

    record_id: str
    created_time: datetime

    def lookup(self, ref: str) -> FieldLike | None:
        """The field a reference names: a field id, or a name (case-insensitive); None if there is none."""
        ...

    def value(self, field: FieldLike) -> Any:
        """The cell's V1 value, None when empty; a link field gives the linked records' primary values."""
        ...


@dataclass(frozen=True)
class SimpleField:
    """A minimal FieldInfo-compatible field (tests, tools)."""

    id: str
    name: str
    type: str = "singleLineText"
    options: Mapping[str, Any] | None = None
    description: str | None = None


@dataclass
class DictRecordView:
    """A RecordView over plain data, `values` keyed by field name or id (tests; a reference for core)."""

    fields: list[SimpleField]
    values: Mapping[str, Any]
    record_id: str = "rec00000000000000"
    created_time: datetime = field(default_factory=lambda: datetime(2024, 1, 1, tzinfo=UTC))

    def lookup(self, ref: str) -> SimpleField | None:
        for f in self.fields:
            if f.id == ref:
                return f
        folded = ref.casefold()
        return next((f for f in self.fields if f.name.casefold() == folded), None)

    def value(self, field: FieldLike) -> Any:
        return self.values.get(field.id, self.values.get(field.name))


# ---------------------------------------------------------------------------------------------- cell values

_INF = float("inf")
_DATE_TYPES = {"date", "dateTime", "createdTime", "lastModifiedTime"}
_COMPUTED = {"formula", "rollup", "multipleLookupValues", "lookup"}


def cell_value(field: FieldLike, value: Any) -> Any:
    """A V1 cell value -> formula value, using the field's type."""
    ftype = getattr(field, "type", None)
    if ftype in _COMPUTED:
        result = (getattr(field, "options", None) or {}).get("result") or {}
        ftype = result.get("type")
    return _convert(value, ftype)


def _convert(value: Any, ftype: str | None) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        items = [_convert(v, ftype) for v in value]
        return items if items else None
    if isinstance(value, dict):
        return _object_value(value)
    if isinstance(value, str) and ftype in _DATE_TYPES:
        parsed = parse_iso(value)
        if parsed is not None:
            return DateValue(parsed.dt, date_only=ftype == "date")
    return value


def _object_value(obj: Mapping[str, Any]) -> Any:
    if "error" in obj:
        return ErrorValue(str(obj["error"]))
    if obj.get("specialValue") == "NaN":
        return NAN
    if "filename" in obj:  # attachment, shown as "name (url)" in text
        return f"{obj['filename']} ({obj.get('url', '')})"
    for key in ("name", "email", "text", "label", "value"):  # collaborator, barcode, button, aiText
        if isinstance(obj.get(key), str):
            return obj[key]
    return obj.get("id")


def to_json(value: Any) -> Any:
    """A formula value as Airtable's API would show a computed cell."""
    if isinstance(value, ErrorValue):
        return {"error": value.code}
    if isinstance(value, float) and (is_nan(value) or value in (_INF, -_INF)):
        return {"specialValue": "NaN" if is_nan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, DateValue):
        return value.iso()
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------- evaluation


class _Context:
    __slots__ = ("record", "now", "cache")

    def __init__(self, record: RecordView, now: datetime) -> None:
        self.record, self.now, self.cache = record, now, {}

    def field(self, ref: str) -> Any:
        try:
            return self.cache[ref]
        except KeyError:
            pass
        info = self.record.lookup(ref)
        if info is None:
            raise FormulaError(f'Unknown field name: "{ref}"')
        value = self.cache[ref] = cell_value(info, self.record.value(info))
        return value


Thunk = Callable[[_Context], Any]
_EVAL_ERRORS = (EvalError, ArithmeticError, ValueError)


def _arith(op: str) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        if isinstance(a, ErrorValue):
            return a
        if isinstance(b, ErrorValue):
            return b
        if isinstance(a, DateValue) or isinstance(b, DateValue):
            return error(f"dates cannot be used with {op}; use DATEADD or DATETIME_DIFF")
        x, y = to_number(a), to_number(b)
        if is_nan(x) or is_nan(y):
            return NAN
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        elif y == 0:  # JavaScript: x/0 is ±Infinity, 0/0 is NaN
            r = NAN if x == 0 else (_INF if x > 0 else -_INF)
        else:
            r = x / y
        if isinstance(r, int) and abs(r) >= 2**53:
            r = float(r)
        return num(r)

    return apply


def _concat(a: Any, b: Any) -> Any:
    if isinstance(a, ErrorValue):
        return a
    if isinstance(b, ErrorValue):
        return b
    return to_text(a) + to_text(b)


_SIMPLE = (str, int, float)


def _comparison(test: Callable[[int | None], bool], fast: Callable[[Any, Any], bool]) -> Callable:
    def apply(a: Any, b: Any) -> Any:
        if type(a) is type(b) and type(a) in _SIMPLE:  # the common case: text vs text, number vs number
            return fast(a, b)
        if isinstance(a, ErrorValue):
            return a
        if isinstance(b, ErrorValue):
            return b
        return test(compare(a, b))

    return apply


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arith("+"),
    "-": _arith("-"),
    "*": _arith("*"),
    "/": _arith("/"),
    "&": _concat,
    "=": _comparison(lambda c: c == 0, lambda a, b: a == b),
    "!=": _comparison(lambda c: c != 0, lambda a, b: a != b),
    "<": _comparison(lambda c: c is not None and c < 0, lambda a, b: a < b),
    ">": _comparison(lambda c: c is not None and c > 0, lambda a, b: a > b),
    "<=": _comparison(lambda c: c is not None and c <= 0, lambda a, b: a <= b),
    ">=": _comparison(lambda c: c is not None and c >= 0, lambda a, b: a >= b),
}


def _negate(v: Any, sign: int) -> Any:
    if isinstance(v, ErrorValue):
        return v
    if isinstance(v, DateValue):
        return error("a date is not a number")
    x = to_number(v)
    return x if is_nan(x) else num(sign * x)


class _NotConstant(Exception):
    pass


class _FoldContext:
    """Context for evaluating constant sub-expressions once, at compile time (DATETIME_PARSE('2024-01-02'),
    1 + 2, LOWER('X')): anything that reads the record or the clock refuses, and stays per-record."""

    @property
    def record(self) -> Any:
        raise _NotConstant

    @property
    def now(self) -> Any:
        raise _NotConstant

    def field(self, ref: str) -> Any:
        raise _NotConstant


_FOLD = _FoldContext()


class _Const:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __call__(self, ctx: Any) -> Any:
        return self.value


def _fold(thunk: Thunk, children: list[Thunk]) -> Thunk:
    if all(isinstance(c, _Const) for c in children):
        try:
            return _Const(thunk(_FOLD))  # type: ignore[arg-type]
        except _NotConstant:
            pass
    return thunk


def _compile(node: tuple) -> Thunk:
    kind = node[0]
    if kind in ("num", "str"):
        return _Const(node[1])
    if kind == "field":
        ref = node[1]
        return lambda ctx: ctx.field(ref)
    if kind in ("neg", "pos"):
        operand, sign = _compile(node[1]), -1 if kind == "neg" else 1
        return _fold(lambda ctx: _negate(operand(ctx), sign), [operand])
    if kind == "chain":
        return _compile_chain(node)
    args = [_compile(arg) for arg in node[2]]
    return _fold(_compile_call(node[1], args), args)


def _compile_chain(node: tuple) -> Thunk:
    first = _compile(node[1])
    rest = [(_BINARY[op], _compile(operand)) for op, operand in node[2]]
    if len(rest) == 1:
        ((apply, second),) = rest

        def pair(ctx: _Context) -> Any:
            return apply(first(ctx), second(ctx))

        return _fold(pair, [first, second])

    def chain(ctx: _Context) -> Any:
        value = first(ctx)
        for apply, operand in rest:
            value = apply(value, operand(ctx))
        return value

    return _fold(chain, [first, *(operand for _, operand in rest)])


def _compile_call(name: str, args: list[Thunk]) -> Thunk:
    spec = FUNCTIONS[name]
    fn = spec.fn
    if spec.lazy:

        def call_lazy(ctx: _Context) -> Any:
            try:
                return fn(ctx, args)
            except _EVAL_ERRORS as exc:
                return error(f"{name}(): {exc}")

        return call_lazy

    if not args:

        def call0(ctx: _Context) -> Any:
            try:
                return fn(ctx)
            except _EVAL_ERRORS as exc:
                return error(f"{name}(): {exc}")

        return call0

    def call(ctx: _Context) -> Any:
        values = [arg(ctx) for arg in args]
        for v in values:
            if isinstance(v, ErrorValue):
                return v
        try:
            return fn(ctx, *values)
        except _EVAL_ERRORS as exc:
            return error(f"{name}(): {exc}")

    return call


class Formula:
    """A compiled formula. Immutable and thread-safe; `compile_formula` caches them by text."""

    __slots__ = ("text", "field_refs", "ast", "_fn")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ast, self.field_refs = parse(text)  # field_refs: frozenset of references as written
        self._fn = _compile(self.ast)

    def evaluate(self, record: RecordView, now: datetime | None = None) -> Any:
        """The formula's value for one record (an ErrorValue on evaluation errors)."""
        if now is None:
            now = datetime.now(UTC)
        elif now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        try:
            return self._fn(_Context(record, now.astimezone(UTC)))
        except RecursionError:
            return error("formula too deeply nested to evaluate")

    def matches(self, record: RecordView, now: datetime | None = None) -> bool:
        """Whether filterByFormula keeps the record."""
        return truthy(self.evaluate(record, now))

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


def compile_formula(text: str) -> Formula:
    """Parse and compile a formula. Raises FormulaError for syntax errors, unknown functions, wrong arity."""
    if not isinstance(text, str):
        raise FormulaError("The formula must be text")
    return _compile_cached(text)


@lru_cache(maxsize=512)
def _compile_cached(text: str) -> Formula:
    return Formula(text)
