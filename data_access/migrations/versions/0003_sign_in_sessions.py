"""sign-in sessions, known browsers, throttling, account state

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

- sessions: one row per local sign-in; the browser holds a random token in a cookie, the table
  only its SHA-256. A row with ended_at set (sign-out, expiry, password or role change, account
  disabled) can never be used again (data_access.sessions).
- known_browsers: a browser in which a user signed in before (a long-lived cookie, hash stored):
  the account lock-out does not apply to it, so nobody can lock a real user out at will.
- sign_in_throttle: failed attempts per client (growing delay).
- users.disabled, users.must_change_password: set on the user-management page.

users is altered with add_column only (no table rebuild), so audit_log's triggers stay untouched.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sessions',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('token_hash', sa.Text(), nullable=False),
        sa.Column('user_name', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('end_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sessions_token_hash', 'sessions', ['token_hash'], unique=True)
    op.create_index('ix_sessions_user_name', 'sessions', ['user_name'], unique=False)
    op.create_table(
        'known_browsers',
        sa.Column('token_hash', sa.Text(), nullable=False),
        sa.Column('user_name', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    op.create_table(
        'sign_in_throttle',
        sa.Column('client', sa.Text(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('last_failure', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('client'),
    )
    op.add_column('users', sa.Column('disabled', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('users', sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('disabled')
    op.drop_table('sign_in_throttle')
    op.drop_table('known_browsers')
    op.drop_index('ix_sessions_user_name', table_name='sessions')
    op.drop_index('ix_sessions_token_hash', table_name='sessions')
    op.drop_table('sessions')
