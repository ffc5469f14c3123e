r"""Formula corpus: formulas with their expected results on fixed records, written from Airtable's documented
semantics (formula field reference, pyairtable's formulas.txt, the API's filterByFormula truthiness), not
from this implementation's output. Run by tests/localbase/test_formula.py as one parametrized test.

A case is (id, formula, expected) or (id, formula, expected, record). `record` is a key of RECORDS
("full" unless given). `expected` is a plain value (str, number, bool where Airtable's 1/0 is meant, None
for blank) or one of the markers below. Formulas are raw strings: what is written is exactly the formula
text sent.

`now` for every case is NOW (a Wednesday, noon UTC); API formulas are evaluated in GMT.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Error:
    """The value is an error (#ERROR!)."""


@dataclass(frozen=True)
class Falsy:
    """Airtable leaves this ambiguous between NaN, 0, blank and #ERROR!; all that is certain is that a filter
    drops the record."""


@dataclass(frozen=True)
class NaN:
    """The value is NaN (Airtable shows it as NaN; the API as {"specialValue": "NaN"})."""


@dataclass(frozen=True)
class Date:
    """A date value whose ISO rendering is `iso`."""

    iso: str


@dataclass(frozen=True)
class Selects:
    """Evaluated on every record: the records a filterByFormula with this formula returns."""

    records: frozenset[str]

    def __init__(self, *records: str) -> None:
        object.__setattr__(self, "records", frozenset(records))


ERROR, FALSY, NAN = Error(), Falsy(), NaN()

NOW = "2024-03-20T12:00:00.000Z"

# (id, name, type, options)
FIELDS = [
    ("fldName0000000001", "Name", "singleLineText", None),
    ("fldNotes000000001", "Notes", "multilineText", None),
    ("fldAge00000000001", "Age", "number", {"precision": 0}),
    ("fldScore000000001", "Score", "number", {"precision": 1}),
    ("fldDone0000000001", "Done", "checkbox", {"icon": "check", "color": "greenBright"}),
    ("fldDue00000000001", "Due", "date", {"dateFormat": {"name": "iso", "format": "YYYY-MM-DD"}}),
    ("fldStart000000001", "Start", "dateTime", {"timeZone": "utc"}),
    ("fldStatus00000001", "Status", "singleSelect", {"choices": [{"name": "Lead"}, {"name": "Active"}]}),
    ("fldTags0000000001", "Tags", "multipleSelects", {"choices": [{"name": "vip"}, {"name": "board"}]}),
    ("fldClients0000001", "Clients", "multipleRecordLinks", {"linkedTableId": "tblClients0000001"}),
    ("fldEmail000000001", "Email", "email", None),
    ("fldPrice000000001", "Price", "currency", {"precision": 2, "symbol": "$"}),
    ("fldCode0000000001", "Code", "singleLineText", None),
    ("fldWeird000000001", "Weird}Name", "singleLineText", None),
    ("fldQuote000000001", 'Quote\'s "Field"', "singleLineText", None),
    ("fldHours000000001", "Hours", "multipleLookupValues", {"result": {"type": "number"}}),
    ("fldBroken00000001", "Computed", "formula", {"result": {"type": "number"}}),
]

# key -> (record id, created time, V1 cell values by field name; links already resolved to primary values)
RECORDS = {
    "full": (
        "recFULL0000000001",
        "2024-01-10T08:00:00.000Z",
        {
            "Name": "Ada Lovelace",
            "Notes": "First line\nSecond line",
            "Age": 36,
            "Score": 4.5,
            "Done": True,
            "Due": "2024-03-15",
            "Start": "2024-03-15T09:30:00.000Z",
            "Status": "Active",
            "Tags": ["vip", "board"],
            "Clients": ["Acme Corp", "Globex"],
            "Email": "ada@example.com",
            "Price": 1250.5,
            "Code": "007",
            "Weird}Name": "braced",
            'Quote\'s "Field"': "quoted",
            "Hours": [1.5, 2],
            "Computed": {"error": "#ERROR!"},
        },
    ),
    "empty": ("recEMPTY000000001", "2024-02-01T00:00:00.000Z", {}),
    "zero": (
        "recZERO0000000001",
        "2024-02-02T00:00:00.000Z",
        {
            "Name": "Zed",
            "Age": 0,
            "Score": -2.5,
            "Done": False,
            "Due": "2024-03-20",
            "Start": "2024-03-20T23:59:59.000Z",
            "Status": "Lead",
            "Tags": ["solo"],
            "Clients": ["Acme Corp"],
            "Code": "abc",
        },
    ),
    "quote": (
        "recQUOTE000000001",
        "2024-02-03T00:00:00.000Z",
        {"Name": 'O\'Brien "Ob" \\ {x}', "Age": 5, "Status": "Active"},
    ),
}
ALL = ("full", "empty", "zero", "quote")

CASES = [
    # ---- operators and precedence: * / above + -, above &, above comparisons; all left-associative
    ("op-precedence", r"1 + 2 * 3", 7),
    ("op-parens", r"(1 + 2) * 3", 9),
    ("op-left-assoc", r"10 - 4 - 3", 3),
    ("op-concat-below-mul", r"2 * 3 & 4", "64"),
    ("op-concat-below-add", r"'a' & 1 + 2", "a3"),
    ("op-unary-minus", r"-2 * 3 + - -1", -5),
    ("op-division", r"7 / 2", 3.5),
    ("op-zero-by-zero", r"0 / 0", NAN),
    ("op-comparison-chain", r"1 < 2 = 1", True),
    ("op-true-is-one", r"TRUE() + TRUE() + FALSE()", 2),
    ("op-le-ge", r"AND(1 <= 1, NOT(2 >= 3), 3 > 2, 2 < 3)", True),
    ("op-text-case-sensitive", r"'abc' = 'ABC'", False),
    ("op-text-not-equal", r"'abc' != 'ABC'", True),
    ("op-text-order", r'"b" > "a"', True),
    ("op-number-vs-text", r"5 = '5'", True),
    ("op-numeric-text-vs-number", r"'10' < 9", False),
    ("op-text-vs-text-is-textual", r"'10' < '9'", True),
    ("op-render-float", r"0.1 + 0.2 & ''", "0.30000000000000004"),
    ("op-render-integral", r"3.0 & '|' & 6 / 3", "3|2"),
    ("op-render-small-large", r"0.000001 & ' ' & 0.0000001 & ' ' & 1e21", "0.000001 1e-7 1e+21"),
    ("op-case-insensitive-functions", r"and(1, true()) & If(0, 'a', 'b')", "1b"),
    # ---- field references
    ("ref-braced", r"{Name}", "Ada Lovelace"),
    ("ref-bare-name", r"Name & '!'", "Ada Lovelace!"),
    ("ref-field-id", r"{fldAge00000000001} + 1", 37),
    ("ref-escaped-brace", r"{Weird\}Name}", "braced"),
    ("ref-quotes-in-name", r"""{Quote's "Field"}""", "quoted"),
    ("ref-checkbox-is-one", r"{Done} + 1", 2),
    ("ref-number-text", r"{Code} + 1", 8),
    ("ref-number-text-equals", r"{Code} = 7", True),
    ("ref-non-numeric-text-arith", r"{Code} + 1", FALSY, "zero"),
    # ---- string literals and escaping
    ("str-escaped-single", r"'It\'s'", "It's"),
    ("str-escaped-double", r'"say \"hi\""', 'say "hi"'),
    ("str-double-inside-single", r"""'a "double" inside'""", 'a "double" inside'),
    ("str-single-inside-double", r'''"an 'apostrophe' inside"''', "an 'apostrophe' inside"),
    ("str-escaped-backslash", r"'back\\slash'", "back\\slash"),
    ("str-backslash-then-quote", r"LEN('\\\'')", 2),
    ("str-newline-escape", r"'line\nbreak'", "line\nbreak"),
    ("str-braces-are-literal", r"'{Name}' & LEN('{Name}')", "{Name}6"),
    ("str-hostile-equality", r"""{Name} = 'O\'Brien "Ob" \\ {x}'""", Selects("quote")),
    ("str-hostile-double-quoted", r'''{Name} = "O'Brien \"Ob\" \\ {x}"''', Selects("quote")),
    ("str-injection-escaped", r"""{Email} = 'josh@example.com", ""="'""", Selects()),
    # what the unescaped f-string of airtable.js issue #271 produces: a third, always-true OR argument
    (
        "str-injection-unescaped",
        r"""OR({Name} = "nobody", {Email} = "josh@example.com", ""="")""",
        Selects(*ALL),
    ),
    # ---- blanks: blank equals "" and 0
    ("blank-equals-blank", r"{Notes} = BLANK()", True, "empty"),
    ("blank-equals-empty-text", r"{Notes} = ''", True, "empty"),
    ("blank-equals-zero", r"{Age} = 0", True, "empty"),
    ("blank-number-filter", r"{Age} = BLANK()", Selects("empty", "zero")),
    ("blank-array-filter", r"{Tags} = BLANK()", Selects("empty", "quote")),
    ("blank-not-empty-filter", r"NOT({Name} = '')", Selects("full", "zero", "quote")),
    ("blank-concat", r"BLANK() & 'x' & {Notes}", "x", "empty"),
    ("blank-arith", r"{Age} + 1", 1, "empty"),
    ("blank-len", r"LEN({Notes})", 0, "empty"),
    ("blank-if-condition", r"IF({Notes}, 'has', 'none')", "none", "empty"),
    ("blank-if-no-else", r"IF(0, 'yes')", None),
    ("checkbox-filter", r"{Done}", Selects("full")),
    ("checkbox-false-filter", r"{Done} = FALSE()", Selects("empty", "zero", "quote")),
    ("checkbox-true-filter", r"{Done} = TRUE()", Selects("full")),
    # ---- logical functions
    ("logic-and", r"AND(1, 'x', {Tags})", True),
    ("logic-and-empty-text", r"AND(1, '')", False),
    ("logic-or-all-falsy", r"OR(0, BLANK(), '')", False),
    ("logic-xor-odd", r"XOR(1, 1, 1)", True),
    ("logic-xor-even", r"XOR(1, 1)", False),
    ("logic-not-empty", r"NOT('')", True),
    ("logic-text-zero-is-truthy", r"IF('0', 'yes', 'no')", "yes"),
    ("switch-match", r"SWITCH({Status}, 'Lead', 1, 'Active', 2, 0)", 2),
    ("switch-default", r"SWITCH({Status}, 'Lead', 1, 'Active', 2, 0)", 0, "empty"),
    ("switch-no-default", r"SWITCH({Status}, 'Lead', 'L', 'Won', 'W')", None),
    ("if-compare", r"IF({Age} > 30, 'senior', 'junior')", "senior"),
    ("if-error-condition", r"IF(ERROR(), 1, 2)", ERROR),
    ("if-unchosen-error-branch", r"IF(1, 'ok', ERROR())", "ok"),
    # ---- text functions
    ("text-lower-upper", r"LOWER({Name}) & '|' & UPPER({Name})", "ada lovelace|ADA LOVELACE"),
    ("text-trim", r"'[' & TRIM('  padded  ') & ']'", "[padded]"),
    ("text-len", r"LEN({Name})", 12),
    ("text-find", r"FIND('love', LOWER({Name}))", 5),
    ("text-find-case-sensitive", r"FIND('Love', 'ada lovelace')", 0),
    ("text-find-from", r"FIND('a', 'banana', 2)", 4),
    ("text-search-missing-is-blank", r"SEARCH('z', 'abc')", None),
    ("text-search-found", r"SEARCH('c', 'abc')", 3),
    ("text-concatenate", r"CONCATENATE('a', 1, TRUE(), BLANK(), 2.50)", "a112.5"),
    (
        "text-left-right-mid",
        r"LEFT({Name}, 3) & '/' & RIGHT({Name}, 8) & '/' & MID({Name}, 5, 4)",
        "Ada/Lovelace/Love",
    ),
    ("text-substitute-all", r"SUBSTITUTE('a-b-c', '-', '+')", "a+b+c"),
    ("text-substitute-nth", r"SUBSTITUTE('a-b-c', '-', '+', 2)", "a-b+c"),
    ("text-replace", r"REPLACE('abcdef', 2, 3, 'X')", "aXef"),
    ("text-rept", r"REPT('ab', 3)", "ababab"),
    ("text-t", r"T({Age}) & '|' & T({Name})", "|Ada Lovelace"),
    ("text-value", r"VALUE('$1,250.50') + 1", 1251.5),
    ("text-regex-match", r"REGEX_MATCH({Email}, '^[a-z]+@example\\.com$')", True),
    ("text-regex-replace", r"REGEX_REPLACE('2024-03-15', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1')", "15/03/2024"),
    ("text-regex-extract", r"REGEX_EXTRACT('order #123', '[0-9]+')", "123"),
    ("text-encode-url", r"ENCODE_URL_COMPONENT('a b&c/d-_.~')", "a%20b%26c%2Fd-_.~"),
    # ---- numeric functions
    ("num-round-half-up", r"ROUND(2.5, 0) & ',' & ROUND(-2.5, 0)", "3,-2"),
    ("num-round-places", r"ROUND(3.14159, 2)", 3.14),
    ("num-round-negative-precision", r"ROUND(1250, -2)", 1300),
    ("num-roundup-rounddown", r"ROUNDUP(1.21, 1) & ',' & ROUNDDOWN(-1.29, 1)", "1.3,-1.2"),
    ("num-abs-int-mod", r"ABS(-3) + INT(2.7) + MOD(7, 3)", 6),
    ("num-int-floors", r"INT(-2.5)", -3),
    ("num-sum-lookup", r"SUM({Hours})", 3.5),
    ("num-sum-mixed", r"SUM(1, '2', {Hours})", 6.5),
    ("num-min-max", r"MAX(1, 5, 3) - MIN(4, 2)", 3),
    ("num-average", r"AVERAGE(1, 2, 3, 4)", 2.5),
    ("num-currency", r"{Price} * 2", 2501),
    ("num-float-field", r"{Score} * 2", 9),
    ("num-negative-field", r"{Score} < 0", True, "zero"),
    # ---- dates (fields are ISO strings; API formulas run in GMT)
    ("date-field-as-text", r"{Due} & ''", "2024-03-15"),
    ("date-datetime-contains-day", r"FIND('2024-03-15', {Start})", 1),
    ("date-is-before-today", r"IS_BEFORE({Due}, TODAY())", True),
    ("date-is-before-filter", r"IS_BEFORE({Due}, TODAY())", Selects("full")),
    ("date-is-after-text", r"IS_AFTER({Start}, '2024-03-15')", True),
    ("date-is-same-day", r"IS_SAME({Start}, {Due}, 'day')", True),
    (
        "date-is-same-week-sunday-start",
        r"AND(IS_SAME({Due}, '2024-03-10', 'week'), NOT(IS_SAME({Due}, '2024-03-17', 'week')))",
        True,
    ),
    ("date-is-same-month", r"IS_SAME({Due}, '2024-03-01', 'month')", True),
    ("date-diff-days", r"DATETIME_DIFF(TODAY(), {Due}, 'days')", 5),
    ("date-diff-negative", r"DATETIME_DIFF({Due}, TODAY(), 'days')", -5),
    ("date-diff-hours-truncates", r"DATETIME_DIFF(NOW(), {Start}, 'hours')", 122),
    ("date-diff-default-seconds", r"DATETIME_DIFF({Start}, {Due})", 34200),
    ("date-diff-months-end", r"DATETIME_DIFF('2024-03-31', '2024-02-29', 'months')", 1),
    ("date-diff-months-partial", r"DATETIME_DIFF('2024-01-31', '2024-03-01', 'months')", -1),
    ("date-diff-years", r"DATETIME_DIFF('2025-03-15', {Due}, 'years')", 1),
    ("date-diff-blank", r"DATETIME_DIFF({Due}, TODAY(), 'days')", ERROR, "empty"),
    ("date-blank-is-before", r"IS_BEFORE({Due}, TODAY())", FALSY, "empty"),
    ("date-add-month", r"DATETIME_FORMAT(DATEADD({Due}, 1, 'month'), 'YYYY-MM-DD')", "2024-04-15"),
    (
        "date-add-month-clamps",
        r"DATETIME_FORMAT(DATEADD('2024-01-31', 1, 'months'), 'YYYY-MM-DD')",
        "2024-02-29",
    ),
    ("date-add-minutes", r"DATETIME_FORMAT(DATEADD({Start}, 90, 'minutes'), 'HH:mm')", "11:00"),
    ("date-add-weeks-short-unit", r"DATETIME_FORMAT(DATEADD({Due}, -1, 'w'), 'YYYY-MM-DD')", "2024-03-08"),
    ("date-add-unknown-unit", r"DATEADD({Due}, 1, 'fortnights')", ERROR),
    (
        "date-parse-format",
        r"DATETIME_FORMAT(DATETIME_PARSE('4 Mar 2017 23:00', 'D MMM YYYY HH:mm'), 'YYYY-MM-DD HH:mm')",
        "2017-03-04 23:00",
    ),
    (
        "date-parse-us",
        r"DATETIME_FORMAT(DATETIME_PARSE('03/15/2024', 'MM/DD/YYYY'), 'dddd, MMMM Do YYYY')",
        "Friday, March 15th 2024",
    ),
    ("date-parse-iso-value", r"DATETIME_PARSE('2024-03-15T09:30:00.000Z')", Date("2024-03-15T09:30:00.000Z")),
    ("date-parse-invalid", r"DATETIME_PARSE('not a date')", ERROR),
    ("date-format-12h", r"DATETIME_FORMAT({Start}, 'M/D/YYYY h:mm A')", "3/15/2024 9:30 AM"),
    ("date-format-localized", r"DATETIME_FORMAT({Due}, 'LL')", "March 15, 2024"),
    (
        "date-format-timezone",
        r"DATETIME_FORMAT(SET_TIMEZONE({Start}, 'America/New_York'), 'YYYY-MM-DD HH:mm')",
        "2024-03-15 05:30",
    ),
    ("date-equals-parsed", r"{Due} = DATETIME_PARSE('2024-03-15')", True),
    ("date-equals-text", r"{Due} = '2024-03-15'", True),
    ("date-less-than-text", r"{Due} < '2024-04-01'", True),
    ("date-on-or-after-today-filter", r"{Due} >= TODAY()", Selects("zero")),
    ("date-today", r"DATETIME_FORMAT(TODAY(), 'YYYY-MM-DD')", "2024-03-20"),
    ("date-now", r"DATETIME_FORMAT(NOW(), 'YYYY-MM-DDTHH:mm:ss')", "2024-03-20T12:00:00"),
    ("date-parts", r"YEAR({Due}) & '-' & MONTH({Due}) & '-' & DAY({Due})", "2024-3-15"),
    ("date-weekday", r"WEEKDAY({Due}) & ',' & WEEKDAY({Due}, 'Monday')", "5,4"),
    ("date-time-parts", r"HOUR({Start}) * 60 + MINUTE({Start})", 570),
    ("date-datestr", r"DATESTR({Start})", "2024-03-15"),
    ("date-created-time", r"DATETIME_FORMAT(CREATED_TIME(), 'YYYY-MM-DD')", "2024-01-10"),
    # ---- links, multiple selects, lookups: arrays, ", "-joined in text context
    ("link-as-text", r"{Clients} & ''", "Acme Corp, Globex"),
    ("link-find", r"FIND('Globex', {Clients}) > 0", True),
    ("link-arrayjoin-filter", r"FIND('Acme Corp', ARRAYJOIN({Clients}))", Selects("full", "zero")),
    ("link-single-equals-name", r"{Clients} = 'Acme Corp'", Selects("zero")),
    ("multiselect-equals-one-of-two", r"{Tags} = 'vip'", False),
    ("multiselect-len", r"LEN({Tags})", 10),
    ("multiselect-arrayjoin-sep", r"ARRAYJOIN({Tags}, ';')", "vip;board"),
    ("lookup-arrayjoin", r"ARRAYJOIN({Hours}, '+')", "1.5+2"),
    ("array-counta", r"COUNTA({Tags})", 2),
    # ---- record functions
    ("record-id", r"RECORD_ID()", "recFULL0000000001"),
    (
        "record-id-filter",
        r"OR(RECORD_ID() = 'recZERO0000000001', RECORD_ID() = 'recQUOTE000000001')",
        Selects("zero", "quote"),
    ),
    # ---- errors propagate and are never truthy
    ("error-cell", r"{Computed}", ERROR),
    ("error-propagates-concat", r"{Computed} & 'x'", ERROR),
    ("error-propagates-not", r"NOT(ERROR())", ERROR),
    ("error-propagates-function", r"LEN(ERROR())", ERROR),
    ("error-iserror", r"ISERROR({Computed})", True),
    ("error-iserror-parse", r"ISERROR(DATETIME_PARSE('not a date'))", True),
    ("error-if-iserror", r"IF(ISERROR({Computed}), 'bad', 'ok')", "bad"),
    ("error-bad-regex", r"REGEX_MATCH('x', '(')", ERROR),
    ("error-filter-excludes", r"{Computed}", Selects()),
]
