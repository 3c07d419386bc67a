"""Dutch texts of the fictitious sample: the action plan (built on the operational goals of
chapter 3 of the policy plan, in our own words), short generic descriptions, the evaluation
criteria and the indicators. Nothing here describes a real person or a real case."""

from __future__ import annotations

from typing import NamedTuple

# Operational goals of chapter 3 of the policy plan, per strategic goal.
OPERATIONAL_GOALS: dict[str, tuple[str, ...]] = {
    "Bepalen en definiëren": (
        "3.1.1.1 Herdefiniëring van onze waarden",
        "3.1.1.2 Identificatie van ethische dilemma's",
        "3.1.1.3 Ontwikkeling van een ethisch kompas",
        "3.1.1.4 Detectie en beoordeling van integriteitsrisico's",
        "3.1.1.5 Integriteit in het personeelsbeleid",
        "3.1.1.6 Integriteit in het welzijnsbeleid",
    ),
    "Begeleiden": (
        "3.1.2.1 Beleid en structuur",
        "3.1.2.2 Leiderschap en cultuur",
        "3.1.2.3 HR-processen en opleidingen",
        "3.1.2.4 Communicatie en informatiebeheer",
        "3.1.2.5 Externe betrokkenheid en reflectie",
    ),
    "Monitoren": (
        "3.1.3.1 Ontwikkeling en uitvoering van het actieplan",
        "3.1.3.2 Implementatie van het dashboard integriteitsbeleid",
        "3.1.3.3 Verbetermaatregelen en risicobeheersing",
        "3.1.3.4 Klachten- en risicoanalyse",
        "3.1.3.5 Toezicht op gegevensgebruik",
    ),
    "Afdwingen": (
        "3.1.4.1 Preventie en meldplicht",
        "3.1.4.2 Reactie van leidinggevenden op integriteitsschendingen",
        "3.1.4.3 Procedure voor ernstige schendingen",
        "3.1.4.4 Registratie en rapportage",
    ),
}
_GOAL_OF = {op: goal for goal, ops in OPERATIONAL_GOALS.items() for op in ops}


class Action(NamedTuple):
    operational_goal: str
    action: str
    owner: str

    @property
    def strategic_goal(self) -> str:
        return _GOAL_OF[self.operational_goal]


def _op(prefix: str) -> str:
    return next(op for op in _GOAL_OF if op.startswith(prefix + " "))


