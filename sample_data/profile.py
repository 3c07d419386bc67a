"""The shape of the fictitious data: how often each enum value occurs, the services, the
seasonality and the yearly rates per VTE. Both the zone sample (generate.py) and the national
set (national.py) draw from these tables, so the two scales tell the same story."""

from __future__ import annotations

# Services (dienst) and their share of the staff.
SERVICES: dict[str, float] = {
    "Interventie": 34,
    "Wijkwerking": 20,
    "Verkeer": 13,
    "Recherche": 10,
    "Onthaal": 8,
    "Jeugd en gezin": 5,
    "Logistiek": 4,
    "Personeel en organisatie": 3,
    "Dispatching": 3,
}

# Month weights (January first): more complaints in summer (events, traffic, terraces).
COMPLAINT_SEASON = (0.8, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.4, 1.05, 0.95, 0.8, 0.85)
FLAT_SEASON = (1.0,) * 12
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.35, 0.25)  # Monday first

# Yearly volumes per VTE: a zone of 120 VTE gets about 18 complaints, 10 notes, 5 dossiers and
# 2 reports a year. Where the two levels a reference sits beside come from:
# - Complaints, about 15 per 100 VTE: the Comité P opens about 2.800 to 3.100 complaint files a
#   year for the whole integrated police (2.965 in 2018, 3.112 in 2020, 2.793 in 2021: its annual
#   reports), some 6 per 100 staff on roughly 47.000 staff; a zone also receives complaints
#   directly (burger, intern, gemeente: 86 % of the channels below), and the big-city zones weigh
#   heavily in the Comité P's count. 15 per 100 VTE keeps the Comité P channel of a quiet zone
#   (14 % of its complaints, about 2 per 100 VTE) below the national average.
# - Reports (meldingen integriteit), about 1,7 per 100 VTE: near the NAVEX Risk & Compliance
#   Hotline Benchmark Report 2025 median of 1,57 reports per 100 employees worldwide (0,67 for
#   Europe), the reference a new database starts with.
ZONE_RATES = {"klachten": 18 / 120, "functioneringsnotas": 10 / 120, "tuchtdossiers": 5 / 120, "meldingen": 2 / 120}
ACTIONS_PER_FTE_YEAR = 32 / 120 / 6  # the zone's plan: 32 actions over six years


def report_share(year: int) -> float:
    """The law of 8 December 2022 made the internal channel widely known: fewer reports before."""
    return 0.65 if year < 2023 else 1.0


COMPLAINT_CHANNEL = {"burger": 60, "Comité P": 14, "intern": 8, "gemeente": 7, "parket": 6, "AIG": 3, "andere": 2}
COMPLAINT_CATEGORY = {
    "bejegening": 34,
    "dienstverlening": 20,
    "verkeer dienstvoertuig": 12,
    "geweld": 10,
    "informatiebeheer": 7,
    "privacy": 5,
    "discriminatie": 5,
    "corruptie of fraude": 2,
    "andere": 5,
}
COMPLAINT_ASSESSMENT = {
    "ongegrond": 38,
    "onontvankelijk": 14,
    "bemiddeld": 15,
    "gegrond": 13,
    "deels gegrond": 11,
    "doorverwezen": 9,
}
FOUNDED = ("gegrond", "deels gegrond")
CONSEQUENCE_FOUNDED = {
    "gesprek": 40,
    "opleiding of coaching": 18,
    "functioneringsnota": 20,
    "tuchtdossier": 8,
    "gerechtelijk dossier": 4,
    "geen": 10,
}
# Complaint lead time in days: lognormal, median about 40 days, roughly one in ten beyond 90.
COMPLAINT_LEAD_MEDIAN = 40
COMPLAINT_LEAD_SIGMA = 0.65

NOTE_THEME = {
    "bejegening": 24,
    "stiptheid": 20,
    "informatiebeheer": 12,
    "gebruik middelen": 12,
    "omgangsvormen": 14,
    "geweldgebruik": 6,
    "nevenactiviteiten": 4,
    "andere": 8,
}
NOTE_CAUSE = {"vaststelling leidinggevende": 52, "klacht": 28, "melding": 10, "andere": 10}

DOSSIER_KIND = {"tucht": 60, "gerechtelijk": 20, "tucht en gerechtelijk": 20}
DOSSIER_CATEGORY = {
    "misbruik van bevoegdheid": 10,
    "misbruik van informatie": 16,
    "corruptie of fraude": 5,
    "geweld": 10,
    "ongewenste omgangsvormen": 14,
    "discriminatie": 4,
    "onverenigbare nevenactiviteit": 5,
    "wangedrag buiten dienst": 14,
    "alcohol of drugs": 9,
    "onjuist declareren": 8,
    "andere": 5,
}
DISCIPLINARY_SANCTION = {
    "geen": 28,
    "waarschuwing": 26,
    "blaam": 20,
    "inhouding van wedde": 11,
    "schorsing bij tuchtmaatregel": 7,
    "terugzetting in weddeschaal": 3,
    "ambtshalve ontslag": 3,
    "afzetting": 2,
}
JUDICIAL_OUTCOME = {"seponering": 45, "veroordeling": 35, "vrijspraak": 20}

REPORT_CHANNEL = {"intern meldkanaal": 40, "vertrouwenspersoon": 25, "leidinggevende": 25, "extern": 10}
REPORT_CATEGORY = DOSSIER_CATEGORY
REPORT_OUTCOME = {"geen schending": 40, "schending vastgesteld": 30, "onontvankelijk": 20, "doorverwezen": 10}
REPORT_ANONYMOUS_SHARE = 0.3

# Roles that pull actions of the action plan.
ACTION_OWNERS = (
    "integriteitscoördinator",
    "korpschef",
    "directeur operaties",
    "personeelsdienst",
    "opleidingsverantwoordelijke",
    "communicatieverantwoordelijke",
    "informatieveiligheidsconsulent",
    "diensthoofd logistiek",
    "integriteitsnetwerk",
    "korpssecretariaat",
)
