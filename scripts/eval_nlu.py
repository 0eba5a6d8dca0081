"""Score the trained NLU model on the held-out split (``nlu_data/heldout``), never trained on.

Run with the bot environment from ``bot/``: ``../.venv-bot/bin/python ../scripts/eval_nlu.py``.
Prints intent macro-F1 as written and with diacritics stripped, the confusions, and the share of
dossier codes extracted; exits 1 below ``--min-f1`` so CI notices a regression.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from components.folding import strip_diacritics
from rasa.core.agent import load_agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.log_utils import configure_structlog


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Unweighted mean of per-intent F1 over the intents of the gold labels."""
    scores = []
    for intent in sorted({gold for gold, _ in pairs}):
        tp = sum(1 for gold, got in pairs if gold == intent and got == intent)
        fp = sum(1 for gold, got in pairs if gold != intent and got == intent)
        fn = sum(1 for gold, got in pairs if gold == intent and got != intent)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


def threshold_table(scored: list[tuple[str, str, float]]) -> list[tuple[float, float, float]]:
    """For each fallback threshold: share of in-scope messages answered with the right intent, and
    share of out-of-scope ones caught (classified out_of_scope or sent to the fallback)."""
    rows = []
    inside = [s for s in scored if s[0] != "out_of_scope"]
    outside = [s for s in scored if s[0] == "out_of_scope"]
    for threshold in THRESHOLDS:
        right = sum(1 for gold, got, conf in inside if got == gold and conf >= threshold) / len(inside)
        caught = sum(1 for _, got, conf in outside if got == "out_of_scope" or conf < threshold) / max(len(outside), 1)
        rows.append((threshold, right, caught))
    return rows


def _top_intent(parsed: dict) -> tuple[str, float]:
    """The classifier's own best intent and confidence, before the FallbackClassifier."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
    best = ranking[0] if ranking else parsed["intent"]
    return best["name"], best.get("confidence") or 0.0


async def evaluate(model: str, data: str) -> tuple[float, float, float, Counter, list]:
    agent = await load_agent(model_path=model)
    scored = []
    examples = [m for m in load_data(data).intent_examples]
    written, stripped, confusions = [], [], Counter()
    codes_expected = codes_found = 0
    for example in examples:
        gold, text = example.get("intent"), example.get("text")
        for variant, bucket in ((text, written), (strip_diacritics(text), stripped)):
            parsed = await agent.parse_message(variant)
            got = parsed["intent"]["name"]
            bucket.append((gold, got))
            if variant is text:
                scored.append((gold, *_top_intent(parsed)))
                if got != gold:
                    confusions[(gold, got, text)] += 1
        expected = [e for e in example.get("entities") or [] if e["entity"] == "dossier_code"]
        if expected:
            codes_expected += 1
            parsed = await agent.parse_message(text)
            codes_found += any(e["entity"] == "dossier_code" for e in parsed["entities"])
    entity_rate = codes_found / codes_expected if codes_expected else 1.0
    return macro_f1(written), macro_f1(stripped), entity_rate, confusions, threshold_table(scored)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models/current.tar.gz")
    parser.add_argument("--data", default="../nlu_data/heldout")
    parser.add_argument("--min-f1", type=float, default=0.0)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    configure_structlog(logging.WARNING)
    written, stripped, entity_rate, confusions, thresholds = asyncio.run(evaluate(args.model, args.data))
    print(f"held-out intent macro-F1: {written:.3f}")
    print(f"held-out intent macro-F1, diacritics stripped: {stripped:.3f}")
    print(f"dossier codes extracted: {entity_rate:.0%}")
    for (gold, got, text), _ in sorted(confusions.items()):
        print(f"  {gold:>18} → {got:<18} {text}")
    print("fallback threshold: in-scope answered right / out-of-scope caught")
    for threshold, right, caught in thresholds:
        print(f"  {threshold:.1f}: {right:.1%} / {caught:.1%}")
    return 0 if min(written, stripped) >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
