"""Tokenizer and parser for Airtable formulas (part of `formula`): text -> AST, or FormulaError.

Grammar, lowest precedence first (as in Airtable and the spreadsheets it follows):
    expr     := concat (("=" | "!=" | "<" | ">" | "<=" | ">=") concat)*
    concat   := additive ("&" additive)*
    additive := term (("+" | "-") term)*
    term     := unary (("*" | "/") unary)*
    unary    := ("-" | "+") unary | primary
    primary  := NUMBER | STRING | "{" field "}" | NAME "(" [expr ("," expr)*] ")" | NAME | "(" expr ")"
All binary operators are left-associative. A bare NAME not followed by "(" is a field reference.

Lexical rules:
* strings in '…' or "…"; a backslash escapes the next character: \\' \\" \\\\ give the character itself,
  \\n \\t \\r give newline, tab and carriage return, and any other \\c gives c (as JavaScript does). Raw
  newlines inside a literal are kept.
* field references in {…}: everything up to the first "}" not preceded by a backslash; "\\}" stands for "}",
  any other backslash is literal (pyairtable's Field() escapes only "}").
* numbers: 12, 1.5, .5, 1e3, 1E+2 (pyairtable renders Python floats and Decimals that way).

AST nodes are tuples: ("num", n) ("str", s) ("field", name) ("call", NAME, [args]) ("neg", x) ("pos", x)
("chain", first, [(op, operand), ...]) — a chain holds every operand of one precedence level, so long
`a + b + c + …` or `x = 1 = …` sequences evaluate in a loop instead of by deep recursion.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .formula_functions import FUNCTIONS
from .formula_values import FormulaError

MAX_DEPTH = 100  # nested parentheses/calls; far beyond any real formula, well inside Python's recursion limit


class Token(NamedTuple):
    kind: str  # num str field name op ( ) , end
    value: Any
    pos: int


_DIGITS = frozenset("0123456789")
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[^\W\d]\w*")
_OPS2 = ("!=", "<=", ">=")
_OPS1 = "=<>+-*/&"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "'\"":
            value, i2 = _read_string(text, i)
            tokens.append(Token("str", value, i))
            i = i2
        elif c == "{":
            name, i2 = _read_field(text, i)
            tokens.append(Token("field", name, i))
            i = i2
        elif c in _DIGITS or (c == "." and text[i + 1 : i + 2] in _DIGITS):
            m = _NUMBER.match(text, i)
            assert m is not None
            s = m.group()
            tokens.append(Token("num", float(s) if any(ch in s for ch in ".eE") else int(s), i))
            i = m.end()
        elif _NAME.match(text, i):
            m = _NAME.match(text, i)
            assert m is not None
            tokens.append(Token("name", m.group(), i))
            i = m.end()
        elif text.startswith(_OPS2, i):
            tokens.append(Token("op", text[i : i + 2], i))
            i += 2
        elif c in _OPS1:
            tokens.append(Token("op", c, i))
            i += 1
        elif c in "(),":
            tokens.append(Token(c, c, i))
            i += 1
        else:
            raise FormulaError(f"Unexpected character {c!r} at position {i}")
    tokens.append(Token("end", None, n))
    return tokens


def _read_string(text: str, start: int) -> tuple[str, int]:
    quote, out, i = text[start], [], start + 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text):
                break
            nxt = text[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
        elif c == quote:
            return "".join(out), i + 1
        else:
            out.append(c)
            i += 1
    raise FormulaError(f"Unterminated string starting at position {start}")


def _read_field(text: str, start: int) -> tuple[str, int]:
    out, i = [], start + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and text.startswith("}", i + 1):
            out.append("}")
            i += 2
        elif c == "}":
            if not out:
                raise FormulaError(f"Empty field reference at position {start}")
            return "".join(out), i + 1
        else:
            out.append(c)
            i += 1
    raise FormulaError(f"Unterminated field reference starting at position {start}")


_LEVELS = (("=", "!=", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/"))


class Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.field_refs: set[str] = set()

    def parse(self) -> tuple:
        if self.peek().kind == "end":
            raise FormulaError("The formula is empty")
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            raise FormulaError(f"Unexpected {tok.value!r} at position {tok.pos}")
        return node

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str) -> Token:
        tok = self.take()
        if tok.kind != kind:
            found = "the end of the formula" if tok.kind == "end" else repr(tok.value)
            raise FormulaError(f"Expected {kind!r} but found {found} at position {tok.pos}")
        return tok

    def expr(self, level: int = 0) -> tuple:
        if level == len(_LEVELS):
            return self.unary()
        first = self.expr(level + 1)
        rest = []
        while self.peek().kind == "op" and self.peek().value in _LEVELS[level]:
            op = self.take().value
            rest.append((op, self.expr(level + 1)))
        return ("chain", first, rest) if rest else first

    def unary(self) -> tuple:
        tok = self.peek()
        if tok.kind == "op" and tok.value in "+-":
            self.take()
            with self.nested(tok):
                operand = self.unary()
            return ("neg" if tok.value == "-" else "pos", operand)
        return self.primary()

    def nested(self, tok: Token) -> _Depth:
        return _Depth(self, tok)

    def primary(self) -> tuple:
        tok = self.take()
        if tok.kind == "num":
            return ("num", tok.value)
        if tok.kind == "str":
            return ("str", tok.value)
        if tok.kind == "field":
            self.field_refs.add(tok.value)
            return ("field", tok.value)
        if tok.kind == "(":
            with self.nested(tok):
                node = self.expr()
            self.expect(")")
            return node
        if tok.kind == "name":
            if self.peek().kind == "(":
                return self.call(tok)
            self.field_refs.add(tok.value)
            return ("field", tok.value)
        found = "the end of the formula" if tok.kind == "end" else repr(tok.value)
        raise FormulaError(f"Unexpected {found} at position {tok.pos}")

    def call(self, name_tok: Token) -> tuple:
        name = name_tok.value.upper()
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise FormulaError(f"Unknown function {name_tok.value}() at position {name_tok.pos}")
        self.expect("(")
        args: list[tuple] = []
        with self.nested(name_tok):
            if self.peek().kind != ")":
                args.append(self.expr())
                while self.peek().kind == ",":
                    self.take()
                    args.append(self.expr())
        self.expect(")")
        if not spec.min_args <= len(args) <= (spec.max_args if spec.max_args is not None else len(args)):
            raise FormulaError(f"{name}() takes {spec.arity_text()}, got {len(args)}")
        return ("call", name, args)


class _Depth:
    def __init__(self, parser: Parser, tok: Token) -> None:
        self.parser, self.tok = parser, tok

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise FormulaError(f"The formula is nested too deeply (position {self.tok.pos})")

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1


def parse(text: str) -> tuple[tuple, frozenset[str]]:
    """Parse a formula; returns (ast, field references as written). Raises FormulaError."""
    if not isinstance(text, str):
        raise FormulaError("The formula must be text")
    parser = Parser(text)
    try:
        ast = parser.parse()
    except RecursionError:
        raise FormulaError("The formula is nested too deeply") from None
    return ast, frozenset(parser.field_refs)
