"""Every table of the project, imported in one place so ``Base.metadata`` is complete
(for Alembic, ``create_all`` in tests, and relationship resolution)."""

from motcua.accounts import User
from motcua.apikeys import ApiKey
from motcua.assistant.models import AnswerFeedback, AssistantTurn, LearnedPhrasing, MissedDecision
from motcua.catalogue.models import Procedure
from motcua.db import Base
from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent
from motcua.dossiers.ratelimit import RateLimitWindow
from motcua.feedback.models import Complaint, Rating
from motcua.handoff.models import HandoffConversation, HandoffHours, HandoffMessage
from motcua.notifications.models import Delivery, Follow, Notification
from motcua.privacy.access import AccessEntry
from motcua.privacy.requests import DataRequest
from motcua.reports.groups import ProcedureGroup, ProcedureGroupMember
from motcua.staff import Counter, Officer
from motcua.units import Unit

__all__ = [
    "AnswerFeedback",
    "AssistantTurn",
    "LearnedPhrasing",
    "MissedDecision",
    "AccessEntry",
    "DataRequest",
    "ApiKey",
    "Base",
    "Dossier",
    "DossierCounter",
    "DossierEvent",
    "RateLimitWindow",
    "Complaint",
    "HandoffConversation",
    "HandoffHours",
    "HandoffMessage",
    "Delivery",
    "Follow",
    "Notification",
    "Rating",
    "Counter",
    "Officer",
    "Procedure",
    "ProcedureGroup",
    "ProcedureGroupMember",
    "Unit",
    "User",
]
