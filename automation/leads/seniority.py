"""Title → seniority level, the way a coach reads a business card (first matching rule wins).

The title is read as a person reads it: in any case, with dotted acronyms ("C.E.O.", "V.P.") and the usual
abbreviations ("Sr. Mgr", "Dir. of Finance", "GM – EMEA", "Snr") spelled out first. A placeholder typed
into a required box ("n/a", "-", "none") is no title at all: unknown, not a known non-leadership title.
The employer named after "at" or "@" is not part of the title ("Manager at Chief Inc" is a manager), and a
headline of several parts ("Ex-Deloitte | Founder") is read part by part: the most senior current role counts.
"""

from __future__ import annotations

import re

LEVEL_LABELS = {
    "executive": "C-level/founder",
    "vp": "VP",
    "director": "director",
    "senior_manager": "senior manager",
    "manager": "manager",
    "individual": "other title",
    "unknown": "no title",
}

_C_TITLES = r"ceo|cfo|coo|cto|cio|cmo|chro|cpo|cro|cso|cdo|cco|cxo|cao|clo|cno|ciso"
# The chief officers as Taiwan (and some of mainland China) names them: the function, then 長 ("chief").
_CHIEF_ZH = r"(?:執行|执行|營運|营运|財務|财务|技術|技术|行銷|行销|資訊|资讯|人資|人资|策略|法務|法务)[長长]"

# What a form's "Job title" box gets when there is nothing to say: no title, so neutral in the score.
_PLACEHOLDERS = frozenset(
    {"na", "n/a", "n / a", "n a", "none", "nil", "null", "no", "nothing", "unknown", "not applicable", "tbc",
     "tbd", "not sure", "prefer not to say", "no title", "x", "xx", "xxx", "test", "?",
     # The box pointing elsewhere: the title, if any, is in the message.
     "see message", "see below", "see above", "see msg", "see note", "see notes", "in message",
     "in the message", "see my message", "as above", "as below", "see comments",
     # The box pointing at the email signature the message ends with.
     "see signature", "see sig", "see my signature", "see email signature", "in signature",
     "in my signature", "see signature below", "as per signature"}
)  # fmt: skip

# Abbreviations as business cards and CRMs write them, spelled out before the rules read the title.
_ABBREVIATIONS = [
    (re.compile(r"\bptnrs?\b\.?|\bprtnr\b\.?"), "partner"),  # "Mng Ptnr", as a coach's notes shorten it
    (
        re.compile(r"\b(?:mng|mgng|mngng|mang)\b\.?\s*(?=dir|partner)"),
        "managing ",
    ),  # "Mng. Dir.", "Mgng Director"
    (re.compile(r"\bmgr\b\.?|\bmngr\b\.?"), "manager"),
    (re.compile(r"\b(?:sr|snr)\b\.?"), "senior"),
    (re.compile(r"\bdir\b\.?"), "director"),
    (re.compile(r"\bgm\b"), "general manager"),
    (re.compile(r"\bgc\b"), "general counsel"),
    (re.compile(r"\bhd\b\.?(?=\s+of\b)"), "head"),  # "Hd of Ops"
    # German forms and CVs: "stellv. GF" is the deputy managing director, "GF" the Geschäftsführer.
    (re.compile(r"\bstellv\b\.?"), "stellvertretender"),
    (re.compile(r"\bgf\b"), "geschäftsführer"),
    # Ranks as forces write them: "Lt Col", "Maj Gen", "Brig Gen", "Col." (before "lt" is read alone).
    (re.compile(r"\blt\.?[ -]?col\b\.?|\bltc\b"), "lieutenant colonel"),
    (re.compile(r"\bmaj\.?[ -]?gen\b\.?"), "major general"),
    (re.compile(r"\bbrig\.?[ -]?gen\b\.?"), "brigadier general"),
    (re.compile(r"\bcol\b\.?"), "colonel"),
    (re.compile(r"\b(?:dep|dpty)\b\.?"), "deputy"),  # "Dep. Head"; "Dept. Head" is a department's head
    (re.compile(r"\bdept\b\.?"), "department"),
    (re.compile(r"\bhr ?bp\b"), "hr business partner"),
    (re.compile(r"\basst\b\.?"), "assistant"),
    (re.compile(r"\bassoc\b\.?"), "associate"),
    (re.compile(r"\bco-?fou?nder"), "co-founder"),
]
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")  # "c.e.o." → "ceo", "v.p." → "vp"
# Where the employer starts: "Head of Sales at Acme", "CTO @ Acme" (never at the start of the title).
_EMPLOYER = re.compile(r"(?<=\S)\s+(?:at|@)\s+\S.*$|(?<=\S)\s*@\s*\S.*$")
# What separates the parts of a headline ("Ex-Deloitte | Founder · Coach").
_PARTS = re.compile(r"\s*[|•·;]\s*")
# Two roles held at once ("EVP & CFO", "Owner/Operator", "Founder and Chair"): the more senior counts.
_JOINT = re.compile(r"\s*[&/+]\s*|\s+and\s+")
# Partner as a job in a function, not a partner of the firm: "Talent Acquisition Partner", "People Partner".
# Not the titles professional firms give their own partners: "Engagement", "Client", "Relationship Partner".
_FUNCTION_PARTNER = re.compile(
    r"\b(talent|acquisition|people|hr|human resources|learning|l&d|recruitment|recruiting|resourcing|sourcing"
    r"|culture|employee|customer|channel|alliances?|success|sales|partnerships?)\s+partner\b(?!\s+(?!(?:for|to|of|in|and|&)\b)\w)"
)  # "Channel Partner Manager" is a manager: a role word after "partner" leaves it to the later rules

