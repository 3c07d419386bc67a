"""A growing delay per client after failed sign-in attempts (data_access.users.verify_login).

The first FREE_ATTEMPTS failures from a client (its IP address) cost nothing; after that each
attempt must wait 1, 2, 4, ... seconds (at most MAX_DELAY) after the previous failure. A quiet
WINDOW forgets them, a successful sign-in too. It slows a guesser to a crawl and never locks an
account: the delay belongs to the client, not to the name typed, so it tells nothing about
which names exist and cannot be aimed at another person.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from data_access.schema import sign_in_throttle

FREE_ATTEMPTS = 3
MAX_DELAY = 60  # seconds
WINDOW = timedelta(minutes=15)


def _row(conn: sa.Connection, client: str):
    return conn.execute(sa.select(sign_in_throttle).where(sign_in_throttle.c.client == client)).mappings().first()


def wait_seconds(conn: sa.Connection, client: str, now: datetime) -> int:
    """Seconds this client must still wait before its next attempt is looked at (0: go)."""
    row = _row(conn, client)
    if row is None or now - row["last_failure"] >= WINDOW or row["failures"] < FREE_ATTEMPTS:
        return 0
    delay = min(2 ** (row["failures"] - FREE_ATTEMPTS), MAX_DELAY)
    left = (row["last_failure"] + timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(-(-left // 1)))


def record_failure(conn: sa.Connection, client: str, now: datetime) -> None:
    row = _row(conn, client)
    if row is None:
        conn.execute(sign_in_throttle.insert().values(client=client, failures=1, last_failure=now))
        return
    failures = 1 if now - row["last_failure"] >= WINDOW else row["failures"] + 1
    conn.execute(sign_in_throttle.update().where(sign_in_throttle.c.client == client).values(failures=failures, last_failure=now))


def clear(conn: sa.Connection, client: str) -> None:
    conn.execute(sign_in_throttle.delete().where(sign_in_throttle.c.client == client))
