"""Reading SendGrid Inbound Parse posts (multipart/form-data, default and raw mode)."""

from __future__ import annotations

import pytest

from automation.errors import BadRequest
from automation.leads.replies import InboundEmail, opt_out, parse_form_data, parse_inbound, reply_key

BOUNDARY = "xYzZY"


def multipart(fields: dict[str, str], files: dict[str, bytes] | None = None) -> tuple[str, bytes]:
    """A body as SendGrid sends it (written by hand, not by the parser under test)."""
    out = []
    for name, value in fields.items():
        out.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    for name, data in (files or {}).items():
        out.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="a.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        )
        out.append(data.decode("latin-1") + "\r\n")
    out.append(f"--{BOUNDARY}--\r\n")
    return f"multipart/form-data; boundary={BOUNDARY}", "".join(out).encode("latin-1")


HEADERS = (
    "Message-ID: <CAF123@mail.acme.example>\nFrom: Jane Doe <Jane@Acme.Example>\nSubject: Re: A question"
)
TEXT = "Yes, Tuesday at 10 works.\nThanks, Jane\n\nOn Fri, 20 Nov 2026 Sarah wrote:\n> Would a call help?"


def test_parse_inbound__default_mode() -> None:
    ct, body = multipart(
        {
            "headers": HEADERS,
            "from": "Jane Doe <Jane@Acme.Example>",
            "subject": "Re: A question",
            "text": TEXT,
            "envelope": '{"to":["reply@in.example"],"from":"jane@acme.example"}',
        },
        files={"attachment1": b"%PDF-1.4 binary"},
    )
    mail = parse_inbound(parse_form_data(ct, body))
    assert (mail.sender, mail.subject, mail.message_id) == (
        "jane@acme.example",
        "Re: A question",
        "<CAF123@mail.acme.example>",
    )
    assert mail.excerpt() == "Yes, Tuesday at 10 works. Thanks, Jane"


def test_parse_inbound__raw_mode() -> None:
    raw = f"{HEADERS}\nContent-Type: text/plain; charset=utf-8\n\n{TEXT}\n"
    ct, body = multipart({"email": raw, "envelope": "{}"})
    mail = parse_inbound(parse_form_data(ct, body))
    assert (mail.sender, mail.message_id) == ("jane@acme.example", "<CAF123@mail.acme.example>")
    assert mail.excerpt().startswith("Yes, Tuesday at 10 works.")


def test_parse_inbound__without_message_id_a_stable_hash_stands_in() -> None:
    ct, body = multipart({"from": "jane@acme.example", "subject": "Hi", "text": "Hello"})
    a = parse_inbound(parse_form_data(ct, body))
    b = parse_inbound(parse_form_data(ct, body))
    assert a.message_id == b.message_id and reply_key("recX", a) == reply_key("recX", b)


def test_parse_inbound__no_sender_is_a_bad_request() -> None:
    ct, body = multipart({"subject": "Hi", "text": "Hello"})
    with pytest.raises(BadRequest, match="no sender"):
        parse_inbound(parse_form_data(ct, body))


def test_parse_form_data__other_content_types_are_refused() -> None:
    with pytest.raises(BadRequest, match="multipart/form-data"):
        parse_form_data("application/json", b"{}")


def test_excerpt__long_replies_are_shortened() -> None:
    ct, body = multipart({"from": "jane@acme.example", "text": "word " * 200})
    assert len(parse_inbound(parse_form_data(ct, body)).excerpt()) == 300


@pytest.mark.parametrize(
    ("raw", "sender"),
    [
        (
            "From: Jane <jane@acme.example>\nContent-Type: text/plain; charset=x-no-such-charset\n\nHello",
            "jane@acme.example",
        ),
        ("From: <\nSubject: =?x-bogus?q?hi?=\n\nHello", None),
        ("From: =?utf-8?b?!!!notbase64?= <jane@acme.example>\n\nHello", "jane@acme.example"),
        ('From: "\\\nMessage-ID: <a@b>\n\nHello', None),
        (
            "From: jane@acme.example\nContent-Type: multipart/alternative; boundary=\n\n--\n",
            "jane@acme.example",
        ),
        ("\x00\x01From:: ::\n\n", None),
    ],
    ids=[
        "unknown-charset",
        "broken-from",
        "bad-encoded-word",
        "unterminated-quote",
        "empty-boundary",
        "garbage",
    ],
)
def test_parse_inbound__hostile_raw_mail_never_raises_anything_but_bad_request(raw, sender) -> None:
    ct, body = multipart({"email": raw, "envelope": "[]"})
    try:
        mail = parse_inbound(parse_form_data(ct, body))
    except BadRequest as exc:
        assert sender is None and "no sender" in str(exc)
    else:
        assert mail.sender == sender


