"""Importing a workbook: read (workbook.py), check (validation.py), then apply all of it in one
transaction or nothing at all.

Applying upserts by key: a row whose key is new is added, a row whose values differ is updated,
an identical row is left alone (counted as unchanged), and a row missing from the file is never
deleted. Columns the file does not have are not touched on existing rows. The import_log row,
the import_id of every written row, the data version bump, the "import" audit row (when the
caller says who imports: `access`) and the end of the sample-data mark (any import but the
sample's own, data_access.demo) are part of the same transaction. A refused import is recorded
in the audit log too (own transaction); a dry run is not.

Two imports at once are serialised: SQLite takes the write lock first (BEGIN IMMEDIATE),
PostgreSQL a transaction-level advisory lock. Whoever waits longer than LOCK_WAIT_SECONDS is
refused with a message and nothing is written.

Messages (errors, warnings, summary, progress) are in the language asked (`lang`, "nl" or "fr";
default the current one, i18n.current()); the workbook itself may be Dutch or French
(data_access.workbook), and gives the same stored rows either way. The audit and import logs
keep their Dutch canonical words.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access import audit, db, register_terms as terms
from data_access.access import Access
from data_access.audit import utcnow
from data_access.demo import SAMPLE_USER, changes_data, clear_sample_mark
from data_access.schema import REGISTER_TABLES, import_log
from data_access.validation import RegisterRows, unknown_actions, validate_table
from data_access.workbook import FileRefused, located, read_source, read_workbook
from i18n import N_, _, current, format_number, language

LOCK_WAIT_SECONDS = 30.0
CHUNK_ROWS = 5_000
_PG_LOCK_KEY = 0x1D_2024_0002  # any constant: the advisory lock all imports share
_SQLITE_BUSY_MS = 30_000  # db.make_engine's timeout, restored after the import

Progress = Callable[[str, float], None]
_log_failure = logging.getLogger(__name__)


@dataclass
class ImportReport:
    file_name: str
    errors: list[str] = field(default_factory=list)  # one line each: file, sheet, row, column
    warnings: list[str] = field(default_factory=list)  # unknown columns / sheets etc.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # register -> added/updated/unchanged
    applied: bool = False  # True only when written
    import_id: int | None = None
    sha256: str | None = None  # of the file's bytes, once read
    lang: str | None = None  # the language of the messages (summary() speaks it too)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes_data(self) -> bool:
        """Whether the import adds or updates a row (the unchanged sample workbook does not)."""
        return changes_data(self.counts)

    def summary(self) -> list[str]:
        """Lines in the report's language: one per register, then what happened."""
        with language(self.lang or current()):
            return self._summary()

    def _summary(self) -> list[str]:
        lines = [
            _("{register}: {added} toegevoegd, {updated} bijgewerkt, {unchanged} ongewijzigd").format(
                register=terms.label(name), added=format_number(c["added"]), updated=format_number(c["updated"]),
                unchanged=format_number(c["unchanged"]))
            for name, c in self.counts.items()
        ]
        if not self.ok:
            lines.append(_("{count} fout(en) gevonden; er werd niets weggeschreven.").format(count=len(self.errors)))
        elif self.applied:
            lines.append(_("Import {id} weggeschreven.").format(id=self.import_id))
        else:
            lines.append(_("Proefimport: alles in orde, er werd niets weggeschreven."))
        return lines


class ImportBusy(Exception):
    """Another import holds the lock for longer than LOCK_WAIT_SECONDS."""


BUSY_MESSAGE = N_(
    "er loopt al een andere import; deze import werd niet uitgevoerd en er werd niets gewijzigd. "
    "Probeer het over enkele ogenblikken opnieuw."
)


def import_workbook(engine, source, *, file_name: str | None = None, user: str, dry_run: bool = False,
                    progress: Progress | None = None, access: Access | None = None,
                    lang: str | None = None) -> ImportReport:
    """Reads, checks and (unless dry_run, and only when there is no error) applies a workbook.
    `source`: a path, bytes or a binary file object. Never raises for bad input: every problem
    is a Dutch line in report.errors; an unforeseen failure is one too (and logged), with
    nothing written. A database that cannot be reached raises db.DatabaseUnavailable (Dutch
    message), as everywhere else in the app. `user` names the import in the import log; an
    import under any name but data_access.demo.SAMPLE_USER that adds or updates a row ends the
    sample-data mark. With
    `access` (who imports) every import that is not a dry run gets one "import" audit row:
    in the import's own transaction when applied (audit_detail). `lang`: the language of the
    messages ("nl" or "fr"; default the current one)."""
    with language(lang or current()) as code:
        report = _import_in_language(engine, source, file_name=file_name, user=user, dry_run=dry_run,
                                     progress=progress, access=access)
    report.lang = code
    return report


