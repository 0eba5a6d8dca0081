"""FlowGuard: a procedure question never starts the complaint, status, rating, hand-off or follow flow.

The intent model answers by words it has seen: "mất" (lost) pulls "mất bao nhiêu tiền" to a complaint,
"hồ sơ … bao lâu" to a status check, "ad ơi" to a request for a person. After the model (and the
fallback threshold) this component looks at the message once more: when the predicted flow is not
clearly that flow (none of its own words, no dossier code) but the message asks an aspect or names a
procedure, the intent becomes the matching procedure question (``ask_fee``, … or ``ask_procedure``), and
without either it becomes ``nlu_fallback`` (the catalogue is tried, then an honest "not found");
a not-understood message that names a procedure and no flow becomes one as well, so the catalogue is
searched instead of apologising. The words are in ``components.aspects``.

A message that only calls the assistant ("ad ơi", "admin ơi cho em hỏi", "ad có đó không") is a greeting: read
as not understood, two of them in a row would hand the conversation to an officer (the fallback's second miss
queues it for a person), and read as a request for a person it would queue it at once.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.aspects import (
    FLOW_CUES,
    INFO_CUES,
    complaint_is_the_procedure,
    complaint_only_told_as_made,
    find_aspect,
    folded,
    is_clearly,
    mentions_damage,
    names_procedure,
    only_told,
)
from components.folding import fold

# The flows a misread procedure question would start (give_dossier_code starts the status form).
FOLLOW_INTENTS = ("follow_dossier", "unfollow_dossier", "list_follows")
FLOWS = (
    "complain",
    "check_status",
    "rate_service",
    "human_handoff",
    "leave_callback",
    "give_dossier_code",
    *FOLLOW_INTENTS,
)
# Flows that need one of their own words to start; without one, the message goes to the fallback. Not
# give_dossier_code: a mistyped code inside the status form is that form's to refuse.
UNCLEAR_TO_FALLBACK = ("complain", "check_status", "rate_service", "human_handoff", "leave_callback", *FOLLOW_INTENTS)
# Predictions that would not search the catalogue: a procedure named there is searched instead.
UNANSWERED = ("nlu_fallback", "out_of_scope", "greet")
# Calling the assistant by the names Vietnamese chat pages use ("ad", "admin"), and the words that go with a call
# and ask nothing yet ("ơi", "cho em hỏi", "giúp em với", "có đó không").
_CALL_NAME = r"(?:ad|admin|ads|add|adm|mod|shop)"
_CALL = re.compile(
    rf"(?=.*\b{_CALL_NAME}\b)(?:(?:{_CALL_NAME}|oi|alo|a|ah|da|vang|nhe|nha|voi|cho|em|minh|toi|chau|hoi|muon|can"
    r"|giup|tu van|co|do|day|o|khong|ko|k|hong|ban|anh|chi|ak|ne|xin|chut)(?: |$))+"
)
ASPECT_INTENTS = {
    "documents": "ask_documents",
    "form": "ask_documents",
    "fee": "ask_fee",
    "time": "ask_duration",
    "where": "ask_where",
    "online": "ask_online",
}


def cue_of(intent: str) -> str:
    """The flow whose words make ``intent`` clear: a dossier code is the status flow's, the three follow
    intents share the words of following ("theo dõi", "báo cho tôi", "nhận tin")."""
    if intent == "give_dossier_code":
        return "check_status"
    return "follow" if intent in FOLLOW_INTENTS else intent


def rerouted_intent(intent: Optional[str], text: str, entities: List[Dict[str, Any]]) -> Optional[str]:
    """The procedure question the message really is, or None to keep the model's intent."""
    if not text or text.startswith("/") or intent is None:
        return None
    if intent in ("nlu_fallback", "human_handoff", "out_of_scope") and only_calls_the_assistant(text):
        return "greet"
    if any(e.get("entity") in ("dossier_code", "phone_last4") for e in entities):
        return None
    # A complaint already made, told before a question about a procedure, makes no complaint of it.
    made = complaint_only_told_as_made(text) and names_procedure(text)

    def clearly(flow: str) -> bool:
        if flow == "complain" and (made or complaint_is_the_procedure(text)):
            return False
        return is_clearly(flow, text) and not only_told(flow, text)

    if intent == "ask_procedure" and clearly("complain") and not names_procedure(text):
        # The other way round: a complaint without a procedure name read as a bare procedure name.
        return "complain"
    if intent in ASPECT_INTENTS.values() and clearly("complain"):
        # "lệ phí gì mà cao thế, tôi bức xúc": a complaint about a procedure, not a question about it.
        return "complain"
    if intent in INFO_CUES:
        # The hours, the contacts and who is answering need their own words ("giờ nhập hộ khẩu" says "now",
        # "có phải kèm bản vẽ ko" asks no "are you a bot"); without them it is read as a misread flow is.
        if INFO_CUES[intent].search(f" {folded(text)} ") or any(clearly(flow) for flow in FLOW_CUES):
            return None
    elif intent in FLOWS:
        flow = cue_of(intent)
        if clearly(flow):
            return None
        others = [other for other in UNCLEAR_TO_FALLBACK if cue_of(other) != flow and clearly(cue_of(other))]
        if intent != "give_dossier_code" and len(others) == 1:
            return others[0]  # clearly another flow ("cán bộ nói năng thiếu tôn trọng" read as a hand-off)
    elif intent in UNANSWERED:
        if any(clearly(flow) for flow in FLOW_CUES):
            return None
    else:
        return None
    aspect = find_aspect(text)
    if aspect and (intent in FLOWS or intent in INFO_CUES or intent == "nlu_fallback"):
        # "còn thời hạn giải quyết" below the threshold is still a follow-up about the procedure at hand.
        return ASPECT_INTENTS[aspect]
    if names_procedure(text) or mentions_damage(text):
        return ASPECT_INTENTS.get(aspect or "", "ask_procedure")
    if intent in UNCLEAR_TO_FALLBACK or intent in INFO_CUES:
        # Not clearly the flow and no procedure either ("cách nấu phở", a story in English): the fallback
        # tries the catalogue and otherwise says honestly that nothing was found.
        return "nlu_fallback"
    return None


def only_calls_the_assistant(text: str) -> bool:
    """True for "ad ơi", "admin cho em hỏi", "alo ad": a call by name and nothing asked yet."""
    return bool(_CALL.fullmatch(fold(text)))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FlowGuard(GraphComponent):
    """Turns a misread procedure question back into one (see the module's docstring)."""

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
    ) -> "FlowGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            new = rerouted_intent(intent, message.get(TEXT) or "", message.get(ENTITIES) or [])
            if new:
                message.set(INTENT, {INTENT_NAME_KEY: new, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
