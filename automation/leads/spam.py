"""Is a website form submission a sales pitch or link spam rather than an enquiry? (pure)

Bots that leave the honeypot empty and stay under the per-address limit still post the same few things:
an SEO or web-design pitch, a crypto or loan offer, a page of links. A coach's enquiry almost never reads
like that. Each sign below carries points; at SPAM_POINTS or more the form is *held*: stored as a lead with
Status Lost and a Next Action saying why (one read and one write, no scoring, no drafts, no run record), so
the coach can release it by setting Status back to New, and nothing a person wrote is thrown away.

The threshold needs two independent signs: a link alone (a company's site), one word alone ("marketing",
"traffic") or a throwaway address alone never holds an enquiry. Wrongly holding a buyer costs far more than
scoring a spammer, so each sign is specific to pitches, not to topics a leader might raise.
"""

from __future__ import annotations

import re
from typing import Any

SPAM_POINTS = 4
HELD_NOTE = "Held as possible spam by the website form"
RELEASE = "Possible spam held by the website form (see Notes): set Status to New if it is a real enquiry"

_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:ru|xyz|top|click|biz|info|online|site|store)\b", re.I
)
_MARKUP = re.compile(r"<\s*a\s+href|\[url[=\]]|\[link[=\]]|</\s*a\s*>", re.I)
# An address link in a message sent as HTML (a signature's "<a href="mailto:…">"): it opens a mail to
# someone, not a page to rank or click through to, so it is no link markup a pitch uses.
_MAILTO_LINK = re.compile(r"<\s*a\s+href\s*=\s*[\"']?mailto:[^>]*>[^<]*<\s*/\s*a\s*>", re.I)


def _compiled(table: list[tuple[int, str]]) -> list[tuple[int, re.Pattern[str]]]:
    """A sign table's patterns compiled, each with its points."""
    return [(points, re.compile(p, re.I)) for points, p in table]


