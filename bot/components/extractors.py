"""DossierCodeExtractor: the ``dossier_code`` and ``phone_last4`` entities (``components.dossier_code``).

Rasa's RegexEntityExtractor returns the text as typed ("000.00.12.h62 - 260921-0001"); this one returns
the canonical code, so the slot can go straight to ``GET /api/v1/dossiers/<code>``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from components.dossier_code import FoundCode, find_dossier_codes, find_phone_last4
from components.folding import fold

ENTITIES_FOUND = ("dossier_code", "phone_last4")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class DossierCodeExtractor(GraphComponent, EntityExtractorMixin):
    """Adds a canonical ``dossier_code`` for every code found, and ``phone_last4`` when typed."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "DossierCodeExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = [_entity("dossier_code", code) for code in find_dossier_codes(text)]
            phone = find_phone_last4(text, fold(text))
            if phone:
                found.append(_entity("phone_last4", phone))
            if found:
                kept = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) not in ENTITIES_FOUND]
                message.set(ENTITIES, kept + self.add_extractor_name(found), add_to_output=True)
        return messages


def _entity(name: str, found: FoundCode) -> Dict[Text, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: name,
        ENTITY_ATTRIBUTE_START: found.start,
        ENTITY_ATTRIBUTE_END: found.end,
        ENTITY_ATTRIBUTE_VALUE: found.value,
    }
