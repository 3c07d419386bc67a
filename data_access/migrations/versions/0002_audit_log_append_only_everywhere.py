"""audit_log append-only on every database

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

0001 made the audit log append-only on PostgreSQL only. This revision adds the same guard on
SQLite: two triggers that abort any UPDATE or DELETE on audit_log (SQLite has no TRUNCATE; a
DELETE without WHERE fires the trigger too, since SQLite skips its truncate shortcut on a table
with triggers). On PostgreSQL it makes sure 0001's function and statement trigger are there
(recreated if someone dropped them). An INSERT stays allowed everywhere.

A later migration that rebuilds audit_log on SQLite (batch_alter_table copies the table and
drops the old one, and its triggers with it) has to create these triggers again.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

MESSAGE = "audit_log is append-only"  # the same words as PostgreSQL's trigger function raises

SQLITE_TRIGGERS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, event in SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}';
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log;
            CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
            """
        )


def downgrade() -> None:
    # PostgreSQL keeps its trigger: it belongs to 0001.
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
