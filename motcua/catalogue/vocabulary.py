"""How citizens' words become catalogue terms, kept as data:

- ``data/spellings.tsv``: how people type a word (teen code "ko", "j", "dzậy"; Southern and Central
  "hông", "mần", "sanh", "răng") → the standard word, before anything else;
- ``data/abbreviations.tsv``: short forms the catalogue itself also uses ("BHYT", "UBND"), expanded in
  names and queries alike;
- ``data/synonyms.tsv``: citizen phrases → the catalogue's wording ("sổ đỏ", "nhập hộ khẩu");
- ``data/stopwords.txt``: words that carry no meaning in a chatty question.

Everything but the spellings is folded (``motcua.text.fold``), so "Sổ đỏ", "so do" and "SỔ ĐỎ" are one
phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from motcua.text import fold, nfc

DATA = Path(__file__).resolve().parent / "data"
# Where a procedure name turns from what is done to whom or which cases it is for.
_QUALIFIER = re.compile(
    r"[(;:]|\s(?:đối với|trong trường hợp|trường hợp|do|theo|tại|thuộc|áp dụng|cho người|của người"
    r"|bằng dịch vụ công|trực tuyến toàn trình)\s",
    re.IGNORECASE,
)


def query_terms(text: str) -> list[str]:
    """Folded words of a citizen's query: spellings, abbreviations and synonyms applied, stop phrases removed."""
    words = [fold(word) for word in respell(re.findall(r"[^\W_]+", nfc(text).lower()))]
    return catalogue_terms(" ".join(word for word in words if word))


def catalogue_terms(folded: str) -> list[str]:
    """Catalogue words of an already folded and respelled query."""
    return catalogue_terms_and_events(folded)[0]


def catalogue_terms_and_events(folded: str) -> tuple[list[str], frozenset[str]]:
    """Catalogue words of an already folded and respelled query, and those of them that only come from
    a life event told (``data/events.tsv``: "lấy chồng" → "đăng ký kết hôn")."""
    words, told, _ = catalogue_terms_with_shares(folded)
    return words, told


def catalogue_terms_with_shares(folded: str) -> tuple[list[str], frozenset[str], list[float]]:
    """``catalogue_terms_and_events`` and, for each word, its share of a typed word: one typed word
    expanded to several ("tnhh" → "trách nhiệm hữu hạn") gives each the square root of its share, so a
    short form does not outweigh the two words of the action asked ("giải thể công ty tnhh")
    (``motcua.catalogue.query.term_weights`` applies it to the pairs). Phrases of several typed words
    keep their weight (tried on dev and dev2: sharing those too cost dev its stories)."""
    words, told, shares, _ = catalogue_terms_with_gaps(folded)
    return words, told, shares


def catalogue_terms_with_gaps(folded: str) -> tuple[list[str], frozenset[str], list[float], list[bool]]:
    """``catalogue_terms_with_shares`` and, for each word, whether a stop phrase stood right before it:
    two words apart in the message are no pair ("địa chỉ đó có được không" says no "chỉ không")."""
    expanded = synonym_pattern().sub(_expansion, folded)
    marked = remove_stop_phrases(expanded, f" {_GAP_MARK} ").split()
    words, shares, gaps, raws = [], [], [], []
    gap = False
    for raw in marked:
        if raw == _GAP_MARK:
            gap = True
            continue
        word, _, share = raw.partition(_SHARE_MARK)
        words.append(word.lstrip(_EVENT_MARK))
        shares.append(float(share) if share else 1.0)
        gaps.append(gap)
        raws.append(raw)
        gap = False
    said = {word for word, raw in zip(words, raws, strict=True) if not raw.startswith(_EVENT_MARK)}
    return words, frozenset(word for word in words if word not in said), shares, gaps


def document_terms(text: str) -> list[str]:
    """Folded words of catalogue text (names, fields): abbreviations expanded, stop phrases removed, no
    synonyms (the catalogue already uses the official wording)."""
    return folded_document_terms(fold(text))


