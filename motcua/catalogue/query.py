"""Câu hỏi của người dân — what a citizen's message asks: the aspect (giấy tờ, lệ phí, thời gian, nơi
nộp, trực tuyến, tờ khai) and the words that name the procedure.

Citizens write "làm lại cccd mất bao nhiêu tiền", "khai sanh cho con nộp ở mô", "doi bang lai qua mang dc
ko". The message is read once: its words are respelled (``data/spellings.tsv``: "ko", "mô", "sanh"),
folded (``motcua.text.fold``), and the aspect phrases (``data/aspects.tsv``) are found and cut out of
the procedure phrase, so "mất" in "mất bao nhiêu tiền" (costs) never reaches the search as "mất" (lost).
The phrase keeps the citizen's own words (with their diacritics) for the assistant to echo back; its
folded form is what the catalogue search reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from motcua.catalogue.actions import asked_actions, circumstance_words
from motcua.catalogue.vocabulary import (
    DATA,
    data_lines,
    events,
    phrase_pattern,
    respell_with_sources,
    stop_pattern,
    synonym_pattern,
    synonyms,
)
from motcua.text import accented_syllable, fold, nfc

ASPECTS = ("documents", "fee", "time", "where", "online", "form")
# When a message asks several things, the most specific one is answered first: "tờ khai lấy ở đâu"
# asks for the form, "nộp online ở đâu" for the online channel, "ở đâu, mất bao lâu" for the time.
ASPECT_ORDER = ("form", "online", "fee", "time", "where", "documents")
_WORD = re.compile(r"[^\W_]+")
# Words left over at the ends of a phrase once the aspect is cut out ("tờ khai kết hôn lấy ở đâu",
# "đổi bằng lái qua mạng được không"); inside a phrase they may belong to a name ("lấy chồng").
_EDGE_FILLERS = frozenset(
    ("lay", "nop", "lam", "duoc", "khong", "ha", "he", "nhi", "day", "vay", "ta", "the", "nao", "sao", "ra")
)


@dataclass(frozen=True)
class Question:
    """A citizen's message understood: the aspect asked (None when none is) and the procedure phrase."""

    aspect: str | None
    # The citizen's words naming the procedure, fillers at the ends cut off, for the assistant to echo.
    phrase: str
    # The folded, respelled message without its aspect phrases: what the search reads.
    folded: str
    # The typed words, and the folded words kept for the search with the typed word each comes from.
    words: tuple[str, ...] = ()
    kept: tuple[tuple[str, int], ...] = ()
    # In a message of several sentences, the folded words of those that ask (a question mark, "muốn",
    # "cần", "xin", "làm sao", an aspect): the rest is background the search weighs less. Empty when
    # every sentence asks or none does.
    request: str = ""
    # What the message asks to have done (motcua.catalogue.actions), read in its asking sentences when
    # they say one, else in the whole message; aspect phrases left out ("mất bao lâu" is no loss).
    # Each with how surely it is meant (motcua.catalogue.actions.asked_actions).
    actions: tuple[tuple[str, float], ...] = ()
    # The clauses that follow a request word ("… giờ muốn tách thành hộ riêng, nhưng …": "tach thanh ho
    # rieng"), in order, each folded for the search and with the actions it asks: the first that names
    # a procedure is what a long message asks, the rest its circumstances.
    clauses: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()
    # Folded words of the names of people and places told: capitalised inside a sentence ("phường Thủy
    # Xuân", "anh Minh"), not a short form in capitals ("BHYT") and no word the vocabularies know
    # (countries, "Việt Nam"). Folded, they would be catalogue words ("Thủy" → thủy sản).
    named: frozenset[str] = frozenset()
    # Folded words of the phrases that only imply an action ("bị mất", "hết hạn"): read by the action
    # prior, weighed like circumstances in the text (motcua.catalogue.actions.circumstance_words).
    implied: frozenset[str] = frozenset()

    def phrase_for(self, name_terms: frozenset[str]) -> str:
        """The citizen's words for a procedure found with this name's words. In a story, the densest
        stretch of words that name it ("… giờ muốn chuyển hộ khẩu về nhà chồng …" → "chuyển hộ khẩu"):
        its own words and those a synonym turns into it, not the events and circumstances told around
        it; the message's phrase when no word names it."""
        joined, starts = _join(list(self.kept))
        context = context_words()
        naming = {
            position
            for position, (word, _) in enumerate(self.kept)
            if word in name_terms and word not in _NOT_NAMING and word not in context
        }
        for match in synonym_pattern().finditer(joined):
            phrase = match.group(1)
            if phrase not in events() and name_terms & set(synonyms()[phrase].split()):
                naming.update(_covered(starts, match.start(1), match.end(1)))
        if not naming:
            return self.phrase
        first, last = _densest_stretch(sorted(naming))
        # The name's common words next to it belong to it ("cấp" in "cấp lại thẻ căn cước").
        while first > 0 and self.kept[first - 1][0] in name_terms:
            first -= 1
        while last + 1 < len(self.kept) and self.kept[last + 1][0] in name_terms:
            last += 1
        return " ".join(self.words[self.kept[first][1] : self.kept[last][1] + 1])