# Pitch and scam wording, each counted once: STRONG phrases are what pitches say and enquiries do not (3
# points, so one of them and a link hold the form); TOPICAL words are also a buyer's business ("we are an SEO
# agency", "a crypto exchange") and need two more signs. Topics a leader raises ("our marketing team", "sales
# targets", "driving traffic", "hiring") are deliberately absent.
_STRONG = [
    r"back-?links?",
    r"guest posts?",
    r"first page (?:of|on) google",
    r"rank(?:ing)? (?:your|higher|on google|#?1)",
    r"(?:increase|boost|drive) (?:your )?(?:website |site |organic )?traffic",
    r"\b(?:free|complimentary) (?:seo |website |site |marketing )audit\b",
    r"\bfree audit of your (?:site|website)\b",
    r"\boutsource (?:your|the) (?:development|coding|design|marketing|it)\b|\bdevelopers? at affordable\b",
    r"\blead generation services?\b|\bqualified leads to your\b|\bemail list(?:s)? of\b",
    r"\b(?:earn|make) \$?\d[\d,]*\s*(?:k|usd|dollars)?\s*(?:a |per )?(?:day|week|month|weekly|daily)",
    r"\b(?:investment|business) opportunit(?:y|ies)\b.{0,40}\b(?:return|profit|guarantee)",
    r"\bclick (?:here|the link|below)\b",
    r"\bbuy (?:followers|likes|reviews)\b|\b(?:instagram|tiktok|youtube) (?:followers|views)\b",
    r"\bdear (?:website owner|business owner|site owner|webmaster)\b",
    r"\blimited[- ]time offer\b|\bspecial offer\b|\b100% guaranteed\b",
    r"\breply (?:with )?[\"']?(?:stop|remove)[\"']?\b",
    r"\bair-?drop\b",
    r"\b(?:casino|viagra|cialis|payday)\b",
    r"\b(?:page (?:1|one)|top(?: spot)?) (?:of|on|in) google\b"
    r"|\b(?:show(?:ing)? up|rank(?:ing)?) on google\b",
    # "We help coaches", with the flattery a generated pitch adds ("we help visionary coaches like you").
    r"\bwe help (?:[\w-]+ ){0,2}(?:coaches|consultants|coaching (?:businesses|practices)"
    r"|businesses like yours)\b",
    r"\bare you looking for an? (?:skilled|experienced|dedicated|reliable|professional) "
    r"(?:\w+ )?(?:developer|designer|virtual assistant|va|freelancer|seo expert)\b",
    r"\bdomain\b.{0,60}\b(?:expir|renew)|\b(?:expir|renew)\w*\b.{0,60}\bdomain\b",
    r"\b\d{2,4}\s?% (?:returns?|roi|profits?|interest)\b",
    # An investment scam's promise; a buyer asks whether coaching can "guarantee a return" (an article), and
    # a fund's leader writes that returns are "not guaranteed": neither matches.
    r"(?<!not )(?<!never )\bguarantee(?:d|s)? (?:(?:monthly|weekly|daily|fixed|high|steady|passive) )?"
    r"(?:returns?|profits?|income|earnings|payouts?|roi)\b",
    r"\bguest (?:article|blog)s?\b",
    r"\bin exchange for an? (?:back)?link\b|\blink insertions?\b",
    r"\bsponsored (?:articles?|posts?)\b",
    r"\bdo-?follow\b|\b(?:high|DA ?\d+)\s*(?:da|dr|domain authority)\b",
    r"\byou(?: have|'ve) been (?:selected|chosen)\b",
    r"\bgift card\b.{0,40}\bclaim\b|\bclaim (?:it |yours? )?(?:here|now)\b",
    r"\bhigh[- ]converting\b",
    r"\b(?:are|would) you (?:be )?interested in (?:getting|growing|increasing|gaining|more)\b.{0,30}"
    r"\b(?:clients|leads|customers|sales|traffic|reviews|bookings)\b",
    r"\bno credit checks?\b",
    r"\byour (?:web)?site\b.{0,60}\b(?:noticed|found|spotted|has|had)\b.{0,30}"
    r"\b(?:issues|errors|problems|mistakes)\b"
    r"|\b(?:noticed|found|spotted)\b.{0,30}\b(?:issues|errors|problems|mistakes)\b.{0,20}"
    r"\b(?:on|with|in) your (?:web)?site\b",
    r"\b(?:let us know|share|send us|tell us) your requirements?\b",
    r"\b(?:5|five)[- ]star (?:google |yelp |trustpilot )?reviews\b",
    r"\b(?:would|'d) love to help you (?:with|grow|get)\b",
    # A supplier describing itself by the coaches it serves ("We're a small video studio working with coaches
    # and trainers"): a buyer of coaching does not introduce herself so.
    r"\b(?:we(?:'re| are)|i(?:'m| am)) (?:an? |the )?(?:[\w&-]+ ){0,4}(?:agency|studio|consultancy|company"
    r"|firm|team|freelancer|provider|platform|partner|specialists?|experts?|designer|developer|marketer"
    r"|copywriter|photographer|videographer|editor|virtual assistant|recruiters?) (?:that |who )?"
    # A recruiter placing coaches with practices sells to the coach as the studio does.
    r"(?:work(?:s|ing)? with|help(?:s|ing)?|serv(?:e|es|ing)|(?:specialis|specializ)(?:e|es|ing) in"
    r"|plac(?:e|es|ing)|recruit(?:s|ing)? for|suppl(?:y|ies|ying)"
    r"(?: working with)?) (?:\w+ ){0,2}(?:coaches|consultants|trainers"
    r"|coaching (?:businesses|practices|firms))\b",
    # The same pitch in Russian, a common form spam: "Продвижение сайтов в ТОП Яндекса".
    r"продвижени\w*\s+(?:ваш\w*\s+)?сайт\w*|раскрутк\w*\s+сайт\w*|seo[- ]продвижени\w*",
]
_TOPICAL = [
    r"\bseo\b",
    r"search engine optimi[sz]",
    r"\b(?:crypto|bitcoin|btc|ethereum|forex|nft)\b",
    r"(?:web|website|software|app|mobile app) (?:design|development|redesign) "
    r"(?:services?|company|agency|team)|\bwe (?:re)?design websites\b",
    # outsourced services a business may also run (one topic, counted once)
    r"\bvirtual assistan(?:t|ce)\b|\bsocial media management\b|\bappointment setting\b|\blead generation\b",
    r"\bimprove your (?:online )?reputation\b|\bgoogle reviews\b",
    r"\bfor (?:only|just) \$\s?\d+",
    r"\b(?:business )?funding\b.{0,40}\b(?:approv|24 hours|same day)",
    r"(?:we|our team|our company|our agency) (?:can )?(?:offer|provide)s? "
    r"(?:affordable|cheap|high[- ]quality)",
    r"\b(?:business |personal |quick )?loans?\b.{0,30}\b(?:approv|fund|rate|credit)",
    r"\bcan i send you (?:a |an )?(?:quick |short |free )?(?:\d+[- ]min(?:ute)? )?"
    r"(?:video|loom|audit|proposal)\b",
    r"\$\s?\d+\s?(?:/|per |an )\s?(?:hr|hour)\b",
    r"\btrading (?:bot|signals?)\b|\bwhats ?app\s*(?:me|us|:)?\s*\+?\d",
    r"\b(?:very |highly )?(?:competitive|affordable|cheap|low|unbeatable) (?:prices?|rates|costs?)\b",
    r"\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|cutt\.ly|rb\.gy|is\.gd)/\S+",
    r"\b(?:brings?|get|gets|deliver|delivers|land|lands)(?: you)? \d+\+? (?:new )?(?:coaching )?"
    r"(?:clients|leads|calls|appointments)\b",
    # A supplier offering its credentials ("happy to send over our showreel and rates").
    r"\b(?:send|share|forward)(?: (?:over|across))?(?: (?:you|to you))?(?: (?:over|across))? (?:our|my) "
    r"(?:showreel|portfolio|rates|rate card|price list|pricing|case studies|media kit|deck|brochure"
    r"|credentials)\b",
    r"(?<!\w)в\s+топ\w*|\btelegram\s*:?\s*@\w+",  # "в ТОП", a Telegram handle to write to
    # A client-getting service sold to the coach: her calendar filled, "high-ticket" clients, a framework
    # for acquiring them (a buyer asks for coaching, not for clients).
    r"\bfill (?:up )?your (?:calendar|diary|pipeline|schedule|books)\b"
    r"|\bhigh[- ]ticket (?:clients|offers?|programs?|programmes?|sales)\b"
    r"|\bclient[- ]acquisition (?:framework|system|machine|engine|funnel|blueprint|strategy"
    r"|program(?:me)?)\b",
]
# WEAK: a sales funnel's words, which a buyer in sales may also use ("our reps' booked calls"): one point.
_WEAK = [
    r"\bno[- ]obligation\b|\breply (?:with )?[\"']?yes\b",
    r"\bon autopilot\b|\bbooked (?:calls|appointments)\b",
    r"\bfree (?:mock-?up|demo|sample|trial|consultation)\b",
    r"\b(?:our|my) portfolio\b",
    r"\bwould you be open to (?:a |an )?(?:quick |short |brief |1[05][- ]min(?:ute)? )?(?:call|chat)\b",
]
# A job application sent through the enquiry form: not an enquiry either, held for the coach to answer
# herself. Applying for a role (3) with a CV attached or the coach said to be hiring (2 each) holds it; a
# buyer who is hiring ("we're hiring a Head of Sales and want coaching for her") or applies for a programme
# is not.
_JOB = [
    (
        3,
        r"\bapply(?:ing)? for (?:the|your|a|an|this|any) (?:[\w-]+ ){0,4}(?:role|position|job|vacancy"
        r"|opening|post)s?\b|\b(?:my )?application for (?:the|your|a|this) (?:[\w-]+ ){0,4}(?:role|position"
        r"|job|vacancy|post)\b",
    ),
    # Wanting to apply, for what unsaid: a buyer may apply for a programme, so it needs two more points.
    (2, r"\b(?:i(?:'d| would)? (?:like|love) to|i wish to|i want to|i(?:'m| am) writing to) apply\b"),
    (
        2,
        r"\b(?:my )?(?:cv|resume|résumé|curriculum vitae)\b(?: is)? (?:attached|enclosed)"
        r"|\b(?:attached|enclosed|please find)\b.{0,20}\bmy (?:cv|resume|résumé)\b",
    ),
    (
        2,
        r"\b(?:are|r) you (?:currently )?(?:hiring|recruiting)\b"
        r"|\byou(?:'re| are) (?:currently )?(?:hiring|recruiting)\b",
    ),
]
_JOB_RX = _compiled(_JOB)
# A proposal to the coach rather than a buyer's enquiry, held for her to answer herself as a job application
# is: a reseller or partner offering to sell her programmes (3) on commission (2), a coach asking to join her
# associates (3) or whether she takes them on (2), with a CV offered (2). A buyer who wants to "partner with
# you" on a programme, or whose own associates (a law firm's) need coaching, shows one sign at most.
_PROPOSAL = [
    (
        3,
        r"\b(?:become|be|act as) (?:your|a) (?:(?:regional|local|exclusive|official|certified|strategic|"
        r"channel|delivery|licensed) )*(?:partner|reseller|distributor|affiliate|licensee|franchisee)\b"
        r"|\bresell(?:ing)? yours?\b|\bwhite[- ]?label(?:ling)? yours?\b"
        r"|\blicen[cs](?:e|ing) your (?:programmes?|programs?|content|materials?|ip|methodology)\b",
    ),
    (
        2,
        r"\b(?:on (?:a )?|for (?:a )?)?commission(?: basis| split| structure| only)\b|\bon commission\b"
        r"|\brevenue[- ]shar(?:e|ing)\b|\brev[- ]share\b|\breferral fees?\b"
        r"|\b(?:partnership|reseller|distribution|affiliate) agreement\b",
    ),
    (
        3,
        r"\bjoin(?:ing)? your (?:\w+ )?(?:associates?|associate (?:team|pool|network|panel|bench|faculty)"
        r"|(?:coaching|delivery) (?:team|pool|network|panel|bench|faculty))\b"
        r"|\bbecome (?:one of )?your associates?\b|\bwork (?:for|with) you as an? (?:associate|freelance)"
        r"|\bconsidered for (?:any )?associate (?:work|roles?|opportunit(?:y|ies)|positions?)\b",
    ),
    (
        2,
        r"\bdo you (?:take on|work with|use|have|need|recruit|ever take on) (?:any |new )?associates?"
        r"(?: coaches)?\b"
        r"|\bassociate (?:coach|coaching|facilitator) (?:work|roles?|opportunit(?:y|ies)|positions?)\b",
    ),
    (2, r"\b(?:send|share|forward)(?: you)?(?: over)? my (?:coaching )?(?:cv|resume|résumé)\b"),
    # A recruiter's candidates offered: "coaches on our books", "happy to send CVs over".
    (
        2,
        r"\b(?:candidates|coaches|consultants|associates|facilitators|trainers) on (?:our|my) books\b"
        r"|\bsend(?: you)?(?: over)? (?:their |some |the |a few )?"
        r"(?:cvs|resumes|résumés|candidate profiles)\b",
    ),
]
_PROPOSAL_RX = _compiled(_PROPOSAL)
# A headhunter approaching the coach for a role (not an enquiry, held for her to answer herself): the role
# offered (2), the coach said to fit it (3), a confidential chat (2). A buyer who thinks the coach "would be a
# great fit for our team" or has "an exciting opportunity to work with our leaders" shows one sign at most.
_RECRUIT = [
    (
        2,
        r"\b(?:have|got|recruiting for|working on) an? "
        r"(?:exciting|confidential|great|senior|fantastic|unique) (?:[\w&-]+ ){0,4}"
        r"(?:role|position|vacancy|opening|post|mandate)\b",
    ),
    (
        3,
        r"\byou(?:'d| would) be (?:a |an )?(?:great|perfect|strong|ideal|excellent|good) (?:fit|match"
        r"|candidate) for (?:the|this|a|an|my client's|our client's) (?:[\w&-]+ ){0,3}(?:role|position|job"
        r"|vacancy|opening|post)\b",
    ),
    (
        2,
        r"\b(?:open to|up for|interested in) a (?:confidential|discreet) "
        r"(?:chat|conversation|call|discussion)\b",
    ),
]
_RECRUIT_RX = _compiled(_RECRUIT)
# A client writing about her own coaching through the enquiry form (a cancellation, a refund, a session to
# move, a complaint that nobody answered): not an enquiry, held for the coach to answer herself rather than
# sent a lead's nurture. Two signs: a buyer whose last coach "cancelled on us" or who is "still waiting on a
# refund" from another provider shows one at most.
_SERVICE = [
    (
        3,
        r"\bcancel(?:l?ing)? (?:my|our) (?:[\w'-]+ )?(?:place|booking|session|sessions|subscription"
        r"|enrol?ment|registration|package|membership|seat|spot|coaching)\b",
    ),
    (
        3,
        r"\brefund (?:my|our|the) (?:deposit|payment|fee|fees|money|invoice)\b"
        r"|\b(?:want|like|request|need|expect)(?:ing)? (?:a|my|our) (?:full )?refund\b",
    ),
    (3, r"\breschedul\w* (?:my|our) (?:[\w'-]+ ){0,2}sessions?\b|\bmove (?:my|our) (?:next )?session\b"),
    (
        2,
        r"\b(?:nobody|no one|no-one) (?:has |have )?(?:replied|responded|got back|gotten back|answered"
        r"|called)\b|\b(?:emailed|called|written|messaged|rung) (?:you )?(?:two|three|four|several|multiple"
        r"|many|\d+) times\b",
    ),
    # Disappointment alone is also a buyer's with her present provider: one point.
    (1, r"\b(?:really |very |extremely |deeply )?(?:disappointing|disappointed|unacceptable)\b"),
    # An invoice or receipt to be sent again or put right ("please resend the invoice for November's
    # sessions"): a client's admin; a buyer asks to be invoiced ("can you invoice us in January?").
    (
        3,
        r"\b(?:resend|re-send|send (?:us |me )?again|reissue|re-issue|amend|correct|update"
        r"|send (?:us |me )?a copy of)"
        r" (?:the |our |my |last month'?s |\w+'s )?(?:invoices?|receipts?)\b",
    ),
    (1, r"\b(?:our|my|the) (?:po|p\.o\.|purchase order) (?:number|no\.?|#)"),
]
_SERVICE_RX = _compiled(_SERVICE)
# An opt-out sent through the enquiry form ("please remove me from your mailing list", "unsubscribe me"): no
# enquiry, and a lead's nurture would go on writing to someone who asked it to stop. A request said outright
# is enough (4): a buyer does not write it.
_OPT_OUT = re.compile(
    r"\b(?:remove|take) (?:me|us|my (?:e-?mail|address|details)) (?:from|off) (?:your|the|all)"
    r" (?:\w+ )?(?:mailing |e-?mail |marketing |contact )?(?:list|lists|database|mailings)\b"
    r"|\bunsubscribe (?:me|us)\b|\bstop (?:e-?mailing|sending (?:me|us)|contacting) (?:me|us)?\b"
    r"|\b(?:don'?t|do not) (?:e-?mail|contact) (?:me|us) (?:again|any ?more)\b"
    # Said as a wish no longer to hear ("I no longer wish to receive your emails", "please opt me out").
    r"|\b(?:no longer|don'?t|do not) (?:wish|want) to (?:receive|get|hear from)"
    r" (?:your |these |any |further |more )*(?:e-?mails?|messages|newsletters?|mailings|updates|marketing)\b"
    r"|\bopt (?:me|us) out\b|\b(?:take|remove) me off (?:your|the|this) (?:\w+ )?(?:list|newsletter)\b",
    re.I,
)
# An automatic reply captured by the form or the mailbox (an out-of-office, "Automatic reply: …"): nobody
# enquired. The reply's own heading (4), or two of what an out-of-office says: away until a date, limited
# access to email, someone else to contact meanwhile (2 each). A buyer who is "away until the 4th" writes
# one at most.
_AUTO_REPLY = [
    (
        4,
        r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)"
        r"|out of (?:the )?office(?: reply| notice)?|abwesenheitsnotiz|r[ée]ponse automatique"
        r"|respuesta autom[aá]tica|risposta automatica)\s*[:\-]",
    ),
    (
        2,
        r"\b(?:i am|i'?m|i will be) (?:currently )?(?:out of (?:the )?office"
        r"|away from (?:the|my) (?:office|desk)|on (?:annual |parental |maternity |sick )?leave|travell?ing"
        r"|on holiday|on vacation)\b.{0,40}\b(?:until|till|returning|back on|and will return)\b",
    ),
    (2, r"\b(?:limited|no|intermittent) access to (?:my )?e-?mails?\b"),
    (
        2,
        r"\bfor (?:anything |any )?(?:urgent|pressing)"
        r" (?:matters|queries|enquiries|inquiries|issues|requests)?[, ]*(?:please )?"
        r"(?:contact|call|email|e-mail|reach)\b",
    ),
    (1, r"\b(?:thank you|thanks) for your (?:e-?mail|message)\b"),
]
_AUTO_REPLY_RX = _compiled(_AUTO_REPLY)
# A fellow coach asking how the coach runs her business (her prices, how she structures her discovery calls,
# to "swap notes"): no buyer, held for her to answer herself, as an associate's proposal is. Two signs: a
# coach who buys supervision or coaching for herself says she is a coach, nothing more.
_PEER = [
    (
        2,
        r"\b(?:i'?m|i am) (?:a |an )?(?:new |fellow |newly qualified |trainee )?(?:[\w-]+ ){0,2}coach"
        r" (?:myself|too|as well)\b|\bfellow coach\b|\bas a (?:new |fellow )?coach myself\b",
    ),
    (2, r"\b(?:swap|compare|exchange|share) notes\b|\bpick your brains?\b"),
    (
        2,
        r"\bhow (?:do )?you (?:structure|run|price|market|set up|package|fill|get clients for)"
        r" (?:your )?(?:discovery calls?|packages?|programmes?|programs?|coaching business|business|practice"
        r"|sessions|offers?|pricing)\b",
    ),
]
_PEER_RX = _compiled(_PEER)
_PITCH = (
    [(3, re.compile(p, re.I)) for p in _STRONG]
    + [(2, re.compile(p, re.I)) for p in _TOPICAL]
    + [(1, re.compile(p, re.I)) for p in _WEAK]
)