# The action plan, roughly in the order a zone would tackle it.
ACTIONS: tuple[Action, ...] = tuple(
    Action(_op(code), text, owner)
    for code, text, owner in (
        ("3.1.2.1", "Integriteitscoördinator aanstellen en de taakomschrijving vastleggen", "korpschef"),
        ("3.1.2.2", "Integriteitsnetwerk oprichten met een lid uit elke dienst", "integriteitscoördinator"),
        ("3.1.3.2", "Registers van klachten en meldingen omzetten naar één vast sjabloon", "korpssecretariaat"),
        ("3.1.1.1", "Korpslesdag rond de kernwaarden voorbereiden en begeleiden", "korpschef"),
        ("3.1.1.2", "Denksessies over ethische dilemma's in de teams houden en de uitkomsten bundelen", "integriteitscoördinator"),
        ("3.1.1.4", "Risicoanalyse van het gebruik van tankkaarten en dienstvoertuigen", "diensthoofd logistiek"),
        ("3.1.2.4", "Maandelijkse steekproef op de reden van raadpleging van de databanken", "informatieveiligheidsconsulent"),
        ("3.1.2.1", "Integriteitscharter laten ondertekenen door alle medewerkers", "personeelsdienst"),
        ("3.1.4.1", "Sensibiliseringscampagne over het intern meldkanaal en de bescherming van melders", "integriteitscoördinator"),
        ("3.1.1.3", "Eerste versie van het ethisch kompas schrijven en laten nalezen door het netwerk", "integriteitscoördinator"),
        ("3.1.2.3", "Dilemmatraining met een externe spreker op de korpslesdag inplannen", "opleidingsverantwoordelijke"),
        ("3.1.1.5", "Integriteitscompetenties opnemen in alle functieprofielen", "personeelsdienst"),
        ("3.1.3.4", "Jaaranalyse van klachten en tuchtdossiers voorleggen aan de korpsleiding", "integriteitscoördinator"),
        ("3.1.1.6", "Richtlijn informatieveiligheid herzien en bekendmaken", "informatieveiligheidsconsulent"),
        ("3.1.2.2", "Workshop ethisch en dienend leiderschap voor leidinggevenden", "opleidingsverantwoordelijke"),
        ("3.1.4.3", "Werkwijze voor functioneringsnota en tuchtmelding uitschrijven", "korpschef"),
        ("3.1.1.4", "Risicokaart van de kernprocessen opmaken", "integriteitscoördinator"),
        ("3.1.2.1", "Peter-metersysteem voor nieuwe medewerkers opstarten", "personeelsdienst"),
        ("3.1.3.1", "Actieplan halfjaarlijks opvolgen in de stuurgroep", "integriteitscoördinator"),
        ("3.1.3.5", "Resultaten van de logging-controles elk kwartaal rapporteren", "informatieveiligheidsconsulent"),
        ("3.1.2.3", "Onthaalmodule integriteit voor nieuwe medewerkers uitwerken", "opleidingsverantwoordelijke"),
        ("3.1.1.3", "Ethisch kompas voorstellen op de stuurgroep van leidinggevenden", "korpschef"),
        ("3.1.4.2", "Leidraad voor leidinggevenden: bespreken, afspreken, aanspreken en opvolgen", "directeur operaties"),
        ("3.1.2.4", "Pagina integriteitsbeleid op het intranet opzetten", "communicatieverantwoordelijke"),
        ("3.1.3.3", "Opvolgsysteem voor tankkaarten evalueren en bijsturen", "diensthoofd logistiek"),
        ("3.1.2.5", "Integriteit als vast agendapunt op de teamvergaderingen", "directeur operaties"),
        ("3.1.3.2", "Dashboard integriteitsbeleid in gebruik nemen", "integriteitscoördinator"),
        ("3.1.4.4", "Jaarlijkse geanonimiseerde terugkoppeling aan alle medewerkers", "integriteitscoördinator"),
        ("3.1.2.3", "Integriteit als vast thema in functionerings- en evaluatiegesprekken", "personeelsdienst"),
        ("3.1.2.5", "Deelname aan een extern studiemoment over integriteit", "integriteitsnetwerk"),
        ("3.1.4.4", "Periodiek overzicht van klachten en dossiers bezorgen aan de overheden", "korpssecretariaat"),
        ("3.1.1.2", "Korte bevraging over dilemma's in de dagelijkse praktijk", "integriteitsnetwerk"),
    )
)

ACTION_REMARKS = {
    "uitgesteld": ("Uitgesteld wegens personeelstekort.", "Wacht op budget in de volgende begroting."),
    "geschrapt": ("Opgenomen in een andere actie.", "Niet langer nodig na de herziening van de richtlijn."),
    "lopend": ("Eerste resultaten besproken in de stuurgroep.", "Planning bijgestuurd na de korpslesdag."),
    "afgerond": ("Geëvalueerd en verankerd in de werking.",),
}

COMPLAINT_TEXTS: dict[str, tuple[str, ...]] = {
    "bejegening": (
        "Klager vond de toon tijdens de tussenkomst onheus.",
        "Klacht over de houding aan het onthaal.",
        "Klager voelde zich niet gehoord bij een controle.",
    ),
    "geweld": ("Klager meldt te hardhandig optreden bij een aanhouding.", "Klacht over het gebruik van boeien."),
    "discriminatie": ("Klager voelt zich anders behandeld bij een controle.",),
    "informatiebeheer": ("Vraag over de verwerking van gegevens na een vaststelling.",),
    "dienstverlening": (
        "Lange wachttijd voor het indienen van een aangifte.",
        "Geen terugkoppeling na een melding van overlast.",
        "Afspraak met de wijkinspecteur werd niet nagekomen.",
    ),
    "verkeer dienstvoertuig": (
        "Dienstvoertuig reed volgens klager te snel zonder signalisatie.",
        "Dienstvoertuig stond fout geparkeerd.",
    ),
    "corruptie of fraude": ("Vermoeden van het aannemen van een voordeel.",),
    "privacy": ("Klager meent dat gegevens zonder reden werden geraadpleegd.",),
    "andere": ("Algemene klacht over de werking van de zone.",),
}