def understand(text: str, fix: Callable[[str, str, str], str] | None = None) -> Question:
    """The aspect asked and the procedure phrase of a message (either may be empty). ``fix`` turns a
    mistyped folded word, between the words before and after it, into the word meant
    (``motcua.catalogue.typos``); a capitalised word inside the message names a place or a person and
    is left as typed."""
    text = nfc(text or "")
    words = _WORD.findall(text)
    sentences = _sentence_of_words(text)
    typed = [_AGE_SHORTHAND.sub(r"\1 tuổi", word.lower()) for word in words]
    respelled = [(word, part, source) for word, source in respell_with_sources(typed) for part in fold(word).split()]
    tokens = [(part, source) for _, part, source in respelled]
    if fix is not None:
        for position, (word, source) in enumerate(tokens):
            # A name, and a real word typed with its accents ("nhựa": no catalogue word, but no typo of
            # "thừa"), stay as typed; a respelled word ("mún" → "muốn") is judged as respelled.
            if not _named(words, source) and not accented_syllable(respelled[position][0]):
                before = tokens[position - 1][0] if position else ""
                after = tokens[position + 1][0] if position + 1 < len(tokens) else ""
                tokens[position] = (fix(word, before, after), source)
    # A fix may give several words for one typed word ("gpkd" → "giay phep kinh doanh"): each is a token
    # of its own, from the same typed word, so positions in the joined words stay token positions.
    tokens = [(part, source) for word, source in tokens for part in word.split()]
    joined, starts = _join(tokens)
    # Words of a citizen phrase the synonyms know ("luật sư miễn phí", "đổi họ") stay for the search,
    # though alone they would be an aspect ("miễn phí") or grammar ("họ": they).
    protected = {
        position
        for match in synonym_pattern().finditer(joined)
        if " " in match.group(1)
        for position in _covered(starts, match.start(1), match.end(1))
    }
    asked: set[str] = set()
    dropped: set[int] = set()
    # Tried at every word, not left to right only: in "nộp ở đâu" both "nộp ở" and "ở đâu" are asked.
    for start in starts:
        match = _aspect_pattern().match(joined, start)
        if match:
            asked.add(aspect_phrases()[match.group(1)])
            dropped.update(set(_covered(starts, match.start(1), match.end(1))) - protected)
    kept = [position for position in range(len(tokens)) if position not in dropped]
    # What the search reads: the kept words but for the grammar ("thì", "giờ"), which folding would turn
    # into catalogue words ("đó thì" → "đô thị"); words of a stop phrase stay for it to be found whole
    # ("thế nào").
    stopped = _stop_phrase_positions([tokens[position] for position in kept])
    searched = [
        position
        for index, position in enumerate(kept)
        if (index in stopped or position in protected or not _function_word(typed[tokens[position][1]]))
        and not _MEASURE.match(tokens[position][0])
    ]
    folded = " ".join(tokens[position][0] for position in searched)
    sources = sorted({tokens[position][1] for position in _trim_fillers(kept, tokens)})
    aspect = next((aspect for aspect in ASPECT_ORDER if aspect in asked), None)
    phrase = " ".join(words[source] for source in sources)
    asking = _asking_sentences(text, sentences, tokens, dropped, words)
    request = ""
    if 0 < len(asking) < len(set(sentences)):
        request = " ".join(tokens[position][0] for position in searched if sentences[tokens[position][1]] in asking)
    kept_tokens = tuple(tokens[position] for position in kept)
    actions = _actions(typed, {tokens[position][1] for position in dropped}, sentences, asking if request else None)
    clauses = _request_clauses(text, typed, [tokens[position] for position in searched], sentences)
    named = _named_words(words, tokens, sentences)
    implied = circumstance_words([word for word, _ in respell_with_sources(typed)])
    return Question(aspect, phrase, folded, tuple(words), kept_tokens, request, actions, clauses, named, implied)