DISPOSABLE_DOMAINS = frozenset(
    {
        "mailinator.com",
        "guerrillamail.com",
        "10minutemail.com",
        "tempmail.com",
        "temp-mail.org",
        "yopmail.com",
        "trashmail.com",
        "sharklasers.com",
        "getnada.com",
        "dispostable.com",
        "maildrop.cc",
        "throwawaymail.com",
    }
)


# What a message is when it is no enquiry, sign table by sign table (each table's points capped at 6).
_NOT_AN_ENQUIRY = (
    (_JOB_RX, "a job application"),
    (_PROPOSAL_RX, "a partnership or associate proposal"),
    (_RECRUIT_RX, "a recruiter's approach to the coach"),
    (_SERVICE_RX, "a client's request about her coaching (a cancellation, refund, invoice or complaint)"),
    (_AUTO_REPLY_RX, "an automatic reply"),
    (_PEER_RX, "a fellow coach's questions"),
)


def _matches(table: Any, text: str) -> list[tuple[int, str]]:
    """(points, the words matched) for each of a sign table's patterns found in `text`."""
    return [(points, m.group(0).strip().lower()) for points, p in table if (m := p.search(text))]


def _quoted(found: list[tuple[int, str]]) -> str:
    return ", ".join(f'"{w[:40]}"' for _, w in found)