def _import_in_language(engine, source, *, file_name, user, dry_run, progress, access) -> ImportReport:
    try:
        report = _import(engine, source, file_name=file_name, user=user, dry_run=dry_run, progress=progress, access=access)
    except db.DatabaseUnavailable:
        raise
    except Exception as exc:
        _log_failure.exception("import of %s failed", file_name or _guess_name(source))
        report = ImportReport(file_name=file_name or _guess_name(source))
        report.errors.append(located(
            report.file_name,
            _("er liep iets onverwachts mis bij het inlezen ({error}); er werd niets gewijzigd. "
              "Meld dit aan de beheerder.").format(error=type(exc).__name__),
        ))
    if access is not None and not dry_run and not report.applied:
        _audit_refusal(engine, access, report)
    return report


def audit_detail(report: ImportReport) -> dict:
    """What the audit log holds about an import (action "import")."""
    return {
        "bestand": report.file_name,
        "sha256": report.sha256,
        "resultaat": "geïmporteerd" if report.applied else "geweigerd",
        "aantallen": report.counts,
        "fouten": len(report.errors),
    }


def _audit_refusal(engine, access: Access, report: ImportReport) -> None:
    try:
        with engine.begin() as conn:
            audit.record(conn, access, "import", audit_detail(report))
    except sa.exc.SQLAlchemyError:  # the refusal itself stands; the log says why it is missing
        _log_failure.exception("audit row of the refused import of %s not written", report.file_name)


def _import(engine, source, *, file_name, user, dry_run, progress, access) -> ImportReport:
    report_progress = progress or (lambda message, fraction: None)
    name = file_name or _guess_name(source)
    report = ImportReport(file_name=name)
    report_progress(_("Bestand lezen"), 0.0)
    try:
        data, name = read_source(source, file_name)
        report.file_name = name
        report.sha256 = hashlib.sha256(data).hexdigest()
        content = read_workbook(data, name, lambda m, f: report_progress(m, 0.3 * f))
    except FileRefused as exc:
        report.errors.append(located(name, str(exc)))
        return report
    report.warnings += content.warnings
    report.errors += content.errors

    report_progress(_("Controleren"), 0.3)
    checked: list[RegisterRows] = []
    for table in content.tables:
        rows, problems = validate_table(table)
        header = {c.name: terms.header(c) for c in table.register.columns}
        report.errors += [located(name, p.message, table.sheet, p.row, header[p.column]) for p in problems]
        checked.append(rows)
    if not report.errors and not any(len(r.frame) for r in checked):
        report.errors.append(located(name, _("het bestand bevat geen ingevulde rijen; er is niets om in te lezen")))
    if report.errors:
        return report

    report_progress(_("Vergelijken met de databank"), 0.4)
    try:
        if dry_run:
            with _connect(engine) as conn:
                _check_links(conn, checked, name)
                plans = [_plan(conn, rows) for rows in checked]
        else:
            with _import_lock(engine) as conn:
                _check_links(conn, checked, name)
                plans = [_plan(conn, rows) for rows in checked]
                report.counts = {p.rows.register.name: p.counts for p in plans}
                report.import_id = _log(conn, report, user, report.sha256)
                _write(conn, plans, report.import_id, lambda m, f: report_progress(m, 0.5 + 0.5 * f))
                db.bump_data_version(conn)
                if user != SAMPLE_USER and report.changes_data:
                    clear_sample_mark(conn)  # real data now: the demo without sign-in is over
                if access is not None:
                    audit.record(conn, access, "import", audit_detail(replace(report, applied=True)))
            report.applied = True
    except _Refused as exc:
        report.errors += exc.errors
        return report
    except (ImportBusy, sa.exc.SQLAlchemyError) as exc:
        if getattr(exc, "connection_invalidated", False):
            raise _unavailable(engine) from exc
        message = _(BUSY_MESSAGE) if isinstance(exc, ImportBusy) else (
            _("de databank weigerde de import ({reason}); er werd niets gewijzigd").format(reason=_describe(exc)))
        report.errors.append(located(name, message))
        report.counts, report.import_id, report.applied = {}, None, False
        return report
    report.counts = {p.rows.register.name: p.counts for p in plans}
    report_progress(_("Klaar"), 1.0)
    return report


class _Refused(Exception):
    """Rows that break a rule across registers: the import stops before anything is written."""

    def __init__(self, errors: list[str]):
        super().__init__(errors)
        self.errors = errors