def _named_words(words: list[str], tokens: list[tuple[str, int]], sentences: list[int]) -> frozenset[str]:
    starts = {index for index in range(len(words)) if index == 0 or sentences[index] != sentences[index - 1]}
    vocabulary = _known_names()
    named = set()
    for word, source in tokens:
        typed = words[source]
        if source in starts or not typed[:1].isupper() or typed.isupper() or typed.lower() in vocabulary:
            continue
        named.add(word)
    return frozenset(named)


@cache
def _known_names() -> frozenset[str]:
    """Words (lower case, with diacritics) of capitalised names the vocabularies read: the countries
    ("Hàn", "Hoa Kỳ") and "Việt Nam"."""
    words = {word for line in data_lines("countries.txt") for word in nfc(line).lower().split()}
    words |= {fold(word) for word in words} | {"việt", "nam", "viet"}
    return frozenset(words)


def _request_clauses(
    text: str, typed: list[str], tokens: list[tuple[str, int]], sentences: list[int]
) -> tuple[tuple[str, tuple[tuple[str, float], ...]], ...]:
    """The clauses after a request word ("muốn", "cần", "xin"…), each up to the next comma, sentence end
    or joining word ("nhưng", "vì", "thì"…); folded, with the actions asked in each."""
    breaks = _clause_breaks(text)
    clauses = []
    current: list[tuple[str, int]] | None = None
    previous = -1
    for word, source in tokens:
        if (
            current is not None
            and source != previous
            and (sentences[source] != sentences[previous] or previous in breaks or typed[source] in _CLAUSE_WORDS)
        ):
            clauses.append(current)
            # a purpose right after a request still asks: "cần giấy tờ gì để sang tên"
            current = [] if typed[source] in _PURPOSE_WORDS and sentences[source] == sentences[previous] else None
        if _requests(typed, source):
            if current:
                clauses.append(current)
            current = []
        elif current is not None:
            current.append((word, source))
        previous = source
    if current:
        clauses.append(current)
    out = []
    for clause in clauses:
        if not clause:
            continue
        sources = sorted({source for _, source in clause})
        respelled = [word for word, source in respell_with_sources([typed[s] for s in sources])]
        found = asked_actions(respelled)
        out.append((" ".join(word for word, _ in clause), tuple(sorted(found.items()))))
    return tuple(out)


def _requests(typed: list[str], source: int) -> bool:
    """Whether the typed word asks for what follows ("muốn", "cần"; "can" typed bare, unless it is the
    "căn" of "căn cước", "căn hộ")."""
    word = typed[source]
    if word == "can":
        following = typed[source + 1] if source + 1 < len(typed) else ""
        return following not in _CAN_NOUNS
    return word in _REQUEST_VERBS


def _clause_breaks(text: str) -> set[int]:
    """Indexes of the words followed by a comma, a sentence end or a dash."""
    ends = set()
    matches = list(_WORD.finditer(text))
    for index, (match, following) in enumerate(zip(matches, matches[1:], strict=False)):
        if re.search(r"[,.;:?!()\-–]", text[match.end() : following.start()]):
            ends.add(index)
    return ends


