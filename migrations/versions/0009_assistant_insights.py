"""What the assistant's conversations teach the centre (docs/assistant-insights.md): masked turns, the
citizens' 👍 / 👎 on answers, managers' decisions on missed questions and the wordings they taught the
catalogue search — new tables only, nothing stored before changes.

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assistant_answer_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('conversation_key', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('procedure_code', sa.String(length=32), nullable=True),
    sa.Column('question', sa.String(length=500), nullable=False),
    sa.Column('group_key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_assistant_answer_feedback_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_answer_feedback')),
    sa.UniqueConstraint('conversation_key', 'at', name='uq_assistant_answer_feedback_conversation_key_at')
    )
    with op.batch_alter_table('assistant_answer_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistant_answer_feedback_group_key'), ['group_key'], unique=False)
        batch_op.create_index('ix_assistant_answer_feedback_unit_id_at', ['unit_id', 'at'], unique=False)

    op.create_table('assistant_learned_phrasings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phrase_key', sa.String(length=200), nullable=False),
    sa.Column('phrase', sa.String(length=500), nullable=False),
    sa.Column('procedure_code', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('taught_by', sa.String(length=80), nullable=False),
    sa.Column('taught_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_assistant_learned_phrasings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_learned_phrasings')),
    sa.UniqueConstraint('phrase_key', name=op.f('uq_assistant_learned_phrasings_phrase_key'))
    )
    op.create_table('assistant_missed_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('group_key', sa.String(length=200), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('procedure_code', sa.String(length=32), nullable=True),
    sa.Column('decided_by', sa.String(length=80), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_assistant_missed_decisions_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_missed_decisions')),
    sa.UniqueConstraint('unit_id', 'group_key', name='uq_assistant_missed_decisions_unit_id_group_key')
    )
    op.create_table('assistant_turns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('conversation_key', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('intent', sa.String(length=64), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('procedure_code', sa.String(length=32), nullable=True),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('question', sa.String(length=500), nullable=False),
    sa.Column('group_key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_assistant_turns_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_turns')),
    sa.UniqueConstraint('conversation_key', 'at', name='uq_assistant_turns_conversation_key_at')
    )
    with op.batch_alter_table('assistant_turns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistant_turns_group_key'), ['group_key'], unique=False)
        batch_op.create_index('ix_assistant_turns_unit_id_at', ['unit_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('assistant_turns', schema=None) as batch_op:
        batch_op.drop_index('ix_assistant_turns_unit_id_at')
        batch_op.drop_index(batch_op.f('ix_assistant_turns_group_key'))

    op.drop_table('assistant_turns')
    op.drop_table('assistant_missed_decisions')
    op.drop_table('assistant_learned_phrasings')
    with op.batch_alter_table('assistant_answer_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_assistant_answer_feedback_unit_id_at')
        batch_op.drop_index(batch_op.f('ix_assistant_answer_feedback_group_key'))

    op.drop_table('assistant_answer_feedback')