def _check_links(conn: sa.Connection, checked: list[RegisterRows], file_name: str) -> None:
    """Every actie id a Risico's row names exists in the Actieplan of this workbook or of the
    database (read in the import's own transaction); raises _Refused with one located line per row."""
    risks = [rows for rows in checked if rows.register.name == "risicos" and len(rows.frame)]
    if not risks:
        return
    known = {str(a) for rows in checked if rows.register.name == "actieplan" for a in rows.frame["actie_id"].dropna()}
    table = REGISTER_TABLES["actieplan"]
    known |= {str(a) for a in conn.execute(sa.select(table.c.actie_id)).scalars()}
    errors = [
        located(file_name, p.message, rows.sheet, p.row, rows.register.column(p.column).header)
        for rows in risks
        for p in unknown_actions(rows, known)
    ]
    if errors:
        raise _Refused(errors)


def _guess_name(source) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _("bestand")
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", _("bestand")))).name


def _describe(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0][:200]


# ---------------------------------------------------------------------------------------------
# Lock and transaction


def _unavailable(engine) -> db.DatabaseUnavailable:
    return db.DatabaseUnavailable(
        _("De databank is niet bereikbaar ({url}). Controleer de verbinding en probeer opnieuw.").format(
            url=db.describe_url(engine.url))
    )


def _connect(engine) -> sa.Connection:
    try:
        return engine.connect()
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        raise _unavailable(engine) from exc


@contextmanager
def _import_lock(engine) -> Iterator[sa.Connection]:
    """A connection in a transaction that holds the import lock; commits on success."""
    with _connect(engine) as conn:
        sqlite = conn.dialect.name == "sqlite"
        try:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(LOCK_WAIT_SECONDS * 1000)}")
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                except sa.exc.OperationalError as exc:
                    if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                        raise ImportBusy from exc
                    raise
            elif conn.dialect.name == "postgresql":
                deadline = time.monotonic() + LOCK_WAIT_SECONDS
                lock = sa.text("SELECT pg_try_advisory_xact_lock(:key)")
                while not conn.execute(lock, {"key": _PG_LOCK_KEY}).scalar():
                    if time.monotonic() > deadline:
                        raise ImportBusy
                    time.sleep(0.05)
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
                conn.rollback()


# ---------------------------------------------------------------------------------------------
# What changes


@dataclass
class _Plan:
    rows: RegisterRows
    inserts: pd.DataFrame  # new keys, every column
    updates: pd.DataFrame  # existing keys whose present columns differ
    unchanged: int

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.inserts), "updated": len(self.updates), "unchanged": self.unchanged}


def _plan(conn: sa.Connection, rows: RegisterRows) -> _Plan:
    register, frame = rows.register, rows.frame
    keys = [c.name for c in register.key_columns]
    compared = [c for c in rows.present if c not in keys]
    table = REGISTER_TABLES[register.name]
    result = conn.execute(sa.select(*(table.c[c] for c in keys + compared)))
    stored = list(zip(*result.fetchall())) or [() for _ in keys + compared]
    existing = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in zip(keys + compared, stored)})

    index = pd.MultiIndex.from_frame(frame[keys]) if len(keys) > 1 else pd.Index(frame[keys[0]], dtype=object)
    old_index = (pd.MultiIndex.from_frame(existing[keys]) if len(keys) > 1
                 else pd.Index(existing[keys[0]], dtype=object))
    known = index.isin(old_index)
    if not known.any():
        return _Plan(rows, frame, frame.iloc[:0], 0)
    old = existing.set_axis(old_index).drop(columns=keys).reindex(index[known])
    new = frame.loc[known, compared]
    same = np.ones(int(known.sum()), dtype=bool)
    for column in compared:
        a, b = new[column].to_numpy(dtype=object), old[column].to_numpy(dtype=object)
        same &= a == b  # element-wise; None == None holds, and parsed values are never NaN
    updates = new.loc[~same]
    updates = pd.concat([frame.loc[known, keys].loc[~same], updates], axis=1)
    return _Plan(rows, frame.loc[~known], updates, int(same.sum()))


