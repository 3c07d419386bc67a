"""The engine against an independent, row-by-row reading of kpi-catalog.md on random registers.

`oracle` below is written straight from the catalog's text in plain Python (one loop per KPI,
no SQL, no pandas, its own month arithmetic), so a mistake in the engine's SQL populations or
cut-offs shows up as a difference. The random rows favour the edges: month ends, dates on and
around D, empty dates, every enum value, and rows that break the registers' date-order rules.
"""

from __future__ import annotations

import calendar
import random
import statistics
from datetime import date, timedelta

import pytest

from data_access.registers import (
    ACTIEPLAN,
    DISCIPLINARY_SANCTIONS,
    FUNCTIONERINGSNOTAS,
    HEAVY_SANCTIONS,
    INTEGRITY_CATEGORIES,
    JUDICIAL_OUTCOMES,
    KLACHTEN,
    LIGHT_SANCTIONS,
    MELDINGEN,
    RISK_PROCESSES,
    RISK_STATUSES,
    STRATEGIC_GOALS,
)
from data_access.settings import DEFAULTS
from kpis.engine import compute_report
from tests.test_kpi_helpers import DB_PARAMS, insert, module_database, set_norms

CASES = [(2024, date(2024, 12, 31)), (2025, date(2025, 2, 28)), (2025, date(2025, 7, 31)), (2024, date(2025, 3, 15))]


# --- random registers ------------------------------------------------------------------------


def _day(rng: random.Random) -> date:
    kind = rng.random()
    if kind < 0.25:  # a month end
        y, m = rng.choice((2023, 2024, 2025)), rng.randint(1, 12)
        return date(y, m, calendar.monthrange(y, m)[1])
    if kind < 0.4:  # on or around a reference date
        return rng.choice(CASES)[1] + timedelta(days=rng.randint(-8, 8))
    return date(2023, 1, 1) + timedelta(days=rng.randint(0, 3 * 365 + 60))


def _maybe(rng: random.Random, after: date, p_empty: float = 0.3) -> date | None:
    if rng.random() < p_empty:
        return None
    if rng.random() < 0.5:
        return after + timedelta(days=rng.choice((0, 1, 7, 8, 29, 30, 31, 89, 90, 91, 92, 180, 181, 184)))
    return after + timedelta(days=rng.randint(-5, 400))  # sometimes before `after`


