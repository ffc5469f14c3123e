"""Fixed ingredients of the demo business: packages, associates, leadership models, people and companies."""

from __future__ import annotations

PACKAGES = [
    # name, billing, price, sessions per month, session minutes, description
    ("Foundations", "Per Session", 250.0, 2, 60, "Fortnightly one-to-one coaching for new managers."),
    ("Leadership Accelerator", "Monthly Retainer", 900.0, 4, 60, "Weekly coaching with a 90-day plan."),
    ("Executive Partnership", "Monthly Retainer", 2000.0, 4, 90, "Weekly executive coaching, on call."),
]

ASSOCIATES = [
    # name, specialties, certification, performance, max clients, commission, status, hired days ago
    (
        "Priya Raman",
        ["Executive Presence", "Strategic Thinking"],
        "Senior",
        "Excellent",
        8,
        0.35,
        "Active",
        900,
    ),
    (
        "Tom Okafor",
        ["Team Leadership", "Conflict Resolution", "Performance Management"],
        "Practitioner",
        "Good",
        6,
        0.30,
        "Active",
        540,
    ),
    (
        "Hannah Lindqvist",
        ["Change Management", "Communication", "Emotional Intelligence"],
        "Master",
        "Excellent",
        10,
        0.40,
        "Active",
        1200,
    ),
    (
        "Diego Alvarez",
        ["Career Transition", "Work-Life Balance"],
        "Foundation",
        "New",
        4,
        0.25,
        "Onboarding",
        45,
    ),
]

MODELS = [
    # title, category, description, use cases
    (
        "Situational Leadership",
        "Team",
        "Match directing and supporting to each person's readiness.",
        "Delegation",
    ),
    (
        "GROW Model",
        "Performance",
        "Goal, Reality, Options, Will: a structure for a coaching conversation.",
        "Goals",
    ),
    ("Radical Candor", "Communication", "Care personally while challenging directly.", "Hard feedback"),
    (
        "Five Dysfunctions of a Team",
        "Team",
        "Trust, conflict, commitment, accountability, results.",
        "Team resets",
    ),
    ("Kotter's 8 Steps", "Change", "Urgency, coalition, vision, ... anchoring change in culture.", "Reorgs"),
    (
        "Emotional Intelligence Map",
        "Self-Leadership",
        "Self-awareness, regulation, empathy, social skill.",
        "Triggers",
    ),
    ("Eisenhower Matrix", "Self-Leadership", "Sort work by urgency and importance.", "Overload"),
    ("SCARF Model", "Communication", "Status, certainty, autonomy, relatedness, fairness.", "Resistance"),
    (
        "Adaptive Leadership",
        "Change",
        "Tell technical from adaptive challenges; get on the balcony.",
        "Ambiguity",
    ),
    (
        "OKRs for Leaders",
        "Strategy",
        "Objectives and key results that cascade without micromanaging.",
        "Focus",
    ),
    (
        "Strategy Canvas",
        "Strategy",
        "Compare where you compete with where you could stand apart.",
        "Positioning",
    ),
    ("Feedforward", "Performance", "Ask for ideas for the future instead of feedback on the past.", "Growth"),
]

_FIRST = """Amelia Ben Chloe Daniel Ella Farid Grace Hugo Isla Jonas Kemi Liam Maya Noah Olivia Pavel Quinn
Rosa Samir Tara Umar Vera Will Xena Yusuf Zoe Aisha Bruno Carla Dev Elif Finn Gita Hamza Ines Jack"""
_LAST = """Hart Novak Okoye Brennan Sato Moreau Fischer Patel Quinn Walsh Costa Lund Mensah Rossi Shah Byrne
Keller Dias Nakamura Ortiz Ahmed Berg Clarke Dubois Evans Farah Gallo Haddad Iqbal Jensen Kowal"""
FIRST, LAST = _FIRST.split(), _LAST.split()