@pytest.mark.parametrize(
    "envelope",
    ['"jane@acme.example"', "[1, 2]", '{"from": ["x@y.z"]}', "null", "{", "[" * 5000 + "]" * 5000],
)
def test_parse_inbound__an_envelope_of_the_wrong_shape_is_no_sender(envelope) -> None:
    ct, body = multipart({"subject": "Hi", "text": "Hello", "envelope": envelope})
    with pytest.raises(BadRequest, match="no sender"):
        parse_inbound(parse_form_data(ct, body))


def test_parse_form_data__an_unknown_part_charset_reads_as_utf8() -> None:
    body = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="text"\r\n'
        "Content-Type: text/plain; charset=x-klingon\r\n\r\nqapla\u2019\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode()
    fields = parse_form_data(f"multipart/form-data; boundary={BOUNDARY}", body)
    assert fields["text"] == "qapla\u2019"


def test_parse_inbound__a_persons_reply_is_not_automatic() -> None:
    mail = parse_inbound({"headers": HEADERS, "from": "Jane <jane@acme.example>", "text": TEXT})
    assert mail.automatic is None


@pytest.mark.parametrize(
    ("headers", "subject", "sender"),
    [
        ("Auto-Submitted: auto-replied", "Re: A question", "jane@acme.example"),  # RFC 3834
        ("X-Autoreply: yes", "Re: A question", "jane@acme.example"),
        ("Precedence: auto_reply", "Re: A question", "jane@acme.example"),
        ("", "Automatic reply: A question", "jane@acme.example"),  # Outlook's out-of-office
        ("", "Out of Office: back on Monday", "jane@acme.example"),
        ("", "Abwesenheitsnotiz: Re: A question", "jane@acme.example"),
        ("", "Réponse automatique : A question", "jane@acme.example"),
        ("", "Undeliverable: A question", "postmaster@acme.example"),
        # a blind round written after the rules (the subjects they missed at first, sent without headers)
        ("", "I'm out of the office until Monday", "jane@acme.example"),
        ("", "[Out of Office] Re: A question", "jane@acme.example"),
        ("", "Autosvar: Re: A question", "jane@acme.example"),
        ("", "Automatisk svar: Re: A question", "jane@acme.example"),
        ("", "Away: Re: A question", "jane@acme.example"),
        ("", "On vacation - Re: A question", "jane@acme.example"),
        ("", "Delivery has failed to these recipients", "notifications@acme.example"),
        ("", "Message not delivered: A question", "jane@acme.example"),
    ],
)
def test_parse_inbound__out_of_office_and_bounces_are_automatic(
    headers: str, subject: str, sender: str
) -> None:
    mail = parse_inbound({"headers": f"Message-ID: <x@y>\n{headers}", "from": sender, "subject": subject})
    assert mail.automatic


@pytest.mark.parametrize(
    "subject",
    [
        "Re: A question",
        "Re: A question - out of office for the rest of the week, but yes let's talk",
        "Re: Thanks - I'm away next week, can we talk after?",
        "Away day for my team: can coaching help?",
    ],
)
def test_parse_inbound__a_person_mentioning_time_away_is_not_automatic(subject: str) -> None:
    mail = parse_inbound({"headers": "Message-ID: <x@y>", "from": "jane@acme.example", "subject": subject})
    assert mail.automatic is None


def test_parse_inbound__raw_mode_reads_auto_submitted() -> None:
    raw = "From: jane@acme.example\r\nSubject: Away\r\nAuto-Submitted: auto-replied\r\n\r\nI am away.\r\n"
    assert parse_inbound({"email": raw}).automatic == "Auto-Submitted: auto-replied"


