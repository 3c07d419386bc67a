"""The zone sample: a fictitious police zone of about 120 VTE, from 1 January 2021 to `today`.

`build_sample(today, seed)` returns the rows of every register as plain Python values keyed by
the database column names of registers.py. It is deterministic: every random choice comes from a
`random.Random` seeded with (seed, register), never from the clock or the global generator. At
`today` a few items are late on purpose, so that every alert of the dashboard has something to
show (see `_ensure_*`).
"""

from __future__ import annotations

import calendar
import math
import random
from datetime import date, timedelta

from data_access.registers import BY_NAME, LIGHT_SANCTIONS
from sample_data import profile as P
from sample_data import texts as T

START = date(2021, 1, 1)
ZONE_FTE = 120
STAFF_POOL = 150  # pseudonyms over the whole period (turnover included)

Row = dict[str, object]


def build_sample(today: date, seed: int = 2024) -> dict[str, list[Row]]:
    """Rows per register (register name -> list of {column name: value}) for the fictitious zone."""
    if today < START + timedelta(days=180):
        raise ValueError(f"De voorbeeldgegevens beginnen op {START:%d/%m/%Y}; kies een latere datum.")

    def rng(name: str) -> random.Random:
        return random.Random(f"{seed}:{name}")

    staff = Staff(rng("staff"))
    rows = {
        "klachten": _complaints(rng("klachten"), today, staff),
        "functioneringsnotas": _notes(rng("functioneringsnotas"), today, staff),
        "tuchtdossiers": _dossiers(rng("tuchtdossiers"), today, staff),
        "meldingen": _reports(rng("meldingen"), today),
        "actieplan": _actions(rng("actieplan"), today),
        "indicatoren": _indicators(rng("indicatoren"), today),
    }
    measured = {r["indicator"] for r in rows["indicatoren"]}
    rows["evaluatiecriteria"] = _criteria(rng("evaluatiecriteria"), today, measured)
    # Every row carries every column of its register, in the register's order.
    return {name: [{c: row.get(c) for c in BY_NAME[name].column_names} for row in rs] for name, rs in rows.items()}


# ---------------------------------------------------------------------------------------------
# Shared helpers


