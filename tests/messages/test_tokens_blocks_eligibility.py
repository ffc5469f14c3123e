"""Pure pieces: unsubscribe tokens, Slack blocks, who may receive an email."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from automation.errors import ConfigError, SignatureError
from automation.messages import tokens
from automation.messages.eligibility import block_reason, business_addresses, current_address, to_the_business
from automation.messages.providers.base import Envelope
from automation.messages.providers.slack import payload
from automation.messages.slack_blocks import MAX_BLOCKS, blocks_for
from automation.settings import settings_from_mapping

SECRET = "test-app-secret-0123456789"


def test_token__round_trips_to_its_subject():
    token = tokens.make_token(SECRET, "leads", "recLEAD0000000001")
    assert tokens.verify_token(SECRET, token) == tokens.Subject("leads", "recLEAD0000000001")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace("recLEAD0000000001", "recLEAD0000000002"),
        lambda t: "c" + t[1:],
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t + "x",
        lambda t: "",
    ],
    ids=["other-record", "other-table", "signature", "extra", "empty"],
)
def test_token__tampered_is_refused(tamper):
    token = tokens.make_token(SECRET, "leads", "recLEAD0000000001")
    with pytest.raises(SignatureError):
        tokens.verify_token(SECRET, tamper(token))


def test_token__another_secret_is_refused():
    with pytest.raises(SignatureError):
        tokens.verify_token("another-secret", tokens.make_token(SECRET, "leads", "recLEAD0000000001"))


def test_token__without_app_secret_says_what_to_set():
    with pytest.raises(ConfigError, match="APP_SECRET"):
        tokens.make_token(None, "leads", "recLEAD0000000001")


def test_unsubscribe_url__carries_the_token_url_encoded():
    assert tokens.unsubscribe_url("https://x.example/", "l.recA.b-c_") == (
        "https://x.example/api/unsubscribe?token=l.recA.b-c_"
    )


def test_blocks__header_sections_bullets_and_links_escaped():
    blocks = blocks_for("Daily brief", "Intro <b> & co\n\n- one\n- two\n\nOpen: https://airtable.com/x")
    assert blocks[0]["type"] == "header"
    assert [b["text"]["text"] for b in blocks[1:]] == [
        "Intro &lt;b&gt; &amp; co",
        "• one\n• two",
        "<https://airtable.com/x|Open>",
    ]


def test_blocks__long_text_stays_within_slacks_limits():
    blocks = blocks_for("S" * 200, ("word " * 700 + "\n\n") * 80)
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) <= 150
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)


def _texts(blocks):
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_blocks__the_header_is_the_subject_on_one_line_and_left_out_when_blank():
    assert blocks_for("Jo\nat risk", "x")[0]["text"]["text"] == "Jo at risk"
    assert [b["type"] for b in blocks_for(" \n", "Body")] == ["section"]  # Slack refuses an empty header


def test_blocks__a_long_line_is_cut_between_words_and_never_inside_an_escape():
    words = blocks_for("S", " ".join(["leadership"] * 800))
    assert all(t.startswith("leadership") and t.endswith("leadership") for t in _texts(words))
    assert " ".join(_texts(words)) == " ".join(["leadership"] * 800)  # nothing lost, in order
    ampersands = _texts(blocks_for("S", "a&" * 1500))
    assert "".join(ampersands) == "a&amp;" * 1500
    assert len(ampersands) > 1 and all(re.fullmatch(r"(a|&amp;)+", t) for t in ampersands)


def test_blocks__a_long_line_after_short_ones_keeps_its_place():
    texts = _texts(blocks_for("S", "first\n" + "x" * 4000 + "\nlast"))
    assert texts[0].startswith("first") and texts[-1].endswith("last") and len(texts) >= 2
    assert all(len(t) <= 3000 for t in texts)
    assert "".join(texts).replace("\n", "") == "first" + "x" * 4000 + "last"


def test_blocks__the_whole_message_stays_short_enough_for_slack():
    texts = _texts(blocks_for("S", ("word " * 700 + "\n\n") * 80))
    assert sum(len(t) for t in texts) <= 12_000 + 100  # Slack: msg_blocks_too_long beyond about 13,000
    assert texts[-1] == "_(truncated: the full text is in the Messages record)_"


def test_slack_fallback_text__escaped_so_a_name_cannot_notify_the_channel():
    envelope = Envelope("recM1", "Slack", "Health Alert", "#ops", "<!channel> Jo & co", "<@U123> is at risk")
    text = payload(envelope, "#ops")["text"]
    assert text == "&lt;!channel&gt; Jo &amp; co\n&lt;@U123&gt; is at risk"


def test_slack_fallback_text__a_long_text_is_cut_within_3000_characters_at_a_space():
    envelope = Envelope("recM1", "Slack", "Daily Brief", "#ops", "Brief", "Q&A " * 2000)
    text = payload(envelope, "#ops")["text"]
    assert len(text) <= 3000 and text.endswith("Q&amp;A …")


@dataclass
class L:
    id: str
    email: str | None
    status: str | None = "New"
    email_status: str | None = None


@dataclass
class C:
    id: str
    email: str | None
    email_opt_out: bool = False
    email_status: str | None = None
    status: str | None = "Active"
    name: str | None = None


@pytest.mark.parametrize(
    ("leads", "clients", "linked", "reason"),
    [
        ([L("recL1", "jo@acme.example")], [], [], None),
        (
            [L("recL1", "JO@acme.example ", status="Unsubscribed")],
            [],
            [],
            "recipient unsubscribed (lead recL1)",
        ),
        (
            [L("recL1", "old@acme.example", status="Unsubscribed")],
            [],
            ["recL1"],
            "recipient unsubscribed (lead recL1)",
        ),
        (
            [L("recL2", "jo@acme.example", email_status="Bounced")],
            [],
            [],
            "address marked Bounced (lead recL2)",
        ),
        (
            [L("recL2", "jo@acme.example", email_status="Spam Report")],
            [],
            [],
            "address marked Spam Report (lead recL2)",
        ),
        ([L("recL3", "old@acme.example", email_status="Bounced")], [], ["recL3"], None),
        (
            [],
            [C("recC1", "jo@acme.example", email_opt_out=True)],
            [],
            "client opted out of email (client recC1)",
        ),
        ([], [C("recC1", "jo@acme.example")], [], None),
    ],
    ids=[
        "fine",
        "unsubscribed-by-address",
        "unsubscribed-linked",
        "bounced",
        "spam-report",
        "linked-bounce-other-address",
        "client-opt-out",
        "client-fine",
    ],
)
def test_block_reason(leads, clients, linked, reason):
    # A reminder, a session's notes (not marketing): who may receive them.
    got = block_reason("jo@acme.example", leads=leads, clients=clients, linked_leads=linked, marketing=False)
    assert got == reason


@pytest.mark.parametrize(
    ("clients", "linked", "reason"),
    [
        (
            [C("recC2", "jo@acme.example", email_status="Bounced")],
            [],
            "address marked Bounced (client recC2)",
        ),
        (
            [C("recC2", " Jo@Acme.example", email_status="Spam Report")],
            [],
            "address marked Spam Report (client recC2)",
        ),
        ([C("recC2", "jo@acme.example", email_status="Valid")], [], None),
        ([C("recC3", "old@acme.example", email_status="Bounced")], ["recC3"], None),
        (
            [C("recC3", "old@acme.example", email_opt_out=True, email_status="Bounced")],
            ["recC3"],
            "client opted out of email (client recC3)",
        ),
    ],
    ids=["bounced", "spam-report", "valid", "linked-bounce-other-address", "linked-opt-out-wins"],
)
def test_block_reason__client_email_status(clients, linked, reason):
    got = block_reason("jo@acme.example", leads=[], clients=clients, linked_clients=linked, marketing=False)
    assert got == reason


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("Active", "Jo Park is a current client: write to them yourself (client recC6)"),
        ("Paused", "Jo Park is a current client: write to them yourself (client recC6)"),
        (None, "Jo Park is a current client: write to them yourself (client recC6)"),
        ("Completed", None),  # a former client may hear from the coach again
        ("Churned", None),
    ],
)
def test_block_reason__no_first_touch_or_nurture_to_a_current_client(status, reason):
    # She fills in the website form again: a lead at her address, scored, and a first touch drafted.
    clients = [C("recC6", "Jo@Acme.example ", status=status, name="Jo Park")]
    got = block_reason("jo@acme.example", leads=[L("recL6", "jo@acme.example")], clients=clients)
    assert got == reason
    assert block_reason("jo@acme.example", leads=[], clients=clients, marketing=False) is None


UNSUBSCRIBED = L("recL4", "jo@acme.example", status="Unsubscribed")


@pytest.mark.parametrize(
    ("marketing", "clients", "linked_clients", "reason"),
    [
        # Her invoice, reminders, notes: she is a client now, and she never opted out as one.
        (False, [C("recC4", "jo@acme.example")], [], None),
        (False, [C("recC4", "other@acme.example")], ["recC4"], None),
        # A nurture email or a first touch: her unsubscribe stands, client or not.
        (True, [C("recC4", "jo@acme.example")], [], "recipient unsubscribed (lead recL4)"),
        # Only a lead: any email to her stops.
        (False, [], [], "recipient unsubscribed (lead recL4)"),
        (False, [C("recC5", "someone@else.example")], [], "recipient unsubscribed (lead recL4)"),
        # A client who opted out as a client is not emailed, whatever the kind.
        (
            False,
            [C("recC4", "jo@acme.example", email_opt_out=True)],
            [],
            "client opted out of email (client recC4)",
        ),
    ],
    ids=[
        "client-invoice",
        "linked-client",
        "marketing-to-client",
        "only-a-lead",
        "another-client",
        "client-opt-out",
    ],
)
def test_block_reason__a_lead_unsubscribe_stops_marketing_not_a_clients_invoices(
    marketing, clients, linked_clients, reason
):
    got = block_reason(
        "jo@acme.example",
        leads=[UNSUBSCRIBED],
        clients=clients,
        linked_clients=linked_clients,
        marketing=marketing,
    )
    assert got == reason


@pytest.mark.parametrize(
    ("address", "leads", "clients", "linked_leads", "linked_clients", "now"),
    [
        # her Email was corrected since the draft: nobody has the old address any more
        ("ann@corp.exmaple", [], [C("recC1", "ann@corp.example")], [], ["recC1"], "ann@corp.example"),
        ("ANN@corp.exmaple ", [], [C("recC1", " Ann@Corp.example")], [], ["recC1"], "ann@corp.example"),
        # the address is still hers, or someone else's: never changed
        ("ann@corp.example", [], [C("recC1", "ann@corp.example")], [], ["recC1"], None),
        ("pa@corp.example", [L("recL1", "pa@corp.example")], [C("recC1", "ann@corp.example")], [], ["recC1"],
         None),
        ("bo@corp.example", [], [C("recC1", "ann@corp.example"), C("recC2", "bo@corp.example")], [],
         ["recC1"], None),
        # not one client's email: a lead's, or two clients', or a client without a valid address now
        ("jo@x.example", [L("recL1", "jo@y.example")], [C("recC1", "jo@z.example")], ["recL1"], ["recC1"],
         None),
        ("jo@x.example", [], [C("recC1", "a@y.example"), C("recC2", "b@y.example")], [], ["recC1", "recC2"],
         None),
        ("jo@x.example", [], [C("recC1", "")], [], ["recC1"], None),
        ("jo@x.example", [], [C("recC1", "jo at y.example")], [], ["recC1"], None),
        ("jo@x.example", [], [], [], [], None),
    ],
)  # fmt: skip
def test_current_address__a_stale_address_follows_the_one_linked_client(
    address, leads, clients, linked_leads, linked_clients, now
):
    kw = {"leads": leads, "clients": clients, "linked_leads": linked_leads, "linked_clients": linked_clients}
    assert current_address(address, **kw) == now


@pytest.mark.parametrize(
    ("address", "leads", "clients", "reason"),
    [
        # one inbox in another spelling: who said no as one spelling said it as every other
        ("j.o+promo@gmail.com", [L("recL1", "jo@gmail.com", status="Unsubscribed")], [],
         "recipient unsubscribed (lead recL1)"),
        ("jo@gmail.com", [L("recL1", "J.O+News@GoogleMail.com", status="Unsubscribed")], [],
         "recipient unsubscribed (lead recL1)"),
        ("jo+promo@acme.example", [L("recL1", "jo@acme.example", status="Unsubscribed")], [],
         "recipient unsubscribed (lead recL1)"),
        ("jo+promo@gmail.com", [], [C("recC1", "j.o@gmail.com", email_opt_out=True, status="Completed")],
         "client opted out of email (client recC1)"),
        ("jo.o@gmail.com", [L("recL1", "joo+x@gmail.com", email_status="Spam Report")], [],
         "address marked Spam Report (lead recL1)"),
        ("Grace+work@lin-labs.example", [], [C("recC1", "grace@lin-labs.example", name="Grace Lin")],
         "Grace Lin is a current client: write to them yourself (client recC1)"),
        # a bounce at the mailbox's own address, or at Gmail, is the inbox's
        ("jo+promo@acme.example", [L("recL1", "jo@acme.example", email_status="Bounced")], [],
         "address marked Bounced (lead recL1)"),
        ("jo@gmail.com", [L("recL1", "j.o+x@gmail.com", email_status="Bounced")], [],
         "address marked Bounced (lead recL1)"),
        # ... at a "+tag" address elsewhere it may be only the tag the server refused
        ("jo@acme.example", [L("recL1", "jo+x@acme.example", email_status="Bounced")], [], None),
        # outside Gmail dots are part of the name: another person
        ("j.o@acme.example", [L("recL1", "jo@acme.example", status="Unsubscribed")],
         [C("recC1", "jo@acme.example", email_opt_out=True, name="Jo")], None),
        ("jo@gmail.example", [L("recL1", "j.o@gmail.example", status="Unsubscribed")], [], None),
    ],
    ids=[
        "gmail-dots-and-tag",
        "googlemail-spelling-on-the-record",
        "tag-elsewhere",
        "client-opt-out",
        "spam-report",
        "current-client",
        "bounce-at-the-mailbox",
        "bounce-at-gmail",
        "bounce-at-a-tag-elsewhere",
        "dots-elsewhere",
        "not-gmail",
    ],
)  # fmt: skip
def test_block_reason__one_mailbox_in_any_spelling(address, leads, clients, reason):
    assert block_reason(address, leads=leads, clients=clients) == reason


@pytest.mark.parametrize(
    ("address", "client_email", "now"),
    [
        # the coach rewrote her address in another spelling of the same inbox: the same person, unchanged
        ("Ann.Lee@gmail.com", "annlee@googlemail.com", None),
        ("ann+work@corp.example", "ann@corp.example", None),
        # a new address indeed: followed
        ("ann+work@corp.example", "ann.lee@corp.example", "ann.lee@corp.example"),
    ],
)
def test_current_address__another_spelling_of_her_mailbox_is_not_stale(address, client_email, now):
    clients = [C("recC1", client_email)]
    assert current_address(address, leads=[], clients=clients, linked_clients=["recC1"]) == now


BUSINESS = settings_from_mapping(
    {
        "general.coach_email": "Sarah.Cave@gmail.com",
        "messages.report_recipients": '["ops@acme.example", " SarahCave+Reports@googlemail.com", ""]',
    }
)


@pytest.mark.parametrize(
    ("kind", "recipient", "ours"),
    [
        ("Hot Lead Alert", "Sarah.Cave@gmail.com", True),
        # her inbox in another spelling (Settings retyped while a notice waited): still hers, unscreened
        ("Hot Lead Alert", "sarahcave@gmail.com", True),
        ("Daily Brief", " s.arah.cave+brief@googlemail.com", True),
        ("Weekly Report", "OPS+weekly@acme.example", True),
        ("Hot Lead Alert", "o.ps@acme.example", False),  # a dot outside Gmail: another person
        ("Hot Lead Alert", "sarah.cave@acme.example", False),
        ("Hot Lead Alert", "", False),
        ("Nurture Email", "sarahcave@gmail.com", False),  # marketing is always screened
    ],
)
def test_to_the_business__the_coach_and_report_recipients_in_any_spelling_of_their_mailbox(
    kind, recipient, ours
):
    assert to_the_business(BUSINESS, kind, "Email", recipient) is ours


def test_business_addresses__one_per_mailbox_the_first_spelling_blanks_left_out():
    # the coach listing her own inbox again as a report recipient gets one brief, not two
    assert business_addresses(BUSINESS) == ["Sarah.Cave@gmail.com", "ops@acme.example"]
