"""The nine registers of ../shared/registers.md, declared once.

Everything that needs to know a register's columns reads them from here: the database schema,
the Excel importer and its validation, the template, the sample data, the role filter (which
columns are personal) and the exports. Headers are the Dutch names the registers use; database
column names are those headers in snake_case without accents. The Dutch texts are the canonical
ones (stored values, database columns); data_access.register_terms gives them in French too.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "int", "number", "pct", "enum", "bool"]


@dataclass(frozen=True)
class Column:
    header: str  # as written in registers.md, e.g. "datum ontvangst"
    type: ColumnType
    required: bool = False  # "yes" or "key" in registers.md
    values: tuple[str, ...] = ()  # enum values, canonical spelling
    personal: bool = False  # **P**: only for roles that may see persons
    key: bool = False
    free_text: bool = False  # free text that an anonymised output never shows
    help: str = ""  # the rule, in Dutch, for the template's explanation sheet

    @functools.cached_property  # an export asks it for every cell of a register sheet
    def name(self) -> str:
        """Database column name: 'datum ontvangst' -> 'datum_ontvangst'."""
        return header_key(self.header).replace(" ", "_")


@dataclass(frozen=True)
class Register:
    name: str  # code name and table name, e.g. "klachten"
    sheet: str  # the sheet name in a workbook, e.g. "Klachten"
    label: str  # Dutch label for the screen
    columns: tuple[Column, ...]
    main_date: str | None = None  # the column a row's date is (kpi-catalog.md "main dates")
    description: str = ""
    aliases: tuple[str, ...] = field(default=())  # other sheet names accepted

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.key)

    @property
    def personal_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.personal)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def header_key(text: str) -> str:
    """Normalises a header or sheet name for matching: case, surrounding spaces, `_` versus
    space and accents do not matter ("Datum_Ontvangst " == "datum ontvangst")."""

    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("_", " ").replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(plain.lower().split())


# ---------------------------------------------------------------------------------------------
# Shared value lists

BOOL_WORDS = ("ja", "nee")  # how a bool column reads in a template's dropdown (True, False)

INTEGRITY_CATEGORIES = (
    "misbruik van bevoegdheid",
    "misbruik van informatie",
    "corruptie of fraude",
    "geweld",
    "ongewenste omgangsvormen",
    "discriminatie",
    "onverenigbare nevenactiviteit",
    "wangedrag buiten dienst",
    "alcohol of drugs",
    "onjuist declareren",
    "andere",
)

DISCIPLINARY_SANCTIONS = (
    "geen",
    "waarschuwing",
    "blaam",
    "inhouding van wedde",
    "schorsing bij tuchtmaatregel",
    "terugzetting in weddeschaal",
    "ambtshalve ontslag",
    "afzetting",
)
LIGHT_SANCTIONS = ("waarschuwing", "blaam")
HEAVY_SANCTIONS = DISCIPLINARY_SANCTIONS[3:]
JUDICIAL_OUTCOMES = ("veroordeling", "vrijspraak", "seponering")

STRATEGIC_GOALS = ("Bepalen en definiëren", "Begeleiden", "Monitoren", "Afdwingen")

# KPI ids whose value is a split ({value: count}); they cannot be evaluation criteria.
# kpis/catalog.py declares the KPIs; a test keeps this list equal to its split KPIs.
SPLIT_KPI_IDS = (
    "complaints_by_category",
    "complaints_by_channel",
    "complaints_by_outcome",
    "notes_by_theme",
    "sanctions_by_type",
    "discipline_by_category",
    "reports_by_category",
    "actions_by_goal",
    "risks_by_process",
    "risks_by_level",
)

# KPI ids a Referenties row may describe: the rates and per-100-VTE figures of kpi-catalog.md.
# kpis/catalog.py declares the KPIs; a test keeps this list equal to its rate and per_fte KPIs.
REFERENCE_KPI_IDS = (
    "complaints_per_100_fte",
    "complaints_founded_rate",
    "complaints_within_norm_rate",
    "reports_anonymous_rate",
    "reports_ack_in_time_rate",
    "reports_feedback_in_time_rate",
    "reports_violation_rate",
    "reports_per_100_fte",
    "actions_done_rate",
)

RISK_PROCESSES = (
    "rekrutering en selectie",
    "aanwending van middelen",
    "omgang met aangehouden personen",
    "inbeslagnames en overtuigingsstukken",
    "consultatie van gegevensbanken",
    "geschenken en voordelen",
    "nevenactiviteiten",
    "interacties met burgers",
    "interne onderzoeken",
    "andere",
)
RISK_STATUSES = ("open", "in behandeling", "aanvaard", "afgesloten")
RISK_SCALE = "1 (zeer klein) tot 5 (zeer groot)"

# ---------------------------------------------------------------------------------------------
# The registers

KLACHTEN = Register(
    name="klachten",
    sheet="Klachten",
    label="Klachten",
    main_date="datum_ontvangst",
    description="Klachten over medewerkers of de dienstverlening.",
    columns=(
        Column("dossiernummer", "text", required=True, key=True, help="Uniek, bv. KL-2025-0012."),
        Column("datum ontvangst", "date", required=True, help="Niet in de toekomst."),
        Column(
            "kanaal",
            "enum",
            required=True,
            values=("burger", "Comité P", "AIG", "parket", "gemeente", "intern", "andere"),
        ),
        Column(
            "categorie",
            "enum",
            required=True,
            values=(
                "bejegening",
                "geweld",
                "discriminatie",
                "informatiebeheer",
                "dienstverlening",
                "verkeer dienstvoertuig",
                "corruptie of fraude",
                "privacy",
                "andere",
            ),
        ),
        Column("dienst", "text", required=True, help="Betrokken team of dienst, bv. Interventie."),
        Column("status", "enum", required=True, values=("ontvangen", "in behandeling", "afgesloten")),
        Column(
            "datum afsluiting",
            "date",
            help="Verplicht als de status afgesloten is, anders leeg; niet vóór datum ontvangst.",
        ),
        Column(
            "beoordeling",
            "enum",
            values=("gegrond", "deels gegrond", "ongegrond", "onontvankelijk", "bemiddeld", "doorverwezen"),
            help="Verplicht als de status afgesloten is.",
        ),
        Column(
            "gevolg",
            "enum",
            values=(
                "geen",
                "gesprek",
                "functioneringsnota",
                "tuchtdossier",
                "gerechtelijk dossier",
                "opleiding of coaching",
            ),
        ),
        Column("medewerker", "text", personal=True, help="Personeelsnummer of naam (persoonsgegeven)."),
        Column("omschrijving", "text", personal=True, free_text=True, help="Vrije tekst (persoonsgegeven)."),
    ),
)

FUNCTIONERINGSNOTAS = Register(
    name="functioneringsnotas",
    sheet="Functioneringsnota's",
    label="Functioneringsnota's",
    main_date="datum",
    aliases=("Functioneringsnotas",),
    columns=(
        Column("nummer", "text", required=True, key=True, help="Uniek."),
        Column("datum", "date", required=True, help="Datum waarop de nota werd opgesteld."),
        Column("dienst", "text", required=True),
        Column(
            "thema",
            "enum",
            required=True,
            values=(
                "bejegening",
                "stiptheid",
                "informatiebeheer",
                "gebruik middelen",
                "omgangsvormen",
                "geweldgebruik",
                "nevenactiviteiten",
                "andere",
            ),
        ),
        Column(
            "aanleiding",
            "enum",
            required=True,
            values=("klacht", "melding", "vaststelling leidinggevende", "andere"),
        ),
        Column("opvolgingsdatum", "date", help="Wanneer de opvolging moet gebeuren; niet vóór datum."),
        Column("status", "enum", required=True, values=("open", "opgevolgd", "afgesloten")),
        Column("medewerker", "text", personal=True, help="Persoonsgegeven."),
    ),
)

TUCHTDOSSIERS = Register(
    name="tuchtdossiers",
    sheet="Tuchtdossiers",
    label="Tucht- en gerechtelijke dossiers",
    main_date="datum_opening",
    columns=(
        Column("dossiernummer", "text", required=True, key=True, help="Uniek."),
        Column("soort", "enum", required=True, values=("tucht", "gerechtelijk", "tucht en gerechtelijk")),
        Column("categorie", "enum", required=True, values=INTEGRITY_CATEGORIES),
        Column("dienst", "text", required=True),
        Column("datum feiten", "date"),
        Column(
            "datum kennisname",
            "date",
            required=True,
            help="Datum waarop de bevoegde overheid kennis kreeg van de feiten; niet vóór datum feiten.",
        ),
        Column(
            "datum opening",
            "date",
            required=True,
            help="Start van het (voor)onderzoek; niet vóór datum kennisname.",
        ),
        Column(
            "datum inleidend verslag",
            "date",
            help="Datum van betekening van het inleidend verslag; niet vóór datum kennisname.",
        ),
        Column(
            "tuchtoverheid",
            "enum",
            values=("korpschef", "burgemeester", "politiecollege"),
            help="Verplicht voor een tuchtdossier.",
        ),
        Column("fase", "enum", required=True, values=("vooronderzoek", "lopend", "beslist", "beroep", "afgesloten")),
        Column(
            "ordemaatregel",
            "enum",
            values=("geen", "voorlopige schorsing", "andere"),
            help="Leeg betekent geen.",
        ),
        Column("datum ordemaatregel", "date", help="Verplicht als er een ordemaatregel is."),
        Column(
            "sanctie",
            "enum",
            values=DISCIPLINARY_SANCTIONS + JUDICIAL_OUTCOMES,
            help="Verplicht als de fase beslist of afgesloten is; veroordeling, vrijspraak en "
            "seponering enkel voor een gerechtelijk dossier.",
        ),
        Column(
            "datum beslissing",
            "date",
            help="Verplicht als de fase beslist of afgesloten is; niet vóór datum opening.",
        ),
        Column("medewerker", "text", personal=True, help="Persoonsgegeven."),
    ),
)

MELDINGEN = Register(
    name="meldingen",
    sheet="Meldingen",
    label="Meldingen integriteit",
    main_date="datum_ontvangst",
    description="Meldingen volgens de wet van 8 december 2022.",
    columns=(
        Column("nummer", "text", required=True, key=True, help="Uniek."),
        Column("datum ontvangst", "date", required=True),
        Column(
            "kanaal",
            "enum",
            required=True,
            values=("intern meldkanaal", "vertrouwenspersoon", "leidinggevende", "extern"),
        ),
        Column("anoniem", "bool", required=True, help="ja of nee; een lege cel is nee."),
        Column("categorie", "enum", required=True, values=INTEGRITY_CATEGORIES),
        Column("datum ontvangstbevestiging", "date", help="Niet vóór datum ontvangst."),
        Column("datum terugkoppeling", "date", help="Terugkoppeling aan de melder; niet vóór datum ontvangst."),
        Column("status", "enum", required=True, values=("ontvankelijkheid", "onderzoek", "afgesloten")),
        Column(
            "uitkomst",
            "enum",
            values=("schending vastgesteld", "geen schending", "onontvankelijk", "doorverwezen"),
            help="Verplicht als de status afgesloten is.",
        ),
        Column("omschrijving", "text", personal=True, free_text=True, help="Vrije tekst (persoonsgegeven)."),
    ),
)

ACTIEPLAN = Register(
    name="actieplan",
    sheet="Actieplan",
    label="Actieplan",
    description="Het actieplan van het integriteitsbeleid.",
    columns=(
        Column("actie id", "text", required=True, key=True, help="Uniek, bv. A-2025-07."),
        Column("strategische doelstelling", "enum", required=True, values=STRATEGIC_GOALS),
        Column(
            "operationele doelstelling",
            "text",
            required=True,
            help="Bv. 3.1.1.3 Ontwikkeling van een ethisch kompas.",
        ),
        Column("actie", "text", required=True),
        Column("trekker", "text", required=True, help="Een rol, bv. integriteitscoördinator."),
        Column("startdatum", "date"),
        Column("deadline", "date", required=True, help="Niet vóór startdatum."),
        Column(
            "status",
            "enum",
            required=True,
            values=("niet gestart", "lopend", "afgerond", "uitgesteld", "geschrapt"),
        ),
        Column("voortgang", "pct", help="Percentage (0 tot 100); 100 als de actie afgerond is."),
        Column("laatste update", "date"),
        Column("opmerking", "text", free_text=True),
    ),
)

EVALUATIECRITERIA = Register(
    name="evaluatiecriteria",
    sheet="Evaluatiecriteria",
    label="Evaluatiecriteria",
    description="Voorgesteld door het integriteitsnetwerk, gevalideerd door de korpsleiding.",
    columns=(
        Column("criterium id", "text", required=True, key=True, help="Uniek, bv. EC-03."),
        Column("omschrijving", "text", required=True),
        Column(
            "indicator",
            "text",
            required=True,
            help="Een KPI-id uit de KPI-catalogus, of de naam van een indicator uit het register Indicatoren.",
        ),
        Column(
            "norm",
            "pct",
            required=True,
            help="Streefwaarde; voor een percentage: 90, 90% of een Excel-percentagecel.",
        ),
        Column("richting", "enum", required=True, values=("minstens", "hoogstens")),
        Column("jaar", "int", required=True),
        Column("gevalideerd op", "date", help="Datum van validatie door de korpsleiding; leeg = ontwerp."),
    ),
)

INDICATOREN = Register(
    name="indicatoren",
    sheet="Indicatoren",
    label="Indicatoren",
    description="Gemeten waarden die buiten de andere registers worden bijgehouden.",
    columns=(
        Column("indicator", "text", required=True, key=True, help="Bv. personeelsbestand (VTE)."),
        Column("periode", "text", required=True, key=True, help="jjjj of jjjj-mm."),
        Column("waarde", "number", required=True),
        Column("bron", "text"),
    ),
)

RISICOS = Register(
    name="risicos",
    sheet="Risico's",
    label="Risico's",
    aliases=("Risicos", "Risicoanalyse"),
    description="De integriteitsrisicoanalyse (beleidsplan §2.1 en §3.1.3.3). Het register noemt processen "
    "en functies, nooit personen.",
    columns=(
        Column("risico id", "text", required=True, key=True, help="Uniek, bv. R-2025-03."),
        Column("proces", "enum", required=True, values=RISK_PROCESSES),
        Column("omschrijving", "text", required=True, help="Het risico, in één zin (geen namen van personen)."),
        Column("kritieke functie", "text", help="De meest blootgestelde functie, bv. onthaalmedewerker."),
        Column("kans", "int", required=True, help=f"Geheel getal van {RISK_SCALE}."),
        Column("impact", "int", required=True, help=f"Geheel getal van {RISK_SCALE}."),
        Column("beheersmaatregelen", "text", help="De maatregelen die al bestaan."),
        Column(
            "acties",
            "text",
            help="De actie-id's uit het Actieplan die het risico behandelen, gescheiden door ; of , "
            "(bv. A-2025-03; A-2025-07). Elke actie moet bestaan in het Actieplan (in dezelfde werkmap "
            "of al in de databank).",
        ),
        Column("eigenaar", "text", required=True, help="De rol die eigenaar is van het risico, bv. korpschef."),
        Column("datum analyse", "date", required=True, help="Wanneer het risico laatst beoordeeld werd; niet in de toekomst."),
        Column("herziening", "date", help="Volgende herziening; niet vóór datum analyse."),
        Column("status", "enum", required=True, values=RISK_STATUSES),
    ),
)

REFERENTIES = Register(
    name="referenties",
    sheet="Referenties",
    label="Referenties",
    description="Externe referentiewaarden om mee te vergelijken (geen norm). Optioneel: een nieuwe databank "
    "begint met de gepubliceerde waarden van NAVEX 2025.",
    columns=(
        Column(
            "indicator",
            "enum",  # registers.md: text, a rate or per-100-VTE KPI id; a list gives the template its dropdown
            required=True,
            key=True,
            values=REFERENCE_KPI_IDS,
            help="Een KPI-id van een percentage of een cijfer per 100 VTE uit de KPI-catalogus, bv. reports_per_100_fte.",
        ),
        Column("jaar", "int", required=True, key=True, help="Het jaar dat de referentie beschrijft."),
        Column(
            "waarde",
            "pct",
            required=True,
            help="Op de schaal van het scherm: een percentage als 46, 46% of een Excel-percentagecel; "
            "een cijfer per 100 VTE als 1,57.",
        ),
        # Part of the key (registers.md names indicator, jaar and bron): NAVEX 2025 publishes two
        # values of one indicator for one year, worldwide and for Europe.
        Column(
            "populatie",
            "text",
            required=True,
            key=True,
            help="Waarvan het een cijfer is, bv. Europa, mediaan van organisaties. Twee waarden van dezelfde "
            "bron en hetzelfde jaar verschillen in hun populatie.",
        ),
        Column(
            "bron",
            "text",
            required=True,
            key=True,
            help="De publicatie, bv. NAVEX Risk & Compliance Hotline Benchmark Report 2025.",
        ),
    ),
)

REGISTERS: tuple[Register, ...] = (
    KLACHTEN,
    FUNCTIONERINGSNOTAS,
    TUCHTDOSSIERS,
    MELDINGEN,
    ACTIEPLAN,
    EVALUATIECRITERIA,
    INDICATOREN,
    RISICOS,
    REFERENTIES,
)
BY_NAME: dict[str, Register] = {r.name: r for r in REGISTERS}

FTE_INDICATOR = "personeelsbestand (VTE)"

# Registers that are not the zone's own records: a database holding only these is empty.
REFERENCE_REGISTERS = ("referenties",)

# A new database starts with the published NAVEX 2025 references of registers.md §9: migration 0004.


def register_for_sheet(sheet_name: str) -> Register | None:
    """The register a sheet belongs to, matched on its name like headers are."""
    wanted = header_key(sheet_name)
    for register in REGISTERS:
        if wanted in {header_key(n) for n in (register.sheet, register.name, *register.aliases)}:
            return register
    return None