def folded_document_terms(folded: str) -> list[str]:
    """``document_terms`` of text already folded."""
    expanded = _abbreviation_pattern().sub(lambda match: f" {abbreviations()[match.group(1)]} ", folded)
    return remove_stop_phrases(expanded).split()


@dataclass(frozen=True)
class FoldedName:
    """A procedure name folded once, cut before its first qualifier: what is done to what (``head``:
    "chung thuc ban sao tu ban chinh giay to van ban") and for whom or which cases (``tail``: "do co
    quan to chuc co tham quyen …"), with the items of its comma lists ("cap lai", "doi", "dieu chinh")."""

    head: str
    tail: str
    head_items: tuple[str, ...]
    items: tuple[str, ...]

    @property
    def full(self) -> str:
        return f"{self.head} {self.tail}".strip()


def fold_name(name: str) -> FoldedName:
    """The folded parts of a procedure name; each character is folded once."""
    cut = _QUALIFIER.search(name)
    head, tail = (name[: cut.start()], name[cut.start() :]) if cut else (name, "")
    head_items, tail_items = _items(head), _items(tail)
    items = head_items + tail_items
    if head_items and tail_items and not head.rstrip().endswith(","):
        # The cut is inside a list item ("… lý lịch tư pháp theo yêu cầu của cơ quan, …"): one item.
        items = [*head_items[:-1], f"{head_items[-1]} {tail_items[0]}", *tail_items[1:]]
    return FoldedName(" ".join(head_items), " ".join(tail_items), tuple(head_items), tuple(items))


def with_bigrams(words: list[str]) -> list[str]:
    """Words followed by adjacent pairs ("cap lai", "lai the"): pairs reward the catalogue's word order."""
    return words + [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]


def respell(words: list[str]) -> list[str]:
    """Lower-case words with citizens' spellings replaced by the standard ones ("ko" → "không",
    "khai sanh" → "khai sinh"); longest rule first. See ``respell_with_sources`` for the positions."""
    return [word for word, _ in respell_with_sources(words)]


def respell_with_sources(words: list[str]) -> list[tuple[str, int]]:
    """Respelled words, each with the index of the typed word it comes from."""
    rules, longest = respellings(), _longest_respelling()
    senses, folded = word_senses(), None
    out: list[tuple[str, int]] = []
    position = 0
    while position < len(words):
        folded = folded or [fold(word) for word in words]
        if folded[position] in _sense_starts():
            read = _sense(words, folded, position, senses)
            if read is not None:
                size, meaning = read
                out.extend((word, position + min(i, size - 1)) for i, word in enumerate(meaning))
                position += size
                continue
        for size in range(min(longest, len(words) - position), 0, -1):
            span = tuple(words[position : position + size])
            replacement = rules.get(span)
            if replacement is None and size > 1 and all(word == folded[position + i] for i, word in enumerate(span)):
                # a phrase typed without any diacritics: a phrase is less ambiguous than a word ("hong"
                # alone may be "hỏng"), so "cc ban sao" is "cc bản sao"
                replacement = _bare_respellings().get(span)
            if replacement is not None:
                out.extend((word, position + min(i, size - 1)) for i, word in enumerate(replacement))
                position += size
                break
        else:
            out.append((words[position], position))
            position += 1
    return out


@dataclass(frozen=True)
class Sense:
    """One meaning of typed words whose meaning depends on the words around them (``data/senses.tsv``)."""

    meaning: tuple[str, ...]
    cues: tuple[tuple[str, ...], ...]  # folded; none: the meaning when no cue is near
    window: int | None  # words either side a cue is looked for in; None: the whole message
    # folded words that, next, already name the object: the sense is not read. Phrases, so that "ô tô"
    # can be one without "ô" (folded "o", also "ở": "sang tên ở đâu") being one.
    not_before: frozenset[tuple[str, ...]]