REPORT_TEXTS: dict[str, str] = {
    "misbruik van bevoegdheid": "Vermoeden van het gebruik van de functie voor eigen voordeel.",
    "misbruik van informatie": "Vermoeden van raadpleging van databanken zonder dienstreden.",
    "corruptie of fraude": "Vermoeden van het aannemen van geschenken.",
    "geweld": "Melding over disproportioneel optreden.",
    "ongewenste omgangsvormen": "Melding over ongepaste opmerkingen binnen een team.",
    "discriminatie": "Melding over ongelijke behandeling.",
    "onverenigbare nevenactiviteit": "Vermoeden van een niet gemelde nevenactiviteit.",
    "wangedrag buiten dienst": "Melding over gedrag buiten de diensturen.",
    "alcohol of drugs": "Vermoeden van alcoholgebruik tijdens de dienst.",
    "onjuist declareren": "Vermoeden van onjuist aangerekende prestaties.",
    "andere": "Algemene melding over de werking van een dienst.",
}

# Indicators measured outside the registers.
FTE = "personeelsbestand (VTE)"
CHARTER = "integriteitscharter ondertekend (%)"
DILEMMA = "deelnemers dilemmatraining"
LOGGING = "logging-controles reden raadpleging"
FUEL_CARDS = "controles tankkaarten"
INDICATOR_SOURCES = {
    FTE: "personeelsdienst",
    CHARTER: "personeelsdienst",
    DILEMMA: "opleidingsverantwoordelijke",
    LOGGING: "informatieveiligheidsconsulent",
    FUEL_CARDS: "diensthoofd logistiek",
}


class Criterion(NamedTuple):
    indicator: str  # a KPI id of kpi-catalog.md (never a split) or an Indicatoren name
    norm: float  # a rate's norm as a percentage
    direction: str  # minstens / hoogstens
    text: str  # "{norm}" stands for the norm
    scales: str = ""  # "count": grows with the staff; "rate": with the cases per VTE


CRITERIA: tuple[Criterion, ...] = (
    Criterion("complaints_within_norm_rate", 90, "minstens", "Minstens {norm}% van de klachten binnen 90 dagen afgehandeld"),
    Criterion("complaints_per_100_fte", 45, "hoogstens", "Hoogstens {norm} klachten per 100 VTE", "rate"),
    Criterion("complaints_median_lead_days", 45, "hoogstens", "Mediane doorlooptijd van een klacht hoogstens {norm} dagen"),
    Criterion("reports_ack_in_time_rate", 95, "minstens", "Ontvangst van minstens {norm}% van de meldingen binnen 7 dagen bevestigd"),
    Criterion("notes_followup_overdue", 0, "hoogstens", "Functioneringsnota's met een laattijdige opvolging: hoogstens {norm}", "count"),
    Criterion("discipline_limit_at_risk", 0, "hoogstens", "Tuchtdossiers dicht bij de termijn voor het inleidend verslag: hoogstens {norm}", "count"),
    Criterion("actions_done_rate", 75, "minstens", "Minstens {norm}% van de acties van het jaar afgerond"),
    Criterion(CHARTER, 95, "minstens", "Minstens {norm}% van de medewerkers ondertekende het integriteitscharter"),
    Criterion(DILEMMA, 40, "minstens", "Minstens {norm} deelnemers aan een dilemmatraining", "count"),
    Criterion(LOGGING, 12, "minstens", "Minstens {norm} logging-controles op de reden van raadpleging", "count"),
    Criterion("reports_feedback_in_time_rate", 90, "minstens", "Terugkoppeling aan minstens {norm}% van de melders binnen 3 maanden"),
    Criterion("complaints_founded_rate", 25, "hoogstens", "Hoogstens {norm}% van de beoordeelde klachten gegrond"),
    Criterion("actions_overdue", 2, "hoogstens", "Acties over hun deadline: hoogstens {norm}", "count"),
    Criterion(FUEL_CARDS, 24, "minstens", "Minstens {norm} controles van tankkaarten", "count"),
    Criterion("discipline_median_lead_days", 270, "hoogstens", "Mediane duur van een tuchtdossier hoogstens {norm} dagen"),
)


