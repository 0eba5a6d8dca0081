"""Procedure groups a centre reports on; the report indexes carry each dossier's online level.

Revision ID: 0004
Revises: 0003

Reports now count a dossier as an online-service one by its own ``online_level`` (what the province
offered for it), so the three covering indexes the report reads gain that column: without it every
report would fetch each dossier's table row again. The indexes are rebuilt, which on a million
dossiers takes a minute or so. Dossiers stored before keep their ``online_level``; those whose
source never sent it (NULL) are still judged by the catalogue's flag.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REPORTED = ["state_at", "due_at", "channel", "result_delivery", "procedure_id"]
LONG_RUNNING = {
    "sqlite_where": sa.text("resolved_at > datetime(received_at, '+31 days')"),
    "postgresql_where": sa.text("resolved_at > received_at + interval '31 days'"),
}


def _indexes(online_level: bool) -> list[tuple[str, list[str], dict]]:
    extra = ["online_level"] if online_level else []
    received = ["unit_id", "received_at", "resolved_at", "state", *REPORTED, *extra, "id"]
    resolved = ["unit_id", "resolved_at", "state", "received_at", *REPORTED, *extra, "id"]
    return [
        ("ix_dossiers_unit_received", received, {}),
        ("ix_dossiers_unit_resolved", resolved, {}),
        ("ix_dossiers_unit_resolved_long", resolved, LONG_RUNNING),
    ]


def _rebuild(online_level: bool) -> None:
    for name, columns, where in _indexes(online_level):
        op.drop_index(name, table_name="dossiers")
        op.create_index(name, "dossiers", columns, unique=False, **where)


def upgrade() -> None:
    op.create_table(
        "procedure_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_procedure_groups_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_groups")),
        sa.UniqueConstraint("unit_id", "code", name=op.f("uq_procedure_groups_unit_id")),
    )
    op.create_table(
        "procedure_group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["procedure_groups.id"],
            name=op.f("fk_procedure_group_members_group_id_procedure_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedures.id"], name=op.f("fk_procedure_group_members_procedure_id_procedures")
        ),
        sa.PrimaryKeyConstraint("group_id", "procedure_id", name=op.f("pk_procedure_group_members")),
    )
    _rebuild(online_level=True)


def downgrade() -> None:
    _rebuild(online_level=False)
    op.drop_table("procedure_group_members")
    op.drop_table("procedure_groups")