def _actions(
    typed: list[str], aspect_words: set[int], sentences: list[int], asking: set[int] | None
) -> tuple[tuple[str, float], ...]:
    """The actions asked: in the asking sentences of a story when they say one, else in the message."""
    respelled = respell_with_sources(typed)
    everywhere = [None if source in aspect_words else word for word, source in respelled]
    if asking:
        in_request = [
            word if sentences[source] in asking else None
            for word, (_, source) in zip(everywhere, respelled, strict=True)
        ]
        found = asked_actions(in_request)
        if found:
            return tuple(sorted(found.items()))
    return tuple(sorted(asked_actions(everywhere).items()))


def _stop_phrase_positions(tokens: list[tuple[str, int]]) -> set[int]:
    joined, starts = _join(tokens)
    covered: set[int] = set()
    for match in stop_pattern().finditer(joined):
        covered.update(_covered(starts, match.start(1), match.end(1)))
    return covered


def _function_word(typed: str) -> bool:
    """Whether a typed word (lower case) is grammar only (``data/function_words.txt``): typed with its
    diacritics, or without them where the list says the bare form is hardly anything else."""
    exact, bare = _function_words()
    return typed in exact or typed in bare


@cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    exact, bare = set(), set()
    for line in data_lines("function_words.txt"):
        word, _, mark = line.partition("\t")
        word = nfc(word.strip()).lower()
        exact.add(word)
        if mark.strip() == "*":
            bare.add(fold(word))
    return frozenset(exact), frozenset(bare)


def _sentence_of_words(text: str) -> list[int]:
    """The sentence each word of ``text`` is in (a sentence ends at ".", "?", "!", ";" or a new line
    followed by a space or the end: "TP.HCM" is one word)."""
    sentences, sentence, previous_end = [], 0, 0
    for match in _WORD.finditer(text):
        if _SENTENCE_END.search(text, previous_end, match.start()):
            sentence += 1
        sentences.append(sentence)
        previous_end = match.end()
    return sentences


def _asking_sentences(
    text: str, sentences: list[int], tokens: list[tuple[str, int]], dropped: set[int], words: list[str]
) -> set[int]:
    """Sentences that ask something: they end with a question mark, hold a request word, or an aspect.
    Request words are read as typed: folded, "hỏi" (ask) would also be "Hồi trước" (back then)."""
    asking = {sentences[tokens[position][1]] for position in dropped}
    asking.update(sentences[source] for source, word in enumerate(words) if word.lower() in _REQUEST_WORDS)
    joined = " ".join(word for word, _ in tokens)
    for phrase in _REQUEST_PHRASES:
        start = joined.find(f"{phrase} ")
        if start >= 0 or joined.endswith(phrase):
            start = start if start >= 0 else len(joined) - len(phrase)
            asking.add(sentences[tokens[joined[:start].count(" ")][1]])
    questions = [match.start() for match in re.finditer(r"\?", text)]
    for position, match in enumerate(_WORD.finditer(text)):
        following = next((q for q in questions if q >= match.end()), None)
        if following is not None and not _SENTENCE_END.search(text, match.end(), following):
            asking.add(sentences[position])
    return asking


def _named(words: list[str], source: int) -> bool:
    return source > 0 and words[source][:1].isupper()


@cache
def aspect_phrases() -> dict[str, str]:
    """Folded phrase → aspect it asks, from ``data/aspects.tsv``."""
    rules = {}
    for line in data_lines("aspects.tsv"):
        aspect, _, phrase = line.partition("\t")
        if aspect not in ASPECTS:
            raise ValueError(f"{DATA / 'aspects.tsv'}: unknown aspect {aspect!r}")
        if fold(phrase):
            rules.setdefault(fold(phrase), aspect)
    return rules


