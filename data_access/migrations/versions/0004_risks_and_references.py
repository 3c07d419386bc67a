"""Risico's and Referenties registers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Two new register tables (registers.md §8 and §9); no existing table changes, so the upgrade
keeps every row. A database with no Referenties gets the published NAVEX 2025 values
(registers.DEFAULT_REFERENCES), with their source in `bron` and no import_id: editable by a
later import like any other row. The columns are written out here as they were at this
revision, so that a later change of registers.py does not change what this migration did.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

NAVEX_2025 = "NAVEX Risk & Compliance Hotline Benchmark Report 2025"
WORLD = "wereldwijd, mediaan van organisaties met minstens 10 meldingen"
EUROPE = "Europa, mediaan van organisaties met minstens 10 meldingen"
DEFAULT_REFERENCES = (
    ("reports_per_100_fte", 2024, 1.57, WORLD, NAVEX_2025),
    ("reports_per_100_fte", 2024, 0.67, EUROPE, NAVEX_2025),
    ("reports_violation_rate", 2024, 46.0, WORLD, NAVEX_2025),
)


def upgrade() -> None:
    op.create_table(
        'risicos',
        sa.Column('risico_id', sa.Text(), nullable=False),
        sa.Column('proces', sa.Text(), nullable=False),
        sa.Column('omschrijving', sa.Text(), nullable=False),
        sa.Column('kritieke_functie', sa.Text(), nullable=True),
        sa.Column('kans', sa.Integer(), nullable=False),
        sa.Column('impact', sa.Integer(), nullable=False),
        sa.Column('beheersmaatregelen', sa.Text(), nullable=True),
        sa.Column('acties', sa.Text(), nullable=True),
        sa.Column('eigenaar', sa.Text(), nullable=False),
        sa.Column('datum_analyse', sa.Date(), nullable=False),
        sa.Column('herziening', sa.Date(), nullable=True),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('risico_id'),
    )
    with op.batch_alter_table('risicos', schema=None) as batch_op:
        batch_op.create_index('ix_risicos_datum_analyse', ['datum_analyse'], unique=False)
        batch_op.create_index('ix_risicos_herziening', ['herziening'], unique=False)
        batch_op.create_index('ix_risicos_status', ['status'], unique=False)

    referenties = op.create_table(
        'referenties',
        sa.Column('indicator', sa.Text(), nullable=False),
        sa.Column('jaar', sa.Integer(), nullable=False),
        sa.Column('waarde', sa.Float(), nullable=False),
        sa.Column('populatie', sa.Text(), nullable=False),
        sa.Column('bron', sa.Text(), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('indicator', 'jaar', 'populatie', 'bron'),
    )
    with op.batch_alter_table('referenties', schema=None) as batch_op:
        batch_op.create_index('ix_referenties_jaar', ['jaar'], unique=False)

    op.bulk_insert(
        referenties,
        [dict(indicator=i, jaar=j, waarde=w, populatie=p, bron=b) for i, j, w, p, b in DEFAULT_REFERENCES],
    )


def downgrade() -> None:
    with op.batch_alter_table('referenties', schema=None) as batch_op:
        batch_op.drop_index('ix_referenties_jaar')
    op.drop_table('referenties')
    with op.batch_alter_table('risicos', schema=None) as batch_op:
        batch_op.drop_index('ix_risicos_status')
        batch_op.drop_index('ix_risicos_herziening')
        batch_op.drop_index('ix_risicos_datum_analyse')
    op.drop_table('risicos')