@cache
def word_senses() -> dict[tuple[str, ...], tuple[Sense, ...]]:
    """Folded typed words → their senses, in the file's order ("hđ" and "hd" are one)."""
    table: dict[tuple[str, ...], list[Sense]] = {}
    for line in data_lines("senses.tsv"):
        typed, meaning, cues, window, not_before = ([*line.split("\t"), "", "", "", ""])[:5]
        sense = Sense(
            tuple(nfc(meaning).lower().split()),
            tuple(tuple(fold(cue).split()) for cue in cues.split(",") if fold(cue)),
            None if window.strip() == "*" else int(window or 3),
            frozenset(tuple(fold(words).split()) for words in not_before.split(",") if fold(words)),
        )
        table.setdefault(tuple(fold(typed).split()), []).append(sense)
    return {key: tuple(senses) for key, senses in table.items()}


def _sense(
    words: list[str], folded: list[str], position: int, senses: dict[tuple[str, ...], tuple[Sense, ...]]
) -> tuple[int, tuple[str, ...]] | None:
    """(typed words read, meaning) of the senses starting at ``position``: the sense whose cue is nearest
    (after the typed words before as far before them), else the one without cues; None: none applies."""
    for key in sorted((k for k in senses if tuple(folded[position : position + len(k)]) == k), key=len, reverse=True):
        end = position + len(key)
        best: tuple[float, Sense] | None = None
        default = None
        for sense in senses[key]:
            if any(tuple(folded[end : end + len(words)]) == words for words in sense.not_before):
                continue
            if not sense.cues:
                default = default or sense
                continue
            for cue in sense.cues:
                for start in range(len(folded) - len(cue) + 1):
                    if tuple(folded[start : start + len(cue)]) != cue or position <= start < end:
                        continue
                    distance = start - end + 1 if start >= end else position - (start + len(cue)) + 1.5
                    if sense.window is not None and distance > sense.window + 0.5:
                        continue
                    if best is None or distance < best[0]:
                        best = (distance, sense)
        chosen = best[1] if best else default
        if chosen is not None:
            return len(key), chosen.meaning
    return None


@cache
def _sense_starts() -> frozenset[str]:
    return frozenset(key[0] for key in word_senses())


@cache
def _bare_respellings() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Rules of several typed words, keyed by those words without diacritics (the first rule wins)."""
    rules: dict[tuple[str, ...], tuple[str, ...]] = {}
    for typed, standard in respellings().items():
        if len(typed) > 1:
            rules.setdefault(tuple(fold(word) for word in typed), standard)
    return rules


@cache
def respellings() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Typed words (lower case, as typed: "hông" is respelled, "hỏng" is not) → standard words."""
    rules = {}
    for line in data_lines("spellings.tsv"):
        typed, _, standard = line.partition("\t")
        rules[tuple(nfc(typed).lower().split())] = tuple(nfc(standard).lower().split())
    return rules


@cache
def events() -> dict[str, str]:
    """Folded life event → folded catalogue terms of the procedure it leads to; marrying someone of a
    named nationality ("lấy chồng Hàn") leads to the "có yếu tố nước ngoài" marriage."""
    rules = dict(_pairs("events.tsv"))
    for country in _countries():
        for marrying in ("lay chong", "lay vo", "cuoi chong", "cuoi vo"):
            rules[f"{marrying} {country}"] = "dang ky ket hon nuoc ngoai"
            rules[f"{marrying} nguoi {country}"] = "dang ky ket hon nuoc ngoai"
    return rules


@cache
def synonyms() -> dict[str, str]:
    """Folded citizen phrase → folded catalogue terms (abbreviations, nationalities and events included)."""
    rules = {**abbreviations(), **_nationalities(), **events()}
    for line in data_lines("synonyms.tsv"):
        phrase, _, terms = line.partition("\t")
        if fold(phrase):
            rules[fold(phrase)] = fold(terms)
    return rules


@cache
def abbreviations() -> dict[str, str]:
    """Folded short form → folded words, for the catalogue's own abbreviations."""
    return dict(_pairs("abbreviations.tsv"))


@cache
def special_cases() -> dict[str, tuple[tuple[str, ...], str]]:
    """Folded name phrase of a special-case procedure → (folded query words that ask for it, kind:
    "action" or "")."""
    rules = {}
    for line in data_lines("special_cases.tsv"):
        phrase, triggers, kind = ([*line.split("\t"), "", ""])[:3]
        rules[fold(phrase)] = (tuple(fold(t) for t in triggers.split(",") if fold(t)), kind.strip())
    return rules


