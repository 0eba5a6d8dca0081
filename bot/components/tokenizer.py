"""FoldingTokenizer: words of the user's message in the project's folded form, chat shorthand expanded.

Citizens type "giấy tờ", "giay to", "GIẤY TỜ" or "gt"; the featurizers after this tokenizer should see
one vocabulary. Each word is cut from the original text (so entity offsets stay right) and its token
text is ``fold(word)``; a few chat abbreviations become the words they stand for, at the same offsets.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from components import action_validation
from components.folding import fold
from components.shorthand import SHORTHAND

# The Rasa server loads this module with the model: make its action calls cheaper there (see module).
action_validation.install()

# A word: letters and digits, with any combining marks (text typed with decomposed diacritics).
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FoldingTokenizer(Tokenizer):
    """Tokenizer that folds Vietnamese (case, diacritics, đ) and expands chat shorthand."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        return None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "FoldingTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        tokens = [token for match in _WORD.finditer(text) for token in folded_tokens(match.group(), match.start())]
        if not tokens:
            # Emoji or punctuation only: one token keeps the featurizers supplied.
            tokens = [Token(text or " ", 0, len(text) or 1)]
        return self._apply_token_pattern(tokens)


def folded_tokens(word: str, start: int) -> List[Token]:
    """The tokens of one word: its folded form, or the words its shorthand stands for (same offsets)."""
    end = start + len(word)
    folded = fold(word)
    if not folded:
        return []
    expansion = SHORTHAND.get(folded, folded)
    return [Token(part, start, end) for part in expansion.split()]
