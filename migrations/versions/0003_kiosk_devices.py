"""Kiosk device credentials; each rating records the kiosk that sent it.

Revision ID: 0003
Revises: 0002

After this revision a kiosk rating needs the credential of an enrolled kiosk. No kiosk is enrolled by
the upgrade (there is no secret to give one): a manager enrols each counter once (``flask --app server
counters enroll UNIT COUNTER``, or the counters page) and opens the printed URL on its kiosk. Ratings a
kiosk queued before that are refused and kept aside on the kiosk, since they cannot be told from forged
ones. Older ratings keep ``device_id`` NULL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kiosk_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_kiosk_devices_counter_id_counters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_devices")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_kiosk_devices_secret_hash")),
    )
    with op.batch_alter_table("kiosk_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kiosk_devices_counter_id"), ["counter_id"], unique=False)

    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_ratings_device_id_kiosk_devices"), "kiosk_devices", ["device_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ratings_device_id_kiosk_devices"), type_="foreignkey")
        batch_op.drop_column("device_id")

    with op.batch_alter_table("kiosk_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kiosk_devices_counter_id"))

    op.drop_table("kiosk_devices")