def random_registers(seed: int = 7, n: int = 160) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    pick = rng.choice
    klachten = []
    for i in range(n):
        received = _day(rng)
        klachten.append(dict(
            dossiernummer=f"K{i}", datum_ontvangst=received, kanaal=pick(KLACHTEN.column("kanaal").values),
            categorie=pick(KLACHTEN.column("categorie").values), dienst=pick(("A", "B")), status="afgesloten",
            datum_afsluiting=_maybe(rng, received), beoordeling=pick((None, *KLACHTEN.column("beoordeling").values)),
        ))
    notas = []
    for i in range(n // 2):
        day = _day(rng)
        notas.append(dict(
            nummer=f"N{i}", datum=day, dienst=pick(("A", "B")), thema=pick(FUNCTIONERINGSNOTAS.column("thema").values),
            aanleiding="klacht", opvolgingsdatum=_maybe(rng, day), status=pick(("open", "opgevolgd", "afgesloten")),
        ))
    dossiers = []
    for i in range(n // 2):
        known = _day(rng)
        opening = known + timedelta(days=rng.choice((0, 3, 40)))
        soort = pick(("tucht", "gerechtelijk", "tucht en gerechtelijk"))
        order = pick((None, "geen", "voorlopige schorsing", "andere"))
        dossiers.append(dict(
            dossiernummer=f"T{i}", soort=soort, categorie=pick(INTEGRITY_CATEGORIES), dienst=pick(("A", "B")),
            datum_kennisname=known, datum_opening=opening, datum_inleidend_verslag=_maybe(rng, known, 0.6),
            fase="lopend", ordemaatregel=order, datum_ordemaatregel=_maybe(rng, opening, 0.4),
            sanctie=pick((None, *DISCIPLINARY_SANCTIONS, *JUDICIAL_OUTCOMES)), datum_beslissing=_maybe(rng, known, 0.4),
        ))
    meldingen = []
    for i in range(n // 2):
        received = _day(rng)
        ack = _maybe(rng, received, 0.3)
        meldingen.append(dict(
            nummer=f"M{i}", datum_ontvangst=received, kanaal="extern", anoniem=rng.random() < 0.4,
            categorie=pick(INTEGRITY_CATEGORIES), datum_ontvangstbevestiging=ack,
            datum_terugkoppeling=_maybe(rng, ack or received, 0.3),
            status=pick(MELDINGEN.column("status").values), uitkomst=pick((None, *MELDINGEN.column("uitkomst").values)),
        ))
    acties = []
    for i in range(n // 2):
        deadline = _day(rng)
        acties.append(dict(
            actie_id=f"A{i}", strategische_doelstelling=pick(STRATEGIC_GOALS), operationele_doelstelling="x",
            actie="x", trekker="x", startdatum=_maybe(rng, deadline - timedelta(days=200), 0.3), deadline=deadline,
            status=pick(ACTIEPLAN.column("status").values),
        ))
    indicatoren = [dict(indicator="personeelsbestand (VTE)", periode="2024", waarde=130.0)]
    risicos = []
    for i in range(n // 2):
        analysed = _day(rng)
        named = rng.sample([a["actie_id"] for a in acties] + ["A999"], rng.choice((0, 0, 1, 1, 2, 3)))
        risicos.append(dict(
            risico_id=f"R{i}", proces=pick(RISK_PROCESSES), omschrijving="x", kans=rng.randint(1, 5),
            impact=rng.randint(1, 5), acties=pick(("; ", ",", " , ")).join(named) or None, eigenaar="x",
            datum_analyse=analysed, herziening=_maybe(rng, analysed, 0.3), status=pick(RISK_STATUSES),
        ))
    return dict(klachten=klachten, functioneringsnotas=notas, tuchtdossiers=dossiers, meldingen=meldingen,
                actieplan=acties, indicatoren=indicatoren, risicos=risicos)


REGISTERS = random_registers()


def load(engine) -> None:
    with engine.begin() as conn:
        for name, rows in REGISTERS.items():
            insert(conn, name, rows)


@pytest.fixture(scope="module", params=DB_PARAMS)
def db(request, tmp_path_factory):
    yield from module_database(request, tmp_path_factory, load)


# --- the catalog, row by row -----------------------------------------------------------------


def plus_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def oracle(year: int, d: date, s: dict[str, int] = DEFAULTS, dienst: str | None = None) -> dict:
    def known(x):  # a date after D counts as empty
        return x if x is not None and x <= d else None

    def in_y(x):
        x = known(x)
        return x is not None and x.year == year

    def share(rows, test):
        return None if not rows else sum(1 for r in rows if test(r)) / len(rows)

    def med(values):
        return None if not values else float(statistics.median(values))

    def split(rows, column, values):
        return {v: sum(1 for r in rows if r[column] == v) for v in values}

    def of_dienst(rows):  # klachten, nota's and dossiers have a dienst; the others are zone-wide
        return [r for r in rows if dienst is None or r["dienst"] == dienst]

    out = {}
    k = [r for r in of_dienst(REGISTERS["klachten"]) if r["datum_ontvangst"] <= d]
    received = [r for r in k if in_y(r["datum_ontvangst"])]
    closed = [r for r in k if in_y(r["datum_afsluiting"])]
    open_ = [r for r in k if known(r["datum_afsluiting"]) is None]
    lead = {id(r): (r["datum_afsluiting"] - r["datum_ontvangst"]).days for r in closed}
    assessed = [r for r in closed if r["beoordeling"] in ("gegrond", "deels gegrond", "ongegrond")]
    fte = 130.0 if year == 2024 and dienst is None else None
    out.update(
        complaints_received=len(received), complaints_closed=len(closed), complaints_open=len(open_),
        complaints_per_100_fte=None if fte is None else len(received) * 100 / fte,
        complaints_founded_rate=share(assessed, lambda r: r["beoordeling"] in ("gegrond", "deels gegrond")),
        complaints_median_lead_days=med(list(lead.values())),
        complaints_within_norm_rate=share(closed, lambda r: lead[id(r)] <= s["complaint_norm_days"]),
        complaints_overdue=sum(1 for r in open_ if (d - r["datum_ontvangst"]).days > s["complaint_norm_days"]),
        complaints_by_category=split(received, "categorie", KLACHTEN.column("categorie").values),
        complaints_by_channel=split(received, "kanaal", KLACHTEN.column("kanaal").values),
        complaints_by_outcome=split(closed, "beoordeling", KLACHTEN.column("beoordeling").values),
    )
    n = [r for r in of_dienst(REGISTERS["functioneringsnotas"]) if r["datum"] <= d]
    issued = [r for r in n if in_y(r["datum"])]
    out.update(
        notes_issued=len(issued),
        notes_followup_overdue=sum(
            1 for r in n if r["status"] == "open" and known(r["opvolgingsdatum"])
            and (d - r["opvolgingsdatum"]).days > s["followup_grace_days"]
        ),
        notes_by_theme=split(issued, "thema", FUNCTIONERINGSNOTAS.column("thema").values),
    )
    t = [r for r in of_dienst(REGISTERS["tuchtdossiers"]) if r["datum_opening"] <= d]
    tucht = [r for r in t if r["soort"] in ("tucht", "tucht en gerechtelijk")]
    judicial = [r for r in t if r["soort"] in ("gerechtelijk", "tucht en gerechtelijk")]
    decided = [r for r in tucht if in_y(r["datum_beslissing"])]
    out.update(
        discipline_opened=sum(1 for r in tucht if in_y(r["datum_opening"])),
        judicial_opened=sum(1 for r in judicial if in_y(r["datum_opening"])),
        order_measures=sum(1 for r in t if (r["ordemaatregel"] or "geen") != "geen" and in_y(r["datum_ordemaatregel"])),
        discipline_decided=len(decided),
        sanctions_light=sum(1 for r in decided if r["sanctie"] in LIGHT_SANCTIONS),
        sanctions_heavy=sum(1 for r in decided if r["sanctie"] in HEAVY_SANCTIONS),
        sanctions_by_type=split(decided, "sanctie", DISCIPLINARY_SANCTIONS),
        discipline_median_lead_days=med([(r["datum_beslissing"] - r["datum_kennisname"]).days for r in decided]),
        discipline_limit_at_risk=sum(
            1 for r in t if r["soort"] == "tucht" and known(r["datum_inleidend_verslag"]) is None
            and known(r["datum_beslissing"]) is None
            and d >= plus_months(r["datum_kennisname"], s["discipline_limit_months"])
            - timedelta(days=s["discipline_warn_days"])
        ),
        discipline_by_category=split([r for r in t if in_y(r["datum_opening"])], "categorie", INTEGRITY_CATEGORIES),
    )
    m = [r for r in REGISTERS["meldingen"] if r["datum_ontvangst"] <= d and in_y(r["datum_ontvangst"])]

    def ack_deadline(r):
        return r["datum_ontvangst"] + timedelta(days=s["report_ack_days"])

    def fb_deadline(r):
        return plus_months(known(r["datum_ontvangstbevestiging"]) or ack_deadline(r), s["report_feedback_months"])

    ack_pool = [r for r in m if ack_deadline(r) <= d or known(r["datum_ontvangstbevestiging"])]
    fb_pool = [r for r in m if fb_deadline(r) <= d or known(r["datum_terugkoppeling"])]
    conclusive = [r for r in m if r["status"] == "afgesloten" and r["uitkomst"] in ("schending vastgesteld", "geen schending")]
    out.update(
        reports_received=len(m),
        reports_anonymous_rate=share(m, lambda r: r["anoniem"]),
        reports_ack_in_time_rate=share(
            ack_pool, lambda r: known(r["datum_ontvangstbevestiging"]) is not None
            and r["datum_ontvangstbevestiging"] <= ack_deadline(r)
        ),
        reports_feedback_in_time_rate=share(
            fb_pool, lambda r: known(r["datum_terugkoppeling"]) is not None and r["datum_terugkoppeling"] <= fb_deadline(r)
        ),
        reports_violation_rate=share(conclusive, lambda r: r["uitkomst"] == "schending vastgesteld"),
        reports_by_category=split(m, "categorie", INTEGRITY_CATEGORIES),
        reports_per_100_fte=len(m) * 100 / 130.0 if year == 2024 else None,  # VTE only for 2024; zone-wide
    )
    def planned_in_y(x):  # startdatum and deadline are planned dates: D does not cut them
        return x is not None and x.year == year

    a = [
        r
        for r in REGISTERS["actieplan"]
        if r["status"] != "geschrapt" and (planned_in_y(r["deadline"]) or planned_in_y(r["startdatum"]))
    ]

    def late(r):
        return r["deadline"] < d and r["status"] != "afgerond"

    out.update(
        actions_total=len(a),
        actions_done_rate=share(a, lambda r: r["status"] == "afgerond"),
        actions_overdue=sum(1 for r in a if late(r)),
        actions_by_goal={
            g: {
                "total": sum(1 for r in a if r["strategische_doelstelling"] == g),
                "afgerond": sum(1 for r in a if r["strategische_doelstelling"] == g and r["status"] == "afgerond"),
                "overdue": sum(1 for r in a if r["strategische_doelstelling"] == g and late(r)),
            }
            for g in STRATEGIC_GOALS
        },
    )
    action_status = {r["actie_id"]: r["status"] for r in REGISTERS["actieplan"]}

    def level(r):
        score = r["kans"] * r["impact"]
        return "hoog" if score >= s["risk_high_score"] else "midden" if score >= s["risk_medium_score"] else "laag"

    def treated(r):  # a linked action that exists and is not geschrapt
        named = [x.strip() for x in (r["acties"] or "").replace(",", ";").split(";") if x.strip()]
        return any(action_status.get(x) not in (None, "geschrapt") for x in named)

    active = [r for r in REGISTERS["risicos"] if r["datum_analyse"] <= d and r["status"] != "afgesloten"]
    high = [r for r in active if level(r) == "hoog"]
    out.update(
        risks_active=len(active),
        risks_high=len(high),
        risks_high_untreated=sum(1 for r in high if r["status"] in ("open", "in behandeling") and not treated(r)),
        risks_review_overdue=sum(1 for r in active if r["herziening"] is not None and r["herziening"] < d),
        risks_by_process=split(active, "proces", RISK_PROCESSES),
        risks_by_level={v: sum(1 for r in active if level(r) == v) for v in ("hoog", "midden", "laag")},
        criteria_met=0, criteria_not_met=0, criteria_no_data=0,
    )
    return out


def test_the_random_registers_cover_the_edges():
    k = oracle(2025, date(2025, 7, 31))
    assert k["complaints_open"] > 0 and k["complaints_overdue"] > 0 and k["discipline_limit_at_risk"] > 0
    assert k["reports_feedback_in_time_rate"] not in (None, 0.0, 1.0)
    assert k["actions_overdue"] > 0 and k["order_measures"] > 0
    assert k["risks_high_untreated"] > 0 and k["risks_review_overdue"] > 0 and k["risks_high"] > k["risks_high_untreated"]


@pytest.mark.parametrize("year, as_of", CASES)
@pytest.mark.parametrize("dienst", [None, "A"])
def test_engine_equals_the_catalog_read_row_by_row(db, year, as_of, dienst):
    got = compute_report(db, year, as_of, dienst=dienst).kpis
    expected = oracle(year, as_of, dienst=dienst)
    assert list(got) == list(expected)
    for kpi_id, value in expected.items():
        if isinstance(value, float):
            assert got[kpi_id] == pytest.approx(value), kpi_id
        else:
            assert got[kpi_id] == value, kpi_id


def test_engine_equals_the_catalog_with_other_norms(any_engine):
    norms = dict(complaint_norm_days=30, report_ack_days=1, report_feedback_months=1, followup_grace_days=7,
                 discipline_limit_months=2, discipline_warn_days=0, risk_high_score=12, risk_medium_score=4)
    load(any_engine)
    set_norms(any_engine, **norms)
    for year, as_of in CASES:
        got = compute_report(any_engine, year, as_of).kpis
        expected = oracle(year, as_of, {**DEFAULTS, **norms})
        for kpi_id, value in expected.items():
            assert got[kpi_id] == (pytest.approx(value) if isinstance(value, float) else value), (year, as_of, kpi_id)
