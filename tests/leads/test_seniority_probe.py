"""Seniority of titles as leads really type them (a blind probe, expectations written before the first run).

Expected from the PRP's lead-scoring intent: fit is how senior the buyer of leadership coaching is. The
first run read 44 of the first 48 right; the rules were then generalised (an employer after "at"/"@" is not
the title, a headline is read part by part, a partner in a function is a job), and the last block holds
other spellings of those kinds, never run before the rules changed.
"""

from __future__ import annotations

import pytest

from automation.leads.seniority import seniority_level

PROBE = [
    ("VP Eng", "vp"),
    ("vp engineering", "vp"),
    ("Dir. of Ops", "director"),
    ("Dir Mktg", "director"),
    ("Head of People & Culture", "director"),
    ("HEAD OF HR", "director"),
    ("MD", "executive"),
    ("Founder/CEO", "executive"),
    ("Interim CFO", "executive"),
    ("Fractional CMO", "executive"),
    ("Chief of Staff to the CEO", "director"),
    ("Sr. Mgr, Customer Success", "senior_manager"),
    ("Team Lead - Platform", "manager"),
    ("Associate Director, Talent", "senior_manager"),
    ("Senior Director, HR", "director"),
    ("SVP & GM", "vp"),
    ("Head of Sales @ Acme Ltd", "director"),
    ("Marketing Manager at Chief Inc", "manager"),
    ("Analyst at Lead Partners LLP", "individual"),
    ("Founder, Brightpath Coaching", "executive"),
    ("\U0001f680 Founder", "executive"),
    ("\U0001f469\u200d\U0001f4bc Head of Ops", "director"),
    ("   ", "unknown"),
    ("\u2014", "unknown"),
    ("Directora de Recursos Humanos", "director"),
    ("Jefe de Proyecto", "manager"),
    ("Directeur Commercial", "director"),
    ("Leiterin Personalentwicklung", "director"),
    ("Account Executive", "individual"),
    ("Executive Coach", "individual"),
    ("Senior Software Engineer", "individual"),
    ("HR Generalist", "individual"),
    ("Office Manager", "manager"),
    ("Operations Supervisor", "manager"),
    ("Chairman of the Board", "executive"),
    ("Co-Owner", "executive"),
    ("Partner, Deloitte", "vp"),
    ("Talent Acquisition Partner", "individual"),
    ("Deputy CEO", "executive"),
    ("EA to MD", "individual"),
    ("Interim Head of Finance", "director"),
    ("Acting Director", "director"),
    ("Global Head of Talent", "director"),
    ("Exec Dir", "executive"),
    ("COO & Co-founder", "executive"),
    ("Ex-Deloitte | Founder & Coach", "executive"),
    ("Nurse Manager", "manager"),
    ("Staff Engineer", "individual"),
    # Other spellings of the kinds that failed first (an employer, a headline, a partner in a function).
    ("Sales Manager @Chief Outfitters", "manager"),
    ("Software Engineer at Leaders & Partners", "individual"),
    ("CTO@Acme", "executive"),
    ("Former CEO | Coach", "individual"),
    ("Ex-Google \u00b7 Co-founder", "executive"),
    ("Team Lead; Product Owner", "manager"),
    ("Recruitment Partner", "individual"),
    ("People Partner for Engineering", "individual"),
    ("Channel Partner Manager", "manager"),
    ("Senior Partner", "vp"),
    # A professional firm's partners by their role in an engagement are partners of the firm.
    ("Engagement Partner, Audit", "vp"),
    ("Client Relationship Partner", "vp"),
    # A second blind probe: the head of the organisation written with a hyphen or the other way round.
    ("Director-General", "executive"),
    ("Directeur-Général", "executive"),
    ("Gerente-General", "executive"),
    ("General Director", "executive"),
    ("Generaldirektorin", "executive"),
    # A third probe, of a Swiss market and the other European business languages (written before the run):
    # the chair of a board in one word after the body's name, board members, founders and owners, heads of a
    # department, team and project leads, interns. Then a second batch, never run before the rules changed.
    ("Verwaltungsratspräsident", "executive"),
    ("Geschäftsführerin", "executive"),
    ("Leiterin Personal", "director"),
    ("Responsable RH", "manager"),
    ("Direttore Generale", "executive"),
    ("Bestuursvoorzitter", "executive"),
    ("Diretor Executivo", "executive"),
    ("Presidente del Consejo", "executive"),
    ("Owner/Managing Partner", "executive"),
    ("Board member", "vp"),
    ("Praktikant", "individual"),
    ("Stagiaire", "individual"),
    ("Tirocinante", "individual"),
    ("Aufsichtsratsmitglied", "vp"),
    ("Membre du conseil d'administration", "vp"),
    ("Consigliere di amministrazione", "vp"),
    ("Titolare", "executive"),
    ("Fondatore e CEO", "executive"),
    ("Eigenaar", "executive"),
    ("Oprichter", "executive"),
    ("Algemeen directeur", "executive"),
    ("Hoofd HR", "director"),
    ("Teamleider", "manager"),
    ("Afdelingshoofd", "director"),
    ("Proprietário", "executive"),
    ("Chef de projet", "manager"),
    ("Chef d’équipe", "manager"),
    ("Aufsichtsratsvorsitzende", "executive"),
    ("Stiftungsratspräsidentin", "executive"),
    ("Voorzitter Raad van Bestuur", "executive"),
    ("Lid Raad van Commissarissen", "vp"),
    ("Membro del Consiglio di Amministrazione", "vp"),
    ("Consejera independiente", "vp"),
    ("Fondatrice", "executive"),
    ("Eigenares", "executive"),
    ("Directrice exécutive", "executive"),
    ("Hoofd Personeelszaken", "director"),
    ("Teamleidster klantenservice", "manager"),
    ("Cheffe de projet digital", "manager"),
    ("Chef de service RH", "director"),
    ("Werkstudentin Marketing", "individual"),
    ("Estagiária de RH", "individual"),
    ("Praktikantin Geschäftsführung", "individual"),  # an intern in the managing director's office
    ("Sócia", "vp"),
    ("Associée", "vp"),
    ("Stellvertretender Vorsitzender des Verwaltungsrats", "vp"),
    ("Capo del personale", "director"),
    ("Verkaufsleiter", "director"),
    ("Projektleiterin", "manager"),
    ("Zaakvoerder", "executive"),
    ("Gérante", "manager"),
    ("Sachbearbeiterin", "individual"),
    # Public sector, universities, police and hospitals; out of work; titles from Japan, Korea, the Arab
    # world and Israel (third holdout).
    ("Permanent Secretary", "executive"),  # the head of a government department
    ("Secretary-General", "executive"),
    ("Assistant to the Permanent Secretary", "individual"),
    ("Secretary to the Board", "individual"),
    ("Provost", "vp"),
    ("Police Commissioner", "vp"),
    ("Chief Inspector", "senior_manager"),  # a police rank, not a chief officer
    ("Chief Superintendent", "director"),
    ("Chief Constable", "executive"),
    ("Consultant Surgeon", "senior_manager"),  # the senior doctor leading a clinical team
    ("Consultant in Anaesthesia", "senior_manager"),
    ("Consultant", "individual"),
    ("Colonel (ret.)", "individual"),
    ("Major, Ret.", "individual"),
    ("Between roles (previously CHRO)", "individual"),
    ("Open to work | ex-CEO", "individual"),
    ("Bucho, Sales Division", "director"),
    ("Shacho", "executive"),
    ("Sajang", "executive"),
    ("Busajang", "vp"),
    ("Gwajang", "manager"),
    ("المدير التنفيذي", "executive"),
    ("نائب الرئيس للمبيعات", "vp"),
    ("מנכ״ל", "executive"),
    ('סמנכ"ל שיווק', "vp"),
    # Kinds the fourth holdout found missing, in other spellings than its own (each failed before).
    ("Socio Gerente", "executive"),  # the managing partner of a Spanish or Portuguese firm
    ("Administradora Única", "executive"),
    ("Dueño del restaurante", "executive"),
    ("I run my own business", "executive"),
    ("Owning the family company since 2009", "executive"),
    ("Managing a business unit", "individual"),  # not the firm: left to the other rules
    ("Jefe de Servicio de Cardiología", "director"),  # a department's head, as "Chef de service"
    ("Jefe de Proyecto", "manager"),
    ("GF", "executive"),  # Geschäftsführer, as German forms shorten it
    ("Stellv. Geschäftsführerin", "executive"),  # a deputy of the head reads as the head ("Deputy CEO")
    ("Oberärztin", "senior_manager"),
    ("Chefärztin Innere Medizin", "director"),
    ("Kacho dairi", "manager"),
    ("Honbucho dairi", "senior_manager"),
    ("Rector", "executive"),  # a university's head
    ("Rektorin", "executive"),
    ("Deputy Vice-Chancellor", "vp"),
    ("Vice-Rector for Research", "vp"),
    ("Vice Dean", "senior_manager"),
    ("Assistant Chief Executive", "vp"),
    ("Assistant Commissioner", "vp"),
    ("Independent Director", "vp"),
    ("Deputy General Counsel", "director"),
    ("Brig Gen", "executive"),
    ("Col. Smith", "director"),
    ("LTC, US Army", "director"),
    ("Staff Sergeant", "manager"),
    ("Mgng Director", "executive"),
    ("Hd. of Finance", "director"),
    ("GC", "vp"),
    # Kinds the fifth holdout found missing, in other spellings than its own (each failed before).
    ("Proprietress", "executive"),  # the owner of a small firm, as a shop or a pub names her
    ("Sole Trader", "executive"),
    ("Sole Director & Shareholder", "executive"),  # the only director of her own company
    ("Principal Dentist", "executive"),  # the owner of the practice
    ("Principal Consultant", "senior_manager"),  # a firm's principal rank, as before
    ("City Administrator", "executive"),  # a local government's chief executive
    ("Borough Administrator", "executive"),
    ("County Executive", "executive"),
    ("City Manager, Uber", "manager"),  # a company's manager for a city is a manager
    ("Verkställande direktör", "executive"),  # Swedish, Danish, Norwegian and Finnish chief executives
    ("Vd och koncernchef", "executive"),
    ("Administrerende direktør", "executive"),
    ("Daglig leder", "executive"),
    ("Toimitusjohtaja", "executive"),
    ("首席执行官", "executive"),  # Chinese: chief executive, general manager, vice president, director
    ("总经理", "executive"),
    ("副总裁, 销售", "vp"),
    ("市场部总监", "director"),
    ("高级经理", "senior_manager"),
    ("项目经理", "manager"),
    ("代表取締役", "executive"),  # Japanese in kanji: representative director, executive officer, heads
    ("常務取締役", "vp"),
    ("営業部長", "director"),
    ("副部長", "senior_manager"),
    ("人事課長", "manager"),
    ("대표이사", "executive"),  # Korean: chief executive, vice president, department and team heads
    ("부사장", "vp"),
    ("영업부장", "director"),
    ("팀장", "manager"),
    ("رئيس قسم المبيعات", "director"),  # Arabic: the head of a department or function
    ("رئيسة التسويق", "director"),
    ("رئيس مجلس الإدارة", "executive"),
    # The sixth holdout's kinds, in other wordings: a coach's shorthand for a partner, a Portuguese executive
    # board member, a Japanese corporate officer, a principal who is a senior individual contributor.
    ("Mgng Ptnr", "executive"),
    ("Sr. Ptnr", "vp"),
    ("Administradora Executiva", "executive"),
    ("常務執行役員", "vp"),
    ("Shikko Yakuin, Sales", "vp"),
    ("Principal Software Engineer", "individual"),
    ("Principal Data Scientist", "individual"),
    ("Principal Architect", "senior_manager"),  # an architecture practice's principal may own it
    ("Principal Engineer | Head of Platform", "director"),  # the head of a function counts
    # The seventh holdout's kinds, in other wordings: a senior business partner advises the top team; a
    # Korean company's director; a box that points to the message holds no title.
    ("Sr. Finance Business Partner", "senior_manager"),
    ("Strategic HR Business Partner", "senior_manager"),
    ("Finance Business Partner", "manager"),
    ("마케팅 이사", "director"),
    ("see my message", "unknown"),
    ("As above", "unknown"),
]


@pytest.mark.parametrize(
    ("title", "level"), PROBE, ids=[f"{i:02d}-{t.strip()[:30]}" for i, (t, _) in enumerate(PROBE)]
)
def test_seniority_level__titles_leads_type(title: str, level: str) -> None:
    assert seniority_level(title) == level
