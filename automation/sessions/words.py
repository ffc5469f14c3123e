"""Small word lists the rules share: verbs that start an action, words that carry no content."""

from __future__ import annotations

import re

_VERBS = """
    add agree aim align analyse analyze announce apologise apologize apply approach arrange ask assess attend
    audit backfill
    block book brainstorm brief bring build calendar call cancel capture catch celebrate challenge
    change chase check choose circulate clarify clear close coach collect complete compile confirm
    connect consider contact continue copy create cut debrief decide decline define delegate deliver design
    develop diarise diarize discuss do document draft drop email e-mail escalate establish explore
    facilitate file fill finalise finalize find finish fix follow forward gather get give go hand have
    hire hold identify implement interview intro introduce invite involve journal keep kick launch lead
    learn limit list let listen log look make map meet message mention monitor move negotiate note
    observe onboard open organise organize outline pair pause pick pilot plan post practise practice
    prepare present prioritise prioritize produce promote propose provide publish pull push put raise
    reach read rebook recap record recruit reflect reframe rehearse reorganise reorganize re-plan replan
    reply request research reschedule reserve reset restructure review revise revisit rewrite role-play
    redo redraft rebuild refresh rethink rework
    roll run say schedule score screen send set share shadow shortlist sign sit sketch sort speak start
    stop streamline submit suggest summarise summarize survey take talk tell test text tidy think track
    thank train try update upskill use visit volunteer walk watch write
"""
_STOP = """
    a an the and or but of to in on at by for with from into about as is are was were be been being am
    i me my we us our you your he him his she her they them their it its this that these those there
    will would shall should can could may might must do does did done have has had get gets got make
    makes made 'll ll s t up out so then also just some any all each every what which who whom whose
    when where how why if than too very not no yes own same both more most other such only over after
    before again further once here while because until off under per via re w/ w
"""
# The commonest action verbs of the languages coaches mix into English notes, as the infinitive (or, in
# Dutch, the imperative) a list line starts with: French, Spanish, Portuguese, Italian, German, Dutch
_OTHER_VERBS = """
    envoyer appeler écrire ecrire préparer preparer partager réserver reserver organiser planifier demander
    parler relire valider finir rencontrer proposer
    enviar llamar escribir preparar compartir reservar organizar pedir hablar revisar terminar proponer
    partilhar marcar ligar falar conversar pedir escrever agendar rever mandar
    inviare chiamare scrivere preparare condividere prenotare organizzare chiedere parlare rivedere
    mandare incontrare
    schicken senden anrufen schreiben vorbereiten teilen buchen planen fragen besprechen
    stuur bel schrijf plan vraag deel boek mail bespreek maak lees
    sturen bellen schrijven mailen plannen vragen delen boeken bespreken
    sende ringe skrive snakke booke dele planlegge planlægge spørre spørge møte
    skicka ringa skriva prata boka planera fråga träffa
    wysłać wyslac zadzwonić napisać przygotować spotkać umówić zapytać porozmawiać zarezerwować zaplanować
    przeczytać udostępnić poslat zavolat napsat připravit sdílet rezervovat naplánovat zeptat promluvit
"""
OTHER_VERBS = set(_OTHER_VERBS.split())
# Their present tense where it is not the infinitive's stem and an ending ("je lui envoie", "yo le pido")
_OTHER_IRREGULAR = {"envoie", "envoies", "envío", "envio", "pido", "pide", "pida", "rufe", "peço", "peco"}
_ENDINGS = ("are", "ere", "ire", "ar", "er", "ir", "re", "en")


def _stem_of(verb: str) -> str:
    for ending in _ENDINGS:
        if verb.endswith(ending) and len(verb) - len(ending) >= 3:
            return verb[: -len(ending)]
    return verb


_OTHER_STEMS = {_stem_of(v) for v in OTHER_VERBS if len(v) >= 5}


# Those verbs in English, for the writer's own line in her other language ("Je lui envoie X": "Send X")
_IN_ENGLISH = """
    send: envoyer enviar mandar mandare inviare schicken senden stuur sturen mail mailen sende skicka
    send: wysłać wyslac poslat
    call: appeler llamar ligar chiamare anrufen bel bellen ringe ringa zadzwonić zavolat
    write: écrire ecrire escribir escrever scrivere schreiben schrijf schrijven skrive skriva napisać napsat
    prepare: préparer preparer preparar preparare vorbereiten przygotować připravit
    share: partager compartir partilhar condividere teilen deel delen dele udostępnić sdílet
    book: réserver reserver reservar prenotare buchen boek boeken booke boka
    book: zarezerwować rezervovat marcar agendar
    ask: demander pedir chiedere fragen vraag vragen spørre spørge fråga zapytać zeptat
    talk to: parler hablar falar conversar parlare besprechen bespreek bespreken snakke prata
    talk to: porozmawiać promluvit
    plan: organiser planifier organizar organizzare planen plan plannen planlegge
    plan: planlægge planera zaplanować naplánovat
    review: relire revisar rever rivedere
    meet: rencontrer incontrare møte träffa spotkać umówić
    finish: finir terminar
    validate: valider
    propose: proposer proponer
    read: lees przeczytać
    make: maak
"""
_ENGLISH_OF = {
    v: line.split(":")[0].strip()
    for line in _IN_ENGLISH.strip().splitlines()
    for v in line.split(":")[1].split()
}


def in_english(word: str) -> str:
    """The English verb for one of the other languages' verb forms ('envoie' -> 'send'), or ''."""
    w = word.lower().strip(".,;:")
    if w in ("envoie", "envoies", "envío", "envio"):
        return "send"
    if w in ("pido", "pide", "pida", "peço", "peco"):
        return "ask"
    if w == "rufe":
        return "call"
    if w in _ENGLISH_OF:
        return _ENGLISH_OF[w]
    for verb, english in _ENGLISH_OF.items():
        stem = _stem_of(verb)
        if len(verb) >= 5 and len(stem) >= 3 and w.startswith(stem) and len(w) - len(stem) <= 3:
            return english
    return ""


def is_other_verb_form(word: str) -> bool:
    """A present-tense form of one of the other languages' action verbs ('mando', 'hable', 'prépare',
    'schicke'): the infinitive's stem and a short ending. Only read after a word that says a verb follows
    (a first-person pronoun, 'quizás'), never as a verb on its own."""
    w = word.lower().strip(".,;:")
    if w in OTHER_VERBS or w in _OTHER_IRREGULAR:
        return True
    return any(w.startswith(stem) and len(w) - len(stem) <= 3 for stem in _OTHER_STEMS if len(stem) >= 3)


# "Re-read ch. 2", "re-send the invite", "re-place his reports on the grid": a verb done again is a verb
ACTION_VERBS = set(_VERBS.split()) | {f"re-{v}" for v in _VERBS.split() + ["place"]} | OTHER_VERBS
STOPWORDS = set(_STOP.split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'/-]*")


def stem(word: str) -> str:
    w = word.strip("'-/")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def content_words(text: str, keep_verbs: bool = True) -> list[str]:
    """Lower-case stems of the words that carry meaning; without the leading verb unless keep_verbs."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]
    if not keep_verbs:
        first = (_TOKEN.findall(text.lower()) or [""])[0]
        if words and words[0] == first and first in ACTION_VERBS:
            words = words[1:]
    return [stem(w) for w in words]


def is_base_verb(word: str) -> bool:
    return word.lower() in ACTION_VERBS