def pick(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(tuple(table), weights=tuple(table.values()))[0]


def add_months(day: date, months: int) -> date:
    """Calendar months later (or earlier); a day that does not exist becomes the month's last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _years(today: date) -> range:
    return range(START.year, today.year + 1)


def _year_fraction(year: int, today: date) -> float:
    """Share of the year that lies on or before today."""
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    return ((last - first).days + 1) / (366 if calendar.isleap(year) else 365)


def _count(rng: random.Random, per_year: float, year: int, today: date) -> int:
    expected = per_year * _year_fraction(year, today)
    return max(0, round(rng.gauss(expected, 0.08 * expected)))


def _days(rng: random.Random, year: int, today: date, season: tuple[float, ...], n: int) -> list[date]:
    """n sorted days of `year` up to today, weighted by month (season) and weekday."""
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    days = [first + timedelta(i) for i in range((last - first).days + 1)]
    weights = [season[d.month - 1] * P.WEEKDAY_WEIGHTS[d.weekday()] for d in days]
    return sorted(rng.choices(days, weights=weights, k=n))


def _numbered(rows: list[Row], key: str, by: str, prefix: str, width: int) -> list[Row]:
    """Sorts rows on their date and numbers them per year: PREFIX-2024-0007."""
    rows.sort(key=lambda r: r[by])
    seq: dict[int, int] = {}
    for row in rows:
        year = row[by].year
        seq[year] = seq.get(year, 0) + 1
        row[key] = f"{prefix}-{year}-{seq[year]:0{width}d}"
    return rows


class Staff:
    """Pseudonymous staff: `Medewerker 0123`, each in one service."""

    def __init__(self, rng: random.Random):
        numbers = rng.sample(range(1, 10000), STAFF_POOL)
        self._by_service: dict[str, list[str]] = {s: [] for s in P.SERVICES}
        for number in numbers:
            self._by_service[pick(rng, P.SERVICES)].append(pseudonym(number))
        self._rng = rng

    def member(self, service: str) -> str:
        pool = self._by_service[service] or [m for ms in self._by_service.values() for m in ms]
        return self._rng.choice(pool)


def pseudonym(number: int) -> str:
    return f"Medewerker {number:04d}"


# ---------------------------------------------------------------------------------------------
# Klachten


def _complaints(rng: random.Random, today: date, staff: Staff) -> list[Row]:
    per_year = P.ZONE_RATES["klachten"] * ZONE_FTE
    rows = [
        _complaint(rng, received, today, staff)
        for year in _years(today)
        for received in _days(rng, year, today, P.COMPLAINT_SEASON, _count(rng, per_year, year, today))
    ]
    _ensure_overdue_complaints(rng, rows, today, wanted=3)
    return _numbered(rows, "dossiernummer", "datum_ontvangst", "KL", 4)


def _complaint(rng: random.Random, received: date, today: date, staff: Staff) -> Row:
    category = pick(rng, P.COMPLAINT_CATEGORY)
    service = pick(rng, P.SERVICES)
    impersonal = category in ("dienstverlening", "andere") and rng.random() < 0.6
    row: Row = {
        "datum_ontvangst": received,
        "kanaal": pick(rng, P.COMPLAINT_CHANNEL),
        "categorie": category,
        "dienst": service,
        "medewerker": None if impersonal or rng.random() < 0.1 else staff.member(service),
        "omschrijving": rng.choice(T.COMPLAINT_TEXTS[category]),
        "_assessment": pick(rng, P.COMPLAINT_ASSESSMENT),
    }
    lead = round(rng.lognormvariate(math.log(P.COMPLAINT_LEAD_MEDIAN), P.COMPLAINT_LEAD_SIGMA))
    if row["_assessment"] == "onontvankelijk":
        lead //= 3
    _settle_complaint(rng, row, received + timedelta(days=lead), today)
    return row


def _settle_complaint(rng: random.Random, row: Row, closing: date | None, today: date) -> None:
    """Sets status and outcome as they stand at today (closing None: still open)."""
    assessment = row.pop("_assessment", None) or row.get("beoordeling") or "ongegrond"
    if closing is not None and closing <= today:
        consequence = pick(rng, P.CONSEQUENCE_FOUNDED) if assessment in P.FOUNDED else rng.choice(("geen", "geen", None))
        row.update(status="afgesloten", datum_afsluiting=closing, beoordeling=assessment, gevolg=consequence)
    else:
        status = "ontvangen" if (today - row["datum_ontvangst"]).days <= 7 else "in behandeling"
        row.update(status=status, datum_afsluiting=None, beoordeling=None, gevolg=None)


def _ensure_overdue_complaints(rng: random.Random, rows: list[Row], today: date, wanted: int) -> None:
    """At least `wanted` complaints open for more than 90 days: the slowest recent ones stay open."""
    overdue = [r for r in rows if r["status"] != "afgesloten" and (today - r["datum_ontvangst"]).days > 90]
    window = [r for r in rows if r["status"] == "afgesloten" and 95 <= (today - r["datum_ontvangst"]).days <= 240]
    window.sort(key=lambda r: (r["datum_afsluiting"] - r["datum_ontvangst"]).days, reverse=True)
    for row in window[: max(0, wanted - len(overdue))]:
        _settle_complaint(rng, row, None, today)


# ---------------------------------------------------------------------------------------------
# Functioneringsnota's


def _notes(rng: random.Random, today: date, staff: Staff) -> list[Row]:
    per_year = P.ZONE_RATES["functioneringsnotas"] * ZONE_FTE
    rows = [
        _note(rng, day, today, staff)
        for year in _years(today)
        for day in _days(rng, year, today, P.FLAT_SEASON, _count(rng, per_year, year, today))
    ]
    if not any(_note_overdue(r, today) for r in rows):
        late = _note(rng, today - timedelta(days=rng.randint(60, 90)), today, staff)
        late.update(opvolgingsdatum=today - timedelta(days=rng.randint(7, 21)), status="open")
        rows.append(late)
    return _numbered(rows, "nummer", "datum", "FN", 3)


def _note(rng: random.Random, day: date, today: date, staff: Staff) -> Row:
    service = pick(rng, P.SERVICES)
    followup = day + timedelta(days=rng.randint(30, 120)) if rng.random() < 0.85 else None
    if followup is None:
        status = "afgesloten" if (today - day).days > 90 else "open"
    elif followup <= today:
        status = rng.choices(("opgevolgd", "afgesloten"), weights=(55, 45))[0]
    else:
        status = "open"
    return {
        "datum": day,
        "dienst": service,
        "thema": pick(rng, P.NOTE_THEME),
        "aanleiding": pick(rng, P.NOTE_CAUSE),
        "opvolgingsdatum": followup,
        "status": status,
        "medewerker": staff.member(service),
    }


def _note_overdue(row: Row, today: date) -> bool:
    return row["status"] == "open" and row["opvolgingsdatum"] is not None and row["opvolgingsdatum"] < today


# ---------------------------------------------------------------------------------------------
# Tucht- en gerechtelijke dossiers


def _dossiers(rng: random.Random, today: date, staff: Staff) -> list[Row]:
    per_year = P.ZONE_RATES["tuchtdossiers"] * ZONE_FTE
    rows = [
        _dossier(rng, opening, today, staff)
        for year in _years(today)
        for opening in _days(rng, year, today, P.FLAT_SEASON, _count(rng, per_year, year, today))
    ]
    if not any(dossier_at_risk(r, today) for r in rows):
        rows.append(_dossier_near_term(rng, today, staff))
    return _numbered(rows, "dossiernummer", "datum_opening", "TD", 3)


def _dossier(rng: random.Random, opening: date, today: date, staff: Staff) -> Row:
    kind = pick(rng, P.DOSSIER_KIND)
    known = opening - timedelta(days=rng.randint(0, 21))
    report = None  # the inleidend verslag, as planned
    if kind == "gerechtelijk":
        sanction = pick(rng, P.JUDICIAL_OUTCOME)
        decision = opening + timedelta(days=rng.randint(120, 540))
    elif kind == "tucht":
        sanction = pick(rng, P.DISCIPLINARY_SANCTION)
        if sanction == "geen" and rng.random() < 0.6:  # classified after the pre-investigation
            decision = opening + timedelta(days=rng.randint(30, 150))
        else:
            report = known + timedelta(days=rng.randint(45, 170))
            decision = report + timedelta(days=rng.randint(30, 120))
    else:  # tucht en gerechtelijk: the disciplinary case waits for the judicial one
        sanction = pick(rng, P.DISCIPLINARY_SANCTION)
        decision = opening + timedelta(days=rng.randint(240, 620))
        if rng.random() < 0.7:
            report = max(known, decision - timedelta(days=rng.randint(30, 90)))
    service = pick(rng, P.SERVICES)
    row: Row = {
        "soort": kind,
        "categorie": pick(rng, P.DOSSIER_CATEGORY),
        "dienst": service,
        "datum_feiten": None if rng.random() < 0.2 else known - timedelta(days=rng.randint(0, 120)),
        "datum_kennisname": known,
        "datum_opening": opening,
        "tuchtoverheid": None if kind == "gerechtelijk" else _authority(rng, sanction),
        "medewerker": staff.member(service),
    }
    if rng.random() < 0.08:
        row["ordemaatregel"] = rng.choices(("voorlopige schorsing", "andere"), weights=(80, 20))[0]
        row["datum_ordemaatregel"] = min(today, opening + timedelta(days=rng.randint(0, 14)))
    else:
        row["ordemaatregel"] = rng.choice((None, "geen"))
    report = report if report is not None and report <= today else None
    row["datum_inleidend_verslag"] = report
    if decision <= today:
        phase = "afgesloten" if (today - decision).days > 60 and rng.random() < 0.9 else "beslist"
        if sanction in P.DISCIPLINARY_SANCTION and sanction not in ("geen", *LIGHT_SANCTIONS) and rng.random() < 0.25:
            phase = "beroep"
        row.update(fase=phase, sanctie=sanction, datum_beslissing=decision)
    else:
        started = report is not None or (kind == "gerechtelijk" and (today - opening).days > 60)
        row.update(fase="lopend" if started else "vooronderzoek", sanctie=None, datum_beslissing=None)
    return row


def _authority(rng: random.Random, sanction: str) -> str:
    if sanction in ("geen", *LIGHT_SANCTIONS):
        return rng.choices(("korpschef", "politiecollege"), weights=(85, 15))[0]
    return rng.choices(("politiecollege", "burgemeester"), weights=(70, 30))[0]


def dossier_at_risk(row: Row, today: date, months: int = 6, warn_days: int = 30) -> bool:
    """kpi-catalog.md discipline_limit_at_risk, for the sample's own check."""
    return (
        row["soort"] == "tucht"
        and row["datum_inleidend_verslag"] is None
        and row["datum_beslissing"] is None
        and today >= add_months(row["datum_kennisname"], months) - timedelta(days=warn_days)
    )


def _dossier_near_term(rng: random.Random, today: date, staff: Staff) -> Row:
    """A tucht dossier without inleidend verslag whose six-month term ends 8 to 25 days from today."""
    term_end = today + timedelta(days=rng.randint(8, 25))
    known = add_months(term_end, -6)
    service = pick(rng, P.SERVICES)
    return {
        "soort": "tucht",
        "categorie": pick(rng, P.DOSSIER_CATEGORY),
        "dienst": service,
        "datum_feiten": known - timedelta(days=rng.randint(5, 40)),
        "datum_kennisname": known,
        "datum_opening": known + timedelta(days=rng.randint(3, 10)),
        "tuchtoverheid": "korpschef",
        "fase": "vooronderzoek",
        "ordemaatregel": None,
        "medewerker": staff.member(service),
    }


# ---------------------------------------------------------------------------------------------
# Meldingen integriteit


def _reports(rng: random.Random, today: date) -> list[Row]:
    rows = []
    for year in _years(today):
        # The law of 8 December 2022 made the internal channel widely known: fewer reports before.
        per_year = P.ZONE_RATES["meldingen"] * ZONE_FTE * (0.65 if year < 2023 else 1.0)
        rows += [_report(rng, day, today) for day in _days(rng, year, today, P.FLAT_SEASON, _count(rng, per_year, year, today))]
    if not any(_report_unacknowledged(r, today) for r in rows):
        late = _report(rng, today - timedelta(days=rng.randint(9, 14)), today)
        late.update(datum_ontvangstbevestiging=None, datum_terugkoppeling=None, status="ontvankelijkheid", uitkomst=None)
        rows.append(late)
    return _numbered(rows, "nummer", "datum_ontvangst", "ME", 3)


def _report(rng: random.Random, received: date, today: date) -> Row:
    category = pick(rng, P.REPORT_CATEGORY)
    outcome = pick(rng, P.REPORT_OUTCOME)
    ack = received + timedelta(days=rng.randint(0, 7) if rng.random() < 0.92 else rng.randint(8, 20))
    if outcome == "onontvankelijk":
        feedback = ack + timedelta(days=rng.randint(5, 25))
        closing = feedback
    else:
        feedback = ack + timedelta(days=rng.randint(20, 88) if rng.random() < 0.88 else rng.randint(95, 150))
        closing = feedback + timedelta(days=rng.randint(0, 30))
    if closing <= today:
        status = "afgesloten"
    elif ack <= today and (today - ack).days > 10 and outcome != "onontvankelijk":
        status = "onderzoek"
    else:
        status = "ontvankelijkheid"
    return {
        "datum_ontvangst": received,
        "kanaal": pick(rng, P.REPORT_CHANNEL),
        "anoniem": rng.random() < P.REPORT_ANONYMOUS_SHARE,
        "categorie": category,
        "datum_ontvangstbevestiging": ack if ack <= today else None,
        "datum_terugkoppeling": feedback if feedback <= today else None,
        "status": status,
        "uitkomst": outcome if status == "afgesloten" else None,
        "omschrijving": T.REPORT_TEXTS[category],
    }


def _report_unacknowledged(row: Row, today: date, ack_days: int = 7) -> bool:
    return row["datum_ontvangstbevestiging"] is None and (today - row["datum_ontvangst"]).days > ack_days


# ---------------------------------------------------------------------------------------------
# Actieplan


def _actions(rng: random.Random, today: date) -> list[Row]:
    """The actions of texts.ACTIONS, started one after another from early 2021 to a few months
    after today; their status follows from the deadline."""
    first, last = date(2021, 2, 1), today + timedelta(days=120)
    step = (last - first).days / len(T.ACTIONS)
    rows = []
    for i, action in enumerate(T.ACTIONS):
        start = first + timedelta(days=round(i * step) + rng.randint(0, 20))
        deadline = start + timedelta(days=rng.randint(100, 420))
        row = {
            "strategische_doelstelling": action.strategic_goal,
            "operationele_doelstelling": action.operational_goal,
            "actie": action.action,
            "trekker": action.owner,
            "deadline": deadline,
            "_start": start,
        }
        _settle_action(rng, row, today, _action_status(rng, start, deadline, today))
        rows.append(row)
    overdue = [r for r in rows if action_overdue(r, today)]
    done_late = [r for r in rows if r["status"] == "afgerond" and r["deadline"] < today]
    for row in sorted(done_late, key=lambda r: r["deadline"], reverse=True)[: max(0, 2 - len(overdue))]:
        _settle_action(rng, row, today, "lopend")
    # numbered by the year the action (is planned to) start
    return _numbered(rows, "actie_id", "_start", "A", 2)


def _action_status(rng: random.Random, start: date, deadline: date, today: date) -> str:
    if deadline < today:
        return rng.choices(("afgerond", "uitgesteld", "geschrapt", "lopend"), weights=(80, 6, 4, 10))[0]
    if start > today:
        return "niet gestart"
    return "afgerond" if (deadline - today).days < 60 and rng.random() < 0.3 else "lopend"


def _settle_action(rng: random.Random, row: Row, today: date, status: str) -> None:
    start, deadline = row["_start"], row["deadline"]
    span = max(1, (deadline - start).days)
    if status == "niet gestart":
        row.update(startdatum=None, voortgang=0.0, laatste_update=None)
    elif status == "afgerond":
        done = max(start, min(today, deadline - timedelta(days=rng.randint(0, 30))))
        row.update(startdatum=start, voortgang=100.0, laatste_update=done)
    elif status == "lopend":
        elapsed = min(today, deadline) - start
        progress = max(5, min(95, 5 * round(20 * elapsed.days / span * rng.uniform(0.6, 0.95))))
        row.update(startdatum=start, voortgang=float(progress), laatste_update=max(start, today - timedelta(days=rng.randint(2, 45))))
    else:  # uitgesteld, geschrapt
        when = max(start, min(today, deadline) - timedelta(days=rng.randint(0, 60)))
        progress = float(5 * rng.randint(1, 8)) if status == "uitgesteld" else None
        row.update(startdatum=start, voortgang=progress, laatste_update=when)
    remarks = T.ACTION_REMARKS.get(status)
    wants_remark = status in ("uitgesteld", "geschrapt") or rng.random() < 0.25
    row["opmerking"] = rng.choice(remarks) if remarks and wants_remark else None
    row["status"] = status


def action_overdue(row: Row, today: date) -> bool:
    return row["deadline"] < today and row["status"] not in ("afgerond", "geschrapt")


# ---------------------------------------------------------------------------------------------
# Evaluatiecriteria and Indicatoren

CORE_CRITERIA = 10  # the first ten of texts.CRITERIA are evaluated every year


def _criteria(rng: random.Random, today: date, measured: set[str]) -> list[Row]:
    """About ten criteria a year on KPI ids and measured indicators; in the current year two are
    drafts and the dilemma training has no measurement yet ("geen gegevens")."""
    rows = []
    for year in _years(today):
        current = year == today.year
        extra = [c for c in T.CRITERIA[CORE_CRITERIA:] if not (current and c.indicator == T.FUEL_CARDS)]
        chosen = list(T.CRITERIA[:CORE_CRITERIA]) + rng.sample(extra, rng.randint(0, 2))
        chosen = [c for c in chosen if c.indicator in measured or c.indicator not in T.INDICATOR_SOURCES]
        validated = date(year, 2, rng.randint(3, 26))
        for i, c in enumerate(chosen, start=1):
            norm = float(c.norm)
            if c.indicator == T.CHARTER:  # the target rises as the charter takes hold
                norm = float(min(c.norm, 70 + 10 * (year - START.year)))
            draft = validated > today or (current and i > len(chosen) - 2)
            rows.append(
                {
                    "criterium_id": f"EC-{year}-{i:02d}",
                    "omschrijving": c.text if norm == c.norm else c.text.replace(f"{c.norm:g}%", f"{norm:g}%"),
                    "indicator": c.indicator,
                    "norm": norm,
                    "richting": c.direction,
                    "jaar": year,
                    "gevalideerd_op": None if draft else validated,
                }
            )
    return rows


def _indicators(rng: random.Random, today: date) -> list[Row]:
    """Yearly values for the finished years (and staff and charter for the current year too),
    monthly fuel-card checks from January of last year up to last month."""
    rows: list[Row] = []

    def add(name: str, period: str, value: float) -> None:
        rows.append({"indicator": name, "periode": period, "waarde": float(value), "bron": T.INDICATOR_SOURCES[name]})

    monthly: dict[int, list[int]] = {}
    month = date(max(START.year, today.year - 1), 1, 1)
    while (month.year, month.month) < (today.year, today.month):
        checks = rng.randint(1, 3)
        monthly.setdefault(month.year, []).append(checks)
        add(T.FUEL_CARDS, f"{month:%Y-%m}", checks)
        month = add_months(month, 1)

    fte = ZONE_FTE - 2 + rng.uniform(-1.5, 1.5)
    for year in _years(today):
        add(T.FTE, str(year), round(fte, 1))
        fte += rng.gauss(0.6, 1.8)
        charter = min(100.0, 97 - 59 * 0.62 ** (year - START.year) + rng.uniform(-2, 2))
        add(T.CHARTER, str(year), round(charter, 1))
        logging = rng.randint(10, 16)
        if year == today.year:  # the running count of this year; no dilemma training yet
            add(T.LOGGING, str(year), round(logging * _year_fraction(year, today)))
            continue
        add(T.DILEMMA, str(year), min(95, rng.randint(22, 45) + 6 * (year - START.year)))
        add(T.LOGGING, str(year), logging)
        fuel = sum(monthly[year]) if len(monthly.get(year, ())) == 12 else rng.randint(16, 30)
        add(T.FUEL_CARDS, str(year), fuel)
    return rows