# A role word after "partner" makes it a kind of job, not a partner of the firm: "Partner Manager".
_PARTNER_JOB = (
    r"(?!\s+(?:manager|marketing|success|relations|account|development|specialist|lead|executive|"
    r"coordinator|program|programme|enablement|sales|operations|ops|engineer|solutions|support|channel))"
)

# Most specific first: "Executive Assistant to the CEO" is not a CEO, "Vice President" is not a President,
# "Chief of Staff" is not a C-level officer, "Assistant Director" sits below a director.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    # Not in the role now: "Retired CEO", "Former VP Sales", "Aspiring manager", "Colonel (Retd)" ("Incoming
    # CEO" is).
    (
        "individual",
        re.compile(
            r"^(former|retired|ex-|ex |aspiring|would-be|wannabe)\b"
            r"|\(\s*(ret(ire)?d?|rtd|former)\.?\s*\)|[,–-]\s*(retired|retd|ret)\.?$"
            # Out of work, whatever the last role was: "Between roles (previously CHRO)", "Open to work".
            r"|\bbetween (roles|jobs|positions)\b|\bjob[- ]?(seeker|seeking|hunting)\b|\bopen to work\b"
            r"|\b(seeking|looking for) (a |my )?(new )?(role|position|job|opportunit(y|ies))\b"
            r"|\bunemployed\b|\bon a career break\b"
        ),
    ),
    (
        "individual",
        re.compile(
            # A permanent or cabinet secretary heads a government department: no one's assistant.
            r"\b(assistant|(?<!permanent )(?<!cabinet )secretary|pa|ea)\b.*\bto\b"
            r"|\bexecutive assistant\b|\bintern\b"
            # An intern, trainee or apprentice in the languages of a European client base ("Praktikantin
            # Geschäftsführung" is an intern in the managing director's office, not its head).
            r"|\b(praktikant(in)?|werkstudent(in)?|auszubildende[rn]?|azubi|stagiaire|stagiair|apprentie?"
            r"|becari[oa]|pasante|tirocinante|stagista|estagi[aá]ri[oa]|trainee)\b"
            rf"|\b(product|process) owner\b|\b({_C_TITLES}|personal|admin(istrative)?|office)\s+assistant\b"
        ),
    ),
    ("individual", _FUNCTION_PARTNER),
    # A Canadian department's deputy minister is its top public servant (as a permanent secretary), the
    # assistant deputy minister heads a branch below; an Australian or US assistant secretary heads a branch
    # or division (SES band 1), a first assistant secretary a division above it. Not "to" anyone (above).
    (
        "vp",
        re.compile(r"\bassistant deputy minister\b|\bfirst assistant secretary\b"),
    ),
    ("executive", re.compile(r"\bdeputy minister\b")),
    ("director", re.compile(r"\bassistant secretary\b")),
    # An adviser to the business, not an officer of it: "HR Business Partner" is not a partner of the firm.
    # A senior or lead one advises the top team ("Senior HR Business Partner", "Lead Finance Business
    # Partner").
    ("senior_manager", re.compile(r"\b(senior|lead|principal|strategic) ([\w&]+ ){0,2}business partner\b")),
    ("manager", re.compile(r"\bbusiness partner\b")),
    ("director", re.compile(r"\bchief of staff\b")),
    # Police ranks named "chief" below the force's head ("Chief Inspector" leads a shift or a unit).
    ("director", re.compile(r"\bchief superintendent\b")),
    ("senior_manager", re.compile(r"\bchief inspector\b")),
    # A hospital consultant is the senior doctor who leads a clinical team; a business "Consultant" is not.
    (
        "senior_manager",
        re.compile(
            r"\bconsultant (surgeon|physician|an(a)?esthetist|psychiatrist|radiologist|p(a)?ediatrician"
            r"|cardiologist|oncologist|obstetrician|gyn(a)?ecologist|neurologist|dermatologist|pathologist"
            r"|h(a)?ematologist|geriatrician|urologist|ophthalmologist|orthop(a)?edic surgeon|in \w+)\b"
            # The same senior doctor as American hospitals name her: an attending (a hospitalist attends).
            r"|\battending (physician|surgeon|psychiatrist|an(a)?esthesiologist|p(a)?ediatrician)\b"
            r"|\bhospitalist\b"
        ),
    ),
    # A deputy of a university's head is one step below it; its head (a Vice-Chancellor in the UK and
    # Australia, a Rector or Rektor in Europe) is the head of the institution.
    (
        "vp",
        re.compile(
            r"\b(pro|deputy|assistant)[- ]vice[- ]chancellor\b|\bvice[- ]?rect(or|ora|eur|rice)\b"
            r"|\bprorektor(in)?\b|\bvicerrector(a)?\b|\bprorettore\b|\bvice[- ]?reitor(a)?\b"
        ),
    ),
    (
        "executive",
        re.compile(
            r"\bvice[- ]chancellor\b|\brect(or|ora|eur|rice)\b|\brektor(in)?\b|\brettore\b|\breitor(a)?\b"
        ),
    ),
    # The rank below the chief officers' head: "Assistant Chief Constable", "Assistant Chief Executive"
    # (a deputy of the head reads as the head, as "Deputy CEO" does); a board's independent director.
    (
        "vp",
        re.compile(
            r"\bassistant chief (constable|executive|officer|fire officer)\b|\bassistant commissioner\b"
        ),
    ),
    ("vp", re.compile(r"\bindependent (board |non-?executive )?director\b")),
    # A lawyer below the general counsel.
    ("director", re.compile(r"\b(assistant|associate|deputy) general counsel\b")),
    # A German hospital's head of a clinical department and the senior doctor below ("Chefärztin").
    ("director", re.compile(r"\bchef[aä]rzt(in)?\b")),
    ("senior_manager", re.compile(r"\bober[aä]rzt(in)?\b")),
    # The deputy of a government department's head ("Deputy Director-General", "Vice Director General"):
    # one step below it, as a deputy chief executive (before "deputy director" below reads a senior manager).
    ("vp", re.compile(r"\b(deputy|vice)[\s-]+director[\s-]+general\b")),
    # A department's general manager, as Japanese and Korean firms translate "Buchō" and "Bujang" ("General
    # Manager, Corporate Planning Dept."): its head, not the company's general manager (below).
    (
        "director",
        re.compile(
            r"\bgeneral manager\b[,\s]+(of )?(the )?([\w&/-]+ ){0,3}department\b"
            r"|\bdepartment general manager\b"
        ),
    ),
    # Japanese deputies: "Buchō dairi" (acting or deputy department head), "Jichō" (a deputy director).
    ("senior_manager", re.compile(r"\b(hon)?buch[oō][- ]?dairi\b|\bjich[oō]\b")),
    ("manager", re.compile(r"\bkach[oō][- ]?dairi\b")),
    (
        "senior_manager",
        re.compile(
            r"\b(assistant|associate|deputy|vice)[\s-]+"
            r"(vice president|vp|director|head ?teacher|head|principal|dean)\b"
            r"|\bavp\b"
            # A deputy director or head in Vietnamese and Indonesian ("Phó giám đốc", "Wakil Direktur").
            r"|\bphó (giám đốc|trưởng phòng)\b|\bwakil (direktur|kepala)\b"
            # A deputy department head in Chinese and Japanese ("副部长", "副部長", "副总监").
            r"|副部[长長]|副总监|副總監"
            # A deputy director in Thai ("รองผู้อำนวยการ"), before the director it names.
            r"|รองผู้อำนวยการ"
            # A deputy director in Russian and Ukrainian ("Заместитель директора", "Заступниця директора")
            # and in Hindi ("उप निदेशक").
            r"|\b(заместител\w*|заступни\w*) (директора|руководителя|начальника)\b|उप[ -]?निदेशक"
        ),
    ),
    (
        "vp",
        re.compile(
            r"\b(vice[- ]?pr[eé]sident[ea]?|vp|svp|evp)\b|\bvizepr[aä]sident\w*|\bgeneral manager\b"
            r"|\bnon[- ]executive\b|\bvice[- ]?chair\w*|\bvice[- ]?voorzitter\b|\bvizevorsitzende[rn]?\b"
            r"|\bstellvertretende[rn]? \w*vorsitzende"
            # A vice president or deputy general manager in Chinese, Japanese and Korean (before the heads
            # their names contain: "副总裁" holds "总裁", "부사장" holds "사장").
            r"|副[总總]裁|副[总總][经經]理|副社長|부사장"
            # A vice president of a Polish board and a Turkish deputy general manager.
            r"|\bwiceprezes(ka)?\b|\bgenel müdür yardımcısı\b"
            # A deputy of a Taiwanese chief officer ("副執行長") and a Thai vice president or deputy managing
            # director ("รองประธาน", "รองกรรมการผู้จัดการ"), before the heads their names contain.
            rf"|副{_CHIEF_ZH}|รองประธาน|รองกรรมการผู้จัดการ"
            # A vice president and a deputy of the head in Russian and Ukrainian ("Вице-президент",
            # "Заместитель генерального директора"), in Hindi ("उपाध्यक्ष", "उप प्रबंध निदेशक") and a general
            # manager in Hindi ("महाप्रबंधक"), before the heads their names contain.
            r"|\b(вице|віце)[- ]?президент\w*|\b(заместител\w*|заступни\w*) (генерального|голови)\b"
            r"|उपाध्यक्ष|उप[ -]?प्रबंध निदेशक|उप[ -]?मुख्य|महाप्रबंधक"
        ),
    ),
    # The same ranks in the languages a European client base writes them in.
    (
        "executive",
        re.compile(
            # Written with a space or a hyphen ("Director-General"), or the other way round ("General
            # Director", "Generaldirektor"): the head of the organisation in each.
            r"\b(directeur|directrice|director|directora|diretor|diretora|gerente|direttore|direttrice)"
            r"[ -]g[eé]n[eé]ral[e]?\b|\bgeneral director\b|\bgeneraldirekt(or|orin)\b"
            r"|\bgesch[aä]ftsf[uü]hrer|\bpdg\b|\bvorstand\w*|\bamministratore delegato\b"
            r"|\bconsejer[oa] delegad[oa]\b|\bpr[eé]sident[ea]?\b|\bfundador[a]?\b|\bfondat(eur|rice)\b"
            r"|\bgr[uü]nder(in)?\b|\binhaber(in)?\b|\bpropri[eé]taire\b|\bpropietari[oa]\b"
            # Founders, owners and the chief executive in Italian, Dutch and Portuguese; a chief executive
            # written out ("Diretor Executivo", "Director Ejecutivo", "Directeur Exécutif") as in English.
            r"|\bfondat(ore|rice)\b|\boprichter\b|\beigenaa?r(es)?\b|\btitolare\b|\bpropriet[aá]ri[oa]\b"
            r"|\bzaakvoerder\b|\balgemeen directeur\b|\bdg\b"
            # Polish and Turkish: the board's president (the CEO), a management board member, the general or
            # managing director, the owner and the founder ("Prezes Zarządu", "Członek Zarządu", "Dyrektor
            # Generalny", "Genel Müdür", "Yönetim Kurulu Başkanı", "Kurucu").
            r"|\bprezes(ka)?\b|\bczłon(ek|kini) zarządu\b|\bdyrektor(ka)? (generaln[ya]|zarządzając[ya])\b"
            r"|\bwłaściciel(ka)?\b|\bzałożyciel(ka)?\b"
            r"|\bgenel müdür\b|\byönetim kurulu başkanı\b|\bkurucu(su)?\b|\bkurucu ortak\b"
            # The owner in Spanish, and the sole or managing director of an Italian, Spanish or Portuguese
            # company ("Amministratore Unico", "Administrador Único", "Sócio-Gerente", "Socio Administrador").
            r"|\bdue[ñn][oa]s?\b|\bamministratore unico\b|\badministrador(a)? [uú]nic[oa]\b"
            r"|\bs[oó]ci[oa][- ](administrador(a)?|gerente)\b"
            r"|\b(director|directora|diretor|diretora|directeur|directrice|direttore|direttrice|administrador|administradora)"
            r" (ejecutiv[oa]|executiv[oa]|ex[eé]cuti(f|ve)|esecutiv[oa])\b"
            # The chair of a board ("Verwaltungsratspräsident", "Bestuursvoorzitter", "Vorsitzende des
            # Vorstands", "Président du conseil", "Presidente del Consiglio"): German and Dutch write it as
            # one word after the body's name.
            r"|pr[aä]sident(in)?\b|\w*vorsitzende[rn]?\b|\w*voorzitter\b"
            # A member of a Swiss firm's executive management ("Geschäftsleitungsmitglied", "Mitglied der
            # Geschäftsleitung", "GL-Mitglied"); a Dutch director who owns most of his B.V. ("DGA").
            r"|\bgesch[aä]ftsleitungsmitglied\b|\bmitglied der gesch[aä]ftsleitung\b|\bgl-mitglied\b"
            r"|\bdirecteur[- ]grootaandeelhouder\b|\bdga\b"
            # Czech, Hungarian and Greek: the managing or general director, the owner and the founder
            # ("Jednatel", "Generální ředitel", "Ügyvezető igazgató", "Vezérigazgató", "Διευθύνων Σύμβουλος").
            r"|\bjednatel(ka)?\b|\bgener[aá]ln[ií] ředitel(ka)?\b|\bmajitel(ka)?\b|\bzakladatel(ka)?\b"
            r"|\bügyvezető\b|\bvezérigazgató\b|\btulajdonos\b|\balapító\b"
            r"|διευθ[υύ]ν(ων|ουσα) σ[υύ]μβουλος|γενικ(ός|ή) διευθ[υύ]ντ(ής|ρια)|ιδρ[υύ]τ(ής|ρια)"
        ),
    ),
    (
        "executive",
        re.compile(
            rf"\b({_C_TITLES})\b|\bchief\b|\bfounder\b|\bco-founder\b|\bowner\b|\bpresident\b"
            r"|\bmanaging (director|partner)\b|\bfounding partner\b|\bexec(utive|\.)? director\b|\bmd\b"
            r"|\bchair(man|woman|person)?\b"
            # The head of a government department ("Permanent Secretary", "Secretary-General").
            r"|\b(permanent|cabinet) secretary\b|\bsecretary[- ]general\b"
            # Japanese and Korean titles written in Latin letters: president, representative director,
            # chairman ("Shacho", "Daihyo Torishimariyaku", "Sajang", "Daepyo", "Hoejang").
            r"|\b(shach[oō]|daihy[oō] torishimariyaku|kaich[oō]|sajang(nim)?|daepyo(nim)?|hoejang(nim)?)\b"
            # Welsh and Irish: the chief executive, managing director, founder and owner ("Prif Weithredwr",
            # "Rheolwr Gyfarwyddwr", "Príomhfheidhmeannach", "Stiúrthóir Bainistíochta").
            r"|\bprif weithredwr\b|\brheolwr[- ]gyfarwyddwr\b|\bsylfaenydd\b|\bperchennog\b"
            r"|\bpríomh ?fheidhmeannach\b|\bstiúrthóir bainistíochta\b|\bbunaitheoir\b|\búinéir\b"
            # Tagalog, Malay and Swahili: the president or chief executive, managing director, founder, owner
            # and chair ("Pangulo", "Punong Tagapagpaganap", "Pengarah Urusan", "Ketua Pegawai Eksekutif",
            # "Mkurugenzi Mtendaji", "Mwanzilishi", "Mwenyekiti").
            r"|\bpangulo\b|\bpunong (tagapagpaganap|ehekutibo)\b|\btagapagtatag\b|\bmay-?ari\b"
            r"|\bpengarah urusan\b|\bketua pegawai eksekutif\b|\bpengasas\b|\bpengerusi\b"
            r"|\bmkurugenzi mtendaji\b|\bmwanzilishi\b|\bmmiliki\b|\bmwenyekiti\b"
            # Persian and Urdu: the managing director (CEO), founder, owner and chair ("مدیرعامل",
            # "بنیانگذار", "رئیس هیئت مدیره", "بانی"); an English C-title in Urdu letters ("چیف فنانشل
            # آفیسر", "سی ای او").
            r"|مدیر ?عامل|بنیان ?گذار|رئیس هیئت ?مدیره|\bبانی\b|\bمالک\b|چیف|سی ای او"
            # Afrikaans, Danish, Catalan, Slovak, Croatian/Serbian, Estonian, Lithuanian and Icelandic: the
            # managing director or chief executive, a finance director on the executive board, the founder
            # and the owner ("Besturende Direkteur", "Økonomidirektør", "Conseller Delegat", "Generálny
            # riaditeľ", "Konateľ", "Predsjednik Uprave", "Tegevjuht", "Generalinis direktorius",
            # "Framkvæmdastjóri").
            r"|\bbesturende direkteur\b|\bhoof uitvoerende beampte\b|\bstigter\b|\beienaar\b"
            r"|\badm(?:inistrerende|\.)? ?direktør\b|\b(?:økonomi|finans)direktør\b|\bstifter\b"
            r"|\bconsellera? delega(?:t|da)\b|\bfundador(?:a)?\b|\bpropietàri[a]?\b"
            r"|\bgener[aá]ln[ya] riadite[lľ](?:ka)?\b|\bkonate[lľ](?:ka)?\b|\bmajite[lľ](?:ka)?\b"
            r"|\bzakladate[lľ](?:ka)?\b"
            r"|\bpredsjedni(?:k|ca) uprave\b|\bgeneraln[aio] dire[kc]tor(?:ica)?\b|\bvlasni(?:k|ca)\b"
            r"|\bosniva(?:č|c)(?:ica)?\b"
            r"|\btegevjuht\b|\bjuhatuse esimees\b|\basutaja\b|\bomanik\b"
            r"|\bgeneralin(?:is|ė|e) dire[kc]tor(?:ius|ė|e)\b|\bįkūrėj(?:as|a)\b|\bsavinink(?:as|ė)\b"
            r"|\bframkvæmdastjóri\b|\bforstjóri\b|\bstofnandi\b|\beigandi\b"
            # Bulgarian: the executive or managing director, the owner and the founder ("Изпълнителен
            # директор", "Управител", "Собственик", "Основател").
            r"|изпълнител\w* директор|\bуправител\w*|\bсобственик\w*|\bосновател\w*"
            # Amharic (Ge'ez script): the general manager, a firm's head ("ዋና ሥራ አስኪያጅ"), and the founder;
            # Bengali and Tamil: the chief executive, managing director, founder and owner ("প্রধান নির্বাহী",
            # "ব্যবস্থাপনা পরিচালক", "தலைமை நிர்வாக அதிகாரி", "நிர்வாக இயக்குநர்").
            r"|ዋና [ሥስ]ራ አስኪያጅ|መሥራች|መስራች"
            r"|প্রধান নির্বাহী|ব্যবস্থাপনা পরিচালক|প্রতিষ্ঠাতা|মালিক"
            r"|தலைமை நிர்வாக|நிர்வாக இயக்குந[ர்]|நிறுவனர்|உரிமையாளர்"
            # Arabic and Hebrew: chief executive, chairman, founder ("المدير التنفيذي", "מנכ״ל").
            r"|(ال)?(مدير|رئيس) (ال)?تنفيذي|رئيس مجلس (ال)?إدارة|(ال)?مؤسس"
            r"|\bמנכ[\"״'׳]?לי?ת?\b|\bמייסדת?\b|\bיו[\"״'׳]?ר\b"
            r"|\b(brigadier|major|lieutenant|lt\.?)[- ]general\b|\b(rear |vice )?admiral\b"
            # Running the firm itself, said in words ("Running the family business", "I run my own company").
            # An owner by another name: a shop's or practice's proprietor, the only director of her company, a
            # dental or medical practice's principal.
            r"|\bpropriet(or|ress)\b|\bsole (trader|director|proprietor)\b|\bpractice (principal|owner)\b"
            r"|\bprincipal (dentist|optometrist|vet|veterinary surgeon|gp)\b"
            # A local government's chief executive ("County Administrator"; a firm's "City Manager" is not).
            r"|\b(county|city|town|borough|village|parish) (administrator|executive)\b|\bcounty manager\b"
            # The chief executive in Swedish, Danish, Norwegian and Finnish ("VD", "adm. dir.").
            r"|\bvd\b|\bverkst[aä]llande direkt[oöø]r\b|\badministrerende direkt[oöø]r\b|\badm\.? director\b"
            r"|\bdaglig leder\b|\btoimitusjohtaja\b|\bkoncernchef\b"
            # Chinese, Japanese (kanji) and Korean (hangul): a chief officer, general manager, president,
            # chair, founder; these scripts have no spaces, so no word boundaries either.
            r"|首席.{1,4}官|[总總][经經]理|[总總]裁|董事[长長]|[创創]始人|代表取締役|社長|会長|創業者|最高.{1,4}責任者"
            r"|대표이사|사장|회장|창업자"
            # A chief officer as Taiwan writes it, the function before 長 ("執行長" CEO, "營運長" COO).
            rf"|{_CHIEF_ZH}"
            # Thai (no spaces either): managing director, chief executive, chair, president, founder, owner
            # ("กรรมการผู้จัดการ", "ประธานเจ้าหน้าที่บริหาร", "ผู้ก่อตั้ง", "เจ้าของ").
            r"|กรรมการผู้จัดการ|ประธานเจ้าหน้าที่|ประธานกรรมการ|ประธานบริษัท|ผู้อำนวยการใหญ่|ผู้ก่อตั้ง|เจ้าของ"
            # An elected head or member who answers to voters, not to a board: a council's political leader, a
            # mayor, a member of a parliament or congress (she runs her own office and buys for herself).
            r"|\bleader of the (council|authority|party|opposition)\b|\b(council|party) leader\b|\bmayor\b"
            r"|\bmember of (the )?(parliament|congress|the senate|the european parliament)\b|\bmp\b|\bmep\b"
            r"|\bsenator\b|\bcongress(wo)?man\b"
            # A founder between companies, hosted by a fund ("Entrepreneur in Residence", "EIR").
            r"|\b(entrepreneur|founder|executive|ceo)[- ]in[- ]residence\b|\beir\b"
            # Vietnamese and Indonesian/Malay: the chief executive or general director, the chair, the
            # founder and the owner ("Giám đốc điều hành", "Tổng giám đốc", "Direktur Utama", "Pendiri").
            r"|\bgiám đốc điều hành\b|\btổng giám đốc\b|\bchủ tịch\b|\b(nhà )?sáng lập\b|\bchủ doanh nghiệp\b"
            r"|\b(direktur|direktris) utama\b|\bpresiden direktur\b|\bpendiri\b|\bpemilik\b"
            # Russian and Ukrainian: the general or executive director (the company's head), the
            # president, founder, owner and chair ("Генеральный директор", "Засновник", "Голова правління").
            r"|\b(генеральн\w*|исполнительн\w*|виконавч\w*|управляющ\w*|керуюч\w*) директор\w*"
            r"|\bгендиректор\w*"
            r"|\bпрезидент\w*|\b(со|спів)?основател\w*|\b(спів)?засновни\w*|\bвладел\w*|\bвласни\w*"
            r"|\bпредседател\w*|\bголов[аи] (правлі|ради|наглядов)\w*"
            # Hindi: the chief executive or a chief officer, the managing director, founder, owner, chair
            # ("मुख्य कार्यकारी अधिकारी", "प्रबंध निदेशक", "संस्थापक", "मालिक", "अध्यक्ष").
            r"|मुख्य .{0,20}अधिकारी|मुख्य कार्यकारी|प्रबंध निदेशक|संस्थापक|मालिक|अध्यक्ष|सीईओ"
            r"|\b(run|runs|running|own|owns|owning|head|heading|managing)\s+(the|our|my|a|his|her)\s+"
            r"(own\s+)?(family\s+)?(firm|business|company)\b(?![\s-]+(unit|line|area|division|team|function|partner))"
        ),
    ),
    (
        "vp",
        re.compile(
            rf"\bpartner\b{_PARTNER_JOB}|\bboard (member|director)\b|\btrustee\b|\bgeneral counsel\b|\bned\b"
            # The second officer of a university and a commissioner of a public body.
            r"|\bprovost\b|\bcommissioner\b"
            # Vice presidents and board directors in Japan and Korea, Arabic and Hebrew ("Fuku Shacho",
            # "Torishimariyaku", "Busajang", "Jeonmu", "Sangmu", "نائب الرئيس", "סמנכ״ל").
            r"|\b(fuku[- ]?shach[oō]|torishimariyaku|senmu|j[oō]mu|busajang|jeonmu|sangmu)\b"
            r"|取締役|常務|専務|董事|전무|상무"
            r"|กรรมการ"  # a member of a Thai board (its managing director is matched above)
            # A Japanese corporate officer ("Shikkō yakuin", "執行役員"): the rank below the board, as a VP.
            r"|執行役員|\bshikk[oō][- ]?yakuin\b"
            r"|نائب (ال)?رئيس|\bסמנכ[\"״'׳]?לי?ת?\b|\bשות(ף|פה)\b"
            # A member of a board (its chair is matched above) and a partner of the firm in other languages.
            r"|\w*(verwaltungsrat|aufsichtsrat|stiftungsrat|beirat)\w*|\bbestuurslid\b|\bcommissaris\b"
            r"|conseil d'administration|\bconseil de surveillance\b|\bconsejo de administraci[oó]n\b"
            r"|\bconsiglio di amministrazione\b|\bconsigliere d(i |')amministrazione\b"
            r"|\bconselho de administra[cç][aã]o\b|\braad van (bestuur|commissarissen|toezicht)\b"
            r"|\b(membre|miembro|membro|lid|mitglied) (du|del|do|van|des) (conseil|consejo|consiglio|conselho"
            r"|raad|vorstand)|\bconsejer[oa]\b|\bconselheir[oa]\b|\bvennoot\b|\bteilhaber(in)?\b"
            r"|\bgesellschafter(in)?\b|\bs[oó]ci[oa]\b|\bassociée?\b"
        ),
    ),
    (
        "director",
        re.compile(
            r"\bdirector\b|\bhead of\b|\bhead,|\b(department|division) head\b|\bcountry manager\b"
            # The officer who runs a board's business and governance, reporting to its chair.
            r"|\b(company|corporate|board) secretary\b"
            # A director in Polish and Turkish ("Dyrektor Sprzedaży", "İK Müdürü", "Direktör").
            r"|\bdyrektor(ka)?\b|\bmüdür(ü)?\b|\bdirektör(ü)?\b"
            # A director in Czech, Hungarian, Finnish (the function before "johtaja": "Henkilöstöjohtaja",
            # "Myyntijohtaja") and Greek ("Ředitel", "Igazgató", "Διευθυντής").
            r"|\bředitel(ka)?\b|\bigazgató\b|\b\w*johtaja\b|διευθ[υύ]ντ(ής|ρια)"
            r"|\bhead ?(teacher|master|mistress)\b|\bsuperintendent\b|\bdean\b"
            # The minister who leads a congregation, as a head teacher leads a school.
            r"|\b(senior |lead )?pastor\b|\bvicar\b|\brabbi\b|\bimam\b|\bparish priest\b"
            # Vietnamese and Indonesian/Malay: a director and the head of a department, division or school
            # ("Giám đốc Nhân sự", "Trưởng phòng", "Direktur", "Kepala Divisi", "Kepala Sekolah").
            r"|\bgiám đốc\b|\btrưởng (phòng|ban|bộ phận|khoa)\b|\bhiệu trưởng\b|\bdirektur\b|\bkepala\b"
            r"|\b(school|academy|college)\b.*\bprincipal\b|\bprincipal\b.*\b(school|academy|college)\b"
            r"|\bcolonel\b|\bbrigadier\b|\bcommodore\b"
            # A department's head in Japan and Korea ("Bucho", "Honbucho", "Bujang", "Bonbujang").
            r"|\b(hon)?buch[oō]\b|\b(bon)?bujang(nim)?\b|[总總]监|[总總]監|部[长長]|局[长長]|부장|본부장"
            # A Korean company's director ("이사", above 부장; not its board, "이사회"; 대표이사 is
            # matched above).
            r"|이사(?!회)"
            # A director and the head of a department or division in Thai ("ผู้อำนวยการฝ่าย", "หัวหน้าฝ่าย").
            r"|ผู้อำนวยการ|หัวหน้า(ฝ่าย|แผนก|สาย)"
            # A director in Welsh, Irish, Tagalog, Malay, Swahili and Urdu ("Cyfarwyddwr", "Stiúrthóir",
            # "Direktor", "Pengarah", "Mkurugenzi", "ڈائریکٹر").
            r"|\bcyfarwyddwr\b|\bstiúrthóir\b|\bdirektor\b|\bpengarah\b|\bmkurugenzi\b|ڈائریکٹر"
            # A director in Croatian/Serbian (a woman's "Direktorica"), Afrikaans, Slovak, Lithuanian and
            # Icelandic, Bengali and Tamil ("Direkteur", "Riaditeľka", "Direktorė", "পরিচালক", "இயக்குநர்").
            r"|\bdire[kc]toric[aei]\b|\bdirekteur\b|\briadite[lľ](?:ka)?\b|\bdire[kc]tor(?:ius|ė)\b|\bforstöðuma(?:ð|d)ur\b"
            r"|পরিচালক|இயக்குந[ர்]"
            # Russian and Ukrainian: a director, the head of a department or service ("Директорка з
            # персоналу", "Руководитель отдела продаж", "Начальник управления", "Керівник відділу"); Hindi:
            # a director and the head of a department ("निदेशक", "विभागाध्यक्ष", "प्रमुख").
            r"|\bдиректор\w*|\b(руководител\w*|начальник\w*|керівни\w*|очільни\w*) (отдел|департамент"
            r"|направлени|служб|управлени|дирекци|відділ|департамент|напрям|служб|управлінн)\w*"
            r"|निदेशक|विभागाध्यक्ष|प्रमुख"
            # The head of a department or function in Arabic ("رئيس قسم", "رئيسة التسويق"); the head of
            # the board or the executive is matched above.
            r"|رئيس(ة)? (قسم|ال)"
            r"|\b(directeur|directrice|directora|diretor|diretora|direttore|direttrice|direktor(in)?|direkt[oöø]r)\b"
            # German names the function before "leiter": "Verkaufsleiter", "Personalleiterin" (a team, group,
            # project or shift is led by a manager, below).
            r"|\b(?!(team|gruppen|projekt|schicht)leiter)\w*leiter(in)?\b"
            # Head of a department in Dutch ("Hoofd HR", "Afdelingshoofd"), French and Portuguese ("Chef de
            # service", "Chefe de departamento"), Italian ("Capo del personale"); a project or team chief is
            # a manager (below).
            r"|\bhoofd\b(?! van (het )?(project|team))|\w+hoofd\b|\bcapo\b(?! ?(progetto|squadra|turno))"
            r"|\bchef(f?e)? (de |d')(service|d[eé]partement|departamento|division|divis[aã]o|secteur"
            r"|p[oô]le)\b|\bjef[ea] (de |del )(departamento|divisi[oó]n|servicio|[aá]rea)\b"
        ),
    ),
    # A principal engineer or scientist is a senior individual contributor, not the principal of a firm or
    # a school (an architect's or consultant's "Principal" may own the practice: left to the rule below).
    (
        "individual",
        re.compile(
            r"\bprincipal ((software|staff|data|research|systems|hardware|security|cloud|platform|ml|ai"
            r"|machine learning|ux|quantitative|clinical) )?(engineer|developer|scientist|researcher|analyst"
            r"|programmer|statistician)\b"
        ),
    ),
    (
        "senior_manager",
        re.compile(r"\bsenior ([\w.&/-]+ ){0,3}manager\b|\bprincipal\b|高[级級][经經]理|次長"),
    ),
    (
        "manager",
        re.compile(
            r"\bmanager\b|\bteam lead(er)?\b|\blead\b(?!\s*gen(eration)?\b)|\bleader\b|\bsupervisor\b"
            r"|\bkierownik\w*"  # Polish: the manager of a team or a section
            r"|\b(team|gruppen|projekt|schicht)leiter(in)?\b|\bhead (nurse|chef|coach)\b|\bcharge nurse\b"
            # The head of a kitchen's brigade: "executive" names its top chef, not a company officer.
            r"|\bexecutive chef\b|\bchef de cuisine\b"
            r"|\bforem(a|e)n\b|\bsergeant\b|\bsgt\b"
            r"|\bforewoman\b|\bgerente\b|\bresponsab(i)?le\b|\bjef[ea]\b|\bencargad[oa]\b"
            r"|\bteamleid(er|ster)\b|\bleidinggevende\b|\bchef(f?e)? (de |d')\w+|\bg[eé]rante?\b"
            r"|\bcapo ?(progetto|squadra|turno)\b"
            r"|\bquản lý\b|\bmanajer\b|\bpengurus\b"
            r"|\b(projekt|team|gruppen)leitung\b"
            # A section or team head in Japan and Korea; a manager in Arabic and Hebrew.
            r"|\b(kach[oō]|kakarich[oō]|gwajang|chajang|timjang|teamjang)(nim)?\b|(ال)?مدير|\bמנהלת?\b"
            # The same in Chinese, Japanese (kanji) and Korean (hangul): a manager, section or team head.
            r"|[经經]理|主管|[课課]長|[课課]长|係長|팀장|과장|차장"
            r"|ผู้จัดการ|หัวหน้า"  # Thai: a manager, a head of a team
            # A manager in Welsh, Irish, Tagalog, Swahili, Persian and Urdu ("Rheolwr", "Bainisteoir",
            # "Tagapamahala", "Meneja", "مدیر", "مینیجر").
            r"|\brheolwr\b|\bbainisteoir\b|\btagapamahala\b|\bmeneja\b|مدیر|م(ی)?نیجر"
            # A manager in Afrikaans, Slovak, Croatian, Lithuanian, Bulgarian, Amharic, Bengali and Tamil
            # ("Bestuurder", "Vedúci", "Voditeljica", "Vadovė", "Мениджър", "ሥራ አስኪያጅ", "ব্যবস্থাপক", "மேலாளர்").
            r"|\bbestuurder\b|\bved[uú]c[ia]\b|\bmana[zž][eé]r(?:ka)?\b|\bvoditelj(?:ica)?\b"
            r"|\bvadov(?:as|ė)\b|\bмениджър\w*|[ሥስ]ራ አስኪያጅ|ব্যবস্থাপক|மேலாளர்"
            # Russian, Ukrainian and Hindi: a manager, the lead of a team, group or project.
            r"|\bменеджер\w*|\b(руководител\w*|керівни\w*|начальник\w*)\b|\bтимлид\w*|प्रबंधक|मैनेजर"
        ),
    ),
]


