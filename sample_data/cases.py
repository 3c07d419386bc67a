"""The life of a case, vectorised: given the main dates of a register (numpy datetime64[D]),
draw every other column and settle status and outcome as they stand at `today`. The zone sample
(a few hundred rows) and the national set (a million rows) both come from these functions, so the
two scales follow the same rules.

Columns are dicts of numpy arrays keyed by database column name: datetime64[D] for dates (NaT is
empty), object arrays for text (None is empty), bool and float arrays. Helper columns that the
caller needs but the register does not hold start with "_".
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

import numpy as np

from data_access.registers import LIGHT_SANCTIONS
from sample_data import profile as P, texts as T

Columns = dict[str, np.ndarray]
NAT = np.datetime64("NaT", "D")


def day(value: date) -> np.datetime64:
    return np.datetime64(value, "D")


def codes(rng: np.random.Generator, table: dict[str, float], n: int) -> np.ndarray:
    """n indexes into `table`, drawn with its weights."""
    p = np.fromiter(table.values(), float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def pick(rng: np.random.Generator, table: dict[str, float], n: int) -> np.ndarray:
    """n values of `table` (object array), drawn with its weights."""
    return np.array(list(table), dtype=object)[codes(rng, table, n)]


def days_between(rng: np.random.Generator, low: int, high: int, n: int) -> np.ndarray:
    """n random durations of low..high days (both included)."""
    return rng.integers(low, high + 1, n).astype("timedelta64[D]")


def one_of(rng: np.random.Generator, options: dict, keys: np.ndarray) -> np.ndarray:
    """For each key, a random text among options[key] (a str or a tuple of str)."""
    out = np.full(len(keys), None, dtype=object)
    for key, texts in options.items():
        mask = keys == key
        texts = np.array((texts,) if isinstance(texts, str) else texts, dtype=object)
        out[mask] = texts[rng.integers(0, len(texts), int(mask.sum()))]
    return out


# ---------------------------------------------------------------------------------------------
# Main dates


def year_fraction(year: int, today: date) -> float:
    """Share of the year that lies on or before today."""
    last = min(date(year, 12, 31), today)
    return ((last - date(year, 1, 1)).days + 1) / (366 if calendar.isleap(year) else 365)


def event_days(
    rng: np.random.Generator,
    first_year: int,
    today: date,
    per_year: Callable[[int], float],
    season: tuple[float, ...],
) -> np.ndarray:
    """Sorted main dates from 1 January of first_year up to today: per year about per_year(year)
    (prorated for the running year), spread by month (season) and weekday."""
    out = []
    for year in range(first_year, today.year + 1):
        expected = per_year(year) * year_fraction(year, today)
        n = max(0, round(rng.normal(expected, 0.08 * expected))) if expected > 0 else 0
        first = day(date(year, 1, 1))
        span = np.arange(first, day(min(date(year, 12, 31), today)) + 1)
        months = span.astype("datetime64[M]").astype(int) % 12
        weekdays = (span.astype(int) - 4) % 7  # 1970-01-01 was a Thursday; Monday is 0
        weights = np.asarray(season)[months] * np.asarray(P.WEEKDAY_WEIGHTS)[weekdays]
        out.append(span[rng.choice(len(span), size=n, p=weights / weights.sum())])
    return np.sort(np.concatenate(out)) if out else np.array([], "datetime64[D]")


def numbers(prefix: str, dates: np.ndarray, width: int) -> np.ndarray:
    """Keys for rows sorted on `dates`, numbered per year: PREFIX-2024-0007."""
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    seq = np.arange(len(years)) - np.searchsorted(years, years, side="left") + 1
    return np.array([f"{prefix}-{y}-{s:0{width}d}" for y, s in zip(years.tolist(), seq.tolist())], dtype=object)


# ---------------------------------------------------------------------------------------------
# Staff


class StaffPool:
    """Pseudonymous staff (`Medewerker 0123`), each member in one service."""

    def __init__(self, rng: np.random.Generator, size: int):
        width = max(4, len(str(size * 2)))
        ids = rng.choice(10**width - 1, size=size, replace=False) + 1
        service = codes(rng, P.SERVICES, size)
        order = np.argsort(service, kind="stable")
        self.names = np.array([f"Medewerker {i:0{width}d}" for i in ids[order].tolist()], dtype=object)
        self.count = np.bincount(service, minlength=len(P.SERVICES))
        self.offset = np.cumsum(self.count) - self.count
        self.size = size

    def members(self, rng: np.random.Generator, service: np.ndarray) -> np.ndarray:
        """A member of each row's service (service as codes of profile.SERVICES)."""
        count, offset = self.count[service], self.offset[service]
        empty = count == 0  # a tiny pool may leave a service without staff: take anyone
        count, offset = np.where(empty, self.size, count), np.where(empty, 0, offset)
        return self.names[offset + (rng.random(len(service)) * count).astype(int)]


