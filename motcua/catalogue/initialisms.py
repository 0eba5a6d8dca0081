"""Chữ viết tắt — short forms citizens make from the first letters of the catalogue's words.

Citizens shorten any phrase they type often: "gpkd" (giấy phép kinh doanh), "lltp" (lý lịch tư pháp),
"dkkd" (đăng ký kinh doanh), "cchn" (chứng chỉ hành nghề). A list (``data/abbreviations.tsv``) can only
hold those someone thought of; the catalogue itself says which phrases exist. Every run of two to four
words in a procedure name gives its initials ("giay phep kinh doanh" → "gpkd"); a typed word of no
vowel at all (no Vietnamese syllable is written without one), three letters or more, that is the
initials of one phrase far more often than of any other is read as that phrase. Ambiguous initials
("hd": hợp đồng, hoạt động, hộ dân…) are left alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

# A phrase must be the initials' meaning in this many names, and this share of all phrases with them.
MIN_NAMES = 3
DOMINANCE = 0.6
_LONGEST = 4
_NO_VOWEL = re.compile(r"^[b-df-hj-np-tv-xz]{3,}$")
_CONSONANT_RUN = re.compile(r"(?:(?<= )[b-df-hj-np-tv-xz][a-z]* )+")


class Initialisms:
    """Initials → the phrase of the catalogue they stand for; immutable once built."""

    def __init__(self, folded_names: Iterable[str]) -> None:
        counts: dict[str, Counter] = defaultdict(Counter)
        for name in folded_names:
            seen = set()
            # only runs of words starting with a consonant make initials of no vowel
            for run in _CONSONANT_RUN.findall(f" {name} "):
                words = run.split()
                for size in range(2, min(_LONGEST, len(words)) + 1):
                    for start in range(len(words) - size + 1):
                        phrase = " ".join(words[start : start + size])
                        if phrase not in seen:
                            seen.add(phrase)
                            counts["".join(word[0] for word in words[start : start + size])][phrase] += 1
        self._phrases = {}
        for initials, phrases in counts.items():
            if len(initials) < 3:
                continue
            phrase, count = phrases.most_common(1)[0]
            if count >= MIN_NAMES and count >= DOMINANCE * sum(phrases.values()):
                self._phrases[initials] = phrase

    def expand(self, word: str) -> str | None:
        """The phrase a typed folded word of initials stands for, or None."""
        return self._phrases.get(word) if _NO_VOWEL.match(word) else None