# A clinician's degrees after her title ("Hospitalist, MD", "Pediatrician, M.D., FAAP"): "MD" there is the
# doctor of medicine, not a managing director.
_CLINICIAN_DEGREES = re.compile(
    r"(\b(?:physician|doctor|hospitalist|surgeon|clinician|attending|resident|gp|internist|\w+ologist"
    r"|\w+iatrist|\w+ician))(?:\s*,\s*(?:md|do|mbbs|mbchb|phd|mph|dds|dmd|rn|np|frcp|frcs|mrcp|facp"
    r"|faap|facs|ms|msc|mba)\b\.?)+\s*$"
)


def _read(title: str) -> str:
    """The title as the rules read it: lower case, one space, acronyms undotted, abbreviations spelled out."""
    text = " ".join(title.lower().replace("\u2019", "'").split())
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _CLINICIAN_DEGREES.sub(r"\1", text)
    for pattern, words in _ABBREVIATIONS:
        text = pattern.sub(words, text)
    return text


def no_answer(text: str | None) -> bool:
    """Whether a free-text answer says nothing: blank, only punctuation, or a placeholder such as n/a."""
    low = " ".join((text or "").lower().replace(".", " ").split())
    return not any(c.isalnum() for c in low) or low in _PLACEHOLDERS