def _reply(text: str, subject: str = "Re: Thank you for getting in touch") -> InboundEmail:
    return InboundEmail("jane@acme.example", subject, text, "<m@acme>")


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday works.\n\nOn Mon, Nov 3, 2026 at 10:00 AM Sarah Cave <\ns@cave.example> wrote:\n\n> Hi Jane",
        "Tuesday works.\n\nAm Mo., 3. Nov. 2026 um 10:00 Uhr schrieb Sarah Cave <s@cave.example>:\n> Hallo",
        "Tuesday works.\n\nLe lun. 3 nov. 2026 à 10:00, Sarah Cave <s@cave.example> a écrit :\n> Bonjour",
        "Tuesday works.\n\nEl lun, 3 nov 2026 a las 10:00, Sarah Cave (<s@cave.example>) escribió:\n> Hola",
        "Tuesday works.\n\nOp ma 3 nov. 2026 om 10:00 schreef Sarah Cave <s@cave.example>:\n> Hoi",
        "Tuesday works.\n\n________________________________\nFrom: Sarah Cave <s@cave.example>\nSent: Monday",
        "Tuesday works.\n\nVon: Sarah Cave <s@cave.example>\nGesendet: Montag, 3. November 2026",
        "Tuesday works.\n\n-----Ursprüngliche Nachricht-----\nVon: Sarah Cave",
        "Tuesday works.\n\nSent from my iPhone\n\nOn 3 Nov 2026, at 10:00, Sarah Cave wrote:\n> Hi",
    ],
    ids=["wrapped", "german", "french", "spanish", "dutch", "outlook", "outlook_de", "original_de", "iphone"],
)
def test_excerpt__the_quoted_history_is_cut_in_every_client_and_language(text: str) -> None:
    assert _reply(text).excerpt() == "Tuesday works."


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Unsubscribe", "Re: A question"),
        ("STOP", "Re: A question"),
        ("Please remove me from your mailing list.", "Re: A question"),
        ("Please stop emailing me, thanks.", "Re: A question"),
        ("I am not interested. Do not contact me again.", "Re: A question"),
        ("", "unsubscribe"),
        ("Bitte keine weiteren E-Mails.", "AW: Eine Frage"),
        ("Merci de me désabonner.", "RE: Une question"),
        ("Por favor, darme de baja.", "RE: Una pregunta"),
        ("Graag uitschrijven.", "Re: Een vraag"),
        # a blind round written after the rules (the five they missed at first)
        ("Kindly remove my email from your database.", "Re: A question"),
        ("I'd rather not receive these emails anymore, thanks.", "Re: A question"),
        ("Not interested. Remove.", "Re: A question"),
        ("I no longer wish to receive emails from you.", "Re: A question"),
        ("Please delete my details, I never signed up for this.", "Re: A question"),
    ],
)
def test_opt_out__a_reply_asking_to_hear_no_more(text: str, subject: str) -> None:
    assert opt_out(_reply(text, subject))


@pytest.mark.parametrize(
    "text",
    [
        "Not interested right now, maybe next year.",
        "Yes please! How do I stop firefighting all day and remove the bottlenecks in my team?",
        "We have to stop sending the board late reports. Can we talk Tuesday?",
        "Ich muss diesen Konflikt im Team austragen. Haben Sie Zeit?",
        # our own email quoted below the answer carries the unsubscribe footer
        "Tuesday works.\n\nOn Mon, 3 Nov 2026, Sarah Cave <s@cave.example> wrote:\n> To unsubscribe, click",
        "Gerne.\n\nVon: Sarah Cave\nBetreff: Eine Frage\n\nAbmelden: https://cave.example/u/1",
        "Please don't email my work address, use this one instead.",
        "I no longer receive your emails - did you remove me?",
        "I would rather not receive the proposal by email; can we go through it on a call?",
        "Please remove my old email address and use this one.",
        "We had to take the project off the list of priorities.",
    ],
)
def test_opt_out__a_persons_answer_or_our_quoted_footer_is_not_one(text: str) -> None:
    assert not opt_out(_reply(text))
