"""API keys scoped to a unit with permissions; staff session versions and forced password change.

Revision ID: 0002
Revises: 0001

Keys made before this revision had no unit and could read and write everything. They keep the
permissions they were used for ("intake,reports") but get no unit, and a key without a unit opens
nothing: an administrator re-scopes each one (``flask --app server scope-api-key NAME --unit CODE
--scope intake,reports``) or revokes it. Guessing a unit (the province root) would silently give a
commune's integrator the whole province.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scopes", sa.String(length=80), server_default="", nullable=False))
        batch_op.create_foreign_key(batch_op.f("fk_api_keys_unit_id_units"), "units", ["unit_id"], ["id"])
    op.execute(sa.text("UPDATE api_keys SET scopes = 'intake,reports'"))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("session_version")

    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_api_keys_unit_id_units"), type_="foreignkey")
        batch_op.drop_column("scopes")
        batch_op.drop_column("unit_id")