_RANK = ["unknown", "individual", "manager", "senior_manager", "director", "vp", "executive"]


def _level(text: str) -> str:
    for level, pattern in _RULES:
        if pattern.search(text):
            return level
    return "individual"


# A public service's pay grade written beside the title says the rank the title's words may not: the UK
# NHS's senior bands (8c and 8d lead services, 9 is a director's), the US General Schedule's top grade held
# by a supervisor, and the US Senior Executive Service (its members are the government's executives below its
# political appointees: a vp's rank whatever the title's words). A band or grade raises a leader's title (a
# "Clinical Lead, Band 8c" leads a service), not an individual's ("Clinical Psychologist, Band 8c"); the SES
# is leadership by definition.
_GRADE_FLOORS = [
    ("vp", re.compile(r"\bses\b|\bsenior executive service\b"), False),
    ("director", re.compile(r"\bsupervisory\b.*\bgs[- ]?(?:\d{4}[- ])?15\b"), False),  # "supervisory" leads
    ("director", re.compile(r"\bband 9\b"), True),
    ("senior_manager", re.compile(r"\bband 8 ?[b-d]\b|\bgs[- ]?(?:\d{4}[- ])?15\b"), True),
]


def seniority_level(title: str | None) -> str:
    """One of LEVEL_LABELS' keys; "unknown" when there is no title (blank, or a placeholder such as n/a)."""
    if no_answer(title):
        return "unknown"
    text = _EMPLOYER.sub("", _read(title or ""))
    parts = [p for p in _PARTS.split(text) if not no_answer(p)] or [text]
    level = max((_part_level(p) for p in parts), key=_RANK.index)
    for floor, grade, leaders_only in _GRADE_FLOORS:
        if grade.search(text) and not (leaders_only and level == "individual"):
            return max(level, floor, key=_RANK.index)
    return level


