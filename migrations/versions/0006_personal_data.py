"""Personal data (Law 91/2025/QH15): identification numbers encrypted at rest, and the access log.

Revision ID: 0006
Revises: 0005

- ``dossiers.applicant_identifier`` widens from 20 to 255 characters and every stored number is
  encrypted in place (motcua/privacy/crypto.py: Fernet under the key of ``MOTCUA_PERSONAL_DATA_KEYS`` or
  ``instance/personal_data_keys``, created if missing). Rows are read and written in batches of 500 by id.
  Back up the key with the database from now on: without it no identification number can be read.
- ``access_log``: who viewed which dossier's personal data, when, through which route (append-only).

Downgrade decrypts the numbers back (with the same key) and drops the access log.
"""

import sqlalchemy as sa
from alembic import op

from motcua.privacy import crypto

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("api_key_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("route", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["api_key_id"], ["api_keys.id"], name=op.f("fk_access_log_api_key_id_api_keys")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_access_log_dossier_id_dossiers")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_access_log_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"], unique=False)
    op.create_index("ix_access_log_dossier_id_at", "access_log", ["dossier_id", "at"], unique=False)

    _widen(255)
    _rewrite(crypto.reencrypt)


def downgrade() -> None:
    _rewrite(crypto.decrypt)
    _widen(20)
    op.drop_index("ix_access_log_dossier_id_at", table_name="access_log")
    op.drop_index(op.f("ix_access_log_at"), table_name="access_log")
    op.drop_table("access_log")


def _widen(length: int) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite ignores a VARCHAR's length; rewriting the declared type in the schema text keeps every
        # index (batch mode would copy the table and could drop the partial index's condition).
        old, new = (20, 255) if length == 255 else (255, 20)
        bind.exec_driver_sql("PRAGMA writable_schema = ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, "
            f"'applicant_identifier VARCHAR({old}) ', 'applicant_identifier VARCHAR({new}) ') "
            "WHERE type = 'table' AND name = 'dossiers'"
        )
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
        return
    op.alter_column("dossiers", "applicant_identifier", type_=sa.String(length=length), existing_nullable=False)


def _rewrite(change) -> None:
    """Apply ``change`` to every non-empty identifier, in batches by id."""
    bind = op.get_bind()
    dossiers = sa.table("dossiers", sa.column("id", sa.Integer), sa.column("applicant_identifier", sa.String))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(dossiers.c.id, dossiers.c.applicant_identifier)
            .where(dossiers.c.id > last, dossiers.c.applicant_identifier != "")
            .order_by(dossiers.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            value = change(row.applicant_identifier)
            if value != row.applicant_identifier:
                bind.execute(dossiers.update().where(dossiers.c.id == row.id).values(applicant_identifier=value))
        last = rows[-1].id
