"""The zone sample: a fictitious police zone of about 120 VTE, from 1 January 2021 to `today`.

`build_sample(today, seed)` returns the rows of every register as plain Python values keyed by
the database column names of registers.py. It is deterministic: every random draw comes from a
numpy Generator seeded with (seed, register), never from the clock or a global generator. The
case registers follow the same rules as the national set (cases.py); on top of them a few items
are late at `today` on purpose, so that every alert of the dashboard has something to show
(the `_ensure_*` functions).
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

import numpy as np

from data_access.cells import format_number
from data_access.registers import BY_NAME, FTE_INDICATOR
from kpis.dates import add_months
from sample_data import cases as C, profile as P, texts as T

START = date(2021, 1, 1)
ZONE_FTE = 120
STAFF_POOL = 150  # pseudonyms over the whole period (turnover included)
CORE_CRITERIA = 10  # the first ten of texts.CRITERIA are evaluated every year

Row = dict[str, object]


def build_sample(today: date, seed: int = 2024) -> dict[str, list[Row]]:
    """Rows per register (register name -> list of {column name: value}) for the fictitious zone."""
    if today < START + timedelta(days=180):
        raise ValueError(f"De voorbeeldgegevens beginnen op {START:%d/%m/%Y}; kies een peildatum vanaf juli 2021.")
    staff = C.StaffPool(generator(seed, "staff"), STAFF_POOL)
    rows = {
        "klachten": _complaints(generator(seed, "klachten"), today, staff),
        "functioneringsnotas": _notes(generator(seed, "functioneringsnotas"), today, staff),
        "tuchtdossiers": _dossiers(generator(seed, "tuchtdossiers"), today, staff),
        "meldingen": _reports(generator(seed, "meldingen"), today),
        "actieplan": _actions(generator(seed, "actieplan"), today),
        "indicatoren": indicators(generator(seed, "indicatoren"), today, START.year, ZONE_FTE),
    }
    measured = {r["indicator"] for r in rows["indicatoren"]}
    rows["evaluatiecriteria"] = criteria(generator(seed, "evaluatiecriteria"), today, START.year, measured)
    rows["risicos"] = _risks(generator(seed, "risicos"), today, rows["actieplan"])
    rows["referenties"] = []  # the database's own (migration 0004)
    return {r.name: rows[r.name] for r in BY_NAME.values()}


def generator(seed: int, stream: str) -> np.random.Generator:
    """An independent, reproducible generator per register (crc32 is stable across runs)."""
    return np.random.default_rng([seed, zlib.crc32(stream.encode())])


def zone_rate(register: str, share=lambda year: 1.0):
    """Expected rows a year for the zone (share: a factor per year)."""
    return lambda year: P.ZONE_RATES[register] * ZONE_FTE * share(year)


def _rows(register: str, columns: C.Columns) -> list[Row]:
    return C.to_rows(columns, BY_NAME[register].column_names)


def _one(register: str, columns: C.Columns) -> Row:
    return _rows(register, columns)[0]


def _numbered(rows: list[Row], key: str, by: str, prefix: str, width: int) -> list[Row]:
    """Sorts rows on their main date and gives them their key, numbered per year."""
    rows.sort(key=lambda r: r[by])
    keys = C.numbers(prefix, np.array([r[by] for r in rows], dtype="datetime64[D]"), width)
    for row, value in zip(rows, keys.tolist()):
        row[key] = value
    return rows


def _days_ago(today: date, rng: np.random.Generator, low: int, high: int) -> np.ndarray:
    return np.array([C.day(today) - int(rng.integers(low, high + 1))])


# ---------------------------------------------------------------------------------------------
# Case registers: the shared life cycle, then the late items the alerts need


def _complaints(rng: np.random.Generator, today: date, staff: C.StaffPool) -> list[Row]:
    received = C.event_days(rng, START.year, today, zone_rate("klachten"), P.COMPLAINT_SEASON)
    rows = _rows("klachten", C.complaints(rng, received, today, staff))
    _ensure_overdue_complaints(rows, today, wanted=3)
    return _numbered(rows, "dossiernummer", "datum_ontvangst", "KL", 4)


def _ensure_overdue_complaints(rows: list[Row], today: date, wanted: int) -> None:
    """At least `wanted` complaints open for more than 90 days: the youngest closed ones received
    95 to 240 days ago are reopened (closed quickly, so the year's lead times barely move)."""
    overdue = [r for r in rows if r["status"] != "afgesloten" and (today - r["datum_ontvangst"]).days > 90]
    window = [r for r in rows if r["status"] == "afgesloten" and 95 <= (today - r["datum_ontvangst"]).days <= 240]
    window.sort(key=lambda r: r["datum_ontvangst"], reverse=True)
    for row in window[: max(0, wanted - len(overdue))]:
        row.update(status="in behandeling", datum_afsluiting=None, beoordeling=None, gevolg=None)


def _notes(rng: np.random.Generator, today: date, staff: C.StaffPool) -> list[Row]:
    issued = C.event_days(rng, START.year, today, zone_rate("functioneringsnotas"), P.FLAT_SEASON)
    rows = _rows("functioneringsnotas", C.notes(rng, issued, today, staff))
    if not any(r["status"] == "open" and r["opvolgingsdatum"] and r["opvolgingsdatum"] < today for r in rows):
        late = _one("functioneringsnotas", C.notes(rng, _days_ago(today, rng, 60, 90), today, staff))
        late.update(opvolgingsdatum=today - timedelta(days=int(rng.integers(7, 22))), status="open")
        rows.append(late)
    return _numbered(rows, "nummer", "datum", "FN", 3)


def _dossiers(rng: np.random.Generator, today: date, staff: C.StaffPool) -> list[Row]:
    opened = C.event_days(rng, START.year, today, zone_rate("tuchtdossiers"), P.FLAT_SEASON)
    rows = _rows("tuchtdossiers", C.dossiers(rng, opened, today, staff))
    if not any(dossier_near_term(r, today) for r in rows):
        rows.append(_dossier_near_term(rng, today, staff))
    return _numbered(rows, "dossiernummer", "datum_opening", "TD", 3)


def dossier_near_term(row: Row, today: date, months: int = 6, warn_days: int = 30) -> bool:
    """A tucht dossier without inleidend verslag or decision whose term ends within warn_days."""
    if row["soort"] != "tucht" or row["datum_inleidend_verslag"] or row["datum_beslissing"]:
        return False
    return today <= add_months(row["datum_kennisname"], months) <= today + timedelta(days=warn_days)


def _dossier_near_term(rng: np.random.Generator, today: date, staff: C.StaffPool) -> Row:
    """A tucht dossier in pre-investigation whose six-month term ends 8 to 25 days from today."""
    known = add_months(today + timedelta(days=int(rng.integers(8, 26))), -6)
    row = _one("tuchtdossiers", C.dossiers(rng, np.array([C.day(known)]) + 5, today, staff))
    row.update(
        soort="tucht",
        datum_kennisname=known,
        datum_feiten=known - timedelta(days=int(rng.integers(5, 41))),
        datum_inleidend_verslag=None,
        tuchtoverheid="korpschef",
        fase="vooronderzoek",
        ordemaatregel=None,
        datum_ordemaatregel=None,
        sanctie=None,
        datum_beslissing=None,
    )
    return row


def _reports(rng: np.random.Generator, today: date) -> list[Row]:
    received = C.event_days(rng, START.year, today, zone_rate("meldingen", P.report_share), P.FLAT_SEASON)
    rows = _rows("meldingen", C.reports(rng, received, today))
    if not any(r["datum_ontvangstbevestiging"] is None and (today - r["datum_ontvangst"]).days > 7 for r in rows):
        late = _one("meldingen", C.reports(rng, _days_ago(today, rng, 9, 14), today))
        late.update(datum_ontvangstbevestiging=None, datum_terugkoppeling=None, status="ontvankelijkheid", uitkomst=None)
        rows.append(late)
    return _numbered(rows, "nummer", "datum_ontvangst", "ME", 3)


# ---------------------------------------------------------------------------------------------
# Actieplan


def _actions(rng: np.random.Generator, today: date) -> list[Row]:
    """The actions of texts.ACTIONS, started one after another from February 2021 to four months
    after today; at least two that were due in the last year are not done."""
    n = len(T.ACTIONS)
    first, last = C.day(date(2021, 2, 1)), C.day(today + timedelta(days=120))
    step = (last - first).astype(int) / n
    start = first + np.rint(np.arange(n) * step).astype(int) + C.days_between(rng, 0, 20, n)
    deadline = start + C.days_between(rng, 100, 420, n)
    status = C.action_status(rng, start, deadline, today)
    # Late at today: at least two due in the last year and not done.
    past = deadline < C.day(today)
    overdue = past & (deadline >= C.day(today) - 365) & ~np.isin(status, ("afgerond", "geschrapt"))
    done_late = np.flatnonzero(past & (status == "afgerond"))
    status[done_late[np.argsort(deadline[done_late])[::-1]][: max(0, 2 - int(overdue.sum()))]] = "lopend"
    columns = C.actions(rng, np.arange(n), start, deadline, status, today)
    columns["actie_id"] = C.numbers("A", start, 2)  # by the year the action (is planned to) start
    return _rows("actieplan", columns)


# ---------------------------------------------------------------------------------------------
# Risico's


def _risks(rng: np.random.Generator, today: date, actions: list[Row]) -> list[Row]:
    """The risk analysis of texts.RISKS, linked to the actions it names (texts.ACTIONS indexes;
    the actieplan rows are in that order). Each risk was last assessed in the past year and is
    due for review twelve months later; the first risk of aanwending van middelen was assessed
    longer ago, so that one review is overdue at `today`."""
    rows = []
    for i, risk in enumerate(T.RISKS):
        days_ago = 400 if i == 2 else int(rng.integers(30, 330))
        analysed = max(today - timedelta(days=days_ago), START)
        rows.append({
            "risico_id": "",
            "proces": risk.process,
            "omschrijving": risk.risk,
            "kritieke_functie": risk.function,
            "kans": risk.kans,
            "impact": risk.impact,
            "beheersmaatregelen": risk.controls,
            "acties": "; ".join(str(actions[a]["actie_id"]) for a in risk.actions) or None,
            "eigenaar": risk.owner,
            "datum_analyse": analysed,
            "herziening": add_months(analysed, 12),
            "status": risk.status,
        })
    return _numbered(rows, "risico_id", "datum_analyse", "R", 2)


# ---------------------------------------------------------------------------------------------
# Evaluatiecriteria and Indicatoren (also used by the national set)


def criteria(
    rng: np.random.Generator, today: date, first_year: int, measured: set[str], fte: float = ZONE_FTE, rate_scale: float = 1.0
) -> list[Row]:
    """About ten criteria a year on KPI ids and measured indicators; in the current year two are
    drafts and the dilemma training has no measurement yet ("geen gegevens"). Count norms grow
    with the staff (`fte`), per-VTE norms with `rate_scale` (the national set's case density)."""
    rows = []
    scale = {"": 1.0, "count": fte / ZONE_FTE, "rate": rate_scale}
    for year in range(first_year, today.year + 1):
        current = year == today.year
        extra = [c for c in T.CRITERIA[CORE_CRITERIA:] if not (current and c.indicator == T.FUEL_CARDS)]
        picked = rng.choice(len(extra), size=int(rng.integers(0, 3)), replace=False)
        chosen = list(T.CRITERIA[:CORE_CRITERIA]) + [extra[i] for i in sorted(picked.tolist())]
        chosen = [c for c in chosen if c.indicator in measured or c.indicator not in T.INDICATOR_SOURCES]
        validated = date(year, 2, int(rng.integers(3, 27)))
        for i, c in enumerate(chosen, start=1):
            norm = float(round(c.norm * scale[c.scales]))
            if c.indicator == T.CHARTER:  # the target rises as the charter takes hold
                norm = float(min(c.norm, 70 + 10 * (year - first_year)))
            draft = validated > today or (current and i > len(chosen) - 2)
            rows.append(
                {
                    "criterium_id": f"EC-{year}-{i:02d}",
                    "omschrijving": c.text.format(norm=format_number(norm)),
                    "indicator": c.indicator,
                    "norm": norm,
                    "richting": c.direction,
                    "jaar": year,
                    "gevalideerd_op": None if draft else validated,
                }
            )
    return rows


def indicators(rng: np.random.Generator, today: date, first_year: int, fte: float) -> list[Row]:
    """Yearly values for the finished years (staff, charter and the running count of logging
    checks for the current year too), and monthly fuel-card checks from January of last year up
    to last month. Counts scale with the staff (`fte`)."""
    rows: list[Row] = []
    scale = fte / ZONE_FTE

    def add(name: str, period: str, value: float) -> None:
        rows.append({"indicator": name, "periode": period, "waarde": float(value), "bron": T.INDICATOR_SOURCES[name]})

    monthly: dict[int, list[int]] = {}
    month = date(max(first_year, today.year - 1), 1, 1)
    while (month.year, month.month) < (today.year, today.month):
        checks = round(int(rng.integers(1, 4)) * scale)
        monthly.setdefault(month.year, []).append(checks)
        add(T.FUEL_CARDS, f"{month:%Y-%m}", checks)
        month = add_months(month, 1)

    staff = fte * (1 - 0.016 + rng.uniform(-0.012, 0.012))
    for year in range(first_year, today.year + 1):
        k = year - first_year
        add(FTE_INDICATOR, str(year), round(staff, 1))
        staff *= 1 + rng.normal(0.005, 0.015)
        add(T.CHARTER, str(year), round(min(100.0, 97 - 59 * 0.62**k + rng.uniform(-2, 2)), 1))
        logging = int(rng.integers(10, 17))
        if year == today.year:  # the running count of this year; no dilemma training yet
            add(T.LOGGING, str(year), round(logging * scale * C.year_fraction(year, today)))
            continue
        add(T.DILEMMA, str(year), round(min(95, int(rng.integers(22, 46)) + 6 * k) * scale))
        add(T.LOGGING, str(year), round(logging * scale))
        fuel = sum(monthly[year]) if len(monthly.get(year, ())) == 12 else round(int(rng.integers(16, 31)) * scale)
        add(T.FUEL_CARDS, str(year), fuel)
    return rows
