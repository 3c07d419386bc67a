"""Every KPI of ../shared/kpi-catalog.md, declared once.

This is the single source for the page labels, the help text, the JSON report, the evaluation
criteria and the export: id, Dutch label, unit, direction, the catalog definition in Dutch and
the step that computes it. A step computes all KPIs of one register in one go (one SQL scan);
`compute` names that step: `Context -> {kpi id: value}` for a register, or for the three criteria
counts `criteria.status_counts(list[CriterionResult]) -> {kpi id: count}`.

Units: `count` (int), `rate` (fraction 0..1, shown as a percentage), `days` (a median number of
days), `per_fte` (per 100 VTE), `split` ({enum value: count}, every value present),
`goal_split` ({strategische doelstelling: {total, afgerond, overdue}}).
`higher_is_better`: True or False colours a change; None means neither (a volume).

Labels and definitions are written here in Dutch; `label(kpi, lang)` and `definition(kpi, lang)`
give them in the language asked (default the current one, i18n.current()) from the gettext
catalogs, where extract_messages (the Babel extractor of babel.cfg) puts them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from i18n import current, source_line, translations
from kpis import actieplan, criteria, klachten, meldingen, notas, risicos, tucht
from kpis.context import name_key

UNITS = ("count", "rate", "days", "per_fte", "split", "goal_split")
SPLIT_UNITS = ("split", "goal_split")


@dataclass(frozen=True)
class KpiDef:
    id: str
    label: str
    unit: str
    higher_is_better: bool | None
    register: str
    definition: str
    compute: Callable

    @property
    def is_split(self) -> bool:
        return self.unit in SPLIT_UNITS


def _kpi(id, label, unit, higher, register, compute, definition) -> KpiDef:
    assert unit in UNITS, unit
    return KpiDef(id, label, unit, higher, register, " ".join(definition.split()), compute)


_K, _N, _T, _M, _A = "klachten", "functioneringsnotas", "tuchtdossiers", "meldingen", "actieplan"
_C, _R = "evaluatiecriteria", "risicos"
_kl, _no, _tu, _me, _ac, _ri, _cr = (
    klachten.compute,
    notas.compute,
    tucht.compute,
    meldingen.compute,
    actieplan.compute,
    risicos.compute,
    criteria.status_counts,
)

KPIS: tuple[KpiDef, ...] = (
    # --- Klachten -------------------------------------------------------------------------
    _kpi("complaints_received", "Klachten ontvangen", "count", None, _K, _kl,
         "Aantal klachten met een datum ontvangst in het jaar."),
    _kpi("complaints_closed", "Klachten afgesloten", "count", True, _K, _kl,
         "Aantal klachten met een datum afsluiting in het jaar."),
    _kpi("complaints_open", "Openstaande klachten", "count", False, _K, _kl,
         "Aantal klachten ontvangen op of vóór de peildatum en op de peildatum nog niet afgesloten "
         "(geen datum afsluiting, of een datum afsluiting na de peildatum)."),
    _kpi("complaints_per_100_fte", "Klachten per 100 VTE", "per_fte", None, _K, _kl,
         "Klachten ontvangen × 100 gedeeld door de indicator 'personeelsbestand (VTE)' voor het jaar; "
         "geen gegevens als die indicator ontbreekt. Het personeelsbestand geldt voor de hele zone: "
         "met een filter op dienst is er geen waarde."),
    _kpi("complaints_founded_rate", "Aandeel gegrond", "rate", None, _K, _kl,
         "Van de klachten afgesloten in het jaar met beoordeling gegrond, deels gegrond of ongegrond: "
         "het aandeel gegrond of deels gegrond."),
    _kpi("complaints_median_lead_days", "Mediane doorlooptijd (dagen)", "days", False, _K, _kl,
         "Mediaan van het aantal dagen tussen datum ontvangst en datum afsluiting, over de klachten "
         "afgesloten in het jaar."),
    _kpi("complaints_within_norm_rate", "Afgehandeld binnen norm", "rate", True, _K, _kl,
         "Van de klachten afgesloten in het jaar: het aandeel met een doorlooptijd van hoogstens de "
         "norm afhandeling klacht (standaard 90 dagen)."),
    _kpi("complaints_overdue", "Klachten over de norm", "count", False, _K, _kl,
         "Openstaande klachten (zoals bij Openstaande klachten) die op de peildatum langer dan de "
         "norm afhandeling klacht (standaard 90 dagen) geleden ontvangen zijn."),
    _kpi("complaints_by_category", "Klachten per categorie", "split", None, _K, _kl,
         "Klachten ontvangen in het jaar, verdeeld per categorie; elke categorie staat erbij, ook met 0."),
    _kpi("complaints_by_channel", "Klachten per kanaal", "split", None, _K, _kl,
         "Klachten ontvangen in het jaar, verdeeld per kanaal; elk kanaal staat erbij, ook met 0."),
    _kpi("complaints_by_outcome", "Klachten per beoordeling", "split", None, _K, _kl,
         "Klachten afgesloten in het jaar, verdeeld per beoordeling; elke beoordeling staat erbij, ook met 0."),
    # --- Functioneringsnota's -------------------------------------------------------------
    _kpi("notes_issued", "Functioneringsnota's", "count", None, _N, _no,
         "Aantal functioneringsnota's met een datum in het jaar."),
    _kpi("notes_followup_overdue", "Opvolging te laat", "count", False, _N, _no,
         "Functioneringsnota's met status open en een opvolgingsdatum die op de peildatum meer dan "
         "de marge opvolging (standaard 0 dagen) voorbij is."),
    _kpi("notes_by_theme", "Nota's per thema", "split", None, _N, _no,
         "Functioneringsnota's van het jaar, verdeeld per thema; elk thema staat erbij, ook met 0."),
    # --- Tucht- en gerechtelijke dossiers -------------------------------------------------
    _kpi("discipline_opened", "Tuchtdossiers geopend", "count", None, _T, _tu,
         "Tuchtdossiers (soort tucht of tucht en gerechtelijk) met een datum opening in het jaar."),
    _kpi("judicial_opened", "Gerechtelijke dossiers geopend", "count", None, _T, _tu,
         "Gerechtelijke dossiers (soort gerechtelijk of tucht en gerechtelijk) met een datum opening "
         "in het jaar."),
    _kpi("order_measures", "Ordemaatregelen", "count", None, _T, _tu,
         "Dossiers met een ordemaatregel (niet 'geen') en een datum ordemaatregel in het jaar."),
    _kpi("discipline_decided", "Tuchtbeslissingen", "count", None, _T, _tu,
         "Tuchtdossiers met een datum beslissing in het jaar."),
    _kpi("sanctions_light", "Lichte straffen", "count", None, _T, _tu,
         "Tuchtdossiers beslist in het jaar met als sanctie waarschuwing of blaam."),
    _kpi("sanctions_heavy", "Zware straffen", "count", None, _T, _tu,
         "Tuchtdossiers beslist in het jaar met een zware straf: van inhouding van wedde tot afzetting."),
    _kpi("sanctions_by_type", "Tuchtbeslissingen per sanctie", "split", None, _T, _tu,
         "Tuchtdossiers beslist in het jaar, verdeeld per sanctie; elke tuchtsanctie (geen tot "
         "afzetting) staat erbij, ook met 0."),
    _kpi("discipline_median_lead_days", "Mediane duur tuchtdossier (dagen)", "days", False, _T, _tu,
         "Mediaan van het aantal dagen tussen datum kennisname en datum beslissing, over de "
         "tuchtdossiers beslist in het jaar."),
    _kpi("discipline_limit_at_risk", "Tuchtdossiers dicht bij termijn", "count", False, _T, _tu,
         "Dossiers van soort tucht (niet tucht en gerechtelijk: daar loopt de termijn vanaf een "
         "gerechtelijke beslissing die het register niet bevat) zonder inleidend verslag en zonder "
         "beslissing, waarvan de termijn voor het inleidend verslag (datum kennisname + standaard 6 "
         "maanden) op de peildatum binnen de waarschuwingsmarge (standaard 30 dagen) valt of al "
         "verstreken is."),
    _kpi("discipline_by_category", "Dossiers per categorie", "split", None, _T, _tu,
         "Tucht- en gerechtelijke dossiers geopend in het jaar (elk dossier één keer), verdeeld per "
         "categorie; elke categorie staat erbij, ook met 0."),
    # --- Meldingen integriteit (zone-breed: geen dienst) ------------------------------------
    _kpi("reports_received", "Meldingen ontvangen", "count", None, _M, _me,
         "Aantal meldingen met een datum ontvangst in het jaar. Meldingen gelden voor de hele zone "
         "(een filter op dienst verandert ze niet)."),
    _kpi("reports_anonymous_rate", "Aandeel anoniem", "rate", None, _M, _me,
         "Van de meldingen ontvangen in het jaar: het aandeel anonieme meldingen."),
    _kpi("reports_ack_in_time_rate", "Ontvangst bevestigd binnen termijn", "rate", True, _M, _me,
         "Van de meldingen ontvangen in het jaar waarvan de termijn (datum ontvangst + standaard 7 "
         "dagen) op de peildatum verstreken is of die bevestigd zijn: het aandeel met een datum "
         "ontvangstbevestiging binnen die termijn."),
    _kpi("reports_feedback_in_time_rate", "Terugkoppeling binnen termijn", "rate", True, _M, _me,
         "Termijn = datum ontvangstbevestiging (of zonder bevestiging: datum ontvangst + de termijn "
         "ontvangstbevestiging) + standaard 3 kalendermaanden; bestaat die dag niet in de doelmaand, "
         "dan de laatste dag van die maand. Van de meldingen ontvangen in het jaar waarvan die termijn "
         "op de peildatum verstreken is of die een terugkoppeling kregen: het aandeel met een datum "
         "terugkoppeling binnen de termijn."),
    _kpi("reports_violation_rate", "Aandeel schending vastgesteld", "rate", None, _M, _me,
         "Van de afgesloten meldingen ontvangen in het jaar met uitkomst schending vastgesteld of "
         "geen schending: het aandeel schending vastgesteld."),
    _kpi("reports_by_category", "Meldingen per categorie", "split", None, _M, _me,
         "Meldingen ontvangen in het jaar, verdeeld per categorie; elke categorie staat erbij, ook met 0."),
    _kpi("reports_per_100_fte", "Meldingen per 100 VTE", "per_fte", None, _M, _me,
         "Meldingen ontvangen × 100 gedeeld door de indicator 'personeelsbestand (VTE)' voor het jaar; "
         "geen gegevens als die indicator ontbreekt. Meldingen en personeelsbestand gelden voor de hele zone."),
    # --- Actieplan (op de peildatum; zone-breed) --------------------------------------------
    _kpi("actions_total", "Acties", "count", None, _A, _ac,
         "Acties van het actieplan met een status anders dan geschrapt en een deadline of startdatum "
         "in het jaar. Start- en deadline zijn geplande data: ook als ze na de peildatum vallen, hoort de "
         "actie bij het plan van het jaar. Het actieplan geldt voor de hele zone."),
    _kpi("actions_done_rate", "Aandeel afgerond", "rate", True, _A, _ac,
         "Van de acties (zoals bij Acties): het aandeel met status afgerond."),
    _kpi("actions_overdue", "Acties over deadline", "count", False, _A, _ac,
         "Acties (zoals bij Acties) met een deadline vóór de peildatum en een status anders dan afgerond."),
    _kpi("actions_by_goal", "Acties per strategische doelstelling", "goal_split", None, _A, _ac,
         "Per strategische doelstelling: het aantal acties (zoals bij Acties), het aantal afgerond en "
         "het aantal over deadline."),
    # --- Risico's (op de peildatum; zone-breed) ---------------------------------------------
    _kpi("risks_active", "Actieve risico's", "count", None, _R, _ri,
         "Risico's met een datum analyse op of vóór de peildatum en een status anders dan afgesloten. "
         "Score = kans × impact; hoog vanaf de drempel hoog (standaard 15), midden vanaf de drempel "
         "midden (standaard 8), anders laag. De risicoanalyse geldt voor de hele zone."),
    _kpi("risks_high", "Hoge risico's", "count", False, _R, _ri,
         "Actieve risico's met niveau hoog."),
    _kpi("risks_high_untreated", "Hoge risico's zonder actie", "count", False, _R, _ri,
         "Hoge risico's met status open of in behandeling waarvan geen enkele gekoppelde actie uit het "
         "actieplan een status anders dan geschrapt heeft (geen gekoppelde actie telt als geen)."),
    _kpi("risks_review_overdue", "Herziening te laat", "count", False, _R, _ri,
         "Actieve risico's met een datum herziening vóór de peildatum."),
    _kpi("risks_by_process", "Risico's per proces", "split", None, _R, _ri,
         "Actieve risico's, verdeeld per proces; elk proces staat erbij, ook met 0."),
    _kpi("risks_by_level", "Risico's per niveau", "split", None, _R, _ri,
         "Actieve risico's, verdeeld per niveau: hoog, midden en laag."),
    # --- Evaluatiecriteria ------------------------------------------------------------------
    _kpi("criteria_met", "Criteria gehaald", "count", True, _C, _cr,
         "Aantal evaluatiecriteria van het jaar met status gehaald: de waarde haalt de norm in de "
         "gevraagde richting (minstens of hoogstens)."),
    _kpi("criteria_not_met", "Criteria niet gehaald", "count", False, _C, _cr,
         "Aantal evaluatiecriteria van het jaar met status niet gehaald."),
    _kpi("criteria_no_data", "Criteria zonder gegevens", "count", False, _C, _cr,
         "Aantal evaluatiecriteria van het jaar zonder waarde (geen gegevens): de KPI heeft geen "
         "waarde, of de indicator heeft geen meting voor het jaar."),
)

BY_ID: dict[str, KpiDef] = {k.id: k for k in KPIS}


def label(kpi: KpiDef, lang: str | None = None) -> str:
    """The KPI's name in `lang` (default: the current language)."""
    return translations(lang or current()).gettext(kpi.label)