class RiskText(NamedTuple):
    process: str
    risk: str
    function: str | None
    kans: int
    impact: int
    controls: str | None
    actions: tuple[int, ...]  # indexes into ACTIONS
    owner: str
    status: str


# The risk analysis of the processes of §3.1.3.3 of the policy plan (and two more of the register's
# list), in our own words. Kans and impact are a fictitious zone's own assessment on 1..5; three
# risks come out hoog (score >= 15), as a first analysis of a zone typically finds a handful.
RISKS: tuple[RiskText, ...] = (
    RiskText("rekrutering en selectie", "Belangenvermenging of vriendjespolitiek bij selectie en aanwerving",
             "lid selectiecommissie", 2, 4, "Externe assessor in elke selectiecommissie; verklaring van onpartijdigheid",
             (11, 20), "korpschef", "in behandeling"),
    RiskText("rekrutering en selectie", "Onvoldoende aandacht voor integriteit in het screeningsgesprek",
             "medewerker personeelsdienst", 2, 3, None, (17,), "personeelsdienst", "open"),
    RiskText("aanwending van middelen", "Privégebruik van tankkaarten en dienstvoertuigen", "inspecteur interventie",
             3, 3, "Tankkaart per voertuig; maandelijkse controle van de verbruikslijsten", (5, 24),
             "diensthoofd logistiek", "in behandeling"),
    RiskText("aanwending van middelen", "Aankopen zonder mededinging of met belangenvermenging", "diensthoofd logistiek",
             2, 4, "Vier-ogenprincipe bij elke bestelling boven 3.000 euro", (), "directeur operaties", "aanvaard"),
    RiskText("omgang met aangehouden personen", "Disproportioneel geweld of onheuse bejegening van aangehouden personen",
             "inspecteur interventie", 3, 5, "Camera's in de cellengang; elke vrijheidsbeneming in het register",
             (10, 22), "directeur operaties", "in behandeling"),
    RiskText("omgang met aangehouden personen", "Verdwijnen van persoonlijke bezittingen van aangehouden personen",
             "arrestantenbewaker", 2, 3, "Inventaris die de aangehouden persoon ondertekent", (), "directeur operaties",
             "open"),
    RiskText("inbeslagnames en overtuigingsstukken", "Ontvreemding van in beslag genomen geld of goederen",
             "beheerder overtuigingsstukken", 3, 5, "Griffie met registratie van elke toegang", (), "korpschef", "open"),
    RiskText("consultatie van gegevensbanken", "Raadpleging van politionele gegevensbanken zonder dienstreden",
             "inspecteur interventie", 4, 4, "Logging van elke raadpleging; reden van raadpleging verplicht", (6, 19),
             "informatieveiligheidsconsulent", "in behandeling"),
    RiskText("consultatie van gegevensbanken", "Doorgeven van politionele informatie aan derden", "onthaalmedewerker",
             2, 5, "Richtlijn informatieveiligheid", (13,), "informatieveiligheidsconsulent", "in behandeling"),
    RiskText("geschenken en voordelen", "Aanvaarden van geschenken of kortingen van handelaars in de zone",
             "wijkinspecteur", 3, 2, "Regel over geschenken in het ethisch kompas", (4, 9), "korpschef", "open"),
    RiskText("nevenactiviteiten", "Onverenigbare nevenactiviteit zonder toelating", "inspecteur", 2, 3,
             "Toelating van de korpschef vereist", (), "korpschef", "aanvaard"),
    RiskText("interacties met burgers", "Selectieve handhaving ten gunste van bekenden in de zone", "wijkinspecteur",
             3, 3, None, (4,), "directeur operaties", "in behandeling"),
    RiskText("aanwending van middelen", "Sleutels van dienstvoertuigen onbeheerd beschikbaar", "onthaalmedewerker",
             3, 2, "Sleutelkast met badge", (), "diensthoofd logistiek", "afgesloten"),
)
