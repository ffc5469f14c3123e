"""Action items from the notes by rule: commitment cues, imperatives, owners, due dates, hedges.

General rules, not a list of phrasings: a clause is a commitment when a person (a name, a pronoun, an
owner tag or the speaker) is followed by a commitment cue ("will", "'ll", "to", "is going to", "agreed
to", "needs to", "should"...), or when an imperative stands in an action list or behind an owner tag.
Hedges ("might", "maybe", "considering", "wants to think about") keep it tentative. In the coach's own
notes "I" is the coach; in a transcript "I" is the speaker and "you" the other person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from automation.sessions.dates import (
    AFTER_EVENT,
    MONTHS,
    WEEKDAYS,
    DuePhrase,
    event_dates,
    find_due_phrases,
    month_end_of,
    month_first_in,
    numeric_order,
    pick_due,
)
from automation.sessions.draft import ActionItemDraft
from automation.sessions.people import People
from automation.sessions.segments import Sentence, gerund_of
from automation.sessions.words import ACTION_VERBS, OTHER_VERBS, content_words, is_base_verb

# "I should have named it earlier", "could have pushed back": a regret about the past, not a thing to do
_PARTICIPLE = (
    r"(?:[a-z]{2,}ed|been|done|gone|made|said|told|sent|taken|given|known|seen|let|put|set|kept|left|met|"
    r"brought|thought|spent|heard|held|run|begun|written|spoken|chosen|got|gotten)\b"
)
_FIRM_CUE = re.compile(
    r"(?P<cue>(?:['’]ll|(?<![\w/-])will|\bshall)(?!\s+be\s+\w+ed\b)(?:\s+(?:also|then|definitely|now|first|"
    r"try\s+to|aim\s+to|just)"
    # "He will, though, meet …": an aside between the modal and its verb
    r"|\s*,\s*(?:though|however|too|still|at least|in any case|for (?:his|her|their) part)\s*,)?"
    # (not "He's going to a competitor": going somewhere, no verb after it)
    r"|\b(?:am|is|are|['’]m|['’]s|['’]re)\s+(?:also\s+)?going\s+to(?!\s+(?:a|an|the|his|her|their|our|my)\s)"
    r"|\bgonna"
    # "Rui vai marcar …", "ze gaat bellen", "Lars ska boka": the going-to future of the languages mixed
    # into English notes
    r"|\b(?:vai|vou|gaat|ga|wird|werde|va|skal|ska|(?:va|voy|vas|vamos|van)\s+a)(?=\s+(?:"
    + "|".join(sorted(OTHER_VERBS))
    + r")\b)"
    # "and you were going to send me the guide": a recap's reminder of what was agreed (not "was going to
    # …, but", an intention given up)
    r"|(?<=\byou\s)were\s+(?:also\s+)?going\s+to(?![^.;]*\b(?:but|instead)\b)"
    r"|\b(?:agreed|agrees|committed|commits|decided|decides|promised|promises|offered|volunteered|plans|planned|"
    # "He did commit to blocking two hours": the emphatic past is as much a commitment as "committed to"
    r"planning|intends|needs|need|has|have|got|did\s+(?:agree|commit|promise|decide))\s+to"
    r"(?<!\bwould need to)(?<!['’]d need to)"
    # "he wants to try a pre-read", "she also wants to ask her boss": a thing meant to be done (not "wants
    # to sit with it", a feeling; nor "…, but wants to run it past her boss", the hedge's condition)
    # (and the writer's own "I want to reread my notes before we next meet", a want with a time to do it:
    # not "I want to read more on perfectionism - maybe …", a wish)
    r"|(?<!\bbut\s)(?:\bwants|(?<=\bi\s)want(?=[^.;]{0,80}\b(?:by|before|next|this|tomorrow|today|tonight)\b))"
    r"\s+to(?=\s+(?:try|ask|talk|speak|meet|sit\s+down|book|write|run|"
    r"send|share|tell|call|(?:re-?)?read|block|schedule|set\s+up|arrange|organi[sz]e|invite|email|draft)\b)"
    # "I want to put the proposal in writing, say by the 7th": the speaker's own dated want, of a thing to
    # make or give (not "he wants to present the plan with more confidence", a wish)
    r"|(?<=\bi\s)want(?=[^.;]{0,80}\b(?:by|before)\b)\s+to(?=\s+(?:put|prepare|finish|update|present|give)\b)"
    # not "said she would need to think about …": what it would take, not what she will do
    # "agreed with his HR partner that he would …": who it was agreed with, then the commitment
    r"|\b(?:said|agreed(?:\s+with\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?|promised|told\s+\w+)\s+(?:that\s+)?"
    # "we agreed we'd both reread it": 'we' is an owner only with 'both' (candidates_from_sentence)
    r"(?:i|he|she|they|you|we)\s*(?:would|['’]d)"
    r"(?!\s+(?:need|have)\s+to\b)"
    # "She said she'd had a bruising meeting": 'd before a past participle is 'had', told of the past
    r"(?!\s+(?:had|been)\b)"
    r"|(?<=,)\s*and\s+that\s+(?:i|he|she|they|you)\s*(?:would|['’]d)"  # "…, and that he would Y"
    r"|(?<=\bi )can(?=\s+do\s+(?:that|it|this)\b)"  # "Sending him an invite. I can do that today."
    # not "Should the review come back clean, she'll …" opening the sentence: a condition, not an obligation
    # nor "she should really be delegating more": how things ought to be, not a task
    rf"|\b(?:must|(?<!^)should)(?!\s+have\s+{_PARTICIPLE})(?!\s+(?:really\s+|also\s+)?be\s+[a-z]+ing\b)"
    r"|\bowes?\b\s*(?:her|him|them|you)?\s*:?"
    r"|\bis\s+(?:also\s+)?to|\bare\s+(?:also\s+)?to"
    # "I'm to send her the template", as "she is to" (not "Fri am to hear …")
    r"|(?:(?<=\bi\s)am|(?<=\bi)['’]m)\s+(?:also\s+)?to(?=\s+[a-z])"
    # "let me dig out that piece for him": the writer's (or the speaker's) own; not "let me know"
    r"|(?<![\w'’])let\s+me(?=\s+(?:also\s+|just\s+|quickly\s+)?(?!know\b|think\b|see\b)[a-z]))\s+",
    re.I,
)
_TENTATIVE_CUE = re.compile(
    r"(?P<cue>\bmight(?:\s+also)?|\b(?-i:may)(?:\s+also)?|\b(?:is|are|am|['’]s|['’]m|['’]re)\s+"
    r"(?:considering|thinking\s+(?:about|of)|weighing\s+up|toying\s+with)"
    # not "thinking about why she says yes": a reason looked into is a reflection, not a thing to do
    r"|\b(?:considering|contemplating|wondering\s+(?:about|whether|if)|thinking\s+(?:about|of|re:?)(?!\s+why\b)|"
    r"undecided\s+(?:re:?|about|on|whether))"
    r"|['’]d\s+like\s+to(?=[^.]{0,60}\b(?:maybe|perhaps|possibly|might)\b)"
    r"|\bwants?\s+to\s+(?=(?:think|maybe|consider|explore|possibly|perhaps))"
    # "he mentioned maybe doing a 360 at the six-month mark": an idea floated, not yet a commitment
    r"|\b(?:mentioned|floated|raised|talked\s+about|spoke\s+about)\s+(?:maybe|possibly|perhaps)(?=\s+[a-z]+ing\b)"
    # "I'm hoping to send her the checklist this week": an intention held loosely (not "has been hoping to
    # recover the time", a wish)
    r"|\b(?:am|is|are|['’]m|['’]s|['’]re)\s+hoping\s+to(?=\s+[a-z]+\s+(?:\w+\s+){0,6}?(?:this|next|by|before|on)\b)"
    # "he'd like to try delegating X", "keen to have a crack at running Y": a try wished for, not yet promised
    r"|(?:['’]d|\bwould)\s+like\s+to\s+try(?:\s+out)?(?=\s+[a-z]+ing\b)"
    r"|\bkeen\s+to\s+(?:try(?:\s+out)?|have\s+a\s+(?:go|crack|stab|shot)\s+at)(?=\s+[a-z]+ing\b)"
    r"|\b(?:would\s+like|hopes|hoping|keen|wants)\s+to"
    r"(?=[^.]{0,60}\b(?:maybe|perhaps|possibly|might|if (?:he|she|they|i) can|if time)\b)"
    rf"|(?<=\s)could(?=\s+[a-z])(?!\s+have\s+{_PARTICIPLE}))\s+",
    re.I,
)
# A request in the writer's notes, not a question ('could you book …' without a '?'): the one asked does it.
# (In a transcript a request is the other's only once they say yes: see _requests.)
_ASK_CUE = re.compile(
    r"(?P<cue>(?<![\w'’])(?:could|can|would)\s+you(?:\s+(?:please|also|just))?)\s+(?=[a-z])", re.I
)
# "I suggested she keep a log", "I suggested Kofi run …": hers, and tentative only when she did not take it up
# ("she'd consider it")
_SUGGEST_CUE = re.compile(
    r"(?P<cue>\b(?:suggested|proposed|recommended)\s+(?:that\s+)?(?:she|he|they|(?-i:[A-Z][\w'’-]+))"
    r"(?:\s+(?:could|might|should))?)\s+(?=[a-z])",
    re.I,
)
# "Raters suggest she should delegate more", "One peer suggested she attend X": someone else's idea for her,
# not something she took on (the writer's own "I suggested she …" is read above)
_OTHERS_IDEA = re.compile(
    r"\b(?P<who>(?!(?:and|then|also|but|so|or|had|has|have|just|who|which|that|we|coach)\b)[\w'’]+)\s+"
    r"(?:also\s+)?(?:suggest|suggests|suggested|recommend|recommends|recommended|propose|proposes|proposed)"
    r"\s+(?:that\s+)?(?:she|he|they)(?:\s+(?:should|could|might|would|ought\s+to))?\s*$",
    re.I,
)
# The client's answer after a suggestion ("… and she agreed", "…, he liked the idea"): no part of the action
_SUGGESTION_ANSWER = re.compile(
    r"(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+|\s+[-–—]\s+)"
    r"(?:she|he|they|(?-i:[A-Z][\w'’-]+))\s+(?:also\s+|really\s+|immediately\s+)?"
    r"(?:agreed|liked|loved|said\s+yes|accepted|signed\s+up|jumped\s+at|was\s+(?:keen|up\s+for))\b",
    re.I,
)
_NOT_TAKEN_UP = re.compile(
    r"\b(?:consider|think(?:ing)? (?:about|it over)|maybe|might|not sure|unsure|sleep on it|"
    r"wasn['’]t sure)\b",
    re.I,
)
# "Maybe she could try journaling": 'could' is a (tentative) suggestion only behind a hedge and a subject.
_HEDGED_SUBJECT = re.compile(r"\b(?:maybe|perhaps|possibly)\s+\S+\s*$", re.I)
_HEDGE = re.compile(
    r"\b(?:might|maybe|perhaps|possibly|potentially|considering|thinking about|think about|"
    r"not sure|unsure|tbc|tbd|undecided|hasn't decided|has not decided|if time|if possible|"
    r"try to|wants to think|depends on|if (?:she|he|they|i) (?:can|has time|have time)|"
    r"probably|sleep on it|if it'?s still|if needed|if necessary"
    # "Stretch goal: read X before we meet", "time permitting", "(optional)": wanted, not promised
    r"|stretch (?:goal|target|task)|time permitting|nice[- ]to[- ]have|optional"
    # "he was reluctant, said he'd see how the board prep goes first": not yet decided
    r"|(?:was|is|['’]s|seemed|sounded) (?:a bit |quite |very )?(?:reluctant|hesitant)"
    r"|see how [^.;]{0,40}? goes"
    # the same hedges in the languages whose verbs are read ("probablement la semaine prochaine", "quizás")
    r"|probablement|probablemente|provavelmente|probabilmente|wahrscheinlich|vielleicht|peut-[êe]tre|"
    r"quiz[áa]s?|tal vez|talvez|forse|misschien|waarschijnlijk|kanskje|kanske|pas encore d[ée]cid[ée]|"
    r"todav[íi]a no lo tiene claro|a[úu]n no (?:lo )?(?:sabe|tiene claro))\b"
    # "I'll send it again, you lost it, right?": a tag question checks a fact, it does not hedge
    r"|(?<!\bright)(?<!\byeah)(?<!\bokay)(?<!\bok)\?$|\(\?\)"
    r"|[,(]\s*(?:but\s+)?(?:only\s+)?(?:if|unless|provided|as long as)\s+"
    r"(?:she|he|they|her|his|their|the|it)\b"
    # "run a workshop with her leads if it goes ahead": a condition on what is not yet decided, no comma
    r"|\s(?:only\s+)?if\s+(?:it|the\s+\w+|this|that)\s+(?:goes ahead|happens|is approved|gets approved|"
    r"goes through|is signed off)\b",
    re.I,
)
_CLAUSE_JOIN = re.compile(r"\b(?:and|so|but|then)\b|[;.:]", re.I)
_PURPOSE = re.compile(r"\bso(?: that)? (?:he|she|they|i|we|you) (?:can|could)\b.*", re.I)
_PROVIDES_FOR = re.compile(r"\b(?:in case|just in case|unless|if|because|since|so that)\b", re.I)
_NEGATION = re.compile(
    # (not "a retro - what landed, what didn't": a question named as a thing)
    r"(?<!\bwhat\s)(?<!\bwho\s)\b(?:won['’]?t|will not|not going to|doesn['’]?t want|didn['’]?t|did not|"
    r"never|no longer|"
    r"isn['’]?t going|(?:don['’]?t|do not|doesn['’]?t|does not) (?:have|need) to)\b",  # 'wont', typed
    re.I,
)
# An obligation someone feels or believes they are under: "she feels she has to", "he thinks he must"
_BELIEF = re.compile(
    r"\b(?:feels?|felt|believes?|believed|thinks?|thought|worries|worried|fears?|feared)\s+(?:that\s+)?"
    r"(?:she|he|they|i|you|we)\s*(?:has|have|had|needs?|needed|must|should|['’]s\s+got|['’]ve\s+got)"
    r"(?:\s+to)?\s*$",
    re.I,
)
# A clause the action waits on, with its own subject and verb: "once she sends them", "when he's back"
_WAITS_ON = re.compile(
    r"\s(?:once|as soon as|when|after)\s+(?:she|he|they|it|(?-i:[A-Z][\w'’-]+))(?:['’]s)?\s+[a-z]+", re.I
)
# … or opening the sentence: "After the reorg is announced on the 28th, she'll meet each lead"
_WAITS_FIRST = re.compile(
    r"^\s*(?:once|as soon as|when|after)\s+(?:(?:the|her|his|their|its)\s+)?[\w'’-]+(?:['’]s)?\s+"
    r"(?:is|are|has|have|gets?|comes?|goes|lands?|[a-z]+s|[a-z]+ed)\b[^,]*,",
    re.I,
)
_NOT_ACTIONS = re.compile(
    r"^(?:wait|hold off|hold fire|sit tight|"  # holding off is not doing
    # "I'll just be curious about how she is": a way of being with her, not a thing to do
    r"see (?:how|if|whether)|be (?:more |less )?(?:honest|careful|curious|gentle|patient|kind|present|"
    r"mindful|supportive|open)|feel|love|hate|keep doing what|quit|leave it|"
    # "she said she would like that": a yes to what was offered, the offer is the item
    r"(?:like|welcome|appreciate) (?:that|this|it|the idea|the offer)(?! (?:to|if|when)\b)|"
    r"(?:tell|let) (?:you|me) (?:know )?how (?:it|that|things)|"  # reporting back: the next session does
    # "she'd rather not": a no to what was offered; "she'd rather do a rough one than …": a preference
    r"(?:probably\s+)?forget|rather|"
    # "can you hear me okay?", "can you see my screen?": a call's check of the line, not a request
    r"(?:hear|see)\s+(?:me|us|you|my\s+screen)\b(?!\s+(?:about|on|out)\b))\b",
    re.I,
)
_QUESTION = re.compile(
    r"^(?:\W*)(?:and\s+|so\s+|but\s+)?(?:what|how|why|when|where|who|which|could|can|would|will|do|does|did|is|are|"
    r"should|shall|have|has|was|were)\b",
    re.I,
)
_BOUNDARY = {"and", "but", "so", "then", "that", "because", "while", "if", "which", "who", "once", "when"}
_LEAD_WORDS = re.compile(
    r"^(?:also|then|definitely|probably|first|just|now|both|still|really|actually|try to|aim to|"
    r"maybe|possibly|perhaps|please|go ahead and|get round to|look to|like to|love to),?\s+",
    re.I,
)
_TRAIL = re.compile(
    r"(?:\s*[-–—,(]\s*(?:urgent|not urgent|asap|firm on that one|no rush|tbc|tbd|ongoing|as needed|"
    r"if (?:he|she|they) needs? to\b.*|"
    r"(?:but\s+)?(?:only\s+)?(?:if|unless|provided|as long as)\s+(?:she|he|they|her|his|their|the|it)\b.*|"
    r"but not yet|i don['’]t know|just to see|depends on .*|no (?:fixed )?(?:date|deadline)|"
    r"firm|not sure yet|if (?:time|possible)\b.*|(?:at the )?latest|(?:at )?(?:noon|midday)|"
    # "take a day off, he is very tired": the reason, how the person is, not part of what to do
    r"(?:she|he|they)(?:['’]s|['’]re|\s+(?:is|was|are|were|seems|seemed|looks|looked|feels|felt))"
    r"(?:\s+[\w'’-]+){1,3}|"
    # "I'll do the intro tomorrow, sorry it slipped": the writer's apology, no part of it
    r"sorry\b(?:\s+(?:it|that|this|i|for)\b[^;]*)?|"
    # "write to her sponsor by Friday, and I nearly missed it": the writer's own aside, no part of it
    r"(?:and|but)\s+(?:i|we)\s+(?!(?:will|would|can|could|should|must|shall|am|also|then|too)\b)[a-z]+\b[^;]*|"
    # "stakeholder map — migrated from last time, still not done": where it stands, not what to do
    r"(?:migrated|carried\s+(?:over|forward)|rolled\s+over|still\s+not\s+(?:yet\s+)?done)\b.*|"
    # "an intro to Mei, who made the same move last year": who the person is, not what to do
    r"who\s+(?!will\b|would\b|can\b|could\b|should\b|must\b)(?:[\w'’]+)\b[^,;]*|"
    # "…, though she was not yet sure about it": a concession about the action, not part of it
    r"(?:even\s+)?(?:al)?though\s+(?:she|he|they|i|we|it|that)\b.*)\)?\s*$|\s*\(\s*\)|[\s,;:–—-]+$|"
    # "try X and see what happens": the point of trying, not a second thing to do
    r"\s+and\s+see(?:ing)?\s+(?:what happens|how (?:it|that|things) go(?:es)?)$|"
    # "…, but you're not sure you'll have the bandwidth": the doubt about it, no part of it
    r",?\s+but\s+(?:you|she|he|they|i)(?:['’]re|['’]s|['’]m|\s+(?:is|are|was|were|am))\s+not\s+(?:yet\s+)?sure\b.*$|"
    r"\s+(?:asap|a\.s\.a\.p\.?)$|"
    # "put the dates in the calendar once she confirms the slot", "update it whenever she gets a chance":
    # when it can be done, not what to do
    r",?\s+once\s+(?:she|he|they|i|we|you)\s+(?:confirms?|agrees?|decides?|hears?|knows?)\b[^;]*$|"
    r",?\s+whenever\s+(?:she|he|they|i|we|you)\s+(?:gets?|has|have|finds?|can)\b[^;]*$|"
    r"[\s,]+(?:and|but|so|or|then|ideally|hopefully|if possible|though|undecided|not decided|start|starting|"
    r"from|instead|too|as well|also|uh|um|er|erm|that['’]s|that is|which is)$)",
    re.I,
)
_URGENT = re.compile(r"\b(?:urgent|urgently|asap|critical|top priority|high priority|immediately|!!)", re.I)


@dataclass
class Candidate:
    sentence: Sentence
    owner: str
    description: str
    tentative: bool
    due: DuePhrase | None
    clause: str
    start: int  # character offset of the clause in the sentence
    notes: list[str] = field(default_factory=list)
    vague: bool = False
    contingent: bool = False  # waits on an 'if' before it: the condition's dates are not its due date


def _speaker_self(s: Sentence) -> str:
    if s.tag_owner and s.speaker is None:
        return s.tag_owner  # "Dana: 'I'll speak to my boss'": I is the person the line is about
    return (
        s.speaker
        if s.speaker in ("client", "coach", "associate")
        else s.author
        if s.speaker is None
        else "other"
    )


_OWN_TASKS = {"homework", "action", "actions", "task", "tasks", "job", "assignment", "experiment",
              "challenge", "commitment", "to-do", "todo"}  # fmt: skip


_POSSESSIVES = {"her", "his", "their", "my", "your"}
_NOT_A_NOUN = {"also", "then", "definitely", "probably", "just", "now", "still", "really", "actually", "too",
            "first", "own", "herself", "himself", "themselves", "myself", "yourself"}  # fmt: skip


def _owner_from_subject(words: list[str], s: Sentence, people: People) -> tuple[str | None, str]:
    """Role of the subject just before a cue (nearest word first); "" when there is no subject."""
    low_words = [w.lower().strip(".,;:()'\"’") for w in words]
    if "and" in low_words[1:-1]:
        # "She and her COO will draft …", "Rosa and Marco will present …": the client's with a colleague
        # (the colleague's alone is not hers; "she and I" is the pair's, read elsewhere)
        at = len(low_words) - 1 - low_words[::-1].index("and")
        lead, rest = words[:at], low_words[at + 1 :]
        if (
            lead
            and people.owner_of_word(lead[-1]) == "client"
            and not (len(lead) > 1 and low_words[at - 2] in _POSSESSIVES)
            and not any(people.owner_of_word(w) in ("self", "coach", "you") for w in rest)
        ):
            return "client", f"owner: the client and a colleague ('{' '.join(words)}')"
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        low = w.lower().strip(".,;:()'\"’")
        if low in _BOUNDARY:
            break
        role = people.owner_of_word(w)
        if role is None:
            continue
        after = words[i + 1].lower().strip(".,;:") if i + 1 < len(words) else ""
        possessor = re.sub(r"['’]s$", "", w)
        owns = people.owner_of_word(possessor) if possessor != w and after in _OWN_TASKS else None
        if owns:  # "Grace's homework is to …": the task is the possessor's
            return owns, f"owner from '{w} {after}'"
        if (possessor != w or low in _POSSESSIVES) and after and after not in _OWN_TASKS | _NOT_A_NOUN:
            return "third", ""  # "Her PA will move the meeting": the PA's promise, not the client's
        if role == "self":
            return _speaker_self(s), f"owner from '{w}'"
        if role == "you":
            if s.speaker is None and s.author == people.author and people.addressee:
                return people.addressee, f"owner: 'you' in notes written to the {people.addressee}"
            if s.speaker == "coach":
                return "client", "owner: 'you', said by the coach"
            if s.speaker in ("client", "associate"):
                return "coach", "owner: 'you', said to the coach"
            if s.author == "client":
                return "coach", "owner: 'you' in the client's own recap, the coach"
            return "client", "owner: 'you' read as the client"
        if role == "client" and s.speaker not in (None, "coach") and w.lower() in ("he", "she", "they"):
            return "third", ""
        return role, f"owner from '{w}'"
    return None, ""


def _before(text: str, i: int, width: int = 120) -> str:
    """The text just before position i: enough for a pattern anchored at its end, and a long unpunctuated
    dictation is not read again from its start for every cue in it."""
    return text[max(0, i - width) : i]


# Someone else reported promising: "Margaret has already said she'll …", "Priya told Leon she'd …"
_SAID_BY = re.compile(
    r"\b(?P<who>[A-Z][\w'’-]+)\s+(?:has\s+|had\s+)?(?:already\s+|also\s+)?"
    r"(?:said|says|promised|promises|told\s+\w+|agreed|offered|mentioned|confirmed)\s+(?:that\s+)?"
    r"(?:he|she|they)\b[^,.;:]{0,25}$"
)


_TOGETHER = re.compile(
    r"(?<!\bput )(?<!\bget )(?<!\bpull )(?<!\bbring )(?<!\bpiece )(?<!\bthrow )(?<!\bcome )"
    r"\btogether\b(?!\s+(?:with|and)\b)",
    re.I,
)


# The going-to future of the languages mixed into English notes, and their he / she before it
_OTHER_GOING_TO = r"(?:vai|va|wird|gaat|ska|skal)\b"
_OTHER_PRONOUNS = dict.fromkeys(("ele", "él", "il", "er", "hij", "han"), "he") | dict.fromkeys(
    ("ela", "ella", "elle", "zij", "ze", "hon", "hun"), "she"
)


def _subject_words(text: str, cue_start: int) -> list[str]:
    before = re.sub(r"\s*\([^)]*\)\s*", " ", _before(text, cue_start, 300))
    before = re.split(r"[,;:()\[\]–—]|\s-\s", before)[-1]
    shared = _SHARED_SUBJECT.match(before)
    if shared:  # "Tom thinks that's unrealistic and will push back": the clause's subject is the doer
        return [shared["who"]]
    words = before.split()
    return words[-4:]


# A clause opened by its subject and a verb in the present or past, then "and"/"but" before the cue
_SHARED_SUBJECT = re.compile(
    r"^\s*(?P<who>(?-i:[A-Z][\w'’-]+)|she|he|they)\s+(?:[a-z]+s|[a-z]+ed)\b(?:\s+[\w'’%-]+){0,5}?"
    r"\s+(?:and|but)\s+(?:also\s+)?$",
    re.I,
)


# A trailing condition of something not happening: the action is a fallback, the condition its trigger
_FALLBACK_IF = re.compile(
    r",?\s+(?:if|unless)\s+(?:nothing|not|none|no\s+[\w-]+|there['’]?s\s+no\s+[\w-]+|(?:she|he|they|i|we)\s+"
    r"(?:doesn['’]t|don['’]t|hasn['’]t|haven['’]t|hears?n['’]t|isn['’]t|can['’]t)\b)(?:\s+(?:back|yet|heard))*"
    r"(?:\s+(?:from\s+)?[\w'’-]+)?\s*$",
    re.I,
)


def _clean_description(text: str, phrases: list[DuePhrase], offset: int) -> str:
    out = text
    for p in sorted(phrases, key=lambda d: -d.start):
        a, b = p.start - offset, p.end - offset
        inside = a >= 0 and b <= len(text)
        if inside and (out[b : b + 2] in ("'s", "’s") or p.text.endswith(("'s", "’s"))):
            continue  # "at Monday's team meeting": the day names the meeting, the words stay
        part_of_day = (
            inside and _DAY_AS_OBJECT.match(p.text) and re.match(r"\s+(?:afternoon|morning)\b", out[b:])
        )
        if (
            inside
            and _DAY_AS_OBJECT.match(p.text)
            and re.match(r"\s+(?:off|free|afternoon|morning|am|pm)\b", out[b:])
            # not "… this afternoon or Monday morning": after 'or' or a preposition the day is when
            and not re.search(r"\b(?:or|by|on|before|until)\s*$", out[:a], re.I)
        ):
            continue  # "take Friday off", "block Friday afternoon": the day is what the action is about
        if part_of_day:
            b += part_of_day.end()
        if inside and a > 0 and " " not in out[:a].strip() and re.match(r"the\b", p.text, re.I):
            continue  # "confirm the 23rd works": the verb's object is the day itself
        if inside and (p.due is not None or p.strength >= 2 or p.note == AFTER_EVENT):
            # "by the 15th" loses its "by"; "on Friday" keeps the word before it ("check in on Friday")
            lead = (
                r"due\s+"
                if _PREPOSITION.match(p.text)
                else r"\b(?:no later than|by|on|before|until|due|for|from|starting|at|in)\s+"
            )
            left = re.sub(rf"(?:{lead})?(?:the\s+)?$", "", out[:a], flags=re.I)
            out = left + out[b:]
    # "(board meets 22 March)" with its date gone: an aside that dated an event, nothing left to say
    out = re.sub(r"\s*\([^()]{0,30}\s\)", "", out)
    out = re.sub(r"\(\s*\)", "", out)
    # "… on the 27th (a Wednesday)": which weekday the date is, said of the date that has gone
    out = re.sub(r"\s*\((?:(?:it|that)['’]?s\s+|it is\s+)?an?\s+\w+day\)", "", out, flags=re.I)
    # "intro Grace to Leila (ex-COO, been through a merger)": who someone is, not part of what to do
    out = _PERSON_ASIDE.sub(r"\g<name>", out)
    out = re.sub(r",(?:\s*,)+", ",", out)  # "one by one, over the next two weeks, just to": the date's gone
    out = re.sub(r"\s+", " ", out).strip()
    out = re.sub(r"\s+([,;:.])", r"\1", out)
    for _ in range(3):
        out = out.rstrip(" .!")
        out = _FALLBACK_IF.sub("", out)  # "chase Paul if nothing by Friday": when to do it, not what
        out = _LEAD_WORDS.sub("", out).strip()
        out = _TRAIL.sub("", out).strip()
    out = _ASIDE.sub("", out)
    out = out.strip(" .;:,–—-'\"‘’“”")
    if out.count(")") > out.count("("):  # "send the invite today)": the aside's close, cut from its open
        out = out.rstrip(" )")
    if out.count('"') % 2:  # 'a one-page "case for me"': the closing quote was stripped with the rest
        out += '"'
    if out.count("“") > out.count("”"):
        out += "”"
    out = re.sub(r"^(?:me|you|her|him|them)\s+(?=(?:the|a|an|his|her|their|my|your)\b)", "", out, flags=re.I)
    out = _base_form(out)
    arrow = _OBJECT_ARROW.match(out)
    if (
        arrow
        and arrow["verb"].lower() in ACTION_VERBS
        and arrow["obj"].split()[0].lower() not in ACTION_VERBS
    ):
        # shorthand "exit interview notes -> share w/ me": the thing, then what to do with it
        obj = arrow["obj"][:1].lower() + arrow["obj"][1:]
        det = "" if re.match(r"(?:the|a|an|his|her|their|my|your|this|that|\d)\b", obj, re.I) else "the "
        out = f"{arrow['verb']} {det}{obj}{arrow['rest']}"
    return out[:1].upper() + out[1:] if out else out


# A bracketed aside right after a name (not the line's first word, which is its verb), with no number in it
_PERSON_ASIDE = re.compile(r"(?P<name>\s[A-Z][a-z'’-]+)\s*\((?![^()]*\d)[^()]{2,60}\)")
_DAY_AS_OBJECT = re.compile(
    r"(?:this\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?$", re.I
)
_OBJECT_ARROW = re.compile(r"^(?P<obj>[^>→]+?)\s*(?:->|→|=>)\s*(?P<verb>[A-Za-z]+)(?P<rest>.*)$")


# "try journaling? (she wasn't sure)": the question mark and the hedging aside are not part of the action
_ASIDE = re.compile(
    r"\s*\?\s*(?:\([^)]*\))?\s*$"
    r"|\s*\((?=[^)]*\b(?:sure|unsure|maybe|tbc|tbd|tentative|not decided)\b)[^)]*\)\s*$",
    re.I,
)
_PREPOSITION = re.compile(r"(?:by|on|before|until|due|for|from|starting|at|in|within|over|through)\b", re.I)


def _base_form(text: str) -> str:
    """'blocking two mornings' → 'block two mornings' (after 'committed to')."""
    first, _, rest = text.partition(" ")
    low = first.lower()
    if low.endswith("ing") and len(low) >= 5:  # "doing" too
        verb = _verb_stem(low[:-3])
        if verb:
            return f"{verb} {rest}".strip()
    return text


def _verb_stem(stem_: str) -> str | None:
    """The action verb a suffix was added to: 'block'(ing), 'shar'+e(d), 'plann' → 'plan'(ed)."""
    for cand in (stem_, stem_ + "e", stem_[:-1] if len(stem_) > 2 and stem_[-1] == stem_[-2] else stem_):
        if cand in ACTION_VERBS:
            return cand
    return None


# "ask IT for laptops": IT in capitals is the department, not the pronoun the case-blind patterns take it for
NOT_IT_DEPT = r"(?!(?-i:IT)\b)"
_VAGUE_LEAD = re.compile(
    r"^(?:(?:do|doing|get|have|send|share|finish|sort|action)\s+"
    + NOT_IT_DEPT
    + r"(?:it|that|this|them|those)\b|"
    r"\w+\s+" + NOT_IT_DEPT + r"(?:it|that|this|them|those)(?:\s+(?:over|in|out|up|round|through|again))?$)",
    re.I,
)
_RECIPIENT = re.compile(
    r"^\w+\s+(?:them|him|her)(?:\s+(?:both|all))?\s+(?:the|a|an|his|her|their|my|your|our|some|\d+|two|three)\s+\w",
    re.I,
)
_GENERIC_NOUNS = {"way", "thing", "things", "point", "time", "moment", "bit", "lot", "stuff", "one", "idea"}
_PRONOUN_OBJECT = re.compile(r"\b(?:it|that|this|them both|them|those|both)\b", re.I)


_FUNCTION_WORDS = set(
    [
        "on",
        "by",
        "in",
        "at",
        "after",
        "before",
        "with",
        "for",
        "to",
        "over",
        "up",
        "out",
        "again",
        "next",
        "this",
        "tomorrow",
        "today",
        "tonight",
        "first",
        "later",
        "soon",
        "now",
        "then",
        # "do that tomorrow morning" with its date gone: a time of day is not the thing 'that' names
        "morning",
        "afternoon",
        "evening",
        "night",
    ]
)


# "He decide himself", "she'll see for herself": who does it, with nothing to do named
_REFLEXIVE_ONLY = re.compile(
    r"^\w+\s+(?:for\s+|by\s+)?(?:himself|herself|themselves|myself|yourself)\W*$", re.I
)


# "check in with her", "catch up with them": meeting the person is the whole of it, nothing else to name
_WITH_SOMEONE = re.compile(
    r"^(?:check in|catch up|touch base|meet|speak|talk|connect|sit down|meet up)\s+(?:again\s+)?with\s+"
    r"(?:her|him|them)\s*[.!]?$",
    re.I,
)


def _is_vague(description: str) -> bool:
    if _WITH_SOMEONE.match(description.strip()):
        return False
    words = content_words(description, keep_verbs=False)
    lead = _VAGUE_LEAD.match(description)
    if lead and _RECIPIENT.match(description):
        return False  # "send them both the RACI template": 'them' is who gets it, the thing is named
    if lead:
        parts = description.split()
        # "have that conversation with him": 'that' is a determiner there, not a pronoun
        determiner = parts[1].lower() in ("that", "this") and len(parts) > 2
        return not (determiner and parts[2].lower() not in _FUNCTION_WORDS)
    return len(words) == 0 or (
        len(words) <= 1
        # "her own one-pager" is a thing: 'one' is no pronoun inside a word
        and bool(
            re.search(
                NOT_IT_DEPT + r"\b(?:it|that|this|them|those|one|draft)\b(?!-)",
                description.partition(" ")[2],
                re.I,
            )
        )
    )


# "what she'll do" (not "yes to that and will …": 'and' is no subject of an embedded clause)
_EMBEDDED = re.compile(
    # "what the successor needs to be good at": a subject with its determiner is one subject too
    # (not "agreed that the coach will …", the complement of what was agreed)
    r"(?:\b(?:what|how|where|when|whether|which|who|why)\s+(?:(?:the|his|her|their|a|an|each|every)\s+)?"
    r"|\bthat\s+)(?!(?:and|but|or|then)\b)[\w'’]+\s*$",
    re.I,
)


def _cue_before(text: str, end: int) -> bool:
    """Whether a commitment's cue comes before `end` in the sentence."""
    return any(rx.search(text, 0, end) for rx in (_FIRM_CUE, _TENTATIVE_CUE, _NAMED_TO))


