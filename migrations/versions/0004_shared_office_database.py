"""shared office database (issue 17): clerks and their units, a version column on reports, JSONB on PostgreSQL,
unit.unit_type wide enough for its longest value

The JSON columns of 0001-0003 become JSONB on PostgreSQL only (plain JSON has no equality operator there); SQLite keeps
its JSON (text) columns. `version` starts at 1 for every existing report.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Every JSON column that 0001, 0002 and 0003 created (frozen here: later revisions create JSONB themselves).
JSON_COLUMNS = (
    ("audit_event", "before"), ("audit_event", "after"), ("column_mapping", "column_fields"), ("setting", "value"),
    ("plan_source", "header_rows"), ("plan_source", "column_fields"), ("submission", "snapshot"),
    ("indicator", "source_cells"), ("indicator", "flags"), ("task", "lead_departments"),
    ("task", "responsible_departments"), ("task", "source_cells"), ("task", "flags"), ("indicator_target", "parsed"),
    ("progress_report", "figures"),
    # and those of 0002 (the city level)
    ("received_package", "reasons"), ("received_package", "plan_mismatches"), ("received_package", "snapshot"),
    # and those of 0003 (fill-in forms)
    ("unit_form", "rows"), ("unit_form_return", "summary"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in JSON_COLUMNS:
            op.alter_column(table, column, type_=postgresql.JSONB(), postgresql_using=f'"{column}"::jsonb')
    op.create_table('clerk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clerk')),
    sa.UniqueConstraint('login', name=op.f('uq_clerk_login'))
    )
    op.create_table('clerk_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_clerk_unit_clerk_id_clerk'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_clerk_unit_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clerk_unit')),
    sa.UniqueConstraint('clerk_id', 'unit_id', name=op.f('uq_clerk_unit_clerk_id_unit_id'))
    )
    with op.batch_alter_table('clerk_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clerk_unit_clerk_id'), ['clerk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clerk_unit_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    # 'community_health_centre' (23 characters) never fitted String(20): SQLite does not enforce lengths, PostgreSQL does
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.alter_column('unit_type', existing_type=sa.String(length=20), type_=sa.String(length=40),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.alter_column('unit_type', existing_type=sa.String(length=40), type_=sa.String(length=20),
                              existing_nullable=False)

    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('clerk_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clerk_unit_unit_id'))
        batch_op.drop_index(batch_op.f('ix_clerk_unit_clerk_id'))

    op.drop_table('clerk_unit')
    op.drop_table('clerk')
    if op.get_bind().dialect.name == "postgresql":
        for table, column in JSON_COLUMNS:
            op.alter_column(table, column, type_=sa.JSON(), postgresql_using=f'"{column}"::json')