COMPANIES = [
    # company, domain, industry, size
    ("Northwind Logistics", "northwind", "Logistics", 1200),
    ("Brightpath Health", "brightpath", "Healthcare", 3400),
    ("Copperleaf Software", "copperleaf", "Technology", 220),
    ("Harbour & Finch", "harbourfinch", "Professional Services", 85),
    ("Meridian Foods", "meridianfoods", "Retail", 5600),
    ("Quayside Energy", "quayside", "Energy", 900),
    ("Tern Analytics", "ternanalytics", "Technology", 60),
    ("Oakridge Housing", "oakridge", "Public Sector", 450),
    ("Lumen Bank", "lumenbank", "Financial Services", 8000),
    ("Fable Studios", "fable", "Media", 140),
    ("Greystone Manufacturing", "greystone", "Manufacturing", 2100),
    ("Kestrel Pharma", "kestrel", "Healthcare", 1500),
]

TITLES = [
    "CEO",
    "COO",
    "Chief People Officer",
    "VP Engineering",
    "Head of People",
    "Director of Operations",
    "Founder",
    "CFO",
    "Engineering Manager",
    "Product Director",
    "Chief of Staff",
    "Team Lead",
    "Head of Sales",
    "HR Business Partner",
]

SOURCES = ["Referral"] * 8 + ["LinkedIn"] * 8 + ["Website"] * 7 + ["Networking Event"] * 5
SOURCES += ["Speaking"] * 4 + ["Podcast"] * 3 + ["Social Media"] * 3 + ["Other"] * 2

THEMES = {
    # focus area: (what came up in the session, an action item)
    "Executive Presence": (
        "board presentation felt rushed; practised pausing",
        "Rehearse the board update aloud",
    ),
    "Team Leadership": (
        "two leads are not talking; agreed a joint retro",
        "Run the joint retro with both leads",
    ),
    "Strategic Thinking": ("stuck in the weeds; blocked two hours a week", "Protect Thursday strategy block"),
    "Communication": ("updates to the exec team too long", "Rewrite the weekly update in five bullets"),
    "Change Management": ("reorg announced, team anxious", "Hold listening sessions with each team"),
    "Emotional Intelligence": (
        "snapped at a peer in a meeting; explored trigger",
        "Keep a trigger log for two weeks",
    ),
    "Career Transition": ("weighing the COO offer", "List what the first 90 days would need"),
    "Conflict Resolution": (
        "dispute over budget with finance",
        "Prepare for the budget conversation with SCARF",
    ),
    "Performance Management": ("underperformer on the team", "Write clear expectations and a review date"),
    "Work-Life Balance": ("working every evening", "Set an end-of-day shutdown routine"),
}

# More actions per focus area, so that a client's items vary from session to session as a coach's would
# (the first is the theme's own).
ACTIONS = {
    "Executive Presence": ["Ask the chair for feedback on the board update", "Record a two-minute pitch"],
    "Team Leadership": ["Agree team norms for the weekly stand-up", "Hold a skip-level with each lead"],
    "Strategic Thinking": ["Draft a one-page strategy on a page", "List three bets for next year"],
    "Communication": ["Ask the COO what she needs from updates", "Try the pyramid principle in one memo"],
    "Change Management": ["Name a change champion in each team", "Write the FAQ for the reorg"],
    "Emotional Intelligence": ["Pause for ten seconds before replying", "Ask a peer how the meeting landed"],
    "Career Transition": ["Speak to two COOs about the role", "Write down what must be true to say yes"],
    "Conflict Resolution": ["Meet the finance lead one-to-one", "Write down the shared goal with finance"],
    "Performance Management": ["Book the mid-point review", "Agree one measurable goal with the report"],
    "Work-Life Balance": ["Keep evenings free three days a week", "Delegate the Friday report"],
}
ACTIONS = {focus: [THEMES[focus][1], *more] for focus, more in ACTIONS.items()}
