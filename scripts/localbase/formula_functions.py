"""Formula functions (part of `formula`): the registry, and the logical, record and text functions.
Number and array functions live in `formula_numfns`, date functions in `formula_datefns`; both register into
the same table.

Each function declares its arity; the parser rejects calls outside it (FormulaError -> 422). Arguments are
evaluated before the call and an error argument makes the call an error, except for `lazy` functions (IF,
SWITCH, ISERROR, LAST_MODIFIED_TIME), which receive argument thunks and evaluate them themselves. A function
raises EvalError (or an arithmetic/value error) to produce #ERROR!.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from .formula_values import (
    ErrorValue,
    EvalError,
    as_date_value,
    equals,
    error,
    is_nan,
    num,
    to_int,
    to_number,
    to_text,
    truthy,
)


@dataclass(frozen=True)
class Spec:
    name: str
    fn: Callable[..., Any]
    min_args: int
    max_args: int | None  # None: any number
    lazy: bool = False

    def arity_text(self) -> str:
        if self.max_args is None:
            return f"at least {self.min_args} argument{'s' if self.min_args != 1 else ''}"
        if self.min_args == self.max_args:
            return f"{self.min_args} argument{'s' if self.min_args != 1 else ''}"
        return f"{self.min_args} to {self.max_args} arguments"


FUNCTIONS: dict[str, Spec] = {}
_SAME = -1


def register(name: str, min_args: int, max_args: int | None = _SAME, *, lazy: bool = False) -> Callable:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        FUNCTIONS[name] = Spec(name, fn, min_args, min_args if max_args == _SAME else max_args, lazy)
        return fn

    return deco


def number(v: Any) -> float | int:
    """A numeric argument; text that is not a number is an error."""
    x = to_number(v)
    if is_nan(x):
        raise EvalError(f"expected a number, got {to_text(v)!r}")
    return x


# ---------------------------------------------------------------------------------------------- logical


@register("TRUE", 0)
def _true(ctx: Any) -> bool:
    return True


@register("FALSE", 0)
def _false(ctx: Any) -> bool:
    return False


@register("BLANK", 0)
def _blank(ctx: Any) -> None:
    return None


@register("ERROR", 0)
def _error(ctx: Any) -> ErrorValue:
    return error("ERROR()")


@register("AND", 1, None)
def _and(ctx: Any, *values: Any) -> bool:
    return all(truthy(v) for v in values)


@register("OR", 1, None)
def _or(ctx: Any, *values: Any) -> bool:
    return any(truthy(v) for v in values)


@register("XOR", 1, None)
def _xor(ctx: Any, *values: Any) -> bool:
    return sum(truthy(v) for v in values) % 2 == 1


@register("NOT", 1)
def _not(ctx: Any, value: Any) -> bool:
    return not truthy(value)


@register("IF", 2, 3, lazy=True)
def _if(ctx: Any, args: list) -> Any:
    cond = args[0](ctx)
    if isinstance(cond, ErrorValue):
        return cond
    if truthy(cond):
        return args[1](ctx)
    return args[2](ctx) if len(args) > 2 else None


@register("SWITCH", 3, None, lazy=True)
def _switch(ctx: Any, args: list) -> Any:
    value = args[0](ctx)
    if isinstance(value, ErrorValue):
        return value
    rest = args[1:]
    for i in range(0, len(rest) - 1, 2):
        pattern = rest[i](ctx)
        if isinstance(pattern, ErrorValue):
            return pattern
        if equals(value, pattern):
            return rest[i + 1](ctx)
    return rest[-1](ctx) if len(rest) % 2 else None


@register("ISERROR", 1, lazy=True)
def _iserror(ctx: Any, args: list) -> bool:
    return isinstance(args[0](ctx), ErrorValue)


# ---------------------------------------------------------------------------------------------- record


@register("RECORD_ID", 0)
def _record_id(ctx: Any) -> str:
    return ctx.record.record_id


@register("CREATED_TIME", 0)
def _created_time(ctx: Any) -> Any:
    return as_date_value(ctx.record.created_time)


@register("LAST_MODIFIED_TIME", 0, None, lazy=True)
def _last_modified_time(ctx: Any, args: list) -> Any:
    # The local server does not track modification times per field; the record's own one, or its creation.
    return as_date_value(getattr(ctx.record, "last_modified_time", None) or ctx.record.created_time)


# ---------------------------------------------------------------------------------------------- text


@register("CONCATENATE", 1, None)
def _concatenate(ctx: Any, *values: Any) -> str:
    return "".join(to_text(v) for v in values)


@register("LOWER", 1)
def _lower(ctx: Any, s: Any) -> str:
    return to_text(s).lower()


@register("UPPER", 1)
def _upper(ctx: Any, s: Any) -> str:
    return to_text(s).upper()


@register("TRIM", 1)
def _trim(ctx: Any, s: Any) -> str:
    return to_text(s).strip()


@register("LEN", 1)
def _len(ctx: Any, s: Any) -> int:
    return len(to_text(s))


def _position(needle: Any, haystack: Any, start: Any) -> int:
    """0-based index of needle in haystack from `start` (0 by default, as Airtable documents), or -1."""
    return to_text(haystack).find(to_text(needle), max(0, to_int(start)) if start is not None else 0)


@register("FIND", 2, 3)
def _find(ctx: Any, needle: Any, haystack: Any, start: Any = None) -> int:
    return _position(needle, haystack, start) + 1


@register("SEARCH", 2, 3)
def _search(ctx: Any, needle: Any, haystack: Any, start: Any = None) -> int | None:
    pos = _position(needle, haystack, start)
    return pos + 1 if pos >= 0 else None


@register("LEFT", 2)
def _left(ctx: Any, s: Any, count: Any) -> str:
    return to_text(s)[: max(0, to_int(count))]


@register("RIGHT", 2)
def _right(ctx: Any, s: Any, count: Any) -> str:
    n = to_int(count)
    return to_text(s)[-n:] if n > 0 else ""


@register("MID", 3)
def _mid(ctx: Any, s: Any, start: Any, count: Any) -> str:
    begin = max(0, to_int(start) - 1)
    return to_text(s)[begin : begin + max(0, to_int(count))]


@register("SUBSTITUTE", 3, 4)
def _substitute(ctx: Any, s: Any, old: Any, new: Any, index: Any = None) -> str:
    text, old_s, new_s = to_text(s), to_text(old), to_text(new)
    if not old_s:
        return text
    if index is None:
        return text.replace(old_s, new_s)
    nth, pos = to_int(index), -1
    for _ in range(max(nth, 0)):
        pos = text.find(old_s, pos + 1)
        if pos < 0:
            return text
    return text if nth < 1 else text[:pos] + new_s + text[pos + len(old_s) :]


@register("REPLACE", 4)
def _replace(ctx: Any, s: Any, start: Any, count: Any, replacement: Any) -> str:
    text, begin = to_text(s), max(0, to_int(start) - 1)
    return text[:begin] + to_text(replacement) + text[begin + max(0, to_int(count)) :]


@register("REPT", 2)
def _rept(ctx: Any, s: Any, times: Any) -> str:
    text, n = to_text(s), max(0, to_int(times))
    if len(text) * n > 1_000_000:
        raise EvalError("REPT result too long")
    return text * n


@register("T", 1)
def _t(ctx: Any, value: Any) -> Any:
    return value if isinstance(value, str) else None


@register("VALUE", 1)
def _value(ctx: Any, value: Any) -> Any:
    if value is None or isinstance(value, (int, float)):
        return num(value) if value is not None else None
    x = to_number(value)
    if is_nan(x):  # "$1,000" -> 1000: drop currency signs, thousands separators and other non-numerals
        x = to_number(re.sub(r"[^0-9.eE+\-]", "", to_text(value)))
    if is_nan(x):
        raise EvalError(f"VALUE(): not a number: {to_text(value)!r}")
    return x


@register("ENCODE_URL_COMPONENT", 1)
def _encode_url_component(ctx: Any, s: Any) -> str:
    return quote(to_text(s), safe="")


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise EvalError(f"invalid regular expression: {exc}") from None


@register("REGEX_MATCH", 2)
def _regex_match(ctx: Any, s: Any, pattern: Any) -> bool:
    return _regex(to_text(pattern)).search(to_text(s)) is not None


@register("REGEX_EXTRACT", 2)
def _regex_extract(ctx: Any, s: Any, pattern: Any) -> str:
    m = _regex(to_text(pattern)).search(to_text(s))
    if m is None:
        raise EvalError("REGEX_EXTRACT(): no match")
    return m.group()


@register("REGEX_REPLACE", 3)
def _regex_replace(ctx: Any, s: Any, pattern: Any, replacement: Any) -> str:
    repl = to_text(replacement)

    def expand(m: re.Match[str]) -> str:  # RE2 / JavaScript style: $1, $&, $$
        return re.sub(r"\$(\$|&|\d+)", lambda g: _group(m, g.group(1)), repl)

    return _regex(to_text(pattern)).sub(expand, to_text(s))


def _group(m: re.Match[str], ref: str) -> str:
    if ref == "$":
        return "$"
    if ref == "&":
        return m.group()
    idx = int(ref)
    return (m.group(idx) or "") if idx <= (m.re.groups or 0) else "$" + ref


from . import formula_datefns as _datefns  # noqa: E402,F401  (registers the date functions)
from . import formula_numfns as _numfns  # noqa: E402,F401  (registers the number and array functions)
