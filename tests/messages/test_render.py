"""Templates: HTML autoescaped in one layout, a plain-text twin, marketing footer, clear errors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from automation.messages.draft import TEMPLATES, Draft
from automation.messages.render import (
    TemplateProblem,
    first_name,
    money,
    render,
    stamped_digest,
    text_digest,
)
from automation.settings import settings_from_mapping

SETTINGS = settings_from_mapping({"general.business_name": "Leadership Secret", "general.currency": "GBP"})

SAMPLES = {
    "letter": {"greeting": "Hi Jo,", "body": "First paragraph.\n\nSecond.", "signoff": "Warmly,"},
    "session_notes": {
        "session_date": date(2026, 11, 20),
        "summary": "We worked on delegation.",
        "key_outcomes": ["Delegate the weekly report"],
        "action_items": [{"description": "Draft the RACI", "due": date(2026, 11, 27), "owner": "Client"}],
        "next_session": datetime(2026, 12, 4, 10, tzinfo=UTC),
    },
    "session_reminder": {"session_at": datetime(2026, 12, 4, 10, tzinfo=UTC), "duration_minutes": 60},
    "invoice": {
        "invoice_number": "INV-0042",
        "lines": [{"description": "4 sessions, November", "amount": 1000}],
        "tax": 200,
        "total": 1200,
        "due_date": date(2026, 12, 14),
        "pay_url": "https://pay.example/inv_42",
    },
    "alert": {"heading": "Client at risk", "summary": "Health fell to 42.", "facts": [["Was", "61"]]},
    "report": {
        "heading": "Daily brief",
        "metrics": [{"label": "Sessions today", "value": 3}],
        "sections": [
            {
                "title": "Leads by source",
                "chart": [{"label": "Referral", "value": 5}, {"label": "Web", "value": 2}],
            },
            {"title": "Overdue action items", "bullets": []},
        ],
    },
}


@pytest.mark.parametrize("template", TEMPLATES)
def test_render__every_template_has_html_and_text_in_the_layout(template):
    r = render(
        template,
        SAMPLES[template],
        channel="Email",
        subject="S",
        recipient_name="Jo Bloggs",
        settings=SETTINGS,
    )
    assert r.html and r.html.startswith("<!DOCTYPE html>") and 'name="viewport"' in r.html
    assert "Leadership Secret" in r.html and "1 Example Street" in r.text
    assert stamped_digest(r.html) == text_digest(r.text)
    assert "<img" not in r.html  # no images to be blocked: charts are table cells


def test_render__logo_from_settings_heads_the_email_and_is_escaped():
    url = "https://cdn.example/logo.png?v=1&size=2"
    settings = settings_from_mapping({"general.logo_url": url, "general.business_name": "Lead & Co"})
    r = render(
        "letter", SAMPLES["letter"], channel="Email", subject="S", recipient_name=None, settings=settings
    )
    assert r.html.count("<img") == 1
    assert 'src="https://cdn.example/logo.png?v=1&amp;size=2"' in r.html and 'alt="Lead &amp; Co"' in r.html
    assert "logo" not in r.text  # the text twin has no image


@pytest.mark.parametrize("url", ["javascript:alert(1)", "logo.png", "ftp://x.example/l.png"])
def test_settings__a_logo_url_that_is_not_a_web_address_is_refused(url):
    with pytest.raises(ValueError, match="logo_url"):
        settings_from_mapping({"general.logo_url": url})


def test_render__data_is_escaped_in_html_and_verbatim_in_text():
    data = {"body": "Tom & Jerry <script>alert(1)</script>"}
    r = render("letter", data, channel="Email", subject="S", recipient_name=None, settings=SETTINGS)
    assert "<script>" not in r.html and "Tom &amp; Jerry &lt;script&gt;" in r.html
    assert "Tom & Jerry <script>alert(1)</script>" in r.text


def test_render__marketing_footer_has_the_unsubscribe_link_in_both_versions():
    url = "https://app.example/api/unsubscribe?token=l.recX.abc"
    r = render(
        "letter",
        SAMPLES["letter"],
        channel="Email",
        subject="S",
        recipient_name=None,
        settings=SETTINGS,
        unsubscribe_url=url,
    )
    assert f'href="{url}"' in r.html and f"Unsubscribe: {url}" in r.text


def test_render__slack_gets_text_only_without_the_email_footer():
    r = render(
        "alert", SAMPLES["alert"], channel="Slack", subject="S", recipient_name=None, settings=SETTINGS
    )
    assert r.html is None and "Example Street" not in r.text and r.text.startswith("Health fell to 42.")


def test_render__a_missing_variable_is_an_error_naming_the_template():
    with pytest.raises(TemplateProblem, match="invoice"):
        render(
            "invoice",
            {"invoice_number": "INV-1"},
            channel="Email",
            subject="S",
            recipient_name=None,
            settings=SETTINGS,
        )


def test_render__invoice_text_in_business_currency():
    r = render(
        "invoice", SAMPLES["invoice"], channel="Email", subject="S", recipient_name="Jo", settings=SETTINGS
    )
    assert "Total: £1,200.00" in r.text and "Monday 14 December 2026" in r.text


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1250, "GBP", "£1,250.00"),
        (-5, "USD", "-$5.00"),
        (12.5, "CHF", "12.50 CHF"),
        (33000, "JPY", "33,000 JPY"),  # no minor unit: no ".00" it could never have
        (862.5, "jpy", "862.50 JPY"),  # a fraction it cannot carry is shown, not hidden
        (1500, "ISK", "1,500 ISK"),
        (780.99, "SGD", "S$780.99"),  # as a Singapore client reads a bill, not "780.99 SGD"
        (1200, "hkd", "HK$1,200.00"),
    ],
    ids=["gbp", "negative-usd", "unknown-code", "yen", "yen-fraction", "krona", "sgd", "hkd"],
)
def test_money(amount, currency, shown):
    assert money(amount, currency) == shown


def test_text_digest__ignores_line_ending_and_trailing_space_changes():
    assert text_digest("a \r\nb\n") == text_digest("a\nb")
    assert text_digest("a\nb") != text_digest("a\nc")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "Newsletter"}, "unknown message kind"),
        ({"template": "fancy"}, "unknown template"),
        ({"recipient": "not-an-address"}, "is not an email address"),
        ({"links": {"lead": "123"}}, "must hold record ids"),
        ({"links": {"contact": "rec1"}}, "unknown link"),
        ({"send_after": datetime(2026, 1, 1)}, "timezone-aware"),
    ],
    ids=["kind", "template", "address", "link-id", "link-key", "naive-send-after"],
)
def test_draft__refuses_what_cannot_be_stored(changes, message):
    base = dict(
        kind="Nurture Email",
        channel="Email",
        recipient="jo@acme.example",
        subject="S",
        template="letter",
        dedupe_key="recL:nurture:1",
    )
    with pytest.raises(ValueError, match=message):
        Draft(**{**base, **changes})


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("Jane Doe", "Jane"),
        ("jane doe", "Jane"),  # typed in lower case on a form
        ("SEAN O'BRIEN", "Sean"),
        ("ANNE-MARIE MACINTYRE", "Anne-Marie"),
        ("dr. john smith", "John"),  # the title is not the name
        ("Mr Bean", "Mr Bean"),  # a title and a surname only: greeted together
        ("Garcia, Maria", "Maria"),  # "Last, First" as a directory writes it
        ("DeShawn Jones", "DeShawn"),  # mixed case is the person's own spelling
        # a blind round written after the rules (the ones they got wrong at first)
        ("J. Robert Oppenheimer", "Robert"),  # goes by the middle name
        ("J. Smith", "J. Smith"),  # an initial alone is not a name to greet by
        ("Capt. Jack Sparrow", "Jack"),
        ("Eng. Ahmed Ali", "Ahmed"),
        ("jane.smith@acme.example", "Jane"),  # a booking tool's fallback when no name was given
        ("JSMITH@ACME.EXAMPLE", None),  # no first name to read in it: "Hi there", not "Hi Jsmith@…"
        ("Jane Smith <jane@acme.example>", "Jane"),
        # the name the person goes by, in brackets or quotes after the first name
        ("Robert (Bob) Smith", "Bob"),
        ('Katherine "Kate" Jones', "Kate"),
        ("(Acme) Jane Smith", "Jane"),  # brackets that are not a name are never the greeting
        # family name first: Vietnamese names are greeted by the given name, which comes last
        ("Nguyễn Văn An", "An"),
        ("TRẦN THỊ MAI", "Mai"),
        ("Phạm Minh", "Minh"),
        ("Tran Thi Mai", "Mai"),  # without the marks: family, middle and given name
        ("Mai Tran", "Mai"),  # the Western order: the first name is the given name
        ("Dr. Huỳnh Ngọc Lan", "Lan"),
        # Chinese names, family name first, two given syllables (as Singapore writes them)
        ("Lim Wei Jie", "Wei Jie"),
        ("TAN MEI HUA", "Mei Hua"),
        ("Wong Kar Wai", "Kar Wai"),
        ("Lim Siew Ling", "Siew Ling"),
        ("Lee Ann Smith", "Lee"),  # a Western double first name: the surname is no syllable
        ("Lee Ann Wu", "Lee"),
        ("Chloe Ong", "Chloe"),  # the Western order
        # Chinese, Japanese and Korean script: family name first, greeted by the name as written
        ("田中 浩", "田中 浩"),
        ("Dr. 王 小明", "王 小明"),
        ("김 민준", "김 민준"),
        ("佐藤花子", "佐藤花子"),
        # two given names and two surnames (Spanish, Portuguese): a compound given name is greeted whole
        ("María José Hernández Ortega", "María José"),
        ("JOSÉ LUIS GARCÍA LÓPEZ", "José Luis"),
        ("Juan Pablo Sánchez Díaz", "Juan Pablo"),
        ("João Pedro Silva Santos", "João Pedro"),
        ("María Hernández Ortega", "María"),  # one given name, two surnames
        ("María de la Cruz", "María"),  # a surname with its particles
        ("Carlos Alberto Núñez Vega", "Carlos"),  # a given name that often stands alone
        # emoji typed around a name are decoration (a "Hi 🌟," greeted nobody)
        ("🌟 Zoë 🌟", "Zoë"),
        ("Liam O'Brien 🚀", "Liam"),
        ("👩\u200d💼 Ana Lima", "Ana"),
        ("🚀", None),
        ("", None),
        (None, None),
    ],
)
def test_first_name__greets_a_person_as_a_person_would(name: str | None, greeted: str | None) -> None:
    assert first_name(name) == greeted


def test_greeting__a_lower_case_form_name_is_greeted_capitalised() -> None:
    out = render(
        "session_reminder",
        SAMPLES["session_reminder"],
        channel="Email",
        subject="Reminder",
        recipient_name="dr. priya raman",
        settings=SETTINGS,
    )
    assert "Hi Priya," in out.text and "Hi Priya," in (out.html or "")


def test_report_chart__the_png_writes_each_bar_as_the_email_text_does(monkeypatch):
    """A chart's PNG is drawn when the email leaves, from the figures stored with it: its bar labels carry
    the same units as the text ("25%", "4.9 days", "€1,000.00"), not a bare "25.0"."""
    import automation.reports.charts as charts
    from automation.messages.inline_images import inline_charts

    drawn = []
    monkeypatch.setattr(charts, "bar_png", lambda title, bars, shown=None: drawn.append(shown) or b"\x89PNG")
    data = {
        "heading": "Weekly report",
        "sections": [
            {
                "title": "Leads and conversion by source [known]",
                "bullets": ["Since 2026-09-07, converted/leads: Website 1/4."],
                "chart": [{"label": "Website", "value": 25.0, "display": "25%"}],
                "image": {"name": "conversion", "title": "Leads and conversion by source"},
            }
        ],
    }
    stored = render("report", data, channel="Email", subject="W", recipient_name="Jo", settings=SETTINGS)
    _, attachments = inline_charts(stored.html)
    assert len(attachments) == 1 and drawn == [["25%"]]
