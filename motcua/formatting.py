"""Vietnamese number formatting and percentages: the one place figures are turned into text.

Reports published by the centres write thousands with a dot and decimals with a comma
("7.790 hồ sơ", "đạt 92,27%"); every screen, export and narrative formats through these helpers so a
figure reads the same everywhere. Percentages of one breakdown (early / on time / late, satisfaction
levels) are computed with the largest-remainder method so that they add up to exactly 100.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def format_count(value: int) -> str:
    """Whole number with Vietnamese thousands separators: 7790 → "7.790", -1234567 → "-1.234.567"."""
    return f"{int(value):,}".replace(",", ".")


def format_number(value: float, decimals: int = 2) -> str:
    """Decimal number the Vietnamese way, trailing zeros dropped: 1234.5 → "1.234,5", 81.0 → "81"."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if decimals > 0 else f"{rounded:,.0f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{whole},{fraction}" if fraction else whole


def format_pct(value: float, decimals: int = 2) -> str:
    """Percentage the Vietnamese way: 92.27 → "92,27%", 15.2 → "15,2%", 100.0 → "100%"."""
    return f"{format_number(value, decimals)}%"


def percent(part: int, whole: int, decimals: int = 2) -> float:
    """``part`` as a percentage of ``whole``, rounded half up; 0.0 when ``whole`` is 0 (nothing to divide)."""
    if whole <= 0:
        return 0.0
    exact = Decimal(part) * 100 / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def largest_remainder(counts: Mapping[K, int], decimals: int = 2) -> dict[K, float]:
    """Percentages of ``counts`` that add up to exactly 100 (Hare largest-remainder method).

    Each share is first rounded down to ``decimals``; the units still missing to reach 100 go, one
    each, to the shares that lost the most in rounding (ties: the larger count, then the earlier key).
    Integer arithmetic throughout, so the result never drifts. When every count is 0 there is nothing
    to share and every percentage is 0.0.
    """
    total = sum(counts.values())
    if total <= 0:
        return {key: 0.0 for key in counts}
    scale = 100 * 10**decimals
    floors: dict[K, int] = {}
    remainders: dict[K, int] = {}
    for key, count in counts.items():
        floors[key], remainders[key] = divmod(count * scale, total)
    missing = scale - sum(floors.values())
    order = list(counts)
    ranked = sorted(order, key=lambda key: (-remainders[key], -counts[key], order.index(key)))
    for key in ranked[:missing]:
        floors[key] += 1
    return {key: round(floors[key] / 10**decimals, decimals) for key in counts}
