"""Score the trained NLU model on the held-out split (``nlu_data/heldout``), never trained on.

Run with the bot environment from ``bot/``: ``../.venv-bot/bin/python ../scripts/eval_nlu.py``.
Prints intent macro-F1 as written and with diacritics stripped, the confusions, and the share of
dossier codes extracted; exits 1 below ``--min-f1`` so CI notices a regression.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from components.folding import strip_diacritics
from rasa.core.agent import load_agent
from rasa.shared.nlu.training_data.loading import load_data


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Unweighted mean of per-intent F1 over the intents of the gold labels."""
    scores = []
    for intent in sorted({gold for gold, _ in pairs}):
        tp = sum(1 for gold, got in pairs if gold == intent and got == intent)
        fp = sum(1 for gold, got in pairs if gold != intent and got == intent)
        fn = sum(1 for gold, got in pairs if gold == intent and got != intent)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


async def evaluate(model: str, data: str) -> tuple[float, float, float, Counter]:
    agent = await load_agent(model_path=model)
    examples = [m for m in load_data(data).intent_examples]
    written, stripped, confusions = [], [], Counter()
    codes_expected = codes_found = 0
    for example in examples:
        gold, text = example.get("intent"), example.get("text")
        for variant, bucket in ((text, written), (strip_diacritics(text), stripped)):
            parsed = await agent.parse_message(variant)
            got = parsed["intent"]["name"]
            bucket.append((gold, got))
            if got != gold and variant is text:
                confusions[(gold, got, text)] += 1
        expected = [e for e in example.get("entities") or [] if e["entity"] == "dossier_code"]
        if expected:
            codes_expected += 1
            parsed = await agent.parse_message(text)
            codes_found += any(e["entity"] == "dossier_code" for e in parsed["entities"])
    entity_rate = codes_found / codes_expected if codes_expected else 1.0
    return macro_f1(written), macro_f1(stripped), entity_rate, confusions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models/current.tar.gz")
    parser.add_argument("--data", default="../nlu_data/heldout")
    parser.add_argument("--min-f1", type=float, default=0.0)
    args = parser.parse_args()
    written, stripped, entity_rate, confusions = asyncio.run(evaluate(args.model, args.data))
    print(f"held-out intent macro-F1: {written:.3f}")
    print(f"held-out intent macro-F1, diacritics stripped: {stripped:.3f}")
    print(f"dossier codes extracted: {entity_rate:.0%}")
    for (gold, got, text), _ in sorted(confusions.items()):
        print(f"  {gold:>18} → {got:<18} {text}")
    return 0 if min(written, stripped) >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
