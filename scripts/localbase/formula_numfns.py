"""Number and array functions of the formula language (part of `formula`; registered into formula_functions).

Numeric arguments accept numbers, numeric text, booleans (1/0) and blank (0); other text is #ERROR!. The
aggregate functions (SUM, MIN, MAX, AVERAGE, COUNT…) flatten arrays, so they work on lookups and rollups.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_UP, Decimal, localcontext
from typing import Any

from .formula_functions import number, register
from .formula_values import EvalError, flatten, num, to_int, to_text

# ---------------------------------------------------------------------------------------------- numbers


def _numbers(values: tuple) -> list[float | int]:
    return [number(v) for v in flatten(list(values)) if v is not None and v != ""]


@register("ABS", 1)
def _abs(ctx: Any, x: Any) -> Any:
    return num(abs(number(x)))


@register("INT", 1)
def _int(ctx: Any, x: Any) -> Any:
    return math.floor(number(x))


HALF_TO_CEILING = "half-ceiling"


def _round(x: Any, precision: Any, mode: str) -> Any:
    """Round at `precision` decimal places (negative: tens, hundreds...), in decimal so 2.675 is 2.675."""
    value, digits = number(x), to_int(precision)
    if isinstance(value, float) and not math.isfinite(value):
        return value
    with localcontext() as dec:
        dec.prec = 80
        scaled = (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)).scaleb(digits)
        if mode == HALF_TO_CEILING:  # Airtable's ROUND: "ties broken by rounding half up toward +infinity"
            whole = (scaled + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR)
        else:
            whole = scaled.to_integral_value(rounding=mode)
        rounded = whole.scaleb(-digits)
    return num(float(rounded)) if digits > 0 else num(int(rounded))


@register("ROUND", 2)
def _round_fn(ctx: Any, x: Any, precision: Any) -> Any:
    return _round(x, precision, HALF_TO_CEILING)


@register("ROUNDUP", 2)
def _roundup(ctx: Any, x: Any, precision: Any) -> Any:
    return _round(x, precision, ROUND_UP)


@register("ROUNDDOWN", 2)
def _rounddown(ctx: Any, x: Any, precision: Any) -> Any:
    return _round(x, precision, ROUND_DOWN)


@register("CEILING", 1, 2)
def _ceiling(ctx: Any, x: Any, significance: Any = 1) -> Any:
    sig = number(significance) or 1
    return num(math.ceil(number(x) / sig) * sig)


@register("FLOOR", 1, 2)
def _floor(ctx: Any, x: Any, significance: Any = 1) -> Any:
    sig = number(significance) or 1
    return num(math.floor(number(x) / sig) * sig)


@register("EVEN", 1)
def _even(ctx: Any, x: Any) -> int:
    n = math.ceil(number(x))
    return n if n % 2 == 0 else n + 1


@register("ODD", 1)
def _odd(ctx: Any, x: Any) -> int:
    v = number(x)
    n = math.ceil(v) if v >= 0 else math.floor(v)
    return n if n % 2 else n + (1 if v >= 0 else -1)


@register("MOD", 2)
def _mod(ctx: Any, x: Any, divisor: Any) -> Any:
    d = number(divisor)
    if d == 0:
        raise EvalError("MOD(): division by zero")
    return num(math.fmod(number(x), d))


@register("POWER", 2)
def _power(ctx: Any, base: Any, exponent: Any) -> Any:
    return num(math.pow(number(base), number(exponent)))


@register("SQRT", 1)
def _sqrt(ctx: Any, x: Any) -> Any:
    return num(math.sqrt(number(x)))


@register("EXP", 1)
def _exp(ctx: Any, x: Any) -> Any:
    return num(math.exp(number(x)))


@register("LOG", 1, 2)
def _log(ctx: Any, x: Any, base: Any = 10) -> Any:
    return num(math.log(number(x), number(base)))


@register("SUM", 1, None)
def _sum(ctx: Any, *values: Any) -> Any:
    return num(math.fsum(_numbers(values)))


@register("MIN", 1, None)
def _min(ctx: Any, *values: Any) -> Any:
    return min(_numbers(values), default=0)


@register("MAX", 1, None)
def _max(ctx: Any, *values: Any) -> Any:
    return max(_numbers(values), default=0)


@register("AVERAGE", 1, None)
def _average(ctx: Any, *values: Any) -> Any:
    nums = _numbers(values)
    return num(math.fsum(nums) / len(nums)) if nums else 0


@register("COUNT", 1, None)
def _count(ctx: Any, *values: Any) -> int:
    return sum(1 for v in flatten(list(values)) if isinstance(v, (int, float)) and not isinstance(v, bool))


@register("COUNTA", 1, None)
def _counta(ctx: Any, *values: Any) -> int:
    return sum(1 for v in flatten(list(values)) if v is not None and v != "")


@register("COUNTALL", 1, None)
def _countall(ctx: Any, *values: Any) -> int:
    return len(flatten(list(values)))


# ---------------------------------------------------------------------------------------------- arrays


@register("ARRAYJOIN", 1, 2)
def _arrayjoin(ctx: Any, values: Any, separator: Any = ", ") -> str:
    return to_text(separator).join(to_text(v) for v in flatten(values) if v is not None)


@register("ARRAYCOMPACT", 1)
def _arraycompact(ctx: Any, values: Any) -> list:
    return [v for v in flatten(values) if v is not None and v != ""]


@register("ARRAYFLATTEN", 1)
def _arrayflatten(ctx: Any, values: Any) -> list:
    return [v for v in flatten(values) if v is not None]


@register("ARRAYUNIQUE", 1)
def _arrayunique(ctx: Any, values: Any) -> list:
    out: list = []
    for v in flatten(values):
        if v is not None and v not in out:
            out.append(v)
    return out
