"""city level: county registry with pinned certificates, received packages, and receipts on the county side

A city workspace receives counties' signed packages (issue 15): it needs the registry to verify each package only
against its own county's keys, a record of every package received (kept unchanged, content-addressed) and the
county side needs the receipts the city sends back. New tables only: nothing existing changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 19:00:23.741428
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('city_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_sha256', sa.String(length=64), nullable=False),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('period_label', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('city_office', sa.String(length=200), nullable=False),
    sa.Column('signer_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.String(length=40), nullable=False),
    sa.Column('imported_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_city_receipt')),
    sa.UniqueConstraint('receipt_sha256', name=op.f('uq_city_receipt_receipt_sha256'))
    )
    with op.batch_alter_table('city_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_city_receipt_package_sha256'), ['package_sha256'], unique=False)

    op.create_table('county',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_county')),
    sa.UniqueConstraint('name', name=op.f('uq_county_name'))
    )
    op.create_table('county_certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint_sha256', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('pem', sa.Text(), nullable=False),
    sa.Column('valid_from', sa.String(length=40), nullable=False),
    sa.Column('valid_to', sa.String(length=40), nullable=True),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('added_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_county_certificate_county_id_county'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_county_certificate')),
    sa.UniqueConstraint('fingerprint_sha256', name=op.f('uq_county_certificate_fingerprint_sha256'))
    )
    with op.batch_alter_table('county_certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_county_certificate_county_id'), ['county_id'], unique=False)

    op.create_table('received_package',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.String(length=40), nullable=False),
    sa.Column('received_by', sa.String(length=100), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=True),
    sa.Column('office_name', sa.String(length=200), nullable=False),
    sa.Column('period_label', sa.String(length=20), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('signer_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason_code', sa.String(length=40), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('plan_mismatches', sa.JSON(), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=False),
    sa.Column('returned_at', sa.String(length=40), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_received_package_county_id_county'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['received_package.id'], name=op.f('fk_received_package_superseded_by_id_received_package'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_received_package')),
    sa.UniqueConstraint('package_sha256', name=op.f('uq_received_package_package_sha256'))
    )
    with op.batch_alter_table('received_package', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_received_package_county_id'), ['county_id'], unique=False)
        batch_op.create_index('ix_received_package_county_period', ['county_id', 'period_label'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('received_package', schema=None) as batch_op:
        batch_op.drop_index('ix_received_package_county_period')
        batch_op.drop_index(batch_op.f('ix_received_package_county_id'))

    op.drop_table('received_package')
    with op.batch_alter_table('county_certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_county_certificate_county_id'))

    op.drop_table('county_certificate')
    op.drop_table('county')
    with op.batch_alter_table('city_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_city_receipt_package_sha256'))

    op.drop_table('city_receipt')
