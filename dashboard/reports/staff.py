"""The yearly feedback to all staff (policy plan §3.1.4.4 and §5.1.3): the year's key figures
beside last year's, what the action plan achieved, which evaluation criteria were met and which
not. Every figure is the netwerk release's (kpis.disclosure.release), so the version every
colleague reads holds no person, no dossier and no count from 1 to N - 1 in the clear: a small
count of the action plan or of an indicator (no person in them) is written "<N" here too, and
the action plan is told in shares and names of actions, never in counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.reports.figures import HIDDEN, NOT_AVAILABLE, shown
from dashboard.style.formatting import fmt_value
from data_access import register_terms as terms
from i18n import _
from kpis.catalog import BY_ID, definition, kpi_for_indicator, label
from kpis.criteria import MET, NOT_MET
from kpis.disclosure import markers
from kpis.disclosure.release import Release

# The key figures, in reading order: the counts of policy plan §3.1.4.4, the meldingen, and the
# shares that say how well cases were handled.
KEY_COUNTS = ("complaints_received", "notes_issued", "order_measures", "discipline_opened", "judicial_opened",
              "reports_received")
KEY_RATES = ("complaints_founded_rate", "complaints_within_norm_rate", "reports_ack_in_time_rate",
             "reports_feedback_in_time_rate")


@dataclass
class KeyFigure:
    kpi_id: str
    label: str  # in the report's language, as are all texts of a StaffReport
    definition: str
    unit: str
    value: object  # as released: int, float, marker or None
    previous: object

    @property
    def text(self) -> str:
        return shown_staff(self.value, self.unit)

    @property
    def previous_text(self) -> str:
        return shown_staff(self.previous, self.unit)


@dataclass
class CriterionLine:
    omschrijving: str
    norm: str
    value: str
    status: str  # kpis.criteria status


@dataclass
class GoalShare:
    goal: str  # as shown (list value in the report's language)
    done_rate: float | None  # share of the goal's actions of the year that is afgerond


@dataclass
class StaffReport:
    zone: str
    year: int
    as_of: dt.date
    threshold: int
    counts: list[KeyFigure]
    rates: list[KeyFigure]
    actions_done_rate: float | None
    previous_actions_done_rate: float | None
    goals: list[GoalShare]
    done: list[tuple[str, str]]  # (strategic goal, action) afgerond; goal and status as shown
    open: list[tuple[str, str, str]]  # (strategic goal, action, status) not afgerond
    criteria: list[CriterionLine]
    made_at: dt.datetime

    @property
    def title(self) -> str:
        return _("Integriteit in {year}: terugkoppeling aan alle medewerkers — {zone}").format(year=self.year, zone=self.zone)

    @property
    def met(self) -> list[CriterionLine]:
        return [c for c in self.criteria if c.status == MET]

    @property
    def not_met(self) -> list[CriterionLine]:
        return [c for c in self.criteria if c.status == NOT_MET]

    @property
    def no_data(self) -> list[CriterionLine]:
        return [c for c in self.criteria if c.status not in (MET, NOT_MET)]


def shown_staff(value, unit: str, threshold: int = 5) -> str:
    """As `figures.shown`, and a whole count from 1 to N - 1 written '<N' whatever its source."""
    if isinstance(value, int) and not isinstance(value, bool) and unit == "count" and 1 <= value < threshold:
        return str(markers.small(threshold))
    return shown(value, unit)


def gather(release: Release, year: int, actions: pd.DataFrame, *, zone: str, made_at: dt.datetime) -> StaffReport:
    """`actions`: the action plan items of the year without free text (dashboard.export_content.action_items).
    The texts in the current language; list values (goal, status, direction) as that language shows them."""
    report, previous = release.report(year), release.report(year - 1)
    if report is None:
        raise ValueError(_("Voor {year} zijn er geen cijfers in de geaggregeerde weergave.").format(year=year))

    def figure(kpi_id: str) -> KeyFigure:
        kdef = BY_ID[kpi_id]
        before = None if previous is None else previous.kpis.get(kpi_id)
        return KeyFigure(kpi_id, label(kdef), definition(kdef), kdef.unit, report.kpis.get(kpi_id), before)

    threshold = release.threshold
    goals = [GoalShare(terms.value(goal), (v["afgerond"] / v["total"]) if v["total"] else None)
             for goal, v in (report.kpis.get("actions_by_goal") or {}).items()]
    done = [(terms.value(r.strategische_doelstelling), r.actie) for r in actions.itertuples() if r.status == "afgerond"]
    still = [(terms.value(r.strategische_doelstelling), r.actie, terms.value(r.status))
             for r in actions.itertuples() if r.status != "afgerond"]
    hidden = set((report.extra or {}).get("suppression", {}).get("reasons", {}).values())
    criteria = [_criterion(c, threshold, hidden) for c in report.criteria]
    return StaffReport(
        zone=zone, year=year, as_of=report.as_of, threshold=threshold,
        counts=[figure(k) for k in KEY_COUNTS], rates=[figure(k) for k in KEY_RATES],
        actions_done_rate=report.kpis.get("actions_done_rate"),
        previous_actions_done_rate=None if previous is None else previous.kpis.get("actions_done_rate"),
        goals=goals, done=done, open=still, criteria=criteria, made_at=made_at,
    )


def _criterion(c, threshold: int, hidden_reasons: set) -> CriterionLine:
    """A criterion as the staff read it: its value 'verborgen' when the release hid its KPI,
    'geen gegevens' when nothing was measured, a small whole number as '<N'."""
    kdef = kpi_for_indicator(c.indicator)
    unit = kdef.unit if kdef else "number"
    if unit == "rate" or c.norm is None or not float(c.norm).is_integer():
        norm = fmt_value(c.norm, unit)
    else:
        norm = fmt_value(int(c.norm), "count")
    if c.value is None:
        value = _(HIDDEN) if c.problem in hidden_reasons else _(NOT_AVAILABLE)
    elif unit in ("count", "number") and float(c.value).is_integer():
        value = shown_staff(int(c.value), "count", threshold)
    else:
        value = shown(c.value, unit)
    return CriterionLine(c.omschrijving, f"{terms.value(c.richting)} {norm}", value, c.status)