@cache
def stop_phrases() -> frozenset[str]:
    return frozenset(fold(line) for line in data_lines("stopwords.txt") if fold(line))


def remove_stop_phrases(folded: str, replacement: str = " ") -> str:
    """Folded text without its stop phrases (each replaced by ``replacement``), except where they belong
    to a kept phrase ("bản sao")."""
    return _stop_or_keep_pattern().sub(lambda match: match.group(1) or replacement, folded)


@cache
def keep_phrases() -> frozenset[str]:
    return frozenset(fold(line) for line in data_lines("keep_phrases.txt") if fold(line))


@cache
def synonym_pattern() -> re.Pattern:
    return phrase_pattern(synonyms())


@cache
def stop_pattern() -> re.Pattern:
    return phrase_pattern(stop_phrases())


def phrase_pattern(phrases) -> re.Pattern:
    """Any of ``phrases`` as whole words, longest first ("bang lai xe" wins over "bang lai")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\S)(" + "|".join(re.escape(p) for p in ordered) + r")(?!\S)")


def data_lines(name: str) -> list[str]:
    """Lines of a data file, blank lines and ``#`` comments left out."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Marks the words an event expands to until the stop phrases are removed ("~dang ~ky ~ket ~hon").
_EVENT_MARK = "~"


# Stands where a stop phrase was, until the pairs are made.
_GAP_MARK = "|"


# Marks a word's share of the typed words its phrase was expanded from ("trach#0.25").
_SHARE_MARK = "#"


def _expansion(match: re.Match) -> str:
    phrase = match.group(1)
    if phrase in events():
        return " " + " ".join(_EVENT_MARK + word for word in events()[phrase].split()) + " "
    expansion = synonyms()[phrase].split()
    typed = len(phrase.split())
    if typed > 1 or len(expansion) <= typed:
        return f" {' '.join(expansion)} "
    share = f"{_SHARE_MARK}{(typed / len(expansion)) ** 0.5:.3f}"
    return " " + " ".join(word + share for word in expansion) + " "


def _items(text: str) -> list[str]:
    """Folded comma-separated items of a name part, "và" and "hoặc" starting an item too."""
    items = []
    for part in text.split(","):
        folded = fold(part)
        items += [item for item in _LIST_WORD.split(folded) if item]
    return items


_LIST_WORD = re.compile(r"\s+(?:va|hoac)\s+")


@cache
def _stop_or_keep_pattern() -> re.Pattern:
    # At each word a kept phrase is tried before the stop phrases: "ban sao" stays, "sao" alone goes.
    keep = "|".join(re.escape(p) for p in sorted(keep_phrases(), key=len, reverse=True))
    stop = "|".join(re.escape(p) for p in sorted(stop_phrases(), key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:({keep})|(?:{stop}))(?!\S)")


# Words after which a one-syllable country name is a nationality: "người Mỹ", "chồng Hàn", "sang Nhật".
NATIONALITY_WORDS = ("nguoi", "quoc tich", "chong", "vo", "ben", "o", "sang", "qua", "tai", "dan", "goc", "lay")


def _nationalities() -> dict[str, str]:
    """Rules that turn a named nationality into "nước ngoài", the catalogue's word for it."""
    rules = {}
    for country in _countries():
        if " " in country:
            rules[country] = "nuoc ngoai"
        for word in NATIONALITY_WORDS:
            rules[f"{word} {country}"] = f"{word} nuoc ngoai"
    return rules


@cache
def _countries() -> tuple[str, ...]:
    return tuple(fold(line) for line in data_lines("countries.txt") if fold(line))


@cache
def _abbreviation_pattern() -> re.Pattern:
    return phrase_pattern(abbreviations())


@cache
def _longest_respelling() -> int:
    return max((len(typed) for typed in respellings()), default=1)


def _pairs(name: str) -> list[tuple[str, str]]:
    pairs = []
    for line in data_lines(name):
        left, _, right = line.partition("\t")
        if fold(left):
            pairs.append((fold(left), fold(right)))
    return pairs