def definition(kpi: KpiDef, lang: str | None = None) -> str:
    """The KPI's catalog definition (its help text) in `lang` (default: the current language)."""
    return translations(lang or current()).gettext(kpi.definition)

SPLIT_IDS: tuple[str, ...] = tuple(k.id for k in KPIS if k.is_split)
_BY_NAME_KEY: dict[str, KpiDef] = {name_key(k.id): k for k in KPIS}


@lru_cache(maxsize=4096)
def kpi_for_indicator(indicator: str | None) -> KpiDef | None:
    """The KPI a criterion's indicator names, matched like headers are (case, spaces, `_` and
    accents do not matter), or None: an indicator of the register Indicatoren."""
    return _BY_NAME_KEY.get(name_key(indicator or ""))


REGISTER_STEPS: tuple[Callable, ...] = tuple(dict.fromkeys(k.compute for k in KPIS if k.register != _C))


def extract_messages(fileobj, keywords, comment_tags, options):
    """Babel extractor for this module: every KPI's label and definition, as gettext(text)."""
    source = fileobj.read().decode("utf-8")
    for kpi in KPIS:
        yield source_line(source, kpi.label), "gettext", kpi.label, [f"KPI {kpi.id}: label"]
        yield source_line(source, kpi.definition[:40]), "gettext", kpi.definition, [f"KPI {kpi.id}: definition"]
