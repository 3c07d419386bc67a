"""Alembic environment: runs on the connection data_access.db.upgrade hands over, or on the
URL given to the alembic command line (-x url=...), for generating new revisions."""

import sqlalchemy as sa
from alembic import context

from data_access.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///data/alembic-dev.sqlite")
    with sa.create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