def _log(conn: sa.Connection, report: ImportReport, user: str, sha256: str) -> int:
    result = conn.execute(
        import_log.insert().values(
            at=utcnow().replace(microsecond=0),  # UTC, like the audit log
            user_name=user,
            file_name=report.file_name,
            sha256=sha256,
            counts=json.dumps(report.counts, ensure_ascii=False),
            warnings="\n".join(report.warnings),
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]  # one row inserted: its key


def _write(conn: sa.Connection, plans: list[_Plan], import_id: int, progress: Progress) -> None:
    total = sum(len(p.inserts) + len(p.updates) for p in plans) or 1
    done = 0
    for plan in plans:
        register = plan.rows.register
        table = REGISTER_TABLES[register.name]
        keys = [c.name for c in register.key_columns]
        steps: list[tuple[pd.DataFrame, sa.Insert | sa.Update]] = [(plan.inserts, table.insert().values({c: sa.bindparam(c) for c in [*plan.inserts.columns, "import_id"]}))]
        if len(plan.updates):
            set_columns = [c for c in plan.updates.columns if c not in keys] + ["import_id"]
            steps.append((plan.updates, table.update()
                          .where(sa.and_(*(table.c[k] == sa.bindparam("v_" + k) for k in keys)))
                          .values({c: sa.bindparam("v_" + c) for c in set_columns})))
        for frame, statement in steps:
            prefix = "v_" if statement.is_update else ""
            for start in range(0, len(frame), CHUNK_ROWS):
                chunk = frame.iloc[start : start + CHUNK_ROWS]
                _executemany(conn, statement, _columns(chunk, register, import_id, conn.dialect.name), prefix)
                done += len(chunk)
                progress(_("{register} wegschrijven").format(register=terms.label(register)), done / total)


def _columns(frame: pd.DataFrame, register, import_id: int, dialect: str) -> dict[str, np.ndarray]:
    """Column name -> values ready for the driver. SQLite stores a date as ISO text (as
    SQLAlchemy's Date type does); PostgreSQL's driver takes date objects as they are."""
    out = {}
    for name in frame.columns:
        values = frame[name].to_numpy(dtype=object)
        if dialect == "sqlite" and register.column(name).type == "date":
            values = np.array([None if v is None else v.isoformat() for v in values], dtype=object)
        out[name] = values
    out["import_id"] = np.full(len(frame), import_id, dtype=object)
    return out


def _executemany(conn: sa.Connection, statement, columns: dict[str, np.ndarray], prefix: str) -> None:
    """One executemany on the driver: SQLAlchemy's per-row parameter handling would cost more
    than the database itself on 100,000 rows."""
    compiled = statement.compile(dialect=conn.dialect)
    by_bind = {prefix + name: values for name, values in columns.items()}
    params: list[tuple | dict]
    if compiled.positional:
        params = list(zip(*(by_bind[name] for name in compiled.positiontup)))
    else:
        names = list(compiled.binds)
        params = [dict(zip(names, row)) for row in zip(*(by_bind[name] for name in names))]
    conn.exec_driver_sql(compiled.string, params)


# ---------------------------------------------------------------------------------------------
# Command line


class _ProgressPrinter:
    """Prints progress to stderr once an import takes longer than QUIET_SECONDS."""

    QUIET_SECONDS = 1.0

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last: tuple[str, int] | None = None

    def __call__(self, message: str, fraction: float) -> None:
        if time.monotonic() - self.start < self.QUIET_SECONDS:
            return
        percent = int(fraction * 100)
        if self.last and self.last[0] == message and percent - self.last[1] < 10 and percent < 100:
            return
        self.last = (message, percent)
        print(f"{percent:3d}% {message}", file=self.stream, flush=True)


def cli_import(file: str, *, database_url: str | None, dry_run: bool, user: str | None,
               lang: str | None = None) -> int:
    """`python -m data_access import`: 0 when applied (or a clean dry run), 1 when refused. The
    import log and the audit log name `user` (default: the system user), with the role of the
    one who imports (integriteitscoordinator); the sample's own user name is refused. Messages
    in `lang` (--lang nl|fr)."""
    with language(lang):
        return _cli_import(file, database_url=database_url, dry_run=dry_run, user=user)


def _cli_import(file: str, *, database_url: str | None, dry_run: bool, user: str | None) -> int:
    try:
        user = (user or getpass.getuser()).strip() or "onbekend"
    except Exception:
        user = "onbekend"
    if user == SAMPLE_USER:
        print(_("De gebruikersnaam '{user}' is voorbehouden voor de voorbeeldgegevens; kies een andere met --user.")
              .format(user=SAMPLE_USER), file=sys.stderr)
        return 1
    engine = db.connect(database_url)
    try:
        access = Access(user=user, role="integriteitscoordinator")
        report = import_workbook(engine, file, user=user, dry_run=dry_run, progress=_ProgressPrinter(), access=access)
    finally:
        engine.dispose()
    for warning in report.warnings:
        print(_("Waarschuwing: {warning}").format(warning=warning), file=sys.stderr)
    for error in report.errors:
        print(error, file=sys.stderr)
    for line in report.summary():
        print(line, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1