_QUOTED = re.compile(r"\"[^\"\n]{1,120}\"|“[^”\n]{1,60}”|(?<!\w)['‘][^'’\n]{1,40}['’](?!\w)")


def _will_is_a_name(m: re.Match[str], text: str, people: People) -> bool:
    """A capitalised "Will" is the name of someone the notes are about, not the modal, inside a sentence
    or before a verb's own modal ("Will will …", "Will to …")."""
    if not m.group(0).startswith("Will") or people.owner_of_label("Will") is None:
        return False
    return bool(text[: m.start()].strip()) or bool(
        re.match(r"\s+(?:will|to|is|has|wants|and|said)\b", text[m.start() + 4 :])
    )


def _clauses(s: Sentence, people: People) -> list[tuple[int, int, re.Match[str], bool]]:
    """(clause start, clause end, cue match, tentative cue) for each cue in the sentence."""
    text = s.text
    cues: list[tuple[re.Match[str], bool]] = []
    taken = bytearray(len(text) + 1)  # the characters a cue already covers
    for q in _QUOTED.finditer(text):  # 'the "must have" criteria': words quoted are a name, not a cue
        said = re.match(r".\s*(?:i|we|he|she|they|you)\b", q.group(0), re.I)
        if not said:  # 'he said "I'll call her Friday"' is his words, and his commitment
            taken[q.start() : q.end()] = b"\x01" * (q.end() - q.start())
    kinds = [(_FIRM_CUE, False), (_TENTATIVE_CUE, True), (_SUGGEST_CUE, False)]
    if s.speaker is None and (not text.rstrip().endswith("?") or people.addressee):
        # "The report lands Monday; could you book 90 mins with her." (and in notes written to someone,
        # "Could you read my notes before the 18th?": a letter's polite request, not a question)
        kinds.append((_ASK_CUE, False))
    for rx, tentative in kinds:
        for m in rx.finditer(text):
            if rx is _SUGGEST_CUE:
                tentative = bool(_NOT_TAKEN_UP.search(text[m.end() :]))
            if any(taken[m.start() : m.end()]):
                continue
            if re.search(r"\b(?:that|which|who)\s*$", _before(text, m.start()), re.I):
                continue  # "a course on delegation that might suit Priya": it describes the thing
            if _THING_RELATIVE.search(_before(text, m.start())) and (
                _cue_before(text, m.start())
                # "M: write down 3 things he'll stop doing": the things, the object of the line's imperative
                or (s.tag_owner or s.bullet)
                and (text.split() or [""])[0].lower() in ACTION_VERBS
            ):
                continue  # "ask for one thing he should stop doing": the thing, part of the clause before
            if _DISOWNED.match(text, m.end()):
                continue  # "she will review it, but that's not something we agreed": said to be no item
            if _NOT_A_THING_TO_DO.search(_before(text, m.start())):
                continue  # "not something I should be in the middle of": a thing said not to be done
            if _OBLIGED.match(m["cue"]) and _BE_SOMEWHERE.match(text, m.end()):
                continue  # "she has to be on site": where an obligation puts her, not a task
            if _IT_WILL.search(_before(text, m.start())) and m["cue"].lower() in ("will", "'ll", "’ll"):
                continue  # "I think it will come back when she's ready", "it will look like …": no one's task
            if _will_is_a_name(m, text, people):
                continue  # "I will send Will the template", "Will will hand it over": Will is someone named
            if m["cue"].lower() == "could" and not _HEDGED_SUBJECT.search(_before(text, m.start())):
                continue  # "she could see it", "I could decline it": an observation or an option
            if _EMBEDDED.search(_before(text, m.start())) and not re.search(
                r"\b(?:said|agreed(?:\s+with\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?|promised)\s+that\s+\S+\s*$",
                _before(text, m.start()),
                re.I,
            ):
                continue  # "what she'll do with the time" is part of another clause
            cues.append((m, tentative))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    # "Dana to hand …": a named person (not a pronoun, which would be an object) followed by "to <verb>"
    for m in _NAMED_TO.finditer(text):
        if any(taken[m.start("cue") : m.end()]):
            continue
        who = m["who"].strip(".,;:()'\"’")
        if _WANTS_OBJECT.search(_before(text, m.start())) and not (who.lower() == "me" and s.speaker is None):
            # "He still wants Maya to push back": what someone else wants of her, not her promise; what the
            # client wants or asked of the notes' writer ("she wants me to send her X") the writer notes to do
            continue
        if _IF_WANTS.search(_before(text, m.start())):
            continue  # "she'll let me know if she wants me to do a three-way": what she'll answer, not a task
        # "Each director to name one decision": the client's team, in a team session
        if not _GROUP.search(_before(text, m.end("who"))) and (
            who.lower() in PRONOUN_WORDS
            or who.lower() in _GROUP_WORDS  # "hold everyone to the log": an object, not the subject
            or not (people.owner_of_label(who) or who.lower() in ("me", "client", "coach"))
        ):
            continue
        cues.append((m, False))
    cues.sort(key=lambda c: c[0].start())
    out = []
    for i, (m, tentative) in enumerate(cues):
        end = len(text)
        if i + 1 < len(cues):
            nxt = cues[i + 1][0]
            end = nxt.start("who") if "who" in nxt.re.groupindex else nxt.start()
            subject = re.search(r"(?:\b[\w.'’]+\s*)$", _before(text, end))
            if subject and "who" not in nxt.re.groupindex and people.owner_of_word(subject.group(0)):
                end -= len(subject.group(0))
        out.append((m.start(), end, m, tentative))
    return out


# "a course that might suit Priya": a hedge inside a relative clause does not hedge the commitment
# a dash, then 'will' with no subject of its own: the same person goes on about the same action
_RESTATED = re.compile(r"\s*(?:will|['’]ll)\s+", re.I)
_RELATIVE_MODAL = re.compile(r"\b(?:that|which|who)\s+(?:might|may|could)\b", re.I)
# "If the restructure goes ahead, K to brief his managers": a commitment that waits on a condition
_CONDITION_FIRST = re.compile(
    r"^\s*(?:if|unless|assuming|provided|depending on)\b[^,]*,\s*(?:\S+\s*)?$", re.I
)
# The same with or without the comma, its subject just before the cue: the condition it waits on
_CONTINGENCY = re.compile(
    r"^\s*(?:(?:and|so|but|oh)\s+)?(?:if|unless|in case|should)\s+(?P<cond>[^;:]+?)\s*,?\s+[\w'’.-]+\s*$",
    re.I,
)


def _undated_condition(cond: str) -> str:
    """'procurement blows up before then' → 'procurement blows up': when it might happen is no deadline."""
    cond = re.sub(r"\s*\b(?:before|by|until)\s+then\b", "", cond, flags=re.I)
    return _undated(cond).strip(" ,")


_GOAL_NOUN = re.compile(
    r"(?:goal|aim|ambition|vision|dream|hope|objective|intention|purpose|wish|worry|fear|question|issue|"
    r"problem|instinct|tendency|habit)s?"
)
# A pronoun subject right after a noun with its determiner: an object relative clause ("the feedback you
# owe", "the report she has to write").
_RELATIVE_SUBJECT = re.compile(
    r"\b(?:the|a|an|this|these|those|any|every)\s+[a-z][\w-]*\s+(?:you|she|he|they|i|we)\s+$", re.I
)
# "Despite the merger she will …", "After the offsite he'll …": the noun ends a phrase that opens the
# sentence, and the pronoun starts the main clause, not a clause describing the noun
_OPENING_PHRASE = re.compile(
    r"(?:^|[.;:!?]\s+|^\W+)"
    # "Somewhere in the middle he said …", "Right at the end she …", "Anyway, towards the end he …"
    r"(?:(?:somewhere|sometime|later|earlier|right|just|then|and|so|but|also|only|anyway|again|halfway|"
    r"early|late|way)\s*,?\s+){0,2}"
    r"(?:despite|regardless\s+of|irrespective\s+of|after|following|during|given|"
    r"because\s+of|due\s+to|in\s+spite\s+of|since|with|without|until|till|over|for|in|on|at|"
    r"towards?|near|around|through|throughout)\s+"
    r"(?:the|a|an|this|these|those|any|every)\s+[a-z][\w-]*\s+(?:you|she|he|they|i|we)\s+$",
    re.I,
)
# After a commitment's cue, more nouns take a clause describing them ("one thing he should stop doing",
# "something she can drop"); not a time ("each morning he will …"), which dates a commitment of its own.
# "… will review it, but that's the normal flow of her job and not something we agreed": the clause after
# the commitment says it is none of the session's
_DISOWNED = re.compile(
    r"[^.;!?]*?,?\s+but\s+(?:that|this|it)(?:['’]s|\s+is)\b[^.;!?]*?\bnot\s+"
    r"(?:something|anything|an?\s+(?:action|commitment|item|task))\s+(?:that\s+)?(?:we|i|she|he|they)\s+"
    r"(?:agreed|set|committed)\b",
    re.I,
)
# "not something I should be in the middle of", "nothing she needs to do": a thing negated is not a task
_NOT_A_THING_TO_DO = re.compile(
    r"\b(?:not\s+(?:some|any)thing|nothing)\s+(?:that\s+)?(?:you|she|he|they|i|we)\s*$", re.I
)
# "… has to be on site / away / at the plant": a place to be, not a thing to do
_OBLIGED = re.compile(r"(?:has|have|had|needs?|got)\s+to$", re.I)
_BE_SOMEWHERE = re.compile(
    r"\s*be\s+(?:on\s+site|onsite|away|abroad|there|at\s+(?:the\s+)?\w+|in\s+the\s+office)\b", re.I
)
# "it will look like she's stepping back": 'it' (not "it's", not "Will it") is no one who does things
_IT_WILL = re.compile(r"(?:^|[^\w'’])it\s*$", re.I)
_THING_RELATIVE = re.compile(
    r"(?:\b(?:the|a|an|this|these|those|any|every|one|some|each|no|two|three|four|five|\d{1,2})\s+"
    r"(?!(?:day|week|month|morning|afternoon|evening|night|time|meantime|weekend|year)s?\b)[a-z][\w-]*"
    r"|\b(?:some|any|every|no)thing)\s+(?:you|she|he|they|i|we)\s*$",  # ("… things he'll …")
    re.I,
)
# The subject of a clause naming the people of a team session ("Each director to …", "Both to …"): at the
# start of the clause, not an object ("hold everyone to the decision log").
_GROUP = re.compile(
    r"(?:^|[(,;:–—-]\s*|\band\s+)(?:(?:each|every|all|both)(?:\s+(?:of\s+)?(?:the\s+|them\s*)?[\w-]+)?"
    r"|everyone|everybody|both)\s*$",
    re.I,
)
# A verb whose object is asked to do something: "wants Maya to", "asked Tom to", "expects her to".
_AGREED_SUBJECT = re.compile(
    r"^\s*(?P<who>[A-Za-z][\w'’]*?)(?:['’]s|['’]ve|\s+has|\s+have)?\s+(?:(?:also|already|readily|happily)\s+)?"
    r"(?:said\s+yes|agreed|accepted|liked|loved|(?:was|is)\s+(?:keen|happy)|signed\s+up)\b",
    re.I,
)
_SAME_SUBJECT = re.compile(r"\w[\w)'’\"]*,?\s+(?:and|but|then|and then|and also)\s+$", re.I)
_WANTS_OBJECT = re.compile(
    r"\b(?:wants?|wanted|would\s+like|['’]d\s+like|asks?|asked|tells?|told|expects?|expected|needs?|needed|"
    r"encourages?|encouraged|urges?|urged|reminds?|reminded|invites?|invited|pushes|pushed|challenges?|"
    r"challenged|allows?|allowed|gets?|got|trusts?|trusted|lets?)\s+$",
    re.I,
)
_IF_WANTS = re.compile(
    r"\b(?:if|whether)\s+(?:she|he|they|you|[A-Z][\w'’-]+)\s+(?:wants?|would\s+like|['’]d\s+like)\s+$"
)
_GROUP_WORDS = {"everyone", "everybody", "both", "all", "each", "every"}
# "Dana to hand …"; not "intro Marco to two angels", where 'to' leads to whom or what, not a verb;
# "Rachel (co-coach) to write …": a bracketed aside about who she is sits between the name and 'to'
_NAMED_TO = re.compile(
    r"(?P<who>(?<![\w'’])[\w.'’]+)(?:\s*\((?![^()]*\d)[^()]{2,40}\))?\s+(?P<cue>to)\s+(?=[a-z])"
    r"(?!(?:the|a|an|two|three|four|five|his|her|their|my|our|your|this|that|these|those|all|each|every|"
    r"some|him|them|me|us|it)\b)"
)
PRONOUN_WORDS = {"i", "you", "he", "she", "they", "we", "it", "him", "her", "them", "us", "this", "that"}