def _densest_stretch(positions: list[int]) -> tuple[int, int]:
    """The first and last of the largest group of positions no more than ``_GAP`` apart (the later
    group on a tie: a question names its procedure after telling its story)."""
    groups: list[list[int]] = [[positions[0]]]
    for position in positions[1:]:
        if position - groups[-1][-1] <= _GAP:
            groups[-1].append(position)
        else:
            groups.append([position])
    best = max(reversed(groups), key=len)
    return best[0], best[-1]


@cache
def _aspect_pattern() -> re.Pattern:
    return phrase_pattern(aspect_phrases())


def _join(tokens: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """The folded words joined by spaces, and where each word starts in that string."""
    starts, offset = [], 0
    for word, _ in tokens:
        starts.append(offset)
        offset += len(word) + 1
    return " ".join(word for word, _ in tokens), starts


def _covered(starts: list[int], begin: int, end: int) -> range:
    first = starts.index(begin)
    last = first
    while last + 1 < len(starts) and starts[last + 1] < end:
        last += 1
    return range(first, last + 1)


def _trim_fillers(kept: list[int], tokens: list[tuple[str, int]]) -> list[int]:
    """Drop fillers ("cho mình hỏi", "ạ", "vậy", ``data/stopwords.txt``) at both ends, so the phrase
    reads as a procedure name; inside it they stay (the search ignores them)."""
    joined, starts = _join([tokens[position] for position in kept])
    filler: set[int] = set()
    for match in stop_pattern().finditer(joined):
        filler.update(_covered(starts, match.start(1), match.end(1)))
    filler.update(position for position, index in enumerate(kept) if tokens[index][0] in _EDGE_FILLERS)
    for match in synonym_pattern().finditer(joined):
        filler.difference_update(_covered(starts, match.start(1), match.end(1)))  # "bản sao", "giấy tờ nhà"
    first, last = 0, len(kept)
    while first < last and first in filler:
        first += 1
    while last > first and last - 1 in filler:
        last -= 1
    return kept[first:last]


def term_weights(
    words: list[str],
    told: frozenset[str] = frozenset(),
    shares: list[float] | None = None,
    gaps: list[bool] | None = None,
    named: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Search terms (words and adjacent pairs) → their share of the query's meaning. Circumstances
    (``data/context_words.txt``: family, places, times, "đi làm", "du lịch") count least, the procedure a
    life event leads to (``told``, from ``data/events.tsv``) less than the words that name a procedure,
    so a long story is searched for the procedure it asks, not for its setting. ``shares``: each word's
    share of a typed word (``motcua.catalogue.vocabulary.catalogue_terms_with_shares``); it scales the
    pairs inside a short form's expansion, whose words already said it ("tnhh": 4 words and 3 pairs
    outweighed the "giải thể" asked). ``gaps``: whether a stop phrase stood before each word; no pair
    is made across one. ``named``: words of the names of people and places told (``Question.named``),
    circumstances too."""
    context = context_words() | named
    shares = shares or [1.0] * len(words)
    gaps = gaps or [False] * len(words)
    weights: dict[str, float] = {}
    for word in words:
        weight = CONTEXT_WEIGHT if word in context else EVENT_WEIGHT if word in told else 1.0
        weights[word] = max(weights.get(word, 0.0), weight)
    pairs = zip(zip(words, words[1:], strict=False), map(min, shares, shares[1:]), gaps[1:], strict=False)
    for (first, second), share, gap in pairs:
        if gap:
            if not PAIRS_ACROSS_GAPS:
                continue
            share *= PAIRS_ACROSS_GAPS
        pair = f"{first} {second}"
        if pair in context or first in context or second in context:
            weight = CONTEXT_WEIGHT
        else:
            weight = EVENT_WEIGHT if (first in told or second in told) else 1.0
        weights[pair] = max(weights.get(pair, 0.0), weight * share)
    for phrase in _context_phrases(words):
        for word in phrase.split():
            weights[word] = min(weights.get(word, CONTEXT_WEIGHT), CONTEXT_WEIGHT)
    return weights


def age_thresholds(folded_names: list[str]) -> tuple[int, ...]:
    """The ages procedure names draw a line at ("dưới 14 tuổi", "từ đủ 14 tuổi"), ascending."""
    return tuple(sorted({int(age) for name in folded_names for age in _AGE_IN_NAME.findall(name)}))


def with_ages(words: list[str], thresholds: tuple[int, ...]) -> list[str]:
    """Words with "N tuổi" also said the way names say it: a 15-year-old is "đủ 14 tuổi" and "dưới 16
    tuổi" when the catalogue draws its lines at 14 and 16 (only the nearest line on each side)."""
    out = []
    for position, word in enumerate(words):
        if word in _EXACT_AGE and words[position + 1 : position + 3][-1:] == ["tuoi"] and words[position + 1].isdigit():
            word = "du"  # "tròn 14 tuổi", "đúng 14 tuổi": "đủ 14 tuổi", and not under it
        out.append(word)
        said = position > 0 and out[-2] in _AGE_QUALIFIERS  # "dưới 14 tuổi" is already said
        if word.isdigit() and not said and position + 1 < len(words) and words[position + 1] == "tuoi":
            age = int(word)
            below = [t for t in thresholds if t <= age]
            above = [t for t in thresholds if t > age]
            if below:
                out += ["du", str(below[-1]), "tuoi"]
            if above:
                out += ["duoi", str(above[0]), "tuoi"]
    return out


CONTEXT_WEIGHT = 0.35
# A pair of words that a stop phrase stood between counts this much.
PAIRS_ACROSS_GAPS = 0.0
# A word only told in the background of a story, not in a sentence that asks.
BACKGROUND_WEIGHT = 0.3
_SENTENCE_END = re.compile(r"[.?!;\n](?=\s|$)")
_REQUEST_WORDS = frozenset(("muốn", "muon", "mún", "xin", "hỏi"))
# Words after which a message says what it asks for, and those that end a clause.
_REQUEST_VERBS = frozenset(("muốn", "muon", "mún", "cần", "xin", "định", "phải", "phai", "nhờ", "tính"))
_CAN_NOUNS = frozenset(("cuoc", "ho", "nha", "phong", "cu", "cuoc cong"))
_PURPOSE_WORDS = frozenset(("để", "de"))
_CLAUSE_WORDS = frozenset(("nhưng", "mà", "vì", "nên", "thì", "để", "de", "khi", "nếu", "neu"))
_REQUEST_PHRASES = ("the nao", "lam sao", "ra sao", "phai lam", "duoc khong", "can lam", "lam gi")
EVENT_WEIGHT = 0.5
# "14t", "14tuổi": an age typed in one word.
# Words naming a procedure at most this far apart belong to one phrase ("làm lại thẻ bảo hiểm y tế").
_GAP = 3
# Words that are in many names but never name a procedure alone.
_NOT_NAMING = frozenset(("cho", "nguoi", "o", "tai", "cua", "con", "cap", "lam", "giay", "so"))
# A measurement typed in one word ("200m2", "3ha", "25tr"): a quantity told, which would otherwise split the
# phrase it stands in ("chuyển 200m2 đất vườn lên thổ cư") and which no name holds.
_MEASURE = re.compile(r"^\d+(?:[.,]\d+)?[a-z]+\d?$")
_AGE_SHORTHAND = re.compile(r"^(\d{1,2})(?:t|tuổi|tuoi)$")
_AGE_QUALIFIERS = frozenset(("duoi", "du", "tren", "den", "qua"))
_EXACT_AGE = frozenset(("tron", "dung"))
_AGE_IN_NAME = re.compile(r"(?:duoi|du|tren|den) (\d{1,2}) tuoi")


@cache
def context_words() -> frozenset[str]:
    """Folded words and phrases of circumstances, from ``data/context_words.txt``."""
    return frozenset(fold(line) for line in data_lines("context_words.txt") if fold(line))


def _context_phrases(words: list[str]) -> list[str]:
    joined = " " + " ".join(words) + " "
    return [phrase for phrase in context_words() if " " in phrase and f" {phrase} " in joined]
