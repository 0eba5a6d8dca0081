"""Hand-off to an officer (issue 16): the queued and held conversations of the assistant, their
messages (masked text, the officer who wrote, delivery state) and each unit's own hand-off hours —
new tables only, nothing stored before changes.

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("sender_id", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("officer_name", sa.String(length=120), nullable=False),
        sa.Column("rasa_pending", sa.String(length=10), nullable=False),
        sa.Column("citizen_seen_until", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"], name=op.f("fk_handoff_conversations_officer_id_users")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_handoff_conversations_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_conversations")),
    )
    with op.batch_alter_table("handoff_conversations", schema=None) as batch_op:
        batch_op.create_index("ix_handoff_conversations_sender_id", ["sender_id"], unique=False)
        batch_op.create_index("ix_handoff_conversations_unit_id_status", ["unit_id", "status"], unique=False)

    op.create_table(
        "handoff_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=10), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("officer_name", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("rasa_timestamp", sa.Float(), nullable=True),
        sa.Column("delivery_state", sa.String(length=10), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("tracker_state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["handoff_conversations.id"],
            name=op.f("fk_handoff_messages_conversation_id_handoff_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"], ["deliveries.id"], name=op.f("fk_handoff_messages_delivery_id_deliveries")
        ),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"], name=op.f("fk_handoff_messages_officer_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_messages")),
        sa.UniqueConstraint("conversation_id", "rasa_timestamp", name=op.f("uq_handoff_messages_conversation_id")),
    )
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handoff_messages_conversation_id"), ["conversation_id"], unique=False)

    op.create_table(
        "handoff_hours",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("schedule", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_handoff_hours_unit_id_units")),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_handoff_hours")),
    )


def downgrade() -> None:
    op.drop_table("handoff_hours")
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_messages_conversation_id"))
    op.drop_table("handoff_messages")
    with op.batch_alter_table("handoff_conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_handoff_conversations_unit_id_status")
        batch_op.drop_index("ix_handoff_conversations_sender_id")
    op.drop_table("handoff_conversations")