_ENUMERATION = re.compile(r":?\s*\(?1\)\s+(?=\w)")
_PRESENT = re.compile(r"^(?P<who>@?[\w.'’]+)\s+(?P<verb>[a-z-]+)\b(?P<rest>.*)$")


# "ASAP", "urgent", "urgently" marking a step (not "not urgent")
_URGENT_MARK = re.compile(r"(?<!\bnot )\b(?:asap|a\.s\.a\.p\.?|urgent(?:ly)?)(?![\w.])", re.I)


def _present_tense(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    """In an action list, 'Dana drafts the memo by Friday; I review it Monday' are two commitments."""
    out = []
    for part in re.split(r";\s*", s.text.strip().rstrip(".")):
        maybe = re.match(r"^\s*(?:maybe|perhaps|possibly)\s+", part, re.I)
        part = part[maybe.end() :] if maybe else part  # "Maybe he take a day off": hedged, still his
        m = _PRESENT.match(part.strip())
        if not m:
            continue
        verb = m["verb"].lower()
        # "Carla owns the first draft, due 21 Jan": who owns a piece of work is the one to do it
        verbs = ACTION_VERBS | {"own"}
        base = next((v for v in (verb, verb[:-1], verb[:-2]) if v in verbs and len(v) >= 3), None)
        role = people.owner_of_word(m["who"])
        if base is None or role not in ("client", "coach", "associate", "self"):
            continue
        owner = _speaker_self(s) if role == "self" else role
        phrases = find_due_phrases(part, session_date, next_session)
        offset = m.start("verb")
        desc = _clean_description(part[offset:], phrases, offset)
        desc = base.capitalize() + desc[len(verb) :] if desc.lower().startswith(verb) else desc
        hedged = bool(maybe) or bool(_HEDGE.search(part))
        out.append(
            Candidate(s, owner, desc, hedged, pick_due(phrases), part, 0, [f"owner from '{m['who']}'"])
        )
    return out


# Fillers of speech: sounds ("uh", "um") anywhere; words that are fillers only between commas ("he's going
# to, you know, write …"; not "like a user manual", "I mean to call her").
_FILLER_SOUND = re.compile(
    r"(?P<c>,\s*)?(?<![\w'’])(?:[Uu]+h+|[Uu]+m+|[Uu]hm|[Ee]rm|[Ee]r|[Ee]h|[Hh]mm+)(?![\w'’-])\s*(?P<p>[,.;]?)"
)
# A word a comma cannot follow in the sentence a filler interrupted ("going to, uh, sit")
_NO_COMMA_AFTER = re.compile(
    r"(?:\b(?:to|and|the|a|an|will|would|of|with|for|is|was|that|he|she|they|we|i|you)|['’](?:ll|s|d))\s*$",
    re.I,
)
_FILLER_WORDS = re.compile(
    r",\s*(?:you know|i mean|like|sort of|kind of|i don['’]?t know|i dunno)\s*,\s*|^(?:i mean|like),\s*", re.I
)
# A restart: "he's, he's in a better place", "I need to, I need to invoice …"
_RESTART = re.compile(r"(?<![\w'’])(?P<w>[\w'’]+(?:\s+[\w'’]+){0,3}),\s+(?P=w)(?![\w'’])", re.I)


_DOUBLED = re.compile(r"(?<![\w'’])(?P<w>to|the|a|an|and|i)\s+(?P=w)(?![\w'’])", re.I)


def _without_fillers(text: str) -> str:
    def sound(m: re.Match[str]) -> str:
        if m["p"] == ".":
            return "."
        paused = m["c"] and m["p"] == "," and not _NO_COMMA_AFTER.search(m.string[: m.start()])
        return ", " if paused else " "  # "to him, um, one by one" keeps its pause; "to, uh, sit" none

    out = _FILLER_SOUND.sub(sound, text)
    out = _FILLER_WORDS.sub(lambda m: " " if _NO_COMMA_AFTER.search(m.string[: m.start()]) else ", ", out)
    out = _RESTART.sub(lambda m: m["w"], out)
    out = _DOUBLED.sub(
        lambda m: m["w"], out
    )  # "try to, eh, to delegate": the restart once the filler is gone
    out = re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    out = re.sub(r"^[,.;]\s*", "", out)
    return out if out != text.strip() else text


_RUN_ON = re.compile(
    r"\s+(?:he|she|i)\s+(?:also\s+)?(?:wants?|said|says|was(?:nt|n['’]t)?|thinks?|felt|feels)\b"
    # or the memo moving on to what the session covered ("… tomorrow we talked a lot about …")
    r"|\s+we\s+(?:also\s+)?(?:talked|discussed|spent|covered|explored|went over)\b"
    # the next thought's subject left at the end when its verb is a cue ("… pick up he also | wants to …"),
    # or a comment on what was said ("… the timeline thats a big one for him")
    r"|\s+(?:he|she|i)(?:\s+also)?\s*$|\s+(?:thats|that['’]s)\s+(?:a|an|the)\b"
)
# the whole session's "no actions (for either of us)", not "no new actions; she'll …" nor "no actions for her"
_NO_ACTIONS_AT_ALL = re.compile(
    r"(?:^|[-–—:;.]\s)\W*no (?:actions?|action items?)"
    r"(?:\s+(?:for (?:either|both|any) of us|agreed|today|yet|this (?:time|session)))?"
    r"\s*(?:[-–—.;,]|$|until\b)",
    re.I,
)
_NO_ACTIONS = re.compile(r"\bno (?:new |further |other )?(?:actions?|action items?|homework)\b", re.I)


_QUOTE_MARK = re.compile(r"[\"“”]")
_SAYS = r"(?:also\s+)?(?:said|says|added|adds|replied|told\s+me|promised)"
_ATTRIBUTION = re.compile(
    rf"^[\s,.:;!?-]*(?:(?:and|then|later|also|finally|afterwards)\s+)?(?:(?P<a>[A-Za-z][\w'’-]*)\s+{_SAYS}|{_SAYS}\s+(?P<b>[A-Za-z][\w'’-]*))"
    # '… ," she said at the start': when she said it is no words of hers
    r"(?:\s+(?:at|in|during|towards?|near|right|early|earlier|later|again)\b(?:\s+[\w'’-]+){0,5})?"
    r"[\s,.:;!?-]*$",
    re.I,
)

# '… she set her own homework, in her words: "I'm going to …"': what went before names whose words follow
_IN_HER_WORDS = re.compile(r"\bin\s+(?P<a>her|his|their)\s+(?:own\s+)?words\s*[:,]?\s*$", re.I)


def _attributed_quote(s: Sentence, people: People) -> tuple[str, str] | None:
    """A sentence that is only someone's quoted words and who said them ('"I'll call Tom," she said,
    "and ask him …"', 'She also said, "I'm going to …"'): the words, and the speaker's role when she is
    the client (or the coach or associate); None for anything else, a bare quote included."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(s.text)]
    if not marks:
        return None
    bounds = [0, *marks, len(s.text)]  # a quote left open at the sentence's end closes there
    pieces = [s.text[a + (i > 0) : b] for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]
    outside, inside = pieces[0::2], pieces[1::2]
    if (
        len(outside) > 1
        and re.match(r"\s*[-–—]\s", outside[-1])
        and any(p.strip(" ,.:;!?-") for p in outside[:-1])
    ):
        # 'She said, "I'll probably call HR" – not sure it's worth it': the writer's comment after a dash
        outside = outside[:-1]
    said = [
        m
        for i, p in enumerate(outside)
        if p.strip(" ,.:;!?-")
        for m in [_ATTRIBUTION.match(p) or (_IN_HER_WORDS.search(p) if i == 0 else None)]
    ]
    if not said or not all(said):
        return None  # words outside the quotes that are not "she said": not only her words
    possessive = {"his": "he", "their": "they"}  # 'in his words:' names him as the speaker
    roles = {people.owner_of_word(possessive.get((m["a"] or m["b"]).lower(), m["a"] or m["b"])) for m in said}
    if len(roles) != 1 or not roles <= {"client", "coach", "associate"}:
        return None
    # the comma before "she said" closes the quote, not a clause: "I'll call Tom tomorrow and ask him …"
    words = " ".join(p.strip().rstrip(",") for p in inside if p.strip())
    return (words, roles.pop()) if words else None


def _unpunctuated(text: str) -> bool:
    """Dictation with no punctuation: a long stretch that is many thoughts, not one sentence."""
    return len(text) > 200 and not re.search(r"[,;:]", text)


_IMPERATIVE_THEN_OWN = re.compile(
    r"^(?P<imp>(?P<verb>[A-Za-z]+)\s(?:(?!\s[-–—]\s).)+?)\s+[-–—]\s+(?P<own>(?:I|he|she|they|we)(?:['’]ll|\s+will)\s.+)$"
)
_ACCOUNTABLE = re.compile(
    r"^(?:(?:and|so)\s+)?(?:(?P<subj>she|he|they|[A-Z][\w'’-]+)(?:['’]s|\s+is|\s+are)"
    r"|I(?:['’]ll|\s+will)\s+hold\s+(?P<obj>her|him|them|[A-Z][\w'’-]+))"
    r"\s+(?:also\s+)?accountable\s+for\s+(?P<what>[a-z]+ing\b.*)$",
    re.I,
)
_SUBJECT_OF = {"her": "She", "him": "He", "them": "They"}


def _accountable(text: str) -> str | None:
    """'She's accountable for sending X' → 'She will send X'; 'I'll hold him accountable for Y-ing' → 'He
    will Y': the action she is held to, with her as its subject."""
    m = _ACCOUNTABLE.match(text.strip())
    if not m:
        return None
    what = _base_form(m["what"])
    if what == m["what"]:
        return None  # "accountable for nothing": no action verb to read
    who = m["subj"] or _SUBJECT_OF.get(m["obj"].lower(), m["obj"])
    return f"{who[:1].upper()}{who[1:]} will {what}"


# "She asked if I could look over her slide - I said yes, by Wednesday": the request, and the writer's yes
_ASKED_IF_I = re.compile(
    r"^(?:(?:and|so)\s+)?(?:she|he|they|[A-Z][\w'’-]+)\s+(?:also\s+)?asked\s+(?:me\s+)?(?:if|whether)\s+I\s+"
    r"(?:could|would|can|might)\s+(?P<what>[a-z].*?)\s*(?:[-–—,;]\s*|\band\s+)"
    r"(?:I\s+said\s+yes|I\s+agreed|agreed|said\s+yes|yes|of\s+course|happy\s+to|I['’]m\s+happy\s+to)"
    r"(?P<tail>\b.*)$",
    re.I,
)


def _asked_of_me(text: str) -> str | None:
    """'She asked if I could review X - I said yes, by Friday' → 'I will review X, by Friday': a request
    of the notes' writer that she agreed to is her own item (without the yes it is only asked)."""
    m = _ASKED_IF_I.match(text.strip())
    if not m or m["what"].split()[0].lower() not in ACTION_VERBS:
        return None
    return f"I will {m['what']}{m['tail']}"


_BARE_TO = re.compile(r"^\s*(?:going\s+to|to)\s+(?P<verb>[a-z]+)\s", re.I)
# "Need to ask HR about the budget." opening a sentence of the notes: the subject is left out, as in a
# subjectless "Will ask HR …", and read the same way
_BARE_NEED = re.compile(r"^\s*(?:also\s+)?(?:need|have)\s+to\s+(?P<verb>[a-z]+)\s", re.I)


# "Marcus owns the reforecast - to circulate it to the ET by Friday": who owns the thing is to do what
# follows, on that thing
_OWNS_TO = re.compile(
    r"^(?P<who>[A-Z][\w'’-]+(?: and [A-Z][\w'’-]+)?)\s+(?:owns|will own|is owning|takes|will take)\s+"
    r"(?P<thing>(?:the|his|her|their)\s+[^,;:()–—-]{2,40}?)\s*(?:\s[-–—]|,|;|:)\s*to\s+(?P<rest>[a-z].*)$"
)


_PRONOUN_ASIDE = re.compile(r"\s*\((?P<body>(?:he|she|they)(?:['’]ll|\s+will)\s[^()]{3,80})\)[.\s]*$", re.I)


def _owns_to(text: str) -> str:
    m = _OWNS_TO.match(text)
    if not m or m["rest"].split()[0].lower() not in ACTION_VERBS:
        return text
    rest = re.sub(r"^(\w+)\s+it\b", lambda v: f"{v[1]} {m['thing']}", m["rest"], count=1)
    return f"{m['who']} to {rest}"


# Last time's promise quoted, then how it went: '"I'll call Tom" – she did.', '"I'll ask Carla …" – she
# didn't; she'll do it this week.'
_QUOTED_PROMISE = re.compile(
    r"^\s*[\"“](?P<words>I(?:['’]ll|\s+will|\s+am\s+going\s+to|['’]m\s+going\s+to)\s[^\"“”]+?)[,.]?[\"”]"
    r"\s*[-–—:]\s*(?P<status>.*)$",
    re.I,
)
_REVIEW_DONE = re.compile(
    r"(?:(?:she|he|they)\s+did(?:\s+it|\s+that)?\b(?![n'’])|done\b|did\s+it\b|(?:all\s+)?(?:sent|booked|"
    r"completed|finished|happened|ticked)\b|[✓✔✅])",
    re.I,
)
_REVIEW_NOT_DONE = re.compile(
    r"(?:(?P<who>she|he|they)\s+(?:didn['’]t|did\s+not|hasn['’]t|has\s+not|haven['’]t|have\s+not)|not\s+(?:yet|done))\b",
    re.I,
)
_DO_IT_AGAIN = re.compile(
    r"\b(?P<who>she|he|they)(?:['’]ll|\s+will|\s+is\s+going\s+to|['’]s\s+going\s+to)\s+(?:still\s+)?do\s+"
    r"(?:it|that)\b(?P<tail>[^.;]*)",
    re.I,
)


def _reviewed_promise(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> list[Candidate] | None:
    """A line quoting last time's promise and saying how it went: nothing when it was kept; when it was
    not, the promise again, hers (her 'I'), dated by 'she'll do it this week'. None for any other line."""
    m = _QUOTED_PROMISE.match(s.line) if s.speaker is None and not s.tag_owner else None
    if not m:
        return None
    status = m["status"]
    if not s.first_in_line:
        # "… – she didn't; she'll do it this week": read with the quote, on the line's first sentence
        return [] if _REVIEW_NOT_DONE.match(status) and _DO_IT_AGAIN.match(s.text.strip()) else None
    if _REVIEW_DONE.match(status):
        return []  # kept: nothing to do
    not_done = _REVIEW_NOT_DONE.match(status)
    if not not_done:
        return None
    again = _DO_IT_AGAIN.search(status)
    who = (again and again["who"]) or not_done["who"] or "she"
    role = people.owner_of_word(who)
    if role not in ("client", "coach", "associate"):
        return None
    text = m["words"].rstrip(" ,.") + (again["tail"].rstrip() if again else "")
    out = candidates_from_sentence(
        replace(s, text=text, speaker=role, line=text), people, session_date, next_session
    )
    for c in out:
        c.sentence = s  # the receipt quotes the line as written
        c.notes.insert(0, "last time's promise, not yet kept")
    return out


def candidates_from_sentence(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    reviewed = _reviewed_promise(s, people, session_date, next_session)
    if reviewed is not None:
        return reviewed
    aside = _PRONOUN_ASIDE.search(s.text) if s.tag_owner else None
    if aside and aside.start() > 0:
        # "Me: intro him to a CFO if he wants one (he'll let me know)": the tag owns the line, the
        # bracketed aside is someone else's words with their own subject
        main = replace(s, text=s.text[: aside.start()].rstrip())
        side = replace(s, text=aside["body"], tag_owner=None)
        return candidates_from_sentence(main, people, session_date, next_session) + candidates_from_sentence(
            side, people, session_date, next_session
        )
    owns = _owns_to(s.text)
    if owns != s.text:
        out = candidates_from_sentence(replace(s, text=owns), people, session_date, next_session)
        for c in out:
            c.sentence = s  # the receipt quotes the notes as written
            c.notes.insert(0, "owner: who owns the thing the line goes on to say what to do with")
        return out
    typed = _apostrophes(s.text)
    if typed != s.text:
        # "hell ask her for a chat", "ill send him the summary": typed on a phone, the apostrophe lost
        out = candidates_from_sentence(replace(s, text=typed), people, session_date, next_session)
        for c in out:
            c.notes.insert(0, "read with the apostrophes a phone dropped ('ill' as I'll)")
        return out
    spoken = _without_fillers(s.text)
    if spoken != s.text:
        # "He's going to, uh, sit down with …": speech's fillers and restarts are no part of what was said
        out = candidates_from_sentence(
            replace(s, text=spoken, line=_without_fillers(s.line)), people, session_date, next_session
        )
        for c in out:
            c.notes.insert(0, "read without the filler words of speech")
        return out
    owed = _accountable(s.text)
    if owed:
        # "She's accountable for getting the plan signed off", "I'll hold her accountable for keeping her
        # 1:1s": what she is held to is her own action (holding her to it is the coaching, no item)
        out = candidates_from_sentence(replace(s, text=owed), people, session_date, next_session)
        for c in out:
            c.notes.insert(0, "what she is accountable for, read as her action")
        return out
    agreed = _asked_of_me(s.text) if s.speaker is None and not s.tag_owner else None
    if agreed:
        out = candidates_from_sentence(replace(s, text=agreed), people, session_date, next_session)
        for c in out:
            c.sentence = s  # the receipt quotes the line as written
            c.notes.insert(0, "asked of me, and I said yes")
        return out
    bare_to = _BARE_TO.match(s.text) if s.bullet and s.speaker is None and not s.tag_owner else None
    if not bare_to and s.speaker is None and not s.tag_owner:
        bare_to = _BARE_NEED.match(s.text)
    if bare_to and bare_to["verb"].lower() in ACTION_VERBS:
        # "- to book a check-in with her" under a person's name: the list's "X to …" with X left out, as a
        # subjectless "- will book …" is read; the owner is found as for that line
        out = candidates_from_sentence(
            replace(s, text="will " + s.text[bare_to.start("verb") :]), people, session_date, next_session
        )
        for c in out:  # the receipt quotes the line as written
            c.sentence = s
            if c.clause.startswith("will "):
                c.clause = s.text[: bare_to.start("verb")].lstrip() + c.clause[5:]
        return out
    said = _attributed_quote(s, people) if s.speaker is None else None
    if said:
        # '"I'll talk to Tom tomorrow," she said': the quoted words are read as her own line of a
        # transcript, so their "I" is hers and their "you" the coach
        out = candidates_from_sentence(
            replace(s, text=said[0], speaker=said[1]), people, session_date, next_session
        )
        for c in out:
            c.sentence = s  # the receipt quotes the line as written
            c.notes.insert(0, f"the {said[1]}'s words, quoted")
        aside = re.search(r"[\"”]\s*[-–—]\s(?P<aside>[^\"“”]*)$", s.text)
        for c in out if aside and _HEDGE.search(aside["aside"]) else []:
            c.tentative = True  # '… – not sure it's worth it': the writer's doubt after the quote
        return out
    text = s.text.strip()
    if _NO_ACTIONS.search(text) and not _unpunctuated(text):
        # "No new actions; she'll bring it up if it's still on her mind". Unpunctuated dictation is one
        # "sentence" for the whole memo, so its "… the investors no actions there really …" is said of
        # that one topic, not of the commitments dictated around it.
        return []
    enum = _ENUMERATION.search(text)
    if enum:  # "She agreed to: (1) update the plan, (2) talk to HR" is two commitments
        head = text[: enum.start()].rstrip(" :")
        parts = [
            p.strip(" ,;.") for p in re.split(r"\(?\b\d\)|\(\d\)", text[enum.start() :]) if p.strip(" ,;.:")
        ]
        parts = [re.sub(r"^(?:and|then)\s+", "", part) for part in parts]
        subs = [replace(s, text=f"{head} {part}.") for part in parts]
        return _each(subs, people, session_date, next_session)
    homework = _ASKED_TO.match(text) if s.speaker is None and s.author == "coach" else None
    if homework and homework["verb"].lower() in ACTION_VERBS:
        # "I've asked her to keep a log of …": the writer set it as the client's homework
        subject = {"her": "she", "him": "he", "them": "they"}[homework["who"].lower()]
        return candidates_from_sentence(
            replace(s, text=f"{subject} will {homework['verb']}{homework['rest']}"),
            people,
            session_date,
            next_session,
        )
    answered = _answered_question(s, text)
    if answered:
        return candidates_from_sentence(answered, people, session_date, next_session)
    if (
        text.endswith("?")
        and people.addressee
        and s.speaker is None
        and _ASK_CUE.match(text)
        and any(p.due for p in find_due_phrases(text, session_date, next_session))
    ):
        # "Could you read my notes before the 18th?" in notes written to someone: a polite request with
        # its deadline, as "could you read …" without the "?" is ("Can you pick up the 360 debrief?" with
        # no date may be only the question the next sentence answers)
        polite = f"{text.rstrip(' ?')}."
        return candidates_from_sentence(
            replace(s, text=polite, line=s.line.replace(text, polite)), people, session_date, next_session
        )
    if not text or text.endswith("?") and _QUESTION.match(text):
        return []  # a question asks; "considering an EA — budget?" is a hedge
    pre = _PRECONDITION.search(text)
    if pre:
        # "Priya may bring their head of product in - she'll check with Marco first": the check decides
        # whether it happens, so the action waits on it (tentative) and is not a second item
        main = [
            c
            for c in candidates_from_sentence(
                replace(s, text=text[: pre.start()].rstrip(" ,;"), line=s.line.replace(pre.group(0), "")),
                people,
                session_date,
                next_session,
            )
            if c.owner == _PRE_OWNER.get(pre["who"].lower(), _speaker_self(s))
        ]
        if main:
            for c in main:
                c.tentative = True
                c.notes.append(f"waits on: '{pre['q'].strip()}'")
            return main
    fallback = _IF_STILL_THEN.match(text)
    if fallback and fallback["verb"].lower() in ACTION_VERBS:
        # "she'll settle it with the lead by Friday; if it's still stuck, escalate to the CTO": the step and,
        # after it, what she does only if the step does not work (tentative, and not by the step's date)
        main = candidates_from_sentence(
            replace(s, text=fallback["main"].rstrip(" ,") + "."), people, session_date, next_session
        )
        if main:
            then = fallback["then"].rstrip(" .")
            extra = replace(
                main[-1],
                description=_clean_description(then, [], 0) or then,
                tentative=True,
                due=None,
                clause=then,
                start=fallback.start("then"),
                notes=[*main[-1].notes, f"only if: '{fallback['cond']}'"],
                contingent=True,
            )
            return [*main, extra]
    both_things = _BOTH_THINGS.match(text)
    if both_things:
        head, when = both_things["head"], both_things["when"]
        parts = [f"{head}{both_things[k]} {when}." for k in ("a", "b")]
        return _each([replace(s, text=part) for part in parts], people, session_date, next_session)
    listed = _comma_list(text)
    if listed:  # "She'll cancel X, move Y, and ask Z by Tuesday": three commitments, the date the last's
        return _each([replace(s, text=part) for part in listed], people, session_date, next_session)
    both_to = _AND_TO.match(text) or _COMMA_AND.match(text)
    if both_to and all((both_to[k].split() or [""])[0].lower() in ACTION_VERBS for k in ("a", "b")):
        # "She agreed to take Friday off and to talk to her manager …": two commitments, each its own date
        parts = (f"{both_to['head']}{both_to['a']}.", f"{both_to['head']}{both_to['b']}")
        return _each([replace(s, text=part) for part in parts], people, session_date, next_session)
    two = _two_verbs(text)
    if two:  # "I'll send you my notes tomorrow and copy you in on the email to her sponsor": two actions
        return _each([replace(s, text=part) for part in two], people, session_date, next_session)
    then_own = _IMPERATIVE_THEN_OWN.match(text) if _imperative_context(s) and s.first_in_line else None
    instruction: list[Candidate] = []
    if then_own and then_own["verb"].lower() in ACTION_VERBS and not s.tag_owner:
        # "- Rehearse the pitch with me - I'll hold a slot": the instruction before the dash is an item of
        # its own, not lost to the clause with a subject after it (read below, as the whole line)
        imp = then_own["imp"]
        instruction = candidates_from_sentence(
            replace(s, text=imp, line=imp), people, session_date, next_session
        )
    steps = _imperative_steps(s)
    if steps:  # "To do (Mia): cut two meetings; delegate the vendor review": two actions, each its own date
        subs = [replace(s, text=step, line=step) for step in steps]
        return _each(subs, people, session_date, next_session)
    aimed = _AIM_FOR.search(text)
    if aimed and _only_a_date(text[aimed.end() :], session_date, next_session):
        # "I said I'd draft the comms plan, I'll aim for end of next week": the aim dates the commitment
        text = f"{text[: aimed.start()]} by {text[aimed.end() :]}"
        s = replace(s, text=text, line=s.line.replace(s.text, text))
    corrected = _corrected(s, session_date, next_session)
    if corrected is not None:
        return candidates_from_sentence(corrected, people, session_date, next_session)
    clauses = _clauses(s, people)
    both = _two_dated_actions(s, clauses, session_date, next_session)
    if both:
        return _each(both, people, session_date, next_session)
    line_phrases = None
    phrases: list[DuePhrase] | None = None
    lead = len(text) - len(text.lstrip())
    found: list[Candidate] = []
    last_owner: tuple[str | None, str] = (None, "")  # the subject of the sentence's cue before this one
    for n, (start, end, m, tentative) in enumerate(clauses):
        cue_text = m.group(0)
        named_to = "who" in m.re.groupindex
        both_to = False
        if named_to:
            group = _GROUP.search(_before(text, m.end("who")))
            # "Both of us to read ch. 3–5", "both to read it" in a one-to-one: the client and the writer each,
            # as "we'll both read it" is
            both_to = bool(group and re.search(r"\bboth\b", group.group(0), re.I) and not people.joint)
            role = "we" if both_to else "client" if group else people.owner_of_word(m["who"])
            owner: str | None = _speaker_self(s) if role in ("self", None) else role
            why = "owner: each of the client's team" if group else f"owner from '{m['who']}'"
            subject_start = m.start()
        else:
            words = _subject_words(text, m.start())
            if words and re.match(_OTHER_GOING_TO, cue_text, re.I):
                # "Ele vai escrever …", "Elle va appeler …": he or she in the notes' other language
                words = [*words[:-1], _OTHER_PRONOUNS.get(words[-1].lower(), words[-1])]
            reported = re.search(
                r"\b(i|he|she|they|you|we)\s*(?:would|['’]d|could|might|should)?\s*$", cue_text, re.I
            )
            named = re.search(r"\b(?-i:[A-Z][\w'’-]+)\s*(?:could|might|should)?\s*$", cue_text, re.I)
            if reported:  # "agreed he'd draft …", "I suggested she try …": the doer is the one reported
                words = [reported.group(1)]
            elif m.re is _SUGGEST_CUE and named:  # "I suggested Kofi run …": Kofi is the doer
                words = [named.group(0).split()[0]]
            elif re.match(r"let\s+me\b", cue_text, re.I):
                words = ["I"]  # "Let me dig out that piece for him": the one speaking or writing
            if re.search(r"\b(?:if|unless|in case)\s+(?:\S+\s+){0,1}$", _before(text, m.start()), re.I):
                continue  # "if he needs to rehearse": a condition, not a commitment
            if _DOUBTED.search(_before(text, m.start())):
                # "…, but you're not sure you'll have the bandwidth": a doubt, not a commitment (its cue
                # still ends the clause before it)
                continue
            owner, why = _owner_from_subject(words, s, people)
            idea = _OTHERS_IDEA.search(text[: m.end()])
            if idea and people.owner_of_word(idea["who"]) in ("third", None):
                continue  # someone else's suggestion: hers only once she says she'll do it
            said = _SAID_BY.search(text[: m.end()])
            if owner == "client" and said and people.owner_of_word(said["who"]) == "third":
                continue  # "Margaret has already said she'll set up a three-way": Margaret's promise
            if (
                words
                and _GOAL_NOUN.fullmatch(words[-1].strip(".,;:").lower())
                # "Hope will meet …" when the client is Hope: a name, not a goal noun
                and not (words[-1][:1].isupper() and owner in ("client", "coach", "associate"))
            ):
                continue  # "her goal is to be ready for the panel": an aim, not a commitment
            if (
                owner is not None
                and _RELATIVE_SUBJECT.search(_before(text, m.start()))
                and not _OPENING_PHRASE.search(_before(text, m.start()))
            ):
                continue  # "the feedback you owe your leads": a clause describing a thing, not a commitment
            if owner is None and cue_text.lower().startswith(("owe", "owes")):
                owner, why = _speaker_self(s), "owner: the notes' author"
            after_dash = re.search(r"\S\s[-–—]\s*$", _before(text, m.start()))
            if (
                owner is None
                and (m.start() <= lead or (after_dash and not last_owner[0]))
                and s.speaker is None
                # "Me: check X - will let him know by Friday": a tagged line's owner goes on after the dash
                and not (after_dash and s.tag_owner)
                # "Me:" / "Hannah (associate):" over "- to book the room", "- will send it": the heading's
                and s.section not in ("coach", "associate")
                # "Va a preparar …", "Vai marcar …": the other languages' going-to, as "Will call Jo"
                and re.match(
                    r"(?:is|will|'s|has|needs|plans|wants|might|may|va|vai|voy|vou|gaat|wird|ska|skal)\b",
                    cue_text,
                    re.I,
                )
            ):
                owner, why = "client", "owner: a line without a subject, read as the client"
                if after_dash and _MINE_NAMED.match(text):
                    # "my intro to Priya: not done on my side - will do it tomorrow": the writer's own thing
                    owner, why = _speaker_self(s), "owner: the writer's own item, named first ('my …')"
            if owner is None and _SAME_SUBJECT.search(_before(text, m.start())) and last_owner[0]:
                # "Dana decided to hire an EA, and will post the ad by the 15th": the subject carries on
                owner, why = last_owner[0], f"{last_owner[1]} (the subject of the clause before)"
            if owner is None and _SAME_SUBJECT.search(_before(text, m.start())) and not last_owner[0]:
                # "she's said yes to that and will set up a first meeting": her yes, then what she'll do
                clause_start = re.split(r"\s[-–—]\s|[;:]\s|[.!?]\s", _before(text, m.start()))[-1]
                yes = _AGREED_SUBJECT.match(clause_start)
                if yes and people.owner_of_word(yes["who"]) in ("client", "coach", "associate"):
                    owner = people.owner_of_word(yes["who"])
                    why = "owner: the subject who agreed in the clause before"
            subject_start = m.start() - len(" ".join(words))
        last_owner = (owner, why)
        if owner is None:
            owner = s.tag_owner or (s.section if s.section in ("client", "coach", "associate") else None)
            if owner is None and s.section == "homework":
                owner = "client"
            if owner is None:
                continue
            why = why or "owner from the line's tag"
        # "We'll both read the chapter", "both of us will …": in a one-to-one, the client's and the writer's
        both = (
            owner == "we"
            and not people.joint
            and bool(
                (named_to and both_to)
                or re.match(r"\s*both\b", text[m.end() :], re.I)
                or re.search(r"\b(?:we\s+both|both\s+of\s+us)\s*$", _before(text, m.start()), re.I)
                # "We'll do a dry run together": the two of them, not "put together a plan" (a verb)
                or _TOGETHER.search(re.split(r"[;:]|,\s+(?:and\s+)?(?:i|she|he|they)\b", text[m.end() :])[0])
            )
        )
        if both:
            owner, why = "client", "owner: 'we both', the client and the writer each"
        if owner in ("third", "we", "other"):
            continue
        clause_at = m.end()  # where the clause starts in the text: its date phrases are found by offset
        if both and (lead_both := re.match(r"\s*both(?=\s)", text[m.end() : end], re.I)):
            clause_at += lead_both.end()  # "both" is who, not part of the action
        clause = text[clause_at:end]
        if m.re is _SUGGEST_CUE:
            clause = clause.split(";")[0]  # "…; she liked that": her answer, not part of the action
            clause = _SUGGESTION_ANSWER.split(clause)[0]  # "… and she agreed", ", he liked the idea": too
        clause = re.split(
            r"\s+(?:and|but|so)\s+(?:we|they)\b|[,;]\s*(?:and\s+)?(?:we|they)\b|,\s+(?:who|which)\b|\s+so\s+(?:that\s+)?(?:he|she|they|i|you)\s+can\b"
            r"|\s[-–—]\s+(?:he|she|they|it)(?:['’]s|\s+(?:has|had|have))?\s+"
            r"(?:looked|looks|was|is|been|seemed|seems|felt|feels|sounded)\b"
            # "… she said she'd finish it but I doubt it": the writer's own doubt is no part of the action
            r"|\s+but\s+(?:[iI]|[wW]e)\s+(?:doubt|suspect|wonder|don['’]t think|am not sure|['’]m not sure)\b"
            r"|\s+(?:and\s+|so\s+)?(?:that['’]?s|that is)\s+(?:it|all)\b",  # "… so that's it"
            clause,
        )[0]
        run_on = _RUN_ON.search(clause) if _unpunctuated(text) else None
        clause_close = end  # where the clause ran to before a run-on's next thought was cut off
        if run_on:  # unpunctuated dictation: "… pick up he also wants to …" starts the next thought
            clause = clause[: run_on.start()]
            end = clause_at + len(clause)
        prefix = text[max(0, subject_start - 40) : m.end()]
        # "didn't get to it - she'll run it": a negation in another clause does not count
        # "he didn't want to commit to much, but he agreed to book a day": nor one before ", but"
        prefix = re.split(r"\s[-–—]\s|;|\.\s|,\s*but\s", prefix)[-1]
        if _NEGATION.search(prefix[-60:]):
            continue
        if _BELIEF.search(prefix[-60:]):
            continue  # "she feels she has to be 'on' all the time": how she sees it, not a commitment
        if _NOT_ACTIONS.match(clause.strip()):
            continue
        if not re.match(
            r"\s*(?:also\s+|then\s+|first\s+|definitely\s+|just\s+)?(?!not\b)[a-z0-9]", clause, re.I
        ):
            continue
        if phrases is None:
            phrases = find_due_phrases(text, session_date, next_session)
        mine = [p for p in phrases if start <= p.start < end]
        waits = _WAITS_ON.search(text, m.end(), end)
        waited: list[DuePhrase] = []
        if waits:
            # "I'll review her slides once she sends them on Monday": Monday dates the sending, and the
            # review waits on it, so it has no date of its own
            # "… what he saw when he promoted her — at their 1:1 on Monday": a dash ends the clause waited
            # on, and the date after it is the action's again
            dash = re.compile(r"\s[-–—]\s").search(text, waits.end(), end)
            upto = dash.start() if dash else end
            waited = [p for p in mine if waits.start() <= p.start < upto]
            mine = [p for p in mine if p.start < waits.start() or p.start >= upto]
        if not mine and run_on:
            # "… the three messages he wants people to leave with by friday i said …": with no full stops,
            # a date that closes the clause, just before the next commitment's subject, is this one's
            mine = [
                p
                for p in phrases
                if end <= p.start
                and not text[p.end : clause_close].strip()
                # "… next session is the 25th": when something else is, not this clause's deadline
                and not re.search(r"\b(?:is|are|was)\s+$", text[: p.start])
            ]
        if not mine and start == clauses[0][0] and len(clauses) > 1:
            # "The day after the board meeting she'll debrief the team, and …": a date that opens the
            # sentence, before its first subject, is the first commitment's
            mine = [p for p in phrases if p.end <= m.start() and not text[: p.start].strip(" ,-–—")]
        if not mine and n > 0 and re.search(r",?\s+and\s+(?:also\s+|then\s+)?$", text[: m.start()]):
            # "By our next session she will have had a coffee with him, and will bring notes": a deadline
            # opening the sentence covers each commitment its subject goes on to make with "and will"
            opening = [p for p in phrases if p.strength == 3 and not text[: p.start].strip(" ,-–—")]
            if (
                opening
                and opening[0].end <= clauses[0][2].start()
                and re.match(r"(?:will|'ll|’ll)\b", m.group().strip())
            ):
                mine = opening[:1]
        back = re.match(r"\s*[\w'’-]+\s+(?:that|it|this|them|those)\b", text[m.end() : end], re.I)
        if not mine and (len(clauses) == 1 or (back and not found)):
            # not across a ';': "The report lands Monday; could you book …" dates the report, not the booking
            # nor across a dash: "Rehearse it with me the week before the board - I'll hold a slot" dates
            # the rehearsal, and the slot's own clause gives no date
            # unless the clause after the dash goes on with the thing before it, which gave no item
            # ("X are to be agreed by the first Monday in January - he'll run that workshop himself")
            mine = [
                p
                for p in phrases
                if p.start < start
                and not re.search(r";" if back else r";|\s[-–—]\s", text[p.start + 1 : start])
                # "… she said she'd sit down with Omar on Monday …, and I said I'd email it": a date after
                # another commitment's cue is that one's, even when it gave no item of its own
                # (not a heading's cue before a colon: "What he is going to do: at Friday's meeting he'll …")
                and (back or not _cue_before(re.split(r":\s", text[: p.start])[-1], p.start))
            ]
            if not mine and s.bullet:
                line_phrases = line_phrases or find_due_phrases(s.line, session_date, next_session)
                mine = [p for p in line_phrases if p.text not in text]
        if (
            not mine
            and n + 1 < len(clauses)
            and re.search(r"\s[-–—]\s*$", text[:end])
            and _RESTATED.fullmatch(text, end, clauses[n + 1][2].end())
        ):
            # "I need to ask Sarah whether … - will check with her this week": the same subject's
            # restatement after the dash dates the action it restates
            after = clauses[n + 2][0] if n + 2 < len(clauses) else len(text)
            phrases = phrases or find_due_phrases(text, session_date, next_session)
            mine = [p for p in phrases if end <= p.start < after]
        fronted = _WAITS_FIRST.match(text) if start == clauses[0][0] else None
        if fronted and fronted.end() <= m.start():
            # the date in the clause the action waits on is that event's, not the action's
            mine = [p for p in mine if p.start >= fronted.end()]
        due = pick_due(mine)
        if re.match(r"decide", cue_text, re.I) and (due is None or due.due is None):
            continue  # "She decided to drop the status meeting": an outcome; with a date it is a step
        clause_end = clause_at + len(clause)
        desc = _clean_description(
            clause, [p for p in mine + waited if clause_at <= p.start and p.end <= clause_end], clause_at
        )
        reported = _REPORTS_BACK.fullmatch(desc or "")
        before_dash = re.match(r"^(?P<what>.*\S)\s+[-–—]\s*$", text[:subject_start]) if reported else None
        if before_dash and not _cue_before(before_dash["what"], len(before_dash["what"])):
            # "Me: check if Dana can run the workshop - will let him know by Friday": the answer is the
            # check's, so the item is the check, due when he hears back
            what = before_dash["what"]
            desc = _clean_description(what, find_due_phrases(what, session_date, next_session), 0)
        if not desc or len(desc.split()) == 1 and not re.search(r"\w\s+(?:it|that|this|them)\b", clause):
            continue  # "the retrospective she has to run": a verb with no object is not an action
        # "maybe she'll …" hedges from just before the subject, not from the clause before a joiner ("…
        # so probably wednesday and he will write …"); "… so he can think about X" is the action's purpose
        look_back = _CLAUSE_JOIN.split(text[max(0, subject_start - 15) : subject_start])[-1]
        own = _PURPOSE.sub("", text[subject_start:end])
        hedged = tentative or bool(_HEDGE.search(_RELATIVE_MODAL.sub("", look_back + own)))
        hedged = hedged or bool(_CONDITION_FIRST.match(text, 0, max(0, subject_start)))
        contingency = _CONTINGENCY.match(_before(text, m.start(), 400)) if start == clauses[0][0] else None
        notes = [why]
        if contingency:
            # "If procurement blows up before then she'll text me": only if it happens, and when it does
            hedged = True
            if due is not None and due.end <= m.start():
                due = None
            if not content_words(_PRONOUN_OBJECT.sub("", desc), keep_verbs=False):
                desc = f"{desc} if {_undated_condition(contingency['cond'])}"  # "Text me": what for is the if
            notes.append(f"only if {contingency['cond'].strip()}")
        c = Candidate(s, owner, desc, hedged, due, text[subject_start:end].strip(), start, notes)
        c.contingent = bool(contingency)
        found.append(c)
        if both:
            partner = s.author if s.author in ("coach", "associate") else "coach"
            found.append(replace(c, owner=partner, notes=list(notes)))
    if (
        not found
        and (s.first_in_line or s.tag_owner or s.label in ("actions", "homework"))
        and s.label != "outcomes"  # "Decision: hire a team lead" is what was decided, not an instruction
        # "The deck will be reviewed by Friday": a thing to be done, said in the passive (below), not an order
        and not _TO_BE_DONE.match(s.text.strip())
        and (_imperative_context(s) or _dated_fragment(s, session_date, next_session))
    ):
        c = _imperative(s, people, session_date, next_session)
        if c:
            found.append(c)
    if not found and (s.label in ("actions", "homework") or s.section in ("actions", "homework")):
        found.extend(_present_tense(s, people, session_date, next_session))
    elif not found and (s.bullet or s.priority == "High"):
        # "1. Beatriz drafts three team objectives (Fri 11 Dec)": a dated step in a list, in the present;
        # "URGENT: she emails the chair ASAP": a step marked urgent is as pressing as a dated one
        urgent = s.priority == "High" or bool(_URGENT_MARK.search(s.text))
        found.extend(
            c for c in _present_tense(s, people, session_date, next_session) if c.due is not None or urgent
        )
    if not found:
        c = (
            _passive(s, people, session_date, next_session)
            or _done_by(s, people, session_date, next_session)
            or _to_be_done(s, people, session_date, next_session)
            or _to_consider(s, session_date, next_session)
        )
        found.extend([c] if c else _from_label(s, people, session_date, next_session))
    return instruction + [c for c in found if not instruction or c.start > 0]


_ASKED_TO = re.compile(
    r"^(?:I|I['’]ve|I\s+have)\s+(?:also\s+)?(?:asked|encouraged|challenged)\s+(?P<who>her|him|them)\s+to\s+"
    r"(?P<verb>[a-z]+)\b(?P<rest>.*)$"
)
# "Could she talk to HR before Friday? She thinks so.": a question about doing something, answered yes
# on its line, is the thing agreed (hedged when the yes is: "she thinks so", "if HR has time")
_YES_NO_ASK = re.compile(
    r"^(?:could|can|should|will|would)\s+(?P<who>she|he|they|i)\s+(?P<verb>[a-z]+)\b(?P<rest>[^?]*)\?$", re.I
)
_YES = re.compile(
    r"^\W*(?:yes\b|yeah\b|yep\b|agreed\b|definitely\b|(?:she|he|they)\s+(?:thinks?\s+so|says?\s+yes|agreed|"
    r"will)\b)",
    re.I,
)
_DATED_ANSWER = re.compile(
    r"(?:by|before|on|this|next|tomorrow|today|tonight|end of|eo[dwm]\b|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b)",
    re.I,
)
_HEDGED_YES = re.compile(r"\b(?:thinks?\s+so|if\b|maybe|probably|hopefully|should\s+be)", re.I)


def _answered_question(s: Sentence, text: str) -> Sentence | None:
    m = _YES_NO_ASK.match(text)
    if not m or m["verb"].lower() not in ACTION_VERBS or text not in s.line:
        return None
    answer = s.line[s.line.index(text) + len(text) :]
    answer = re.split(r"(?<=[.!?])\s", answer.strip(), maxsplit=1)[0]
    if not _YES.match(answer):
        return None
    hedge = "might" if _HEDGED_YES.search(answer) else "will"
    # "Yes - by Friday.", "Yes, on Monday": the yes gives the question its date
    when = _YES.sub("", answer, count=1).strip(" -–—,:;.!")
    when = f" {when}" if when and len(when.split()) <= 4 and _DATED_ANSWER.match(when) else ""
    return replace(s, text=f"{m['who']} {hedge} {m['verb']}{m['rest']}{when}.")


# "…, she'll check with Marco first", "- he'll think first about whether …": a deliberation before it
_PRECONDITION = re.compile(
    r"\s*(?:[-–—;]|,\s*but)\s+(?P<q>(?P<who>she|he|they|i)\s*(?:['’]ll|will|wants\s+to|needs\s+to|is\s+going\s+to)\s+"
    r"(?:check|think|decide|confirm|see|find\s+out|consider|sleep\s+on|mull)\b[^.;]*?\bfirst\b[^.;]*?)\.?$",
    re.I,
)
_PRE_OWNER = {"she": "client", "he": "client", "they": "client"}


_CONTRACTED = {
    "ill": "I'll", "hell": "he'll", "shell": "she'll", "well": "we'll", "theyll": "they'll",
    "youll": "you'll", "hes": "he's", "shes": "she's", "theyre": "they're", "im": "I'm", "id": "I'd",
    "hed": "he'd",
}  # fmt: skip
_NO_APOSTROPHE = re.compile(
    r"(?<![\w'’])(?P<w>ill|hell|shell|well|theyll|youll|hes|shes|theyre|im|id|hed)"
    r"(?=\s+(?:(?:also|then|just|definitely|defo|prob|probably)\s+)?(?P<next>[a-z][\w-]*))",
    re.I,
)


def _apostrophes(text: str) -> str:
    """A pronoun's contraction typed without its apostrophe, read back when an action verb follows it
    ('ill send', 'hell ask', "hes going to"); 'she was ill', 'well done', 'Well, …' stay as they are."""

    def fix(m: re.Match[str]) -> str:
        w, nxt = m["w"].lower(), m["next"].lower()
        if w in ("hes", "shes", "theyre", "im"):
            ok = nxt == "going" or nxt.endswith("ing") and _verb_stem(nxt[:-3]) is not None
        else:
            ok = (nxt in ACTION_VERBS or nxt == "see") and nxt not in ("done", "do")
        if not ok or (m["w"][0].isupper() and w == "well"):
            return m.group(0)
        return _CONTRACTED[w]

    return _SHORTHAND.sub(lambda m: _LONGHAND[m.group(0).lower().rstrip()], _NO_APOSTROPHE.sub(fix, text))


# Note-taking shorthand read as the words it stands for, so that 'f/u w/ CFO re budget' is an action
_LONGHAND = {"f/u": "follow up", "w/": "with ", "w/o": "without", "re": "about", "eg": "an example"}
_SHORTHAND = re.compile(r"(?i:\bf/u\b|(?<!\w)w/o\b|(?<!\w)w/(?![ce]\b)\s*)|(?<=\S )(?:re|eg)(?= [a-z])")


def _each(
    subs: list[Sentence], people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    """The candidates of each part a sentence was cut into, in order."""
    return [c for sub in subs for c in candidates_from_sentence(sub, people, session_date, next_session)]


_AND_TO = re.compile(
    r"^(?P<head>.*?\b(?:agreed|agrees|committed|commits|promised|promises|plans|planned|needs|wants|decided|"
    r"offered|volunteered|going|has|have)\s+to\s+)(?P<a>[a-z].+?),?\s+and\s+(?:also\s+)?to\s+(?P<b>[a-z].+)$",
    re.I,
)


# "He will rehearse the talk twice, and record one run-through": a comma before the second verb parts them
_COMMA_AND = re.compile(
    r"^(?P<head>.*?(?:\b(?:will|shall)|['’]ll|\bgoing\s+to|\b(?:agreed|committed|promised|decided)\s+to)\s+)"
    # ("…, then send me the draft by Thursday": the next step, as "…, and then" is)
    r"(?P<a>[a-z][^,]+?),\s+(?:and\s+(?:then\s+)?|then\s+)(?P<b>[a-z].+)$",
    re.I,
)


# "I'll send you the one-pager and the name of the coach, both by Friday": 'both' says they are two things,
# each sent by the date after it
_BOTH_THINGS = re.compile(
    r"^(?P<head>.*?(?:\b(?:will|shall)|['’]ll|\bgoing\s+to)\s+(?:\w+\s+){0,1}?[a-z]+\s+"
    r"(?:(?:you|her|him|them|me|us)\s+)?)"
    r"(?P<a>(?:the|a|an|my|our|his|her|their|some)\s[^,;]+?)\s+and\s+(?P<b>(?:the|a|an|my|our|his|her|their|some)"
    r"\s[^;]+?),?\s+both\s+(?P<when>(?:by|before|on|this|next|tomorrow|today|tonight|in|within)\b[^,;]*?)"
    r"(?P<end>[.!]?)$",
    re.I,
)


_LIST_HEAD = re.compile(
    r"^(?P<head>.*?(?:\b(?:will|shall)|['’]ll|\bgoing\s+to|\b(?:agreed|committed|promised|decided)\s+to)\s+)"
    r"(?=[a-z])",
    re.I,
)


def _comma_list(text: str) -> list[str] | None:
    """'I'll send X, book Y, and check in with her next week': three or more actions after one head, each
    starting with an action verb (a list of objects, 'ask finance, HR and legal', has no verb in it)."""
    m = _LIST_HEAD.match(text)
    if not m:
        return None
    parts = re.split(r",\s+(?:and\s+)?(?:then\s+)?", text[m.end() :].rstrip(" ."))
    if len(parts) >= 2 and not re.search(r",\s+and\s+\S+[^,]*$", text):
        # "X, Y and Z": the last comma's piece holds the last two
        last = re.split(r"\s+and\s+(?:then\s+)?(?=[a-z]+\s)", parts[-1], maxsplit=1)
        parts[-1:] = last if len(last) == 2 and last[1].split()[0].lower() in ACTION_VERBS else [parts[-1]]
    # each with an object of its own: "review, edit and send the deck" is one action on one thing
    if len(parts) < 3 or not all(len(p.split()) >= 2 and p.split()[0].lower() in ACTION_VERBS for p in parts):
        return None
    return [f"{m['head']}{p}." for p in parts]


# "I'll send you X and copy you in on Y": one commitment's head, then two verbs each with its own object
_ONE_HEAD = re.compile(r"^(?P<head>.*?(?:\b(?:will|shall)|['’]ll|\bgoing\s+to)\s+)(?P<rest>[a-z].*)$", re.I)
_AND_NEXT_VERB = re.compile(r"\s+and\s+(?:then\s+|also\s+)?(?=(?P<verb>[a-z]+)\s)", re.I)
# verbs that lead into the next one ("go and see", "sit down and talk") rather than an action of their own
_LEAD_IN_VERBS = {"go", "come", "try", "sit", "stop", "wait", "take", "get", "be"}
_ONLY_PRONOUN_OBJECT = re.compile(r"^\w+\s+" + NOT_IT_DEPT + r"(?:it|them|that|this|those|both|one)\b", re.I)


# "run the survey and share the results with Grace", "read it and send comments": a step on what the first
# makes, so one action
_FOLLOW_ON = re.compile(
    r"^\w+\s+(?:(?:him|her|them|me|you|us)\s+)?(?:back\b|(?:the|his|her|their|my|your|any|some)?\s*"
    r"(?:results?|findings?|outcomes?|comments?|feedback|thoughts|summary|answers?|output|reactions?|"
    r"what\s+(?:he|she|they|i|you)\s+(?:finds?|found|learns?|learned|hears?|heard))\b)",
    re.I,
)


# "… and ask him", "… and tell her": the second verb turns to the person the first one named
_TO_THE_SAME_PERSON = re.compile(r"^\w+\s+(?:him|her|them)\b", re.I)
_READ_FIRST = re.compile(
    r"^(?:finish\s+|start\s+)?(?:read|reading|review|reviewing|go(?:ing)?\s+through|look(?:ing)?\s+through|"
    r"skim|skimming)\b",
    re.I,
)


def _two_verbs(text: str) -> tuple[str, str] | None:
    """The sentence read as two commitments of one subject when, after a single cue, 'and' joins two action
    verbs that each have an object of their own; 'draft it and share it', 'write the plan and bring it' (the
    second on the first's thing) and 'go and see him' stay one action."""
    m = _ONE_HEAD.match(text)
    if not m or _FIRM_CUE.search(m["rest"]) or _TENTATIVE_CUE.search(m["rest"]) or "," in m["rest"]:
        return None
    rest = m["rest"]
    first_verb = rest.split()[0].lower()
    if first_verb not in ACTION_VERBS or first_verb in _LEAD_IN_VERBS:
        return None
    for a in _AND_NEXT_VERB.finditer(rest):
        verb = a["verb"].lower()
        if verb not in ACTION_VERBS or verb in _LEAD_IN_VERBS:
            continue
        one, two = rest[: a.start()], rest[a.end() :]
        if _ONLY_PRONOUN_OBJECT.match(two) or _ONLY_PRONOUN_OBJECT.match(one) or _FOLLOW_ON.match(two):
            continue
        if _READ_FIRST.match(one):
            continue  # "finish reading the comments and pick out three themes": what the reading is for
        if _TO_THE_SAME_PERSON.match(two) and any(w[:1].isupper() for w in one.split()[1:]):
            continue  # "meet Raj and ask him for the figures": what to ask at the meeting, one action
        if len(content_words(one, keep_verbs=False)) < 1 or len(content_words(two, keep_verbs=False)) < 2:
            continue
        return f"{m['head']}{one}.", f"{m['head']}{two}"
    return None


# "…, and bring them to our next session": what the step before makes, brought along, so one action
_BRING_IT_TO_SESSION = re.compile(
    r"^bring\s+(?:it|them|those|that|this|both)\s+(?:along\s+)?(?:to|for|into)\s+(?:our|the|your|my)\s+"
    r"next\s+(?:session|call|meeting|time)\b",
    re.I,
)


def _imperative_steps(s: Sentence) -> list[str]:
    """An action line of instructions separated by semicolons, each starting with a verb: its steps."""
    # (" + " between two verbs, as shorthand writes "and": "send the worksheet today + book a prep call")
    if not re.search(r";|,\s+and\s+|\s\+\s", s.text) or not _imperative_context(s):
        return []
    steps = [p.strip(" .") for p in re.split(r";\s*(?:and\s+)?|,\s+and\s+|\s\+\s+", s.text) if p.strip(" .")]
    if " + " in s.text and any(len(p.split()) < 2 for p in steps):
        return []  # "find the worksheet + send": the second is the first's thing sent on, one action
    if any(_BRING_IT_TO_SESSION.match(p) for p in steps[1:]):
        return []  # "write three things, and bring them to our next session": one action, due then
    firsts = [(p.split() or [""])[0].lower() for p in steps]
    return steps if len(steps) >= 2 and all(f in ACTION_VERBS for f in firsts) else []


_CONSIDER = re.compile(
    r"^(?:(?:something|things?|one thing|a point|points?)\s+)?to\s+(?:consider|think about|reflect on|ponder)"
    r"|^food for thought$",
    re.I,
)


def _to_consider(s: Sentence, session_date: date, next_session: date | None) -> Candidate | None:
    """'Something to consider: whether you want to bring your HRBP in' is the client's, and tentative: an
    idea left with them, not a commitment. A question left with them ('… what would your team say?') is
    for reflection, not an action."""
    if not (s.first_in_line and _CONSIDER.match(s.label or "")):
        return None  # the label's own sentence ("… No pressure." after it is not an idea)
    body = re.sub(r"^[^:]*:\s*", "", s.text).strip()
    if not body or body.endswith("?"):
        return None
    body = re.sub(
        r"^whether\s+(?:you|she|he|they|i)\s+(?:want|wants|need|needs|would like)\s+to\s+",
        "whether to ",
        body,
        flags=re.I,
    )
    phrases = find_due_phrases(body, session_date, next_session)
    desc = _clean_description(f"consider {body}", [], 0)
    return Candidate(s, "client", desc, True, pick_due(phrases), s.text, 0, ["an idea left with the client"])


_FROM_LABEL = re.compile(r"^from\s+(?P<who>.+)$", re.I)
_NOUN_START = re.compile(r"^(?:a|an|the|some|two|three|a couple of|my|our|his|her|their)\s+\w", re.I)


def _from_label(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    """'From me: a short article on delegation': a line that says only what someone will provide is their
    item to send it to the other side (the coach's to the client, the client's to the coach); 'From me: the
    chapter + two dates for a call' is two things sent."""
    m = _FROM_LABEL.match(s.label or "")
    body = re.sub(r"^[^:]*:\s*", "", s.text).strip().rstrip(".")
    rest_of_line = s.line.strip()[len(s.text.strip()) :] if s.line.strip().startswith(s.text.strip()) else "?"
    if not (m and s.first_in_line and not _FIRM_CUE.search(rest_of_line) and _NOUN_START.match(body)):
        # a line that goes on ('… I'll get both to you by Thursday') says so itself ('He needs nothing
        # else from me' after it does not)
        return []
    body = re.sub(r"\s*[-–—,]\s*(?:sending|will send|to follow|coming)\b", "", body, flags=re.I)
    who = m["who"].strip().lower()
    owner = s.author if who in ("me", "i", "us") else people.owner_of_label(who)
    if not owner:
        return []
    to = "the coach" if owner == "client" else (people.client.split() or ["the client"])[0]
    parts = re.split(r"\s+\+\s+", body)
    parts = parts if all(_NOUN_START.match(p) for p in parts) else [body]
    out = []
    for part in parts:
        phrases = find_due_phrases(part, session_date, next_session)
        lead = f"send {to} "
        # the date stays out of the words only where the line ended on it ("… - sending tomorrow")
        trailing = [p for p in phrases if not part[p.end :].strip(" .")]
        desc = _clean_description(f"{lead}{part}", trailing, -len(lead))
        why = ["what the line says they provide"]
        out.append(Candidate(s, owner, desc, False, pick_due(phrases), s.text, 0, why))
    return out


_DONE_BY = re.compile(
    r"(?:^|[,;:]\s*|\band\s+)"
    r"(?P<what>(?:(?:the|a|an|his|her|their|my|your)\s+)?[\w/'’&-]+(?:\s+[\w/'’&-]+){0,4}?)"
    r"\s+(?P<aux>(?:to|will|should|must|needs? to)\s+be\s+)?"
    r"(?P<verb>[a-z]+ed|sent|written|done|given|taken|run|held|made|read|built|told|set up|drawn up|brought)"
    r"\s+by\s+(?P<who>@?[A-Za-z][\w.'’]*)",
    re.I,
)
_DEADLINE = re.compile(r"(?:\b(?:by|before|until|due|no later than)\s+(?:the\s+)?)$", re.I)
_STATE_VERB = re.compile(r"\b(?:was|were|been|is|are|being|got|gets|felt|seemed|looked)\s*$", re.I)


def _done_by(s: Sentence, people: People, session_date: date, next_session: date | None) -> Candidate | None:
    """'JD drafted by Tom by the 15th', 'deck to be reviewed by me before Friday': a thing to be done by a
    person of the session, with a date to be done by (without one it reads as something that happened)."""
    for m in _DONE_BY.finditer(s.text):
        if _STATE_VERB.search(m["what"]) or _STATE_VERB.search(s.text[: m.start("verb")]):
            continue  # "the plan was drafted by Tom": it happened
        base = _past_to_base(m["verb"])
        role = people.owner_of_word(m["who"])
        if base is None or role not in ("client", "coach", "associate", "self"):
            continue
        # "by Owen (associate) by Friday": the aside names who Owen is, not what is to be done
        rest = re.sub(r"^\s*\([^)]{1,30}\)", "", s.text[m.end("who") :])
        phrases = [
            p
            for p in find_due_phrases(rest, session_date, next_session)
            if p.due is not None
            and (m["aux"] or _DEADLINE.search(rest[: p.start]) or _PREPOSITION.match(p.text))
            and not re.match(r"(?:on|at|in|over|from)\b", p.text, re.I)
        ]
        if not phrases and not m["aux"]:
            continue  # "shared by Tom on Monday": when it happened, not a deadline ("to be sent by": to come)
        owner = _speaker_self(s) if role == "self" else role
        what = re.sub(r"^(?:the|a|an)\s+", "", m["what"].strip(), flags=re.I)
        what = what[:1].lower() + what[1:] if what[1:2].islower() else what  # "Deck" → "deck", "JD" stays
        tail = _clean_description(rest, phrases, 0) if rest.strip(" .") else ""
        desc = f"{base.capitalize()} {what}" + (f" {tail[:1].lower()}{tail[1:]}" if tail else "")
        why = f"owner from '{m['who']}' (a thing to be done by them)"
        return Candidate(s, owner, desc, bool(_HEDGE.search(s.text)), pick_due(phrases), s.text, 0, [why])
    return None


# "The board deck will be sent to the chair by Friday (Grace owns it)", "It was agreed that the results
# would be shared with the leads …", "…; to be booked by me for early February": a thing to be done, whose
# doer is named by "by <who>" after it or by a remark on the line ("Kofi is doing that", "- Kofi's")
_TO_BE_DONE = re.compile(
    r"^(?:(?:it\s+was|we)\s+agreed\s+(?:that\s+)?)?"
    r"(?P<what>(?:(?:the|a|an|his|her|their|my|your)\s+)?[\w/'’&-]+(?:\s+[\w/'’&-]+){0,7}?)"
    r"\s*(?:(?:will|would|is\s+to|are\s+to|needs?\s+to|has\s+to|have\s+to|must|should)\s+be|;\s*(?:to\s+be))\s+"
    r"(?P<verb>[a-z]+ed|sent|written|done|given|taken|run|held|made|read|built|told|brought)"
    r"(?:\s+(?:over|out|round|around|through|back|up|on))?\b(?P<rest>.*)$",
    re.I,
)
_AGENT = re.compile(r"^\s*by\s+(?P<who>@?[A-Za-z][\w.'’]*)(?:\s+(?P<who2>[A-Z][\w'’-]+))?", re.I)
_WHOSE = re.compile(
    r"(?:\(|;\s*|[-–—]\s*|^\s*)(?P<who>[A-Z][\w'’-]*)(?:\s+(?:owns|is\s+(?:taking|doing|owning|handling|on)|"
    r"will\s+(?:do|take|own))\s+(?:it|that|this)\b\)?|['’]s\b(?=\s*(?:[,.;)]|$)))"
)
_AGENT_ASIDE = re.compile(r"\s*\(\s*by\s+(?P<who>[A-Za-z][\w.'’]*)\s*\)", re.I)
_SUBJECT_IN_WHAT = re.compile(r"\b(?:was|were|is|are|has|had|i|she|he|they|we|you)\b", re.I)


def _to_be_done(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> Candidate | None:
    """A thing to be done said in the passive, as the action of whoever the line says does it: a person of
    the session named as its doer; with nobody named, or someone else ('by finance'), no item."""
    text = s.text.strip().rstrip(".")
    m = _TO_BE_DONE.match(text)
    if not m:
        return None
    # "A follow-up session was requested; to be booked by me": the thing, not what happened to it
    what = re.sub(r"\s+(?:was|were|is|are|has\s+been)\s+[a-z]+ed$", "", m["what"].strip(), flags=re.I)
    if _SUBJECT_IN_WHAT.search(what):
        return None
    base = _past_to_base(m["verb"])
    if base is None or base not in ACTION_VERBS:
        return None
    rest, role = m["rest"], None
    agent = _AGENT.match(rest)
    aside = _AGENT_ASIDE.search(rest)
    if agent and re.match(r"\s*by\s+[\w.]+['’]s\s+[a-z]", rest):
        return None  # "to be drafted by Ingrid's comms lead, Terje": someone of hers, not her
    if agent and not find_due_phrases(agent.group(0), session_date, next_session):
        role = people.owner_of_word(agent["who"])
        rest = rest[agent.end() :]
    elif aside:  # "will be sent to her (by me) tomorrow": the doer in brackets
        role = people.owner_of_word(aside["who"])
        rest = rest[: aside.start()] + rest[aside.end() :]
    else:
        after = s.line[s.line.find(s.text) + len(s.text) :] if s.text in s.line else ""
        for place in (rest, after):
            whose = _WHOSE.search(place)
            if whose and people.owner_of_word(whose["who"]):
                role = people.owner_of_word(whose["who"])
                if place is rest:
                    rest = rest[: whose.start()]
                break
    if role == "self":
        role = _speaker_self(s)
    named = agent is not None and not find_due_phrases(agent.group(0), session_date, next_session)
    if (
        role is None
        and not named
        and (s.label in ("actions", "homework") or s.section in ("actions", "homework"))
    ):
        # under "Agreed:" / "Actions:" nobody named does it: the client's, as an untagged line there is
        role = "client"
    if role not in ("client", "coach", "associate"):
        return None  # "to be reviewed by finance", or said of nobody: not an item of the session's people
    rest = re.split(r"\s+[-–—]\s+|;\s*|\s+\(", rest)[0]
    phrases = [p for p in find_due_phrases(rest, session_date, next_session) if p.due is not None]
    what = what[:1].lower() + what[1:] if what[1:2].islower() or re.match(r"(?:a|an)\s", what, re.I) else what
    tail = _clean_description(rest, phrases, 0).strip(" ,.") if rest.strip(" .,") else ""
    desc = f"{base.capitalize()} {what}" + (f" {tail[:1].lower()}{tail[1:]}" if tail else "")
    why = "a thing to be done (passive), owner from who the line says does it"
    return Candidate(s, role, desc, bool(_HEDGE.search(s.text)), pick_due(phrases), s.text, 0, [why])


_IRREGULAR_PARTICIPLES = {
    "sent": "send", "written": "write", "done": "do", "given": "give", "taken": "take", "run": "run",
    "held": "hold", "made": "make", "read": "read", "built": "build", "told": "tell", "set up": "set up",
    "drawn up": "draw up", "brought": "bring",
}  # fmt: skip


def _past_to_base(verb: str) -> str | None:
    """'drafted' → 'draft', 'shared' → 'share', 'planned' → 'plan', 'sent' → 'send': a past participle of
    an action verb."""
    low = verb.lower()
    return _IRREGULAR_PARTICIPLES.get(low) or _verb_stem(low[:-2])


_CORRECTION = re.compile(
    r"\s*[,;]?\s*(?:[-–—]\s*)?\b(?:actually,?\s+no|no,?\s+wait|scratch that|correction|sorry,?\s+i\s+mean"
    r"|sorry(?=,))\b"
    r"[,:]?\s*(?:make\s+(?:that|it)\s+|i\s+mean\s+|rather\s+)?(?:starting\s+|from\s+)?",
    re.I,
)


# ", I'll aim for end of next week", "- she's aiming for Friday": a date given to the clause before
_AIM_FOR = re.compile(
    r"\s*[,;]?\s*(?:[-–—]\s*)?\b(?:(?:i|she|he|they|we)\s*(?:['’]ll|\s+will|['’]s|\s+is|['’]m|\s+am|['’]re)\s+)?"
    r"(?:aim(?:ing)?|shoot(?:ing)?|going)\s+for\s+",
    re.I,
)


def _only_a_date(text: str, session_date: date, next_session: date | None) -> bool:
    rest = text.strip(" .!")
    phrases = [p for p in find_due_phrases(rest, session_date, next_session) if p.due]
    return (
        bool(phrases)
        and not re.sub(r"^(?:the\s+)?", "", rest[phrases[-1].end :]).strip(" .!,")
        and (
            not rest[: phrases[0].start].strip(" ,")
            or re.fullmatch(r"(?:the|by|the\s+end\s+of)", rest[: phrases[0].start].strip(), re.I) is not None
        )
    )


def _corrected(s: Sentence, session_date: date, next_session: date | None) -> Sentence | None:
    """'… with her COO on Friday, actually no, make that Thursday because he's travelling': dictation
    corrects itself; the sentence is read with the corrected date in place of the first one."""
    m = _CORRECTION.search(s.text)
    if not m:
        return None
    before, after = s.text[: m.start()], s.text[m.end() :]
    old = [p for p in find_due_phrases(before, session_date, next_session) if p.due is not None]
    new = [
        p for p in find_due_phrases(after, session_date, next_session) if p.due is not None and p.start <= 2
    ]
    if not (old and new):
        return None
    p, text = old[-1], new[0].text
    prep = _PREPOSITION.match(p.text)
    if prep and not _PREPOSITION.match(text):
        text = f"{prep.group(0)} {text}"  # "on Friday" corrected to "Thursday" reads "on Thursday"
    return replace(s, text=f"{before[: p.start]}{text}{before[p.end :]}".rstrip(" ,") + ".")


_AND_VERB = re.compile(r",?\s+and\s+(?:then\s+|also\s+)?(?P<verb>[a-z]+)\s+")


Clause = tuple[int, int, re.Match[str], bool]  # start, end, cue match, tentative (see _clauses)


def _two_dated_actions(
    s: Sentence, cues: list[Clause], session_date: date, next_session: date | None
) -> list[Sentence] | None:
    """'You'd give Jo her feedback on Thursday and schedule the talk with Malik for next week' is two
    actions with two dates: the sentence is read as two, each with the commitment's head. Only when each
    half has its own date (one date for both, 'draft it and share it by Wednesday', stays one action)."""
    if len(cues) != 1:
        return None
    _, end, m, _ = cues[0]
    text = s.text
    for a in _AND_VERB.finditer(text, m.end(), end):
        if a["verb"] not in ACTION_VERBS or not is_base_verb(a["verb"]):
            continue
        first, second = text[: a.start()], text[a.start("verb") :]
        d1 = [p.due for p in find_due_phrases(text[m.end() : a.start()], session_date, next_session) if p.due]
        d2 = [p.due for p in find_due_phrases(second, session_date, next_session) if p.due]
        if d1 and d2 and d1[0] != d2[0]:
            head = text[: m.end()]
            return [replace(s, text=first.rstrip(" ,")), replace(s, text=f"{head}{second}")]
    return None


_PASSIVE = re.compile(
    r"^(?P<what>(?:the|my|his|her|their|your|a|an)\s+[^,;]{2,60}?)\s+(?:is|are)\s+(?:still\s+)?"
    r"(?P<kind>due|carried (?:over|forward)|rolled (?:over|forward)|outstanding|still open)\b(?P<rest>.*)$",
    re.I,
)


def _passive(s: Sentence, people: People, session_date: date, next_session: date | None) -> Candidate | None:
    """'The proposal is due to his CEO by the end of next month'; 'The reading is carried over'."""
    m = _PASSIVE.match(s.text.strip().rstrip("."))
    if not m:
        return None
    phrases = find_due_phrases(s.text, session_date, next_session)
    due = pick_due(phrases)
    if due is None and m["kind"].lower().startswith(("carried", "rolled")) and next_session:
        phrases = find_due_phrases("before our next session", session_date, next_session)
        due = pick_due(phrases)
    if due is None:
        return None
    what = m["what"]
    owner = s.author if re.match(r"my\b", what, re.I) else "client"
    rest = _clean_description(m["rest"], [p for p in phrases if p.start >= m.start("rest")], m.start("rest"))
    verb = "Send" if m["kind"].lower() == "due" and re.match(r"to\b", rest, re.I) else "Complete"
    desc = f"{verb} {what[0].lower() + what[1:]}" + (f" {rest[0].lower() + rest[1:]}" if rest else "")
    return Candidate(s, owner, desc, False, due, s.text, 0, ["something due, read as the client's"])


# A verb that makes a fragment a statement of what happens ("new COO starts Mon", "board pack due Fri")
_FINITE_IN_FRAGMENT = re.compile(
    r"\b(?:is|are|was|were|be|been|starts?|started|lands?|landed|meets?|happens?|arrives?|comes?|goes?|"
    r"moves?|moved|ends?|opens?|closes?|due|returns?|back|off|out|away|sent|done|booked|shelved|parked|"
    r"dropped|postponed|cancell?ed|on hold|n/a)\b",
    re.I,
)
# … or names an event on its day ("board meeting - Thu", "AGM - 15th")
_EVENT_LAST = re.compile(
    r"\b(?:meeting|mtg|board|agm|offsite|off-site|review|conference|holiday|holidays|leave|session|sess|"
    r"call|interview|appraisal|deadline|away ?day|town ?hall|all-hands|kick-?off|presentation)\W*$",
    re.I,
)


def _dated_fragment(s: Sentence, session_date: date, next_session: date | None) -> bool:
    """Shorthand notes' 'budget - CFO - fri', 'skip-levels w/ all 3 new TLs - before month end': a line
    with no verb to it that ends on a deadline is a thing to do by then (the client's, as any untagged
    action line), unless it says what happens ('new COO starts Mon') or names an event on its day."""
    text = s.text.strip()
    if s.index == 0 or s.speaker or s.label or not s.first_in_line:
        return False  # the notes' heading ("Ines D - s2 - 7/6"), a turn of a transcript, a labelled line
    if len(text.split()) > 12 or re.search(r"[.!?:]$", text):
        return False
    phrases = [p for p in find_due_phrases(text, session_date, next_session) if p.due]
    if not phrases:
        return False
    last = phrases[-1]
    week_of = re.match(r"(?:w/c|w\.c\.|wk of|week of|w/b)\b", last.text, re.I)  # a week's label is a tag
    if (last.strength < 2 and not week_of) or last.due == session_date or text[last.end :].strip(" .)(!"):
        return False
    if re.match(
        r"(?:in |at |for |->\s*)?(?:the |our )?next (?:session|sess|time|mtg|meeting)\b", last.text, re.I
    ):
        return False  # "360 debrief -> next sess": put off to the next session, a topic for it
    head = re.sub(r"\s*(?:[-–—>→,(]|\b(?:by|before|ahead of|due))\s*$", "", text[: phrases[0].start]).strip()
    # "chair 1:1 -> before AGM (15th)": the deadline's event is when, not what
    head = re.sub(r"\s*(?:->|→|[-–—])?\s*\b(?:by|before|ahead of|prior to)\b[^-–—>→]*$", "", head).strip()
    if not head or _FINITE_IN_FRAGMENT.search(head) or _EVENT_LAST.search(head):
        return False
    first = head.split()[0].lower().strip(",.:")
    if first in PRONOUN_WORDS or first in ("no", "not", "none", "nothing"):
        return False
    return bool(content_words(head, keep_verbs=False))


def _imperative_context(s: Sentence) -> bool:
    return bool(
        s.tag_owner
        or s.section in ("actions", "homework", "client", "coach", "associate")
        or s.bullet
        or s.label in ("actions", "homework")
    )


# Words of a label that heads an instruction ("todo:", "action for me:", "Dan's homework:"); a plain
# one-word label of another kind ("mood:", "ctx:", "energy:") names what its line is, and a line it heads
# is an instruction only if it starts with a verb.
_ACTION_LABEL = re.compile(r"\b(?:actions?|homework|to ?do|tasks?|next|steps?|owes?|for)\b")
_NOT_A_VERB_START = {"first", "second", "third", "fourth", "fifth", "sixth", "last", "final", "another",
                     "main", "session", "today", "today's", "big", "good", "great"}  # fmt: skip
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth"}
_TOPIC_VERBS = re.compile(
    r"^(?:revisit|discuss|explore|cover|come back to|pick up|ask (?:her|him|them|\w+) about)\b"
    r".*\bnext (?:time|session)\b",
    re.I,
)


# "Finance (Deepa) will have …", "The union rep is going to …": a subject of a few words, then its modal
_SOMEONE_WILL = re.compile(
    r"^(?:[\w'’.&/-]+,?\s+){1,3}(?:\([^)]{1,30}\)\s+)?"
    r"(?:will|['’]ll|is going to|are going to|is to|are to)\s",
    re.I,
)
# A sentence that says what a thing is ("The Mark stuff is the key bit", "This one's urgent"), not what to do
_THING_IS = re.compile(r"^(?:the|this|that|these|those)\s[^,;:()]{0,40}?\s(?:is|are)\s(?!to\b)", re.I)
_SAYING_VERBS = {"tell", "explain", "say", "confirm", "email", "message", "text", "remind", "warn", "inform"}
# A few words and a verb in the past under the actions: "Pre-work was done.", "the 1:1s with her directs
# have been booked": a report of what happened, not a task (a noun-phrase task has no verb of its own).
_DONE_REPORT = re.compile(
    r"^[\w'’/:&-]+(?:\s+[\w'’/:&-]+){0,4}?\s+(?:was|were|had|has been|have been|went|got)\b", re.I
)


# "- no email after 9pm" under the commitments: a rule she sets herself (not "no actions this time")
_ABSTAIN = re.compile(
    r"^no\s+(?!(?:actions?|action items?|homework|tasks?|items?|follow[- ]?ups?|next steps?|commitments?)\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:after|before|until|during|on|at|in)\s+\S",
    re.I,
)


_SEQUENCE_LEAD = re.compile(
    r"^(?:before that|after that|before then|after this|in the meantime|meanwhile|first of all|"
    r"once (?:that|this)(?:['’]s| is) done),\s+",
    re.I,
)


def _imperative(
    s: Sentence, people: People, session_date: date, next_session: date | None
) -> Candidate | None:
    text = s.text.strip()
    hedge_lead = re.match(r"^(?:maybe|possibly|perhaps|potentially)\s+", text, re.I)
    body = text[hedge_lead.end() :] if hedge_lead else text
    seq = _SEQUENCE_LEAD.match(body)
    if seq and (body[seq.end() :].split() or [""])[0].lower() in ACTION_VERBS:
        body = body[seq.end() :]  # "before that, talk to Leon": the step's place in the order, then the step
    dash_owner = None
    named = re.match(r"^(@?[\w.'’]+)\s+[-–—]\s+(\w.*)$", body)
    if named and people.owner_of_word(named.group(1)) in ("client", "coach", "associate"):
        dash_owner, body = people.owner_of_word(named.group(1)), named.group(2)  # "TODO: Dana - reflect on …"
    if _TOPIC_VERBS.match(body):
        return None  # something to talk about next time is a topic, not an action
    first = (body.split() or [""])[0].strip(",.:").lower()
    if re.match(r"next (?:session|sess|meeting|mtg|call)\b", body, re.I):
        return None  # "Next session 26 Jan." closing the list: when we meet, not a task
    if first in _NOT_A_VERB_START and not (
        # "Wk 3: first 1:1s with the new leads": a dated plan line, the ordinal part of its thing to do
        # ("| First draft of the outline | RK | 17.05 |": a table row's owner and date say the same)
        first in _ORDINALS
        and (s.label == "actions" or s.tag_owner)
        and find_due_phrases(body, session_date, next_session)
    ):
        return None  # "second session. Main topic …": a heading, not an instruction
    explicit = bool(
        s.tag_owner
        or s.section in ("actions", "homework", "client", "coach", "associate")
        or s.label in ("actions", "homework")
        or _dated_fragment(s, session_date, next_session)
    )
    if not explicit and first not in ACTION_VERBS:
        return None
    verb_first = is_base_verb(first.split("/")[0])
    action_label = bool(_ACTION_LABEL.search(s.label or ""))
    plain_label = bool(re.fullmatch(r"[a-z]+", s.label or "")) and people.owner_of_word(s.label) is None
    if plain_label and not s.tag_owner and not action_label:
        after = re.sub(rf"^{re.escape(s.label)}\s*[:\-–—]\s*", "", body, flags=re.I).split()
        if not (after and is_base_verb(after[0].strip(",.:").lower())):
            return None  # "mood: tired but clearer" under the actions: the label says what the line is
    if (
        s.tag_owner
        and not action_label
        and not verb_first
        and s.section not in ("actions", "homework", "client", "coach", "associate")
        and not s.bullet
        and not find_due_phrases(body, session_date, next_session)
    ):
        return None  # "Amélie: succession at the estate, …" opening the notes: the topic, not a task
    # "tell her boss she won't take on X": the negation is what is to be said, the telling is the action
    # "find him a facilitator in case he doesn't want to run it": a negation in a clause the action only
    # provides for is not the action's
    main = _PROVIDES_FOR.split(body, maxsplit=1)[0]
    negated = bool(_NEGATION.search(main)) and first not in _SAYING_VERBS
    if first in PRONOUN_WORDS or first in ("i'm", "we're", "it's", "there", "not") or negated:
        return None  # a statement or a negation, not an instruction
    if first == "let" and re.match(r"let\s+(?:me|us|you|it|go|that|things)\b", body, re.I):
        return (
            None  # "Let me know", "let it go": a request to be told, or a letting be; only "let Jo run X" is
        )
    if first not in ACTION_VERBS and _a_person_says(body, people):
        return None  # "Dana drafts the memo": a person's statement (present tense), not an instruction
    if first not in ACTION_VERBS and _SOMEONE_WILL.match(body):
        return None  # "Finance (Deepa) will have the costings by 1 March": what someone else will do
    if _THING_IS.match(body):
        return None  # "You: read my notes. The Mark stuff in session 3 is the key bit.": a remark on it
    if (
        explicit
        and not is_base_verb(first.split("/")[0])
        and not (
            # "1:1 with Jo and Amir, w/c 7th", "skip-level lunch with …": a thing to do
            re.sub(r"[:-]", "", first.split("/")[0]).isalnum()
            and (first not in ("no", "none", "nothing", "n/a") or _ABSTAIN.match(body))
            and not _DONE_REPORT.match(body)
        )
    ):
        return None
    owner = (
        dash_owner or s.tag_owner or (s.section if s.section in ("client", "coach", "associate") else None)
    )
    why = "owner from the line's tag" if owner else ""
    if owner is None:
        # An imperative that names the client as its object is the coach's ("send Liam the template").
        after_verb = body.split()[1:]
        if any(
            people.owner_of_word(w) == "client"
            for n, w in enumerate(after_verb[:3])
            if w[:1].isupper()
            or w.lower() in ("him", "them")
            or (w.lower() == "her" and _her_is_object(after_verb, n))
        ) and not _WRITER_RECEIVES.search(body):
            owner, why = s.author, "owner: an imperative addressed to the client, read as the author's"
        else:
            owner, why = "client", "owner: an imperative in the session's actions, read as the client's"
    src = body
    if s.first_in_line and body in s.line:
        offset = s.line.find(body)
        src = s.line[offset:]
        label = re.search(r"(?<=[.!?])\s+[\w'’]{1,12}:\s", src)
        if label:  # "… by Friday. me: chase the report": the next sentence has an owner of its own
            src = src[: label.start()]
        # ("… on the 3rd. And I want to reread …": a joining word opening the next sentence changes nothing)
        for nxt in re.finditer(_NEXT_SENTENCE_WORD, src):
            # "… with procurement. I'll introduce you …": a sentence with a subject of its own ends it too
            if nxt.group(1).lower() in ACTION_VERBS or nxt.group(1).lower() in _NEW_SUBJECT:
                src = src[: nxt.start()]  # "… to Owen today. Check in by text Weds.": an action of its own
                break
    else:
        offset = 0
    phrases = find_due_phrases(src, session_date, next_session)
    due = pick_due(phrases)
    desc = _clean_description(src, phrases, 0)
    if not desc:
        return None
    result = _RESULT.match(desc)
    if result and first not in ACTION_VERBS:
        # "Venue costs signed off by end of month - Oscar": the state to reach, so the action is to get there
        written = body.split()[0].strip(",.:")  # "Hiring plan shared …": the noun as written, not 'Hire'
        desc = written + desc[len(desc.split()[0]) :]
        desc = f"Get {desc[:1].lower() + desc[1:] if desc[1:2].islower() else desc}"
    hedged = bool(hedge_lead) or bool(_HEDGE.search(src))
    return Candidate(s, owner, desc, hedged, due, src, 0, [why])


_NEW_SUBJECT = {"i", "we", "she", "he", "they", "you"}
_REPORTS_BACK = re.compile(r"(?:let|tell)\s+(?:him|her|them|you|me|us)\s+know", re.I)
_NEXT_SENTENCE_WORD = re.compile(
    r"(?<=[.!?])\s+(?:(?:And|Then|Also|Plus|But|So),?\s+)?([A-Za-z][a-z]*)(?=[\s'’])"
)
_DETERMINERS = {
    "the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "these", "those", "some",
    "any", "two", "three", "both", "all", "back", "about", "on", "re", "with", "to", "after", "before", "by",
    "today", "tomorrow", "tonight", "know",
}  # fmt: skip


# "Draft her three priorities and send them to me": the writer gets the thing, so someone else does it
_WRITER_RECEIVES = re.compile(
    r"\b(?:(?:to|with)\s+me|(?:send|sends|email|text|show|give|forward|tell|update)\s+me)\b", re.I
)


def _her_is_object(words: list[str], n: int) -> bool:
    """'send her the worksheet', 'call her': her is whom it is for; 'tell her boss': it is whose boss."""
    nxt = words[n + 1].lower().strip(".,;:") if n + 1 < len(words) else ""
    if re.match(
        r"[\"“‘][^\"”’]{1,40}[\"”’]\s+(?!(?:and|or|to|by|for|before|on|at|in|with|from|today|tomorrow)\b)[a-z]",
        " ".join(words[n + 1 :]),
    ):
        return False  # 'write her "how I work" one-pager': a quoted name before a noun is her thing's
    return not nxt or nxt in _DETERMINERS or nxt.isdigit() or not nxt.isalpha()


_RESULT = re.compile(
    r"^(?:[\w'’/&-]+\s+){1,4}?(?P<pp>[a-z]{2,}ed)(?:\s+(?:off|up|out|through|over))?"
    r"(?:\s+(?:with|to|for|by)\s+[^,;]{1,40})?$"
)


def _a_person_says(body: str, people: People) -> bool:
    """'Dana drafts the memo', 'Tom will send it': a line that opens with a person who then acts. A
    capitalised word that is no one of the session's, not followed by a verb, opens a thing ('Venue costs
    signed off')."""
    words = body.split()
    role = people.owner_of_word(words[0]) if words else None
    if role is None:
        return False
    if role != "third":
        return True
    nxt = words[1].lower().strip(".,;:") if len(words) > 1 else ""
    return bool(
        nxt in ("will", "to", "is", "has", "needs", "should", "must", "can", "may", "might", "and", "&")
        or nxt.endswith(("'ll", "’ll"))
        or (nxt.endswith("s") and (nxt[:-1] in ACTION_VERBS or nxt[:-2] in ACTION_VERBS))
        or (nxt.endswith("ed") and _past_to_base(nxt) is not None)
    )


_ASSENT = re.compile(
    r"^(?:sure|yes|yeah|ok|okay|will do|i can do that|i will|i'll do (?:that|it)|definitely|absolutely|"
    r"of course|fine|deal|happy to)\b",
    re.I,
)
_REQUEST = re.compile(
    r"\b(?:could|can|would|will)\s+you\s+(?:also\s+|please\s+)?(?P<rest>[a-z].*?)\??$", re.I
)


_AGREED_REQUEST = "a request the other person agreed to"


def _requests(
    sentences: list[Sentence], people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    """In a transcript, 'could you …?' answered 'sure' is the other person's commitment."""
    out = []
    for i, s in enumerate(sentences[:-1]):
        nxt = sentences[i + 1]
        if s.speaker not in ("coach", "client") or nxt.speaker in (None, s.speaker):
            continue
        m = _REQUEST.search(s.text)
        if not m or not _ASSENT.match(nxt.text.strip()) or _NOT_ACTIONS.match(m["rest"].strip()):
            continue
        owner = "client" if s.speaker == "coach" else "coach"
        phrases = find_due_phrases(s.text, session_date, next_session)
        rest_start = m.start("rest")
        desc = _clean_description(
            m["rest"].rstrip("?"), [p for p in phrases if p.start >= rest_start], rest_start
        )
        if desc:
            out.append(
                Candidate(
                    s,
                    owner,
                    desc,
                    False,
                    pick_due(phrases),
                    s.text,
                    0,
                    [_AGREED_REQUEST],
                )
            )
    return out


# What someone else's email asks of its reader: "Can you send me X by Friday?", "Please also set up Y",
# "I'd like you to present it on 23 March", "I'll need the deck by Friday 10 Dec" (to be sent to them).
_ASKED = re.compile(
    r"\b(?:can|could|would|will)\s+you\s+(?:please\s+|also\s+|kindly\s+)*(?P<ask>[a-z][^?]*)"
    r"|\b(?:i['’]d|i\s+would|i)\s+(?:also\s+|really\s+)?(?:like|want|need)\s+you\s+to\s+(?P<like>[a-z].*)"
    r"|(?:^|[.;,:]\s+|\band\s+)please\s+(?:also\s+)?(?P<please>[a-z].*)"
    r"|\bi(?:['’]ll|\s+will)?\s+(?:also\s+)?need\s+(?P<need>(?:the|your|a|an)\s+.*)",
    re.I,
)
# email courtesies that start with a verb but ask for nothing to be done
_NOT_ASKED = re.compile(r"(?:find|see|note|feel|bear|excuse|forgive|ignore|let\s+me\s+know\b)", re.I)
_EMAIL_HEADER_LABELS = {"sent", "to", "cc", "bcc", "date", "subject"}
_ASKED_IN_EMAIL = "asked in a quoted email, not agreed in the session"


def _asked_in_email(
    sentences: list[Sentence], session_date: date, next_session: date | None
) -> list[Candidate]:
    """What someone else's pasted email asks of the client: a tentative client item, to be agreed."""
    out = []
    for s in sentences:
        if s.author != "other" or s.speaker is not None or s.label in _EMAIL_HEADER_LABELS:
            continue
        m = _ASKED.search(s.text)
        if not m:
            continue
        key = next(k for k in ("ask", "like", "please", "need") if m[k])
        start = m.start(key)
        rest = m[key].rstrip(" ?.!")
        if key != "need" and (_NOT_ASKED.match(rest) or rest.split()[0].lower() not in ACTION_VERBS):
            continue
        phrases = [p for p in find_due_phrases(s.text, session_date, next_session) if p.start >= start]
        desc = _clean_description(rest, phrases, start)
        # "From: Helen Price": the client would call her Helen; "an email from his boss": his boss
        sender = (s.sender.split()[0] if s.sender[:1].isupper() else s.sender) or "them"
        if key == "need":
            # "I'll need the deck": the reader is to send it to the writer
            desc = f"Send {sender} {desc[0].lower() + desc[1:]}"
        else:
            desc = re.sub(r"\b(?:me|us)\b", sender, desc)  # "send me the plan": the writer, by name
        if desc:
            desc = desc[0].upper() + desc[1:]
            due = pick_due(phrases)
            out.append(Candidate(s, "client", desc, True, due, s.text, start, [_ASKED_IN_EMAIL]))
    return out


# "Email to send him tonight:" (or "Draft follow-up email (I'll send it Friday):") above a draft that opens
# with a greeting: the writer of the notes has the email to send, dated by its heading
_EMAIL_HEAD = re.compile(r"^\s*(?:[-*•]\s*)?(?P<head>[^:\n]*\be-?mail\b[^:\n]*):\s*$", re.I)
_DRAFT_OPENS = re.compile(r"^\s*(?:-{3,}\s*$|subject\s*:|(?:hi|hello|hey|dear)\s+[A-Z])", re.I)
_NOT_MINE = re.compile(r"\b(?:from|received|forwarded|got|she|he|they|client)\b|\w['’]s\b", re.I)
_EMAIL_DRAFTED = "an email drafted in the notes, for their writer to send"


def _emails_to_send(
    raw: str, sentences: list[Sentence], people: People, session_date: date, next_session: date | None
) -> list[Candidate]:
    if people.author not in ("coach", "associate") or any(s.speaker for s in sentences):
        return []
    lines = raw.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = _EMAIL_HEAD.match(line)
        following = [x for x in lines[i + 1 : i + 4] if x.strip()]
        if not m or not following or not _DRAFT_OPENS.match(following[0]):
            continue
        head = m["head"].strip()
        if _NOT_MINE.search(re.sub(r"\([^)]*\bI['’]ll\b[^)]*\)", "", head)):
            continue  # "Email from her boss:", "the email she'll send:": someone else's to send
        kind = re.search(r"([\w-]+)\s+e-?mail\b", head, re.I)
        kind_word = kind[1].lower() if kind else ""
        plain = kind_word in {"", "draft", "drafted", "the", "a", "an", "this", "my", "send", "to"}
        desc = f"Send {people.client.split()[0]} the {'' if plain else kind_word + ' '}email"
        after = [s for s in sentences if s.line.strip() and s.line.strip() in lines[i].strip()] or [
            s for s in sentences if s.line_no >= i
        ]
        s = after[0] if after else sentences[-1]
        here = replace(s, text=head, line=line.strip())
        due = pick_due(find_due_phrases(head, session_date, next_session))
        out.append(Candidate(here, people.author, desc, False, due, head, 0, [_EMAIL_DRAFTED]))
    return out


# "The hiring plan slips to April": a carried-over item reported with a new month is still to be done,
# by the end of that month (an item's due date is when its owner must have done it)
_SLIPS = re.compile(
    r"(?:^|[.;:,]\s+|\s[-–—]\s+)(?P<thing>(?:the|her|his|their|our|my)\s+[\w'’/&-]+(?:\s+[\w'’/&-]+){0,4}?)"
    r"\s+(?:(?:has|have)\s+)?(?:slips?|slipped|(?:is|was|has been|got)\s+pushed(?:\s+back)?|moves?|moved)"
    r"\s+(?:back\s+)?to\s+(?:the\s+end\s+of\s+)?(?P<when>next month|"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b",
    re.I,
)


_SLIPPED = "reported as moved to a later month: still to be done by then"


def _slipped(sentences: list[Sentence], session_date: date) -> list[Candidate]:
    out = []
    for s in sentences:
        if s.speaker == "other" or s.author == "other" or s.label == "options":
            continue
        for m in _SLIPS.finditer(s.text):
            due = month_end_of(m["when"], session_date)
            if due is None:
                continue
            thing = m["thing"]
            mine = thing.lower().startswith("my ")
            owner = _speaker_self(s) if mine else "client"
            if owner not in ("client", "coach", "associate"):
                continue
            thing = "the" + thing[3:] if mine else thing[0].lower() + thing[1:]
            phrase = DuePhrase(
                m.start("when"), m.end("when"), m["when"], due, 3, "the month it slipped to, to its end"
            )
            out.append(
                Candidate(
                    s,
                    owner,
                    f"Finish {thing}",
                    False,
                    phrase,
                    m.group(0).strip(" .;:,-–—"),
                    m.start("thing"),
                    [_SLIPPED],
                )
            )
    return out


# "ask finance for the numbers; she'll share them with me by the 17th": passing the thing on to someone is
# a step of its own, and its date is not the first action's
_HANDED_ON = re.compile(
    r"(?:send|share|forward|email|show|circulate|bring|give)\s+(?:it|them|those|that|this)\s+"
    r"(?:with|to|round to|over to)\s+\S+",
    re.I,
)


_OWN_SUBJECT = re.compile(
    r"[;,.]\s*(?:and\s+)?(?:she|he|they|i|we|you)(?:['’]ll|\s+will|\s+is going to)\s+", re.I
)


def _names_its_own_thing(c: Candidate, prev: Candidate) -> bool:
    """'The budget talk is postponed; he'll prepare his numbers for it': a thing the pronoun's own sentence
    opens on is nearer than the action in the sentence before."""
    own = re.split(r"[;:]|\s[-–—]\s", c.sentence.text[: c.start])[0]
    return c.sentence.index != prev.sentence.index and bool(
        re.match(r"\W*(?:the|a|an|his|her|their)\s+[\w'’-]+", own, re.I)
    )


def _next_step_on_it(c: Candidate, prev: Candidate) -> bool:
    verb, _, rest = c.description.partition(" ")
    after = re.sub(r"^(?:it|that|this|them|those)\b", "", rest.strip(), flags=re.I)
    after = re.sub(r"\b(?:\w+day|morning|afternoon|evening|night|first thing)\b", "", after, flags=re.I)
    handed_on = bool(
        _HANDED_ON.match(c.description)
        and c.sentence.index == prev.sentence.index  # 'them' is what the same sentence just named
        # "…; she'll share them": a clause of its own, not "X, and send it"
        and re.search(_OWN_SUBJECT.pattern + re.escape(verb.lower()) + r"\b", c.sentence.text, re.I)
    )
    return bool(
        not _names_its_own_thing(c, prev)
        # "… Not yet, she wants the job spec first. She'll ask HR for it": a sentence between them names
        # what 'it' is nearer than the last action does
        and c.sentence.index - prev.sentence.index <= 1
        and verb.lower()
        not in ("do", "have", "get", "make")  # "do it Thursday" is the thing itself, not a step on it
        and c.due is not None
        and (prev.due is not None or handed_on)
        and (prev.due is None or c.due.due != prev.due.due)
        and (len(content_words(after, keep_verbs=False)) >= 1 or handed_on)
        and verb.lower() != prev.description.split(" ")[0].lower()
        and prev.description.partition(" ")[2]
    )


def _merge_vague(cands: list[Candidate], sentences: list[Sentence], people: People) -> list[Candidate]:
    """'I'll do it this week' after 'I need to have the talk with Ruth' is one item, with that date."""
    out: list[Candidate] = []
    for c in cands:
        if _REFLEXIVE_ONLY.match(c.description.strip()):
            continue  # "He decide himself": who decides, with nothing named to do
        head = _WHETHER_HEAD.match(c.sentence.text)
        verb = (c.description.split() or [""])[0].lower()
        if (
            head
            and c.start >= head.end()
            and verb in _PONDER_VERBS
            and "whether" not in c.description.lower()
        ):
            # "Whether to tell her team now - she'll decide once …": what is to be decided is the line's head
            about = " about" if verb == "think" else ""
            open_q = _OPEN_QUESTION.match(head["q"])  # "Whether to X is still open - …": X, not its status
            q = open_q.group(1) if open_q else head["q"]
            c.description = f"{verb.capitalize()}{about} {q[:1].lower()}{q[1:]}"
            c.notes.append("what is to be decided was taken from the line's head")
        # "- and I think that's the right size of experiment": the writer's view of it, not part of it
        c.description = _WRITERS_VIEW.sub("", c.description)
        tried = _TRY_IT.match(c.description)
        urged = _URGED.search(c.sentence.text[: c.start]) if tried else None
        if tried and urged:
            # "I'd encourage you to block one morning a week - you said you'd try it": 'it' is what was urged
            act = gerund_of(urged["act"].strip(" ,;-–—"))
            c.description = f"{tried.group(1)} {act}{c.description[tried.end() :]}"
            c.notes.append("what 'it' refers to was taken from what was encouraged before it")
        c.vague = _is_vague(c.description)
        if not c.vague:
            out.append(c)
            continue
        prev = out[-1] if out else None
        if prev and prev.owner == c.owner and _next_step_on_it(c, prev):
            # "drafts the list by Tuesday; she shares it with the CEO on Thursday": a second action on
            # the same thing, with its own date and more to it than the pronoun
            thing = re.sub(r"^(?:a|an)\s+", "the ", prev.description.partition(" ")[2])
            asked = re.match(r"(?:ask|request|chase)\s+.+?\s+for\s+(?P<thing>.+)$", prev.description, re.I)
            if asked:  # "ask finance for the numbers; share them with me": 'them' is the numbers
                thing = asked["thing"]
            c.description = _PRONOUN_OBJECT.sub(thing, c.description, count=1)
            c.notes.append("what 'it' refers to was taken from the action before")
            out.append(c)
            continue
        if (
            prev
            and prev.owner == c.owner
            and 0 <= c.sentence.index - prev.sentence.index <= 1
            and not _names_its_own_thing(c, prev)
            and (prev.sentence.speaker == c.sentence.speaker or _AGREED_REQUEST in prev.notes)
            and _SLIPPED not in prev.notes  # a status report's item is not what 'it' goes on to do
            # "Get Tom to draft it. … Priyanka … she'll ask her": a step towards someone the first one is not
            and (_named_before(c, people) or prev.description) in prev.description
        ):  # "Can you tell them on Monday?" "Yes, I'll do it Monday.": the answer is the request's item
            if prev.due is None and c.due is not None:
                prev.due = c.due
                prev.notes.append("date from the next sentence")
            prev.tentative = prev.tentative or c.tentative
            continue
        antecedent = _antecedent(c, sentences)
        gerund = antecedent and _base_form(antecedent) != antecedent
        if antecedent and gerund and c.description.split()[0].lower() in ("do", "have", "get", "make"):
            c.description = _base_form(
                antecedent
            )  # "Telling Priya … I need to do it": the telling is the item
            c.description = c.description[:1].upper() + c.description[1:]
            c.notes.append("what 'it' refers to was taken from an earlier line")
        elif antecedent:
            if _PRONOUN_OBJECT.search(c.description):
                c.description = _PRONOUN_OBJECT.sub(antecedent, c.description, count=1)
            else:
                c.description = f"{c.description} {antecedent}"
            c.notes.append("what 'it' refers to was taken from an earlier line")
        out.append(c)
    return out


_WRITERS_VIEW = re.compile(r",?\s+(?:and|but)\s+I\s+(?:think|feel|believe|reckon)\b.*$", re.I)
_TRY_IT = re.compile(r"^(try(?:\s+out)?|test|trial|pilot)\s+(?:it|that|this)\b", re.I)
_URGED = re.compile(
    r"\b(?:encourage[ds]?|suggest(?:ed|s)?|advised?|urged?|invited?|challenged?)\s+(?:you|her|him|them)\s+to\s+"
    r"(?P<act>[a-z][^.;:]*?)\s*(?:[-–—;]|$)",
    re.I,
)
_OPEN_QUESTION = re.compile(
    r"^(whether\s.+?)\s+(?:is|remains|was)\s+(?:still\s+)?(?:open|undecided|unclear|tbd|tbc|up in the air)\b",
    re.I,
)
_WHETHER_HEAD = re.compile(r"^\W*(?P<q>whether\s[^.?!;:]+?)\s*(?:[-–—:]|\?\s*[-–—]?)\s+", re.I)
_PONDER_VERBS = {"think", "reflect", "consider", "decide", "answer", "ponder", "mull", "journal"}
_WH_INVERTED = re.compile(
    r"^(?:[\w ]{1,30}:\s*)?(?P<wh>what|how|why|when|where|who|which)\s+(?P<aux>would|will|could|should|can|"
    r"might|is|are|was|were|has|have)\s+(?P<subj>she|he|they|i|you|we|it)\b(?P<rest>.*)$",
    re.I,
)


def _embedded_question(question: str) -> str | None:
    """'what would she stop doing' -> 'what she would stop doing': the question as a thing to think about."""
    m = _WH_INVERTED.match(question.strip())
    if not m:
        return None
    return f"{m['wh'].lower()} {m['subj']} {m['aux'].lower()}{m['rest']}"


_FILLER = {"yes", "yeah", "ok", "okay", "great", "good", "sure", "fine", "please", "thanks", "perfect",
           "done", "right", "so", "and", "what", "about", "that", "would", "be", "sounds", "lovely",
           "brilliant"}  # fmt: skip
_DET_PHRASE = re.compile(  # "the 1:1s with …": a word with a colon is one word
    r"\b(?:the|a|an|his|her|their|my|your|this|that)\s+[\w/'’:-]+(?:\s+[\w/'’:-]+){0,5}$", re.I
)


_ANY_DAY = date(2000, 1, 3)


def _undated(text: str) -> str:
    """The text without its date phrases ('within two days of the board meeting'): what 'it' stands for is
    a thing of the sentence, not the day or the event that dates it. Where they are is all that is read,
    so any day will do."""
    for p in sorted(find_due_phrases(text, _ANY_DAY, None), key=lambda d: -d.start):
        if p.note == AFTER_EVENT or p.strength >= 3:
            text = text[: p.start].rstrip() + text[p.end :]
    return text.strip()


_SUBJECT_ONLY = re.compile(r"\b(?:i|you|he|she|they|we)\b", re.I)
_LISTED_THINGS = re.compile(
    r"^(?:the|a|an|my|his|her|their|your|some|two|three)\s+\w[^:]*,?\s+and\s+\S", re.I
)
_NAMED_THING = re.compile(r"^[A-Za-z][\w/'’-]*(?:\s+[\w/'’-]+){0,3}$")
# "The article on X I mentioned", "the deck we looked at": a thing named, and who spoke of it
_DET_THING = re.compile(
    r"^(?P<thing>(?:the|that|this)\s+[^,;:()]{2,60}?)"
    r"(?:\s+(?:i|we|she|he|you|they)\s+"
    r"(?:mentioned|discussed|talked about|looked at|suggested|recommended))?$",
    re.I,
)
# A status said of an item named before it ("Still on", "not done yet"), never the thing itself
_STATUS_HEAD = re.compile(
    r"^(?:(?:it'?s |it is )?(?:still (?:on|open|live|pending|to do|outstanding)|not (?:yet )?done(?: yet)?|"
    r"pending|ongoing|outstanding|in progress|carried over|on hold))$",
    re.I,
)


# "bring it up with her manager", "broach it with him": the 'it' is a matter talked about; what an earlier
# commitment hands over or makes (a guide, a draft) is not that, so only lines without one are looked through.
_IF_STILL_THEN = re.compile(
    r"^(?P<main>.+?);\s*(?:and\s+)?(?P<cond>(?:if|unless|should)\s+[^,;]{3,60}),\s*"
    r"(?:(?:she|he|they)(?:['’]ll|\s+will)\s+)?(?P<then>(?P<verb>[a-z]+)\s[^;]+?)\.?$",
    re.I,
)
_DOUBTED = re.compile(
    r"\b(?:not\s+(?:yet\s+)?sure|unsure|doubts?|doubtful|isn['’]t\s+sure|wasn['’]t\s+sure|aren['’]t\s+sure)"
    r"\s+(?:(?:whether|if|that)\s+)?[\w'’]+\s*$",
    re.I,
)
_MINE_NAMED = re.compile(r"^\W*my\s+[^:;]{1,60}:\s", re.I)
_THING_THEN_STATUS = re.compile(
    r"^\W*(?P<thing>[A-Za-z][^:;.!?]{1,60}?)\s*:\s*(?:still\s+|started,?\s+(?:but\s+)?)?"
    r"(?:not\s+(?:yet\s+)?(?:done|finished|started|booked|sent)|didn['’]t\s+happen|not\s+yet"
    # "Budget deck: ~80%, he'll close it out Monday": part done, by the writer's estimate
    r"|(?:about\s+|around\s+|~\s*)?\d{1,2}\s*%(?:\s+(?:done|complete))?)(?!\w)",
    re.I,
)
_TOPIC_IT = re.compile(r"^(?:bring\s+(?:it|that|this)\s+up|broach)\b", re.I)


def _antecedent(c: Candidate, sentences: list[Sentence]) -> str | None:
    verb = (c.description.split() or [""])[0].lower()
    own = c.sentence.text[: c.start]
    earlier = [own] if own.strip() else []
    before_it = reversed(sentences[max(0, c.sentence.index - 4) : c.sentence.index])
    if _TOPIC_IT.match(c.description):
        before_it = (s for s in before_it if not _cue_before(s.text, len(s.text)))
    earlier += [s.text for s in before_it]
    subject_only = not _SUBJECT_ONLY.sub("", own).strip()
    before = sentences[c.sentence.index - 1] if c.sentence.index > 0 and subject_only else None
    if before is not None and before.line_no == c.sentence.line_no:
        # "From me: the chapter on conflict, and a couple of openers. I'll get both to you by Thursday.":
        # a line that only lists things is what the pronoun after it stands for
        listed = re.sub(r"^[\w .'’-]{1,25}:\s+", "", _undated(before.text)).rstrip("?.! ,")
        if _LISTED_THINGS.match(listed) and not _FIRM_CUE.search(listed) and len(listed.split()) <= 25:
            return listed
    status_of = False
    named_status = _THING_THEN_STATUS.match(own) if own.strip() else None
    if named_status and not _PRONOUN_OBJECT.search(named_status["thing"]):
        # "stakeholder map: not done, she'll finish it", "my intro to Priya: not done on my side - will do
        # it tomorrow": the line names its thing, then says where it stands
        thing = re.sub(r"\s*\([^)]*\)", "", named_status["thing"]).strip()
        thing = (
            thing[:1].lower() + thing[1:] if thing[1:2].islower() else thing
        )  # "Budget deck" as a line opens
        return re.sub(r"^(?!(?:the|a|an|his|her|their|my|your)\s)", "the ", thing, flags=re.I)
    for raw in earlier:
        subject = raw is own and re.match(
            r"\W*(?P<thing>(?:the|a|an|his|her|their)\s+[^,;:]{1,60}?)"
            r"\s+(?:is|are|was|were|has been|have been)\s",
            raw,
            re.I,
        )
        if subject:  # "The budget talk with his CFO is postponed; he'll prep for it"
            return subject["thing"][:1].lower() + subject["thing"][1:]
        text = re.sub(
            r"^(?:and|yes|yeah|ok|okay|so|great|what about|how about)[,!]?\s+", "", _undated(raw), flags=re.I
        )
        parts = [x for x in re.split(r"\s+[–—-]\s+|;\s*", text.rstrip("?.! ")) if x.strip()]
        if not parts:
            continue
        head = re.sub(r"^[\w .'’-]{1,25}:\s+", "", parts[0].strip()) if raw is own else parts[0].strip()
        if raw is own and _STATUS_HEAD.match(head):
            status_of = True  # "… - didn't happen. Still on; she'll do it this week": the thing is before it
            continue
        if status_of and raw is not own:
            status_of = False
            if (
                len(parts) > 1
                and len(head.split()) <= 10
                and head.split()[0].lower() not in ACTION_VERBS
                and not _PRONOUN_OBJECT.search(head)
                and content_words(head, keep_verbs=False)
            ):  # "Conversation with Erik about X - didn't happen": the line's item, named before its status
                head = head[:1].lower() + head[1:]
                return re.sub(r"^(?!(?:the|a|an|his|her|their|my|your)\s)", "the ", head, flags=re.I)
        named_before = _DET_THING.match(head)
        if (
            raw is own
            and len(parts) > 1
            and named_before
            and not _FIRM_CUE.search(head)
            and not _PRONOUN_OBJECT.search(named_before["thing"])
        ):
            # 'The article on "managing managers" I mentioned - I said I'd dig it out': the line names its
            # thing first, with who mentioned it after it
            thing = named_before["thing"]
            return thing[:1].lower() + thing[1:]
        if (  # "stakeholder map - still not done, she'll finish it by Fri": the line names its thing first
            raw is own
            and len(parts) > 1
            and _NAMED_THING.match(head)
            and not _PRONOUN_OBJECT.search(head)
            and head.split()[0].lower() not in ACTION_VERBS
            and content_words(head, keep_verbs=False)
        ):
            return re.sub(r"^(?!(?:the|a|an|his|her|their|my|your)\s)", "the ", head, flags=re.I)
        text = head if raw is not own else " ".join(parts)
        if raw is own:  # "She didn't get to the team retro - she'll run it": the subject is not the thing
            text = re.sub(r"\s*\b(?:i|you|he|she|they|we)\s*$", "", text, flags=re.I)
        if re.match(r"^[A-Za-z]+ing\b", text) and _base_form(text) != text and not _FIRM_CUE.search(text):
            return text  # "Telling Priya she's not getting it": a gerund phrase names the action
        if raw is not own and raw.rstrip().endswith("?") and verb in _PONDER_VERBS:
            # "What would she stop doing if she got it? She'll think about that": the question is 'that'
            return _embedded_question(text.rstrip("?.! ,"))
        text = text.rstrip("?.! ,-–—")  # "… the two new managers - will do them": the dash is no word
        open_question = _OPEN_QUESTION.match(text)
        if open_question:  # "Whether to involve his team is still open - he'll think about it"
            return open_question.group(1)[:1].lower() + open_question.group(1)[1:]
        words = [w for w in re.findall(r"[\w'/-]+", text.lower()) if w not in _FILLER]
        if not words:
            continue
        m = (
            re.search(
                rf"\b{re.escape(verb)}\s+(?:(?:you|me|her|him|them)\s+)?"
                rf"(?P<obj>(?:the|a|an|his|her|their|my|your|that|this|those|these)\s.+)$",
                text,
                re.I,
            )
            if verb
            else None
        )
        if m and len(content_words(m["obj"], keep_verbs=False)) >= 1:
            # "Can you send me that article?" - "I'll send it": 'it' is the article asked for
            obj = re.split(r"[?!\"”]", m["obj"])[0].strip()
            return re.sub(r"^(?:that|this)\s+", "the ", obj, flags=re.I)
        d = _DET_PHRASE.search(text)
        done_it = re.match(
            r"^(?P<thing>.+?),\s+(?:i|she|he|they)(?:['’]ll|\s+will)\s+do\s+(?:it|that)\b", text, re.I
        )
        if not d and done_it:
            # "I said I'd send you the survey results, I'll do it tomorrow": the thing is the one the
            # sentence's own 'it' stands for
            d = _DET_PHRASE.search(done_it["thing"].rstrip(" .!?"))
        if d and not re.match(r"(?:that|this)\s+(?:would|is|was|sounds)", d.group(0), re.I):
            phrase = re.sub(r"^(?:that|this)\s+", "the ", d.group(0), flags=re.I)
            # "send her the draft": 'her' is who gets it; the thing is "the draft"
            phrase = re.sub(
                r"^(?:her|his|their|my|your)\s+(?=(?:the|a|an|this|that)\s)", "", phrase, flags=re.I
            )
            if [w for w in content_words(phrase) if w not in _GENERIC_NOUNS]:
                return phrase
    return None


def _question_dates(
    cands: list[Candidate], sentences: list[Sentence], session_date: date, next_session: date | None
) -> None:
    """In a transcript, an answer without a date takes the date the question just asked about."""
    for c in cands:
        if c.due is not None or c.sentence.speaker is None or not c.sentence.first_in_line:
            continue
        i = c.sentence.index
        for s in reversed(sentences[max(0, i - 2) : i]):
            if s.speaker not in (None, c.sentence.speaker) and s.text.endswith("?"):
                due = pick_due(find_due_phrases(s.text, session_date, next_session))
                if due is not None and due.due is not None:
                    c.due = due
                    c.notes.append("date from the question it answers")
                break


_DEADLINE = re.compile(r"^(?:the\s+)?(?:deadline|due date|target date|hard stop)\s*(?:is|:|-|–)\s*", re.I)


def _deadline_after(
    cands: list[Candidate], sentences: list[Sentence], session_date: date, next_session: date | None
) -> None:
    """'He will rehearse the talk. Deadline is the town hall on 14 December.': a deadline stated on its own
    is the date of the undated actions of the sentence just before it, in the same line."""
    for s in sentences:
        if not _DEADLINE.match(s.text) or s.index == 0:
            continue
        due = pick_due([p for p in find_due_phrases(s.text, session_date, next_session) if p.due])
        prev = sentences[s.index - 1]
        if due is None or prev.line_no != s.line_no:
            continue
        for c in cands:
            if c.sentence.index == prev.index and c.due is None:
                c.due = due
                c.notes.append("date from the deadline stated after it")


# "before then", and "before that meeting" pointing back at the one the sentence before dated
_THEN = re.compile(
    r"\b(?:before|by|until)\s+then\b"
    r"|\s*\b(?:before|ahead\s+of|by)\s+th(?:at|is)\s+(?:meeting|call|conversation|chat|talk|catch-up|1:1)\b",
    re.I,
)


def _dates_of_then(
    cands: list[Candidate], sentences: list[Sentence], session_date: date, next_session: date | None
) -> None:
    """'I'll send you the checklist before then': 'then' is the date the sentence before named."""
    for c in cands:
        then = _THEN.search(c.sentence.text)
        if c.due is not None or c.contingent or not then:
            continue
        # "…, which he will have by Wednesday, and I'll send them before then": a date earlier in its own
        # run-on sentence, else the sentence before's
        in_clause = _THEN.search(c.clause)
        at = (
            c.sentence.text.find(c.clause) + in_clause.start()
            if in_clause and c.clause in c.sentence.text
            else 0
        )
        own = [replace(c.sentence, text=c.sentence.text[:at])] if at > 0 else []
        for s in [*own, *reversed(sentences[max(0, c.sentence.index - 2) : c.sentence.index])]:
            dated = [p for p in find_due_phrases(s.text, session_date, next_session) if p.due]
            # in its own run-on sentence 'then' is the nearest date before it ("session today … talk to
            # her wednesday and he will write it up before that conversation"), not the first
            due = max(dated, key=lambda p: p.start) if dated and own and s is own[0] else pick_due(dated)
            if due is not None:
                c.due = due
                c.description = _THEN.sub("", c.description)
                c.description = re.sub(r"\s+(?:before|by|until)$", "", c.description)
                c.notes.append("'then' is the date of the sentence before")
                break


def extract_actions(
    sentences: list[Sentence],
    people: People,
    session_date: date,
    next_session: date | None,
    time_zone: str = "",
    raw: str = "",
) -> list[ActionItemDraft]:
    """The action items of the notes, each with its receipt (`time_zone` the business's: how to read 3/4
    when the notes' own dates do not tell)."""
    lines = dict.fromkeys(s.line for s in sentences)
    month_first = month_first_in(lines, session_date, time_zone)
    with numeric_order(month_first), event_dates(lines, session_date, next_session):
        return _extract(sentences, people, session_date, next_session, raw)


# Under a "Next time:" heading most lines are topics ("revisit the conflict"); one that brings something
# to the session is the client's to do by then
# ("next time: she brings her calendar" in the present, as a plan)
_BRING = re.compile(
    r"^(?:(?:she|he|they|you)(?:\s+(?:will|to|should)|['’]ll)\s+)?bring\b|^(?:she|he)\s+brings\b", re.I
)
# "Next session – bring X", "Next session the twenty-fourth: she'll bring Y": the session named first
_NEXT_SESSION_AHEAD = re.compile(
    r"^(?:for\s+)?(?:the\s+|our\s+)?next\s+(?:session|time|meeting|call)\b[^–—:;.]{0,40}?(?:\s+-|\s*[–—:])\s*(?P<rest>\S.*)$",
    re.I,
)
# … and one that says who will do what ("Next: I'll send the contract by Wednesday") is a promise, not a topic
_PROMISE = re.compile(
    r"^(?:i|she|he|they|we)(?:\s+will|['’]ll)\s+(?!(?:see|talk|discuss|revisit|explore)\b)", re.I
)


# "… – to discuss next time", "(to revisit at our next session)": what the sentence names is put on the next
# session's agenda, not agreed as a thing to do
_TO_DISCUSS_NEXT = re.compile(
    r"[-–—(,;]\s*(?:to\s+(?:be\s+)?)?(?:discuss(?:ed)?|revisit(?:ed)?|explore[d]?|talk(?:ed)?\s+about|pick(?:ed)?\s+up)"
    r"\s+(?:(?:again\s+)?(?:next\s+(?:time|session|week)|at\s+(?:the|our)\s+next\s+(?:session|meeting)))\)?[.!]?\s*$",
    re.I,
)


# "Graham agreed to fund the course. He'll also send her the criteria": 'also' carries on the sentence
# before's subject, and when that was someone else's promise, this one is theirs too
_ALSO_PRONOUN = re.compile(r"^\s*(?:and\s+)?(?:he|she|they)(?:['’]ll|\s+will|\s+has|\s+is)?\s+also\b", re.I)
_OTHERS_PROMISE = re.compile(
    r"^\s*(?P<who>(?-i:[A-Z][\w'’-]+))\s+(?:also\s+)?(?:agreed|offered|promised|committed|volunteered|"
    r"will\b|['’]ll\b|is\s+going\s+to|said\s+(?:he|she|they)['’]?d)",
    re.I,
)


def _goes_on_for_someone_else(before: Sentence, s: Sentence, people: People) -> bool:
    if s.line_no - before.line_no > 1 or not _ALSO_PRONOUN.match(s.text):
        return False
    other = _OTHERS_PROMISE.match(before.text)
    if not other or people.owner_of_word(other["who"]) != "third":
        return False
    # only when that sentence names the client too: someone other than her, not a name the notes use for her
    named = re.findall(r"\b(?-i:[A-Z][\w'’-]+)", before.text[other.end() :])
    return any(people.owner_of_word(w) == "client" for w in named)


def _extract(
    sentences: list[Sentence], people: People, session_date: date, next_session: date | None, raw: str = ""
) -> list[ActionItemDraft]:
    cands: list[Candidate] = []
    prev: Sentence | None = None
    for s in sentences:
        before, prev = prev, s
        if before is not None and _goes_on_for_someone_else(before, s, people):
            continue
        ahead = _NEXT_SESSION_AHEAD.match(s.text)
        if ahead and _BRING.match(ahead["rest"]) and s.speaker != "other":
            # "Next session – bring the template", "Next session the 24th – he'll bring the agenda": what
            # the client brings to it, due then
            # (a bare "bring X" is asked of the client, whoever's line says it: "SC: next session – bring …")
            bare = re.match(r"bring\b", ahead["rest"], re.I) is not None
            s = replace(s, text=ahead["rest"], label="next", tag_owner="client" if bare else s.tag_owner)
        if "next" in (s.section, s.label) and _BRING.match(s.text) and s.speaker != "other":
            # "For next time: bring the draft charter": not a topic but what the client brings to it
            brought = replace(
                s, text=f"{s.text.rstrip(' .')} for next time", section="actions", label="actions"
            )
            cands.extend(candidates_from_sentence(brought, people, session_date, next_session))
            continue
        if _TO_DISCUSS_NEXT.search(s.text):
            continue  # "he might pair with Tiago on it - to discuss next time": a topic for next session
        if "next" in (s.section, s.label) and _PROMISE.match(s.text) and s.speaker != "other":
            promised = replace(s, section="actions", label="actions")
            cands.extend(candidates_from_sentence(promised, people, session_date, next_session))
            continue
        if (
            s.section in ("next", "options", "goals")
            or s.label in ("next", "done", "options")
            or s.speaker == "other"
        ):
            continue
        if s.section == "both":
            # under "Both to:" in a one-to-one, as "we'll both read X": one item for each
            partner = s.author if s.author in ("coach", "associate") else "coach"
            as_hers = replace(s, section="client")
            for c in candidates_from_sentence(as_hers, people, session_date, next_session):
                cands.append(c)
                if c.owner == "client":
                    cands.append(replace(c, owner=partner, notes=list(c.notes)))
            continue
        cands.extend(candidates_from_sentence(s, people, session_date, next_session))
    cands.extend(_requests(sentences, people, session_date, next_session))
    cands.extend(_asked_in_email(sentences, session_date, next_session))
    cands.extend(_slipped(sentences, session_date))
    cands.extend(_emails_to_send(raw, sentences, people, session_date, next_session))
    cands = [c for c in cands if c.sentence.author != "other" or c.owner == "client"]
    cands = [c for c in cands if not _declined(c, sentences) and not _ANSWERED_NO.search(c.sentence.text)]
    cands = [c for c in cands if not _realisation(c)]
    cands = _called_off(cands, sentences)
    cands = _done_later(cands, sentences)
    _hedged_after(cands, sentences)
    if any(_NO_ACTIONS_AT_ALL.search(s.text) for s in sentences):
        # "No actions for either of us until she decides": the notes say none were agreed, so what 'might'
        # happen on a condition ("if the budget doesn't cover it she might self-fund") is no item
        cands = [c for c in cands if not c.tentative]
    for c in cands:
        if c.sentence.author == "other" and not c.tentative:
            # asked of the client in someone else's quoted email: not yet agreed in the session
            c.tentative = True
            c.notes.append(_ASKED_IN_EMAIL)
    cands.sort(key=lambda c: (c.sentence.index, c.start))
    if people.addressee_name:
        for c in cands:  # notes written to someone: "send you my notes" is sent to them by name
            if c.sentence.speaker is None and c.sentence.author == people.author:
                c.description = _unquoted_sub(_YOUR, f"{people.addressee_name}'s", c.description)
                c.description = _unquoted_sub(_YOU, people.addressee_name, c.description)
    cands = _merge_vague(cands, sentences, people)
    _name_the_other(cands, people)
    _question_dates(cands, sentences, session_date, next_session)
    _dates_of_then(cands, sentences, session_date, next_session)
    _deadline_after(cands, sentences, session_date, next_session)
    cands = _moved_dates(cands, sentences, session_date, next_session)
    cands = _superseded(cands)
    cands = _suggestions_taken_up(cands)
    cands = _asks_answered_instead(cands)
    items: list[ActionItemDraft] = []
    seen: list[tuple[str, set[str], bool]] = []
    kept: list[Candidate] = []
    for c in cands:
        # ("do the Dana intro" is "introduce … to Dana" written again)
        words = {"introduce" if w in ("intro", "intros") else w for w in content_words(c.description)}
        asked = _ASKED_IN_EMAIL in c.notes
        # an email's ask and what the client agreed in the session about the same thing are both kept:
        # "send Mark the deck" is not "reply to Mark to agree what the deck needs to cover"
        same = next(
            (
                k
                for k, (o, w, a) in enumerate(seen)
                if o == c.owner
                and a == asked
                and w
                and len(words & w) / max(1, min(len(words), len(w))) >= 0.8
            ),
            None,
        )
        if same is not None:
            if items[same].due is None and c.due is not None and c.due.due is not None:
                # a status table's "Send the draft | Blocked" row, then "… send me the draft by Thursday": the
                # item again, now with its date
                kept[same].due = c.due
                items[same] = _to_item(kept[same], session_date)
            continue
        seen.append((c.owner, words, asked))
        kept.append(c)
        items.append(_to_item(c, session_date))
    return items


def _suggestions_taken_up(cands: list[Candidate]) -> list[Candidate]:
    """'Sarah suggested Hannah use the Strategy Canvas to frame the platform bet', then under the tasks
    'Draft a one-page Strategy Canvas for the platform bet': the suggestion, taken up as a concrete task of
    the same owner later in the notes, is that task, not a second item."""
    out = []
    for c in cands:
        if _SUGGEST_CUE.match(c.sentence.text, c.start):
            words = set(content_words(c.description))
            later = [
                set(content_words(o.description))
                for o in cands
                if o is not c and o.owner == c.owner and o.sentence.index > c.sentence.index
            ]
            if len(words) >= 3 and any(len(words & w) * 3 >= len(words) * 2 for w in later):
                continue
        out.append(c)
    return out


_INSTEAD_OF = re.compile(r"\binstead\s+of\s+(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*(?:[,.;]|$)", re.I)


def _asks_answered_instead(cands: list[Candidate]) -> list[Candidate]:
    """'Please set up a meeting with the regional leads' in an email, then in the session 'she'll book 30
    minutes with each of them instead of one big meeting': the ask is answered by another way of doing it."""
    instead = {
        w
        for c in cands
        if _ASKED_IN_EMAIL not in c.notes
        for m in _INSTEAD_OF.finditer(c.sentence.text)
        for w in content_words(m["what"])
    }
    return [
        c for c in cands if _ASKED_IN_EMAIL not in c.notes or not instead & set(content_words(c.description))
    ]


# "Her CEO, Margaret, hasn't confirmed it. She'll raise it with her on Thursday": 'her' in the client's own
# action is not the client (the subject), so it is the person the line named last before it; the item
# names her, as the client reading it later would need. 'her' before a noun is a possessive, left alone.
_OBJECT_PRONOUN = re.compile(
    r"\b(?P<p>him|her)\b(?=\s*$|[,.;:!?]|\s+(?:and|what|how|if|whether|why|when|who|about|for|on|at|to|in|"
    r"by|about|today|tomorrow|tonight|this|next|first|again|once|before|after|after|every|each|a|an|the)\b)",
    re.I,
)
# a name, not a sentence's first word ("Talking …"), a place ("in Perth") or a title's second word
# ("Radical Candor")
_CAP_WORD = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!['’]s\b)(?!\s+[A-Z]\w)")


def _named_before(c: Candidate, people: People) -> str | None:
    """Who 'her'/'him' in the client's own action is: the last person the line names before it."""
    if c.owner != "client" or c.sentence.speaker not in (None, "client"):
        return None
    m = _OBJECT_PRONOUN.search(c.description)
    if not m or re.search(r"\w['’]s\b", c.description[: m.start()]):
        return None  # "bring it to Priya's session with her": whose session it is, not an object
    s = c.sentence
    at = s.line.find(s.text.rstrip(".!? ")[:25])
    if at < 0:  # a sentence rebuilt from a list of clauses: find the pronoun's own words in the line
        lead = c.description[max(0, m.start() - 15) : m.end()].split(None, 1)[-1]
        hit = re.search(re.escape(lead), s.line, re.I)
        at = hit.start() if hit else -1
    before = s.line[: at + c.start] if at >= 0 else s.text[: c.start]
    names = [
        w.group(0)
        for w in _CAP_WORD.finditer(before)
        if w.group(0).lower() not in MONTHS
        and w.group(0).lower() not in WEEKDAYS
        and people.looks_like_name(w.group(0))
        and people.owner_of_word(w.group(0)) == "third"
        and not re.search(r"(?:^|[.!?:;]|\s[-–—]|\b(?:in|at|from|to)|[A-Z]\w*)\s*$", before[: w.start()])
    ]
    return names[-1] if names else None


def _name_the_other(cands: list[Candidate], people: People) -> None:
    for c in cands:
        name = _named_before(c, people)
        if name:
            m = _OBJECT_PRONOUN.search(c.description)
            assert m is not None
            c.description = c.description[: m.start()] + name + c.description[m.end() :]
            c.notes.append(f"'{m['p']}' read as {name}, the person named before it")


# "I suggested she ask the CFO for a monthly 1:1. She said no": a proposal turned down is no action
# "He asked me to call his boss – I said no": a request the writer turned down is no action either
_PROPOSED = re.compile(
    r"\b(?:suggested|proposed|offered|recommended|floated|put it to"
    r"|(?:asked|wanted|would like|['’]d like) me to|asked (?:if|whether) I (?:could|would))\b",
    re.I,
)
_DECLINE = (
    # "– no, same reason", "– no: not my role": a bare no after the request
    r"no\b[,.:;]|"
    r"(?:but\s+)?(?:she|he|they|I|[A-Z][\w'’-]+)\s+(?:said no|declined|refused"
    r"|turned (?:it|that|this|the idea) down|(?:was|is)n['’]t keen|(?:did|does)n['’]t want (?:to|it|that)"
    r"|(?:would|['’]d) rather not"
    # "I suggested he sleep more - he laughed": laughed or shrugged off, not taken up
    r"|passed on it|pushed back|(?:laughed|shrugged)(?: it off)?|(?:was|is)n['’]t convinced)\b"
)
_DECLINE_NEXT = re.compile(r"^\W*" + _DECLINE)
_DECLINE_AFTER = re.compile(r"[;,:–—-]\s*" + _DECLINE)


# "I need to stop rescuing the team", "she needs to stop checking email at 11pm": what she has seen about
# a habit, not a step agreed (the set has "she'll stop …" and "wants to stop …, starting tonight" as items)
_NEED_TO_STOP = re.compile(r"\bneeds?\s+to\s+(?:really\s+)?stop\s+\w+ing\b", re.I)


def _realisation(c: Candidate) -> bool:
    if not c.description.lower().startswith("stop "):
        return False
    return bool(
        _NEED_TO_STOP.search(c.clause) or _NEED_TO_STOP.search(c.sentence.text[c.start : c.start + 80])
    )


def _declined(c: Candidate, sentences: list[Sentence]) -> bool:
    """A proposal the client (or coach) turned down, in the same sentence or the one after it."""
    s = c.sentence
    if not _PROPOSED.search(s.text[: c.start + 60]):
        return False
    if _DECLINE_AFTER.search(s.text, c.start):
        return True
    nxt = next((t for t in sentences if t.index == s.index + 1), None)
    return bool(nxt and nxt.line_no - s.line_no <= 1 and _DECLINE_NEXT.match(nxt.text))


# "scrap that - no need to email HR", "no longer needs to book the room": said after the list, it takes the
# earlier item about the same thing off it
_CALLED_OFF = re.compile(
    r"\b(?:no (?:need|point)|(?:do(?:es)?n['’]?t|no longer) (?:need|have)s?)\s+(?:for\s+\w+\s+)?to\s+"
    r"(?P<what>[^,.;:()\n]+)",
    re.I,
)


def _called_off(cands: list[Candidate], sentences: list[Sentence]) -> list[Candidate]:
    """Items a later sentence says are no longer needed ('… no need to email HR, his boss did it')."""
    drop: set[int] = set()
    for s in sentences:
        for m in _CALLED_OFF.finditer(s.text):
            what = set(content_words(m["what"]))
            if not what:
                continue
            for i, c in enumerate(cands):
                if c.sentence.index > s.index:
                    continue  # (the line saying so is no item either: "no need to call …" is no call)
                if len(what & set(content_words(c.description))) / len(what) >= 0.6:
                    drop.add(i)
    return [c for i, c in enumerate(cands) if i not in drop]


_DONE_WORDS = re.compile(
    r"\b(?:all|already|now|done|sent|booked|completed?|finished|sorted|ticked off|happened)\b", re.I
)


# "I'll raise it at exco on Monday. Probably. If the CEO's in the room.": a sentence of its own that only
# hedges ("Probably.", "Maybe.", "No promises.") or only sets a condition ("If the CEO's in the room.")
_HEDGE_ALONE = re.compile(
    r"^(?:(?:well|but|and|so|um|uh),?\s+)?(?:probably|maybe|perhaps|possibly|hopefully|not promising"
    r"|no promises|we'?ll see|fingers crossed|if (?:possible|i can|time allows|there'?s time)"
    r"|if\s+(?!(?:i|she|he|they|you|we)\s+(?:will|can|could|should)\b)[^,;]{1,60})[.!…]*$",
    re.I,
)


# "I'll just check in with a message on Friday? – no, he asked for no messages": the writer asks herself and
# answers no in the same breath
_ANSWERED_NO = re.compile(
    r"\?\s*(?:[-–—]\s*)?no\b(?!\s+(?:problem|worries|rush|later|more|one)\b)[,.;!:–—-]", re.I
)


def _hedged_after(cands: list[Candidate], sentences: list[Sentence]) -> None:
    """An item the very next sentence of the same line hedges on its own ('… on Monday. Probably.')
    is tentative, as '… on Monday, probably' is."""
    by_index = {s.index: s for s in sentences}
    for c in cands:
        nxt = by_index.get(c.sentence.index + 1)
        if (
            nxt is not None
            and nxt.line_no == c.sentence.line_no
            and _HEDGE_ALONE.match(nxt.text.strip())
            and not c.tentative
        ):
            c.tentative = True
            c.notes.append(f"hedged by the sentence after it: '{nxt.text.strip()}'")


def _done_later(cands: list[Candidate], sentences: list[Sentence]) -> list[Candidate]:
    """An item a later line reports done ('Update Thu: - 1:1s all booked - done' after 'she'll set up 1:1s
    with all five PMs'): done since the notes were started, so no longer to do."""
    drop: set[int] = set()
    for s in sentences:
        if s.label != "done":
            continue
        what = set(content_words(_DONE_WORDS.sub(" ", s.text), keep_verbs=False))
        if not what:
            continue
        for i, c in enumerate(cands):
            if c.sentence.line_no >= s.line_no:
                continue
            theirs = set(content_words(c.description, keep_verbs=False))
            if theirs and len(what & theirs) / len(what) >= 0.6:
                drop.add(i)
    return [c for i, c in enumerate(cands) if i not in drop]


# "actually make that the 21st", "let's move it to Thursday instead": a later message moving a date just given
_MAKE_THAT = re.compile(
    r"^\W*(?:(?:actually|ok(?:ay)?|sorry|so|no|wait|hmm)[,!.]?\s+)*(?:let['’]?s\s+|can we\s+|could we\s+)?"
    r"(?:make|move|change|push)\s+(?:that|it)\s+(?:to\s+)?(?P<when>[^.;!?]{2,30}?)(?:\s+instead)?\s*[.!?]?\s*$",
    re.I,
)
_DEADLINE_LEAD = re.compile(r"^(?:by|before|on|until|due|for|this|next)\s+", re.I)


def _moved_dates(
    cands: list[Candidate], sentences: list[Sentence], session_date: date, next_session: date | None
) -> list[Candidate]:
    """'Friday is too soon for Tomás' then 'actually make that the 21st': the new date replaces the date of
    the item the message before named by its date (else the latest dated item before it); the message
    itself is no item."""
    moves: set[int] = set()
    for s in sentences:
        m = _MAKE_THAT.match(s.text)
        if not m:
            continue
        new = next((p for p in find_due_phrases(m["when"], session_date, next_session) if p.due), None)
        earlier = [c for c in cands if c.sentence.index < s.index and c.due and c.due.due]
        if new is None or not earlier:
            continue
        moves.add(s.index)
        own = {c.sentence.index for c in earlier}
        before = " ".join(
            p.text.lower() for p in sentences if s.index - 2 <= p.index < s.index and p.index not in own
        )
        named = [
            c
            for c in earlier
            if re.search(rf"\b{re.escape(_DEADLINE_LEAD.sub('', c.due.text.lower()))}\b", before)
        ]
        target = (named or earlier)[-1]
        target.notes.append(f"date moved later in the notes: '{s.text.strip()[:60]}'")
        target.due = new
    return [c for c in cands if c.sentence.index not in moves]


_INSTEAD = re.compile(r"\binstead\b(?!\s+of\b)", re.I)
_VAGUE_VERB = re.compile(r"(?:do|have|make|get)\b", re.I)


def _superseded(cands: list[Candidate]) -> list[Candidate]:
    """'I'll do the Elif conversation on Monday instead': the later plan replaces the earlier one of the
    same owner about the same thing (its date, most often)."""
    drop: set[int] = set()
    for i, c in enumerate(cands):
        if not _INSTEAD.search(c.clause or c.sentence.text):
            continue
        words = set(content_words(c.description, keep_verbs=False))
        for j, e in enumerate(cands[:i]):
            theirs = set(content_words(e.description, keep_verbs=False))
            if e.owner != c.owner or not (words and theirs):
                continue
            if len(words & theirs) / min(len(words), len(theirs)) >= 0.5:
                drop.add(j)
                if _VAGUE_VERB.match(c.description) or len(theirs) > len(words):
                    c.description = e.description  # "do it … instead": the earlier words say what "it" is
                c.notes.append(f"in place of the earlier plan '{e.clause.strip()[:80]}'")
    return [c for i, c in enumerate(cands) if i not in drop]


def _unquoted_sub(rx: re.Pattern[str], by: str, text: str) -> str:
    """`rx` replaced outside quotes: the "managing your boss" worksheet keeps its title's 'your'."""
    parts = re.split(r'("[^"\n]*"|“[^”\n]*”)', text)
    return "".join(p if i % 2 else rx.sub(by, p) for i, p in enumerate(parts))


_YOU = re.compile(r"(?<![\w'’])you(?![\w'’])", re.I)
_YOUR = re.compile(r"(?<![\w'’])your(?![\w'’])", re.I)


# "intro her to Maya": the shorthand verb written out, as an item reads ("Introduce her to Maya"); "intro
# call with Bob" names a call
_INTRO = re.compile(r"^[Ii]ntro(?= (?:her|him|them|me|us|[A-Z][\w'’-]*) (?:to|with)\b)")


def _to_item(c: Candidate, session_date: date) -> ActionItemDraft:
    c.description = _INTRO.sub("Introduce", c.description)
    perfect = re.match(r"^have\s+(?P<verb>[a-z]+)\s+", c.description, re.I)
    base = perfect and (
        "have" if perfect["verb"].lower() == "had" else _past_to_base(perfect["verb"].lower())
    )
    if perfect and base:
        # "I'll have had the first skip-level (by then)": the future perfect's thing done, as a thing to do
        c.description = f"{base.capitalize()} {c.description[perfect.end() :]}"
    due = c.due.due if c.due else None
    notes = list(c.notes)
    if c.due is None:
        notes.append("no date given")
    elif due is None:
        notes.append(f"'{c.due.text}': {c.due.note or 'date unknown'}")
    else:
        notes.append(f"due from '{c.due.text}'" + (f" ({c.due.note})" if c.due.note else ""))
    if c.tentative and _ASKED_IN_EMAIL not in notes:
        notes.append("tentative: hedged in the notes")
    urgent = bool(_URGENT.search(c.sentence.line))
    if c.tentative:
        priority = "Low"
    elif c.sentence.priority:
        priority = c.sentence.priority  # the writer's own ranking ("P2", "HIGH:") over the rule's guess
    elif urgent or (due is not None and due - session_date <= timedelta(days=2)):
        priority = "High"
    else:
        priority = "Medium"
    receipt = f"\u201c{c.sentence.text.strip()}\u201d \u2014 " + "; ".join(n for n in notes if n)
    return ActionItemDraft(
        description=c.description[:200],
        owner=c.owner,  # type: ignore[arg-type]
        due=due,
        priority=priority,  # type: ignore[arg-type]
        tentative=c.tentative,
        receipt=receipt[:1000],
    )