# The rank words a title is read by, and the words a letter away from one that are words of their own (a
# "Resident" is no president, "Managed Services" no manager, a "Directory" no director).
_RANK_WORDS = ("chief", "executive", "director", "president", "managing", "manager", "founder")
_NOT_TYPOS = frozenset(
    {"resident", "residents", "managed", "manages", "managee", "founded", "funder", "directory", "directs",
     "thief", "chef", "executed", "executes"}
)  # fmt: skip
_WORD = re.compile(r"[a-z]{5,}")


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one typing slip apart: a letter missed, added, changed, or two
    neighbours swapped ("cheif", "dirctor", "presdient", "managng")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short[i:] == long[i + 1 :]


def _typos_mended(text: str) -> str:
    """The title with a rank word typed a letter wrong spelled right ("Cheif Executive", "Dirctor of Ops")."""

    def mend(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in _NOT_TYPOS or word in _RANK_WORDS:
            return word
        return next((r for r in _RANK_WORDS if _one_edit(word, r)), word)

    return _WORD.sub(mend, text)


def _part_level(part: str) -> str:
    """A part's level, or the more senior of the roles it joins. A part the rules read as not a leader as a
    whole ("Assistant to the CEO & CFO", "Retired CEO and Chair") stays so: its roles are not the person's.
    A rank word typed a letter wrong is read mended ("Managng Director" is the managing director)."""
    part = _typos_mended(part)
    level = _level(part)
    if level == "individual":
        return level
    roles = [_level(r) for r in _JOINT.split(part) if not no_answer(r)]
    return max([level, *roles], key=_RANK.index)