def spam_signs(form: Any) -> list[tuple[int, str]]:
    """(points, reason) for every sign the submission shows; the reasons are written on the held lead."""
    text = " ".join(x for x in (form.message, form.source_detail) if x)
    short = " ".join(x for x in (form.name, form.company, form.title) if x)
    signs: list[tuple[int, str]] = []
    if _MARKUP.search(_MAILTO_LINK.sub(" ", text)) or _MARKUP.search(short):
        signs.append((4, "link markup (HTML or BBCode)"))
    if re.search(r"https?://|www\.", form.name or "", re.I):
        signs.append((4, "a link as the name"))
    links = len(_URL.findall(text))
    if links >= 3:
        signs.append((3, f"{links} links in the message"))
    elif links:
        signs.append((1, "a link in the message"))
    if text and links and len(_URL.sub("", text).split()) <= 3:
        signs.append((2, "a message that is only links"))
    every = f"{text} {short}"
    if found := _matches(_PITCH, every):
        signs.append((min(sum(points for points, _ in found), 6), f"pitch wording: {_quoted(found[:4])}"))
    for table, what in _NOT_AN_ENQUIRY:
        if found := _matches(table, text):
            signs.append(
                (min(sum(points for points, _ in found), 6), f"{what}, not an enquiry: {_quoted(found)}")
            )
    if opt_out := _OPT_OUT.search(text):
        signs.append((4, f'an opt-out request, not an enquiry: "{opt_out.group(0).strip().lower()[:40]}"'))
    if re.search(r"\d{3,}", form.name or ""):
        signs.append((1, "digits in the name"))
    if form.email.rsplit("@", 1)[-1] in DISPOSABLE_DOMAINS:
        signs.append((1, "a throwaway email address"))
    letters = [c for c in (form.message or "") if c.isalpha()]
    if len(letters) >= 40 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        signs.append((1, "a message in capitals"))
    return signs


def spam_reasons(form: Any) -> list[str] | None:
    """Why the submission is held as spam, or None when it is treated as an enquiry."""
    signs = spam_signs(form)
    if sum(points for points, _ in signs) < SPAM_POINTS:
        return None
    return [reason for _, reason in signs]


def is_held(lead: Any) -> bool:
    """A lead the form stored as held spam and the coach has not released: still Lost with the hold's Next
    Action (releasing it sets Status back to New; a lead she closed herself has her own Next Action)."""
    return lead.status == "Lost" and lead.next_action == RELEASE