def _services(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    service = codes(rng, P.SERVICES, n)
    return service, np.array(list(P.SERVICES), dtype=object)[service]


# ---------------------------------------------------------------------------------------------
# Klachten


def complaints(rng: np.random.Generator, received: np.ndarray, today: date, staff: StaffPool) -> Columns:
    n = len(received)
    category = pick(rng, P.COMPLAINT_CATEGORY, n)
    service, service_name = _services(rng, n)
    assessment = pick(rng, P.COMPLAINT_ASSESSMENT, n)
    lead = np.rint(rng.lognormal(np.log(P.COMPLAINT_LEAD_MEDIAN), P.COMPLAINT_LEAD_SIGMA, n)).astype(int)
    lead = np.where(assessment == "onontvankelijk", lead // 3, lead)
    impersonal = (np.isin(category, ("dienstverlening", "andere")) & (rng.random(n) < 0.6)) | (rng.random(n) < 0.1)
    closing = received + lead.astype("timedelta64[D]")
    closed = closing <= day(today)
    age = (day(today) - received).astype(int)
    consequence = np.where(
        np.isin(assessment, P.FOUNDED),
        pick(rng, P.CONSEQUENCE_FOUNDED, n),
        np.where(rng.random(n) < 2 / 3, "geen", None),
    )
    return {
        "datum_ontvangst": received,
        "kanaal": pick(rng, P.COMPLAINT_CHANNEL, n),
        "categorie": category,
        "dienst": service_name,
        "status": np.where(closed, "afgesloten", np.where(age <= 7, "ontvangen", "in behandeling")).astype(object),
        "datum_afsluiting": np.where(closed, closing, NAT),
        "beoordeling": np.where(closed, assessment, None),
        "gevolg": np.where(closed, consequence, None),
        "medewerker": np.where(impersonal, None, staff.members(rng, service)),
        "omschrijving": one_of(rng, T.COMPLAINT_TEXTS, category),
    }


# ---------------------------------------------------------------------------------------------
# Functioneringsnota's


def notes(rng: np.random.Generator, issued: np.ndarray, today: date, staff: StaffPool) -> Columns:
    n = len(issued)
    service, service_name = _services(rng, n)
    has_followup = rng.random(n) < 0.85
    followup = np.where(has_followup, issued + days_between(rng, 30, 120, n), NAT)
    due = has_followup & (followup <= day(today))
    done = np.where(rng.random(n) < 0.55, "opgevolgd", "afgesloten")
    # A recent follow-up that nobody recorded yet: what the alert is for.
    forgotten = ((day(today) - followup).astype(int) <= 60) & (rng.random(n) < 0.15)
    old = (day(today) - issued).astype(int) > 90
    status = np.where(
        has_followup, np.where(due & ~forgotten, done, "open"), np.where(old, "afgesloten", "open")
    ).astype(object)
    return {
        "datum": issued,
        "dienst": service_name,
        "thema": pick(rng, P.NOTE_THEME, n),
        "aanleiding": pick(rng, P.NOTE_CAUSE, n),
        "opvolgingsdatum": followup,
        "status": status,
        "medewerker": staff.members(rng, service),
    }


# ---------------------------------------------------------------------------------------------
# Tucht- en gerechtelijke dossiers


def dossiers(rng: np.random.Generator, opening: np.ndarray, today: date, staff: StaffPool) -> Columns:
    n, now = len(opening), day(today)
    kind = pick(rng, P.DOSSIER_KIND, n)
    judicial, discipline = kind == "gerechtelijk", kind == "tucht"
    known = opening - days_between(rng, 0, 21, n)
    sanction = np.where(judicial, pick(rng, P.JUDICIAL_OUTCOME, n), pick(rng, P.DISCIPLINARY_SANCTION, n))
    classified = discipline & (sanction == "geen") & (rng.random(n) < 0.6)  # closed after the pre-investigation
    report = np.where(discipline & ~classified, known + days_between(rng, 45, 170, n), NAT)
    decision = np.select(
        [judicial, classified, discipline],
        [opening + days_between(rng, 120, 540, n), opening + days_between(rng, 30, 150, n), report + days_between(rng, 30, 120, n)],
        opening + days_between(rng, 240, 620, n),  # tucht en gerechtelijk: waits for the judicial case
    )
    both = kind == "tucht en gerechtelijk"
    late_report = np.maximum(known, decision - days_between(rng, 30, 90, n))
    report = np.where(both & (rng.random(n) < 0.7), late_report, report)
    report = np.where(report <= now, report, NAT)
    decided = decision <= now
    light = np.isin(sanction, ("geen", *LIGHT_SANCTIONS))
    phase = np.where((now - decision).astype(int) > 60, np.where(rng.random(n) < 0.9, "afgesloten", "beslist"), "beslist")
    phase = np.where(~light & ~judicial & (rng.random(n) < 0.25), "beroep", phase)
    started = ~np.isnat(report) | (judicial & ((now - opening).astype(int) > 60))
    phase = np.where(decided, phase, np.where(started, "lopend", "vooronderzoek")).astype(object)
    authority = np.where(
        light,
        np.where(rng.random(n) < 0.85, "korpschef", "politiecollege"),
        np.where(rng.random(n) < 0.7, "politiecollege", "burgemeester"),
    )
    measure = rng.random(n) < 0.08
    service, service_name = _services(rng, n)
    return {
        "soort": kind,
        "categorie": pick(rng, P.DOSSIER_CATEGORY, n),
        "dienst": service_name,
        "datum_feiten": np.where(rng.random(n) < 0.2, NAT, known - days_between(rng, 0, 120, n)),
        "datum_kennisname": known,
        "datum_opening": opening,
        "datum_inleidend_verslag": report,
        "tuchtoverheid": np.where(judicial, None, authority),
        "fase": phase,
        "ordemaatregel": np.where(
            measure,
            np.where(rng.random(n) < 0.8, "voorlopige schorsing", "andere"),
            np.where(rng.random(n) < 0.5, "geen", None),
        ),
        "datum_ordemaatregel": np.where(measure, np.minimum(now, opening + days_between(rng, 0, 14, n)), NAT),
        "sanctie": np.where(decided, sanction, None),
        "datum_beslissing": np.where(decided, decision, NAT),
        "medewerker": staff.members(rng, service),
    }


# ---------------------------------------------------------------------------------------------
# Meldingen integriteit


def reports(rng: np.random.Generator, received: np.ndarray, today: date) -> Columns:
    n, now = len(received), day(today)
    category = pick(rng, P.REPORT_CATEGORY, n)
    outcome = pick(rng, P.REPORT_OUTCOME, n)
    inadmissible = outcome == "onontvankelijk"
    ack = received + np.where(rng.random(n) < 0.92, days_between(rng, 0, 7, n), days_between(rng, 8, 20, n))
    feedback = ack + np.select(
        [inadmissible, rng.random(n) < 0.88],
        [days_between(rng, 5, 25, n), days_between(rng, 20, 88, n)],
        days_between(rng, 95, 150, n),
    )
    closing = np.where(inadmissible, feedback, feedback + days_between(rng, 0, 30, n))
    closed = closing <= now
    investigating = (ack <= now) & ((now - ack).astype(int) > 10) & ~inadmissible
    status = np.where(closed, "afgesloten", np.where(investigating, "onderzoek", "ontvankelijkheid")).astype(object)
    return {
        "datum_ontvangst": received,
        "kanaal": pick(rng, P.REPORT_CHANNEL, n),
        "anoniem": rng.random(n) < P.REPORT_ANONYMOUS_SHARE,
        "categorie": category,
        "datum_ontvangstbevestiging": np.where(ack <= now, ack, NAT),
        "datum_terugkoppeling": np.where(feedback <= now, feedback, NAT),
        "status": status,
        "uitkomst": np.where(closed, outcome, None),
        "omschrijving": one_of(rng, T.REPORT_TEXTS, category),
    }


# ---------------------------------------------------------------------------------------------
# Actieplan


def action_status(rng: np.random.Generator, start: np.ndarray, deadline: np.ndarray, today: date) -> np.ndarray:
    """Status as it stands at today: most past actions done, some postponed, dropped or late."""
    n, now = len(start), day(today)
    past = pick(rng, {"afgerond": 80, "uitgesteld": 6, "geschrapt": 4, "lopend": 10}, n)
    early = ((deadline - now).astype(int) < 60) & (rng.random(n) < 0.3)
    running = np.where(early, "afgerond", "lopend")
    return np.where(deadline < now, past, np.where(start > now, "niet gestart", running)).astype(object)


def actions(
    rng: np.random.Generator, template: np.ndarray, start: np.ndarray, deadline: np.ndarray, status: np.ndarray, today: date
) -> Columns:
    """The action plan rows for texts.ACTIONS[template] with the given dates and status."""
    n, now = len(start), day(today)
    chosen = [T.ACTIONS[i] for i in template.tolist()]
    span = np.maximum(1, (deadline - start).astype(int))
    elapsed = (np.minimum(now, deadline) - start).astype(int)
    running = np.clip(5 * np.rint(20 * elapsed / span * rng.uniform(0.6, 0.95, n)), 5, 95)
    progress = np.select(
        [status == "afgerond", status == "lopend", status == "niet gestart", status == "uitgesteld"],
        [100.0, running, 0.0, 5.0 * rng.integers(1, 9, n)],
        np.nan,
    )
    updated = np.select(
        [status == "afgerond", status == "lopend"],
        [np.minimum(now, deadline - days_between(rng, 0, 30, n)), now - days_between(rng, 2, 45, n)],
        np.minimum(now, deadline) - days_between(rng, 0, 60, n),
    )
    started = status != "niet gestart"
    wants_remark = np.isin(status, ("uitgesteld", "geschrapt")) | (rng.random(n) < 0.25)
    return {
        "strategische_doelstelling": np.array([a.strategic_goal for a in chosen], dtype=object),
        "operationele_doelstelling": np.array([a.operational_goal for a in chosen], dtype=object),
        "actie": np.array([a.action for a in chosen], dtype=object),
        "trekker": np.array([a.owner for a in chosen], dtype=object),
        "startdatum": np.where(started, start, NAT),
        "deadline": deadline,
        "status": status,
        "voortgang": progress,
        "laatste_update": np.where(started, np.maximum(start, updated), NAT),
        "opmerking": np.where(wants_remark, one_of(rng, T.ACTION_REMARKS, status), None),
    }


def to_rows(columns: Columns, names: tuple[str, ...], rows: slice = slice(None)) -> list[dict]:
    """Plain Python rows (date, str, bool, float, None) for the given columns; NaN and NaT are None,
    and so is a column not in `columns` (a key the caller gives later)."""
    size = len(next(iter(columns.values()))[rows])
    lists = []
    for name in names:
        if name not in columns:
            lists.append([None] * size)
            continue
        values = columns[name][rows]
        if values.dtype.kind == "f":
            values = np.where(np.isnan(values), None, values).astype(object)
        lists.append(values.tolist())
    return [dict(zip(names, vals)) for vals in zip(*lists)]
