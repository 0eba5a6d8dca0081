"""BM25 weights, computed once per index so a query only adds numbers: the catalogue's names
(``motcua.catalogue.search``) and the questions asked for each procedure (``motcua.catalogue.asked``) are
ranked by the same formula."""

from __future__ import annotations

import math
from collections import defaultdict

K1, B = 1.2, 0.75


def idf(count: int, frequency: int) -> float:
    """Inverse document frequency of a term in ``frequency`` of ``count`` documents."""
    return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))


def postings(documents: list[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    """term → [(document's index, BM25 weight)] for documents given as term → frequency."""
    count = len(documents) or 1
    lengths = [sum(frequencies.values()) for frequencies in documents]
    average = (sum(lengths) / count) or 1.0
    frequency_of: dict[str, int] = defaultdict(int)
    for frequencies in documents:
        for term in frequencies:
            frequency_of[term] += 1
    found: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, frequencies in enumerate(documents):
        norm = K1 * (1 - B + B * lengths[index] / average)
        for term, tf in frequencies.items():
            weight = idf(count, frequency_of[term])
            found[term].append((index, weight * tf * (K1 + 1) / (tf + norm)))
    return dict(found)
