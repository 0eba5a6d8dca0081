"""Tra cứu thủ tục — rank procedures for a citizen's query, the way citizens type it.

An in-memory inverted index (BM25 over folded words and word pairs of the procedure name, with the
field and result documents at a lower weight) is built once per process and database, and rebuilt
when the catalogue changes (a cheap count / last-update check per query), so a query costs a few
dictionary look-ups instead of a scan. Ranking then prefers procedures of the centre's own level and
the general procedure over its special cases ("có yếu tố nước ngoài", "lưu động", …) unless the query
asks for them.
"""

from __future__ import annotations

import heapq
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.catalogue import asked as asked_by_citizens
from motcua.catalogue import bm25
from motcua.catalogue.actions import action_phrases
from motcua.catalogue.initialisms import Initialisms
from motcua.catalogue.models import Procedure
from motcua.catalogue.query import (
    BACKGROUND_WEIGHT,
    age_thresholds,
    aspect_phrases,
    context_words,
    term_weights,
    understand,
    with_ages,
)
from motcua.catalogue.ranking import base_name, prior, profiles
from motcua.catalogue.typos import TypoFixer
from motcua.catalogue.vocabulary import (
    FoldedName,
    catalogue_terms_with_gaps,
    catalogue_terms_with_shares,
    data_lines,
    document_terms,
    fold_name,
    folded_document_terms,
    keep_phrases,
    respellings,
    stop_phrases,
    synonyms,
    with_bigrams,
)
from motcua.text import fold, syllable_shaped

MAX_QUERY_LENGTH = 500
# Secondary texts count less than the name: they help when the name uses other words.
_FIELD_WEIGHT, _RESULT_WEIGHT = 0.3, 0.3
# The words of a name after its first qualifier (motcua.catalogue.vocabulary.fold_name) count less, so
# a long list of cases neither dilutes the head nor outweighs a shorter name.
_TAIL_WEIGHT = 0.5
# How much a name's head said in full counts (motcua.catalogue.search.CatalogueIndex._fit).
_PRECISION = 0.15
# Only this many best raw scores get the priors of motcua.catalogue.ranking (they never lift a weak
# match past a strong one by more than their ratio, so deeper hits cannot reach the top).
_RERANKED = 60
# A word in more than this share of the catalogue only refines matches found by rarer words, once
# there are this many of them.
_COMMON_SHARE = 0.05
_ENOUGH_CANDIDATES = 20
# Match verdict, calibrated on dev and dev2 together (bench/catalogue.py --tune prints the confusion). A
# confident wrong answer costs more than a "did you mean" button, so "strong" needs one of:
# - the name holds nearly all the query's meaning (coverage), or
# - the query said a fair part of the name's head (precision) AND no different procedure comes within
#   15 % of it (lead: the rival's score over the first's). Near-ties between different procedures
#   were the confident wrong answers of fresh questions (dev2: 12 % strong-wrong before, 3 % after).
# "none" when the query said little of the name and the name holds little of the query; else "weak".
_STRONG_COVERAGE = 0.9
_CLEAR_PRECISION, _CLEAR_LEAD = 0.4, 0.85
# - or, far ahead of every other procedure (the rival under 60 % of it), the query said less of a long
#   name's head ("lý lịch tư pháp" of "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài
#   đang cư trú …"): dev + dev2, 7 more right answers strong and none wrong.
_FAR_PRECISION, _FAR_LEAD = 0.3, 0.6
_NONE_PRECISION, _NONE_COVERAGE = 0.3, 0.5
# A sibling the query says nothing more of than of the first ("… công trình cấp đặc biệt" beside "… cấp III,
# cấp IV"; "cho người dưới 14 tuổi" beside "từ đủ 14 tuổi"; ``CatalogueIndex._sibling``) is no rival for
# the clear-lead rule when the first's name holds at least this share of the query's meaning: a name
# explaining little of it ("chứng chỉ hành nghề thú y" for a doctor's licence, "… tài khoản" for a SIM
# card) stays in doubt whatever its siblings say. Dev + dev2 through the assistant's decision: direct
# answers 85.6 → 94.1 % and 75.0 → 84.0 %, wrong answers and confident answers to questions the catalogue
# does not cover unchanged (0 and 2.5 %; 2 of 28); at 0.35, 2 points more direct but 3 more wrong.
_SIBLING_COVERAGE = 0.6
# … or when the query says (nearly) all of the first's name head ("thi bằng lái xe" of "Cấp giấy phép lái
# xe") and its name still holds a fair part of the query (not "Cấp giấy phép hành nghề …" of a dentist's
# licence, where "bác sĩ nha khoa" is what was asked): dev + dev2, 2 more direct answers, none wrong.
_SIBLING_PRECISION, _SIBLING_FLOOR = 0.9, 0.4
# A word in more than this share of the catalogue's names ("ký", "đủ") gives no grounds to prefer a sibling
# (dev2: 3 more direct answers, none wrong; 5 %, one wrong more on dev: "đất" is grounds).
_EVIDENCE_SHARE = 0.1
# A name holding all of a short query's few common words ("tiền", "điện") but saying much else is no
# strong match by coverage alone: it must also have been named in part.
_COVERAGE_PRECISION = 0.25
# Foreign words ("karaoke", "gym", "wifi") in a message mostly in Vietnamese name what it is about, and
# the catalogue does not know them: the best hit can at most be offered (weak). A message with more
# than this share of words shaped like no Vietnamese syllable is in another language: not judged so.
_FOREIGN_SHARE = 1 / 3
# What a long message says outside the clause that asks ("muốn tách thành hộ riêng", "cần … để sang
# tên") counts this much (motcua.catalogue.query.Question.clauses).
_CLAUSE_WEIGHT = 0.5
_VOWEL = re.compile(r"[aeiouy]")
_CODE = re.compile(r"^\d{1,2}\.\d{6}$")


@dataclass(frozen=True)
class Hit:
    """One ranked procedure."""

    code: str
    name: str
    levels: tuple[str, ...]
    field: str
    score: float

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "levels": list(self.levels),
            "field": self.field,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class SearchResult:
    """Ranked procedures, how many matched at all, how sure the first one is (``match``: "strong" — answer
    it, "weak" — offer the items as choices, "none" — nothing close), and what the message asked
    (``aspect``) about which words (``phrase``), from ``motcua.catalogue.query``."""

    items: list[Hit]
    total: int
    match: str = "none"
    aspect: str | None = None
    phrase: str = ""


class CatalogueIndex:
    """BM25 postings over the whole catalogue; immutable once built, so threads can share it.

    Built from rows (code, name, levels, field, target groups, results[, ministry]) and the questions
    citizens asked for them (``motcua.catalogue.asked``; the shipped ones unless given: the benchmark
    leaves out the set it reads)."""

    def __init__(self, procedures: list[tuple], asked: tuple[tuple[str, str], ...] | None = None) -> None:
        names = [fold_name(row[1]) for row in procedures]
        folded_names = [name.full for name in names]
        self.entries = [Hit(row[0], row[1], tuple(row[2]), row[3], 0.0) for row in procedures]
        self._profiles = profiles(procedures, names)
        documents = [_term_frequencies(name, row[3], row[5]) for name, row in zip(names, procedures, strict=True)]
        self._postings = bm25.postings(documents)
        self._name_terms = [frozenset(folded_document_terms(name.full)) for name in names]
        self._head_terms = [frozenset(folded_document_terms(name.head)) for name in names]
        count = len(self.entries)
        self._idf = {term: bm25.idf(count, len(postings)) for term, postings in self._postings.items()}
        # A word the catalogue never uses weighs like a rare one: "drone" in a question is meaning the
        # catalogue cannot match, not noise.
        self._unknown_idf = bm25.idf(count, 1)
        self._common = count * _COMMON_SHARE
        self._weights = {
            term: dict(postings) for term, postings in self._postings.items() if len(postings) > self._common
        }
        self._by_code = {entry.code: index for index, entry in enumerate(self.entries)}
        self._head_weights = [sum(self._idf[term] for term in head) or 1.0 for head in self._head_terms]
        self._ages = age_thresholds(folded_names)
        self._bases = [base_name(name) for name in folded_names]
        # Built on the first message typing an unknown short form ("gpkd"): most never do.
        self._folded_names = folded_names
        self._initialisms: Initialisms | None = None
        self._vocabulary = _vocabulary_words()
        self._typos = TypoFixer(
            {term for term in self._postings if " " not in term} | self._vocabulary,
            {term: len(postings) for term, postings in self._postings.items()},
        )
        rows = asked_by_citizens.asked_questions() if asked is None else asked
        families: dict[str, list[int]] = defaultdict(list)
        for index, base in enumerate(self._bases):
            families[base].append(index)
        positions = {entry.code: tuple(families[self._bases[index]]) for index, entry in enumerate(self.entries)}
        # The questions read as queries are the same for the same catalogue: kept across rebuilds (a test
        # run or a worker rebuilding after an unrelated catalogue change reads them once, not each time).
        read = _QUESTIONS_READ.setdefault(hash((tuple(folded_names), tuple(row[3] for row in procedures))), {})
        if len(_QUESTIONS_READ) > _CATALOGUES_KEPT:
            _QUESTIONS_READ.pop(next(iter(_QUESTIONS_READ)))

        def weigh(text: str) -> dict[str, float]:
            if text not in read:
                read[text] = self._question_weights(text)
            return read[text]

        self._asked = asked_by_citizens.AskedIndex(rows, positions, weigh)

    def search(self, query: str, limit: int = 10, level: str | None = None) -> SearchResult:
        code = query.strip()
        if _CODE.match(code) and code in self._by_code:
            entry = self.entries[self._by_code[code]]
            return SearchResult([_scored(entry, 1.0)], 1, "strong", None, entry.name)
        question = understand(query, self._fix_word)
        words, told, shares, gaps = catalogue_terms_with_gaps(question.folded)
        aged = with_ages(words, self._ages)
        shares += [1.0] * (len(aged) - len(words))
        gaps += [False] * (len(aged) - len(words))
        words = aged
        weights = term_weights(words, told, shares, gaps, question.named | question.implied)
        # A story's asking sentences lead only when they name something of the catalogue ("Thủ tục thế
        # nào?" and an English "What is the procedure?" do not: then the whole message is the question).
        request = question.request if self._names_something(question.request) else ""
        if request:
            weights = _background_weighed(weights, request, self._ages)
        actions = question.actions
        core = next((clause for clause in question.clauses if self._names_something(_without_actions(clause[0]))), None)
        if core is not None and _CLAUSE_WEIGHT < 1:
            weights = _background_weighed(weights, core[0], self._ages, _CLAUSE_WEIGHT)
            actions = core[1] or actions
        weights = _with_domains(weights, question.folded, actions)
        action_words = _action_words(words)
        scores = self._scores(weights)
        # The variants a query asks for ("người Hàn": có yếu tố nước ngoài) are read in the sentences
        # that ask: a foreign country in a story's background ("chồng đang làm việc ở Đài Loan") does
        # not make the birth registration asked for a foreign one.
        asked_words = " " + " ".join(words) + " " + question.folded + " "
        if request:
            asked_words = " " + " ".join(catalogue_terms_with_shares(request)[0]) + f" {request} "
        # How citizens asked for each procedure before (motcua.catalogue.asked): what finds a story's need
        # when its words are no procedure's name. It counts more the longer the message (asked_by_citizens.share).
        factor = asked_by_citizens.share(len(words))
        asked_scores = self._asked.scores(weights) if factor else {}
        named = self._rank(scores, weights, level, asked_words, actions) if asked_scores else []
        for index, score in asked_scores.items():
            scores[index] = scores.get(index, 0.0) + factor * score
        if factor:
            # A procedure nobody asked about cannot gain what the others gain from how they were asked: its
            # name score is raised by as much (asked_by_citizens.UNASKED), so it still wins on its own words.
            unasked = 1 + asked_by_citizens.UNASKED * factor / asked_by_citizens.WEIGHT
            for index in scores:
                if index not in self._asked.covered:
                    scores[index] *= unasked
        ranked = self._rank(scores, weights, level, asked_words, actions)
        items = [_scored(self.entries[index], score) for score, index in ranked[:limit]]
        match = self._match(weights, ranked, action_words)
        if ranked and asked_by_citizens.vouches(asked_scores, ranked[0][1], weights):
            match = "strong"
        elif match == "none" and ranked and asked_by_citizens.suggests(asked_scores, ranked[0][1], weights):
            # Its words name nothing, but citizens who asked the same way meant this one: offered, not answered.
            match = "weak"
        elif (
            match == "strong"
            and named
            and named[0][1] != ranked[0][1]
            and self._match(weights, named, action_words) == "strong"
            and not self._sibling(weights, named[0][1], ranked[0][1])
        ):
            # How citizens asked moved another procedure first, against one the words clearly named:
            # the two disagree, so the first is offered, not answered. (Keeping the named one first instead
            # was tried: cross-validated, 6 to 16 more confident wrong answers per tuning set.)
            match = "weak"
        if (
            match == "strong"
            and factor >= asked_by_citizens.WEIGHT
            and asked_scores
            and self._bases[asked_by_citizens.leader(asked_scores)] != self._bases[ranked[0][1]]
        ):
            # A story (a long message) is answered only when how citizens asked agrees: when they asked this way
            # for another procedure, the story's words may name the wrong one (a paper it holds, a step before).
            # Cross-validated (bench/catalogue.py --tune): 49 fewer confident wrong answers over the tuning sets
            # for 39 fewer confident right ones (those are offered as choices); from 11 words on, 30 more right
            # ones lost for 7 fewer wrong.
            match = "weak"
        if match == "strong" and self._foreign_subject(question):
            match = "weak"
        phrase = question.phrase_for(self._name_terms[ranked[0][1]]) if match != "none" else question.phrase
        return SearchResult(items, len(scores), match, question.aspect, phrase)

    def _rank(
        self, scores: dict[int, float], weights: dict[str, float], level: str | None, asked: str, actions: tuple
    ) -> list[tuple[float, int]]:
        """The best text scores with the priors of motcua.catalogue.ranking applied, best first."""
        best = heapq.nlargest(_RERANKED, scores.items(), key=lambda pair: pair[1])
        return sorted(
            (
                (score * prior(self._profiles[index], level, asked, actions) * self._fit(weights, index), index)
                for index, score in best
            ),
            key=lambda pair: (-pair[0], self.entries[pair[1]].code),
        )

    def _question_weights(self, text: str) -> dict[str, float]:
        """A past question's terms weighed as a query's are (circumstances and named people and places
        less), without a story's request weighting: the whole question is how the procedure was asked."""
        question = understand(text, self._fix_word)
        words, told, shares, gaps = catalogue_terms_with_gaps(question.folded)
        return term_weights(words, told, shares, gaps, question.named | question.implied)

    def _fix_word(self, word: str, before: str, after: str) -> str:
        """A typed folded word as the catalogue says it: an unknown short form of initials expanded
        ("gpkd" → "giay phep kinh doanh", ``motcua.catalogue.initialisms``; kept beside its expansion when
        a name also writes it so), else a typo fixed. The vocabularies' own short forms ("bhyt", "cmnd")
        are theirs to expand."""
        if word not in self._vocabulary:
            if self._initialisms is None:
                self._initialisms = Initialisms(self._folded_names)
            expanded = self._initialisms.expand(word)
            if expanded:
                return f"{word} {expanded}" if self._typos.knows(word) else expanded
        return self._typos.fix(word, before, after)

    def _foreign_subject(self, question) -> bool:
        """Whether the message, mostly in Vietnamese, names its subject with a word neither the catalogue
        nor the vocabularies know and that no Vietnamese word is: shaped like no syllable ("karaoke",
        "wifi", "nail"), or typed bare in a message otherwise typed with its diacritics ("gym"). Names
        (capitalised), short forms in capitals and words with digits ("B2") are not such words."""
        typed = [word for word in question.words if word.isalpha() and _VOWEL.search(fold(word))]
        accented = any(word != fold(word) for word in typed)
        # in another language (an English question): most words are shaped like no Vietnamese syllable
        if sum(not syllable_shaped(fold(word)) for word in typed) > len(typed) * _FOREIGN_SHARE:
            return False
        foreign = 0
        for word, source in question.kept:
            raw = question.words[source]
            if raw != raw.lower() or not raw.isalpha() or word in self._postings or word in self._vocabulary:
                continue
            # a word of no vowel is a short form or teen code ("sv", "cchn"), not a foreign name
            if _VOWEL.search(word) and (not syllable_shaped(word) or (accented and raw == word)):
                foreign += 1
        return foreign > 0

    def _names_something(self, folded: str) -> bool:
        """Whether folded text holds a catalogue word that is not among the most common ones ("thủ tục",
        "cấp", "đăng ký": in more than a fifth of the catalogue)."""
        words = catalogue_terms_with_shares(folded)[0] if folded else []
        return any(0 < len(self._postings.get(word, ())) <= self._common * 4 for word in words)

    def _match(
        self, weights: dict[str, float], ranked: list[tuple[float, int]], action_words: dict[str, frozenset[str]]
    ) -> str:
        """How sure the first result is, from three measures: how much of the query's meaning its name
        holds (coverage), how much of its name's head the query said (precision), and how far it is
        ahead of the next different procedure (the same procedure at another level is no rival; nor, for
        the clear-lead rule, a sibling the query gives no grounds to prefer, ``_sibling``)."""
        if not ranked:
            return "none"
        first = ranked[0][1]
        coverage, precision = self._coverage(weights, first, action_words), self._precision(weights, first)
        rivals = [(score, index) for score, index in ranked[1:] if self._bases[index] != self._bases[first]]
        lead = _lead(ranked[0][0], rivals)
        if coverage >= _SIBLING_COVERAGE or (precision >= _SIBLING_PRECISION and coverage >= _SIBLING_FLOOR):
            lead_over_others = _lead(ranked[0][0], [r for r in rivals if not self._sibling(weights, r[1], first)])
        else:
            lead_over_others = lead
        if (
            (coverage >= _STRONG_COVERAGE and precision >= _COVERAGE_PRECISION)
            or (precision >= _CLEAR_PRECISION and lead_over_others < _CLEAR_LEAD)
            or (precision >= _FAR_PRECISION and lead < _FAR_LEAD)
        ):
            return "strong"
        if precision < _NONE_PRECISION and coverage < _NONE_COVERAGE:
            return "none"
        return "weak"

    def _sibling(self, weights: dict[str, float], other: int, first: int) -> bool:
        """Whether ``other`` is a sibling of the first result the query gives no grounds to prefer: the
        query says nothing of ``other``'s name that the first's does not say too ("Gia hạn giấy phép xây
        dựng" of "… đối với công trình cấp đặc biệt" beside "… cấp III, cấp IV"), but for words in many
        names ("ký" of "định kỳ", "đủ"), which are no grounds. Such a rival is no reason to doubt the
        first: the ranking's priors (the citizen's own version, the centre's level) already chose between
        the two."""
        own = self._name_terms[other] - self._name_terms[first]
        common = len(self.entries) * _EVIDENCE_SHARE
        return not any(
            word in own and len(self._postings.get(word, ())) <= common for word in weights if " " not in word
        )

    def _fit(self, weights: dict[str, float], index: int) -> float:
        """A name whose head the query says in full ("Gia hạn giấy phép xây dựng") beats one whose head
        says more than was asked ("Gia hạn giấy phép xây dựng, cải tạo, nâng cấp đường ngang")."""
        return 1 - _PRECISION + _PRECISION * self._precision(weights, index)

    def _precision(self, weights: dict[str, float], index: int) -> float:
        """The share of a name's head (its words weighted by rarity) that the query says."""
        said = sum(self._idf[term] for term in self._head_terms[index] if term in weights)
        return said / self._head_weights[index]

    def _coverage(
        self, weights: dict[str, float], index: int, action_words: dict[str, frozenset[str]] | None = None
    ) -> float:
        """The share of the query's meaning (its words weighted by rarity) the name holds. Numbers are
        left out, with their units ("3 tuổi", "100m2", "25tr"): they are quantities told, read by the age
        rule where they matter, and no name holds "3" or "100m2". The words of an action the procedure
        does are held too, in whatever words the query says it ("sửa", "ghi sai", "cải chính" of a name
        saying "điều chỉnh"): synonyms give a correction several wordings, and the name says one."""
        name_terms = self._name_terms[index]
        does = self._profiles[index].does
        if action_words:
            name_terms = name_terms | {word for word, actions in action_words.items() if actions & does}
        total = found = 0.0
        for word, weight in weights.items():
            if " " in word or word[:1].isdigit():
                continue
            weight *= self._idf.get(word, self._unknown_idf)
            total += weight
            if word in name_terms:
                found += weight
        return found / total if total else 0.0

    def _scores(self, weights: dict[str, float]) -> dict[int, float]:
        """BM25 sums, each term's weight times its share of the query's meaning. Rare terms first; a very
        common word ("cấp", "đăng", "giấy") then only adds to procedures already found by a rarer one,
        which keeps a query to a few hundred additions."""
        scores: dict[int, float] = {}
        for term in sorted(weights, key=lambda t: len(self._postings.get(t, ()))):
            postings = self._postings.get(term)
            if not postings:
                continue
            share = weights[term]
            if len(postings) > self._common and len(scores) >= _ENOUGH_CANDIDATES:
                common = self._weights[term]
                for index in scores:
                    weight = common.get(index)
                    if weight:
                        scores[index] += weight * share
                continue
            for index, weight in postings:
                scores[index] = scores.get(index, 0.0) + weight * share
        return scores


def search_procedures(session: Session, query: str, limit: int = 10, level: str | None = None) -> SearchResult:
    """Procedures best matching ``query`` (best first) and how many matched at all."""
    return catalogue_index(session).search(query, limit, level)


def catalogue_index(session: Session) -> CatalogueIndex:
    """The process's index for this database, rebuilt when procedures were added, removed or changed."""
    key = str(session.get_bind().url)
    signature = tuple(session.execute(select(func.count(Procedure.id), func.max(Procedure.updated_at))).one())
    cached = _INDEXES.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    with _LOCK:
        cached = _INDEXES.get(key)
        if cached and cached[0] == signature:
            return cached[1]
        index = CatalogueIndex(procedure_rows(session))
        _INDEXES[key] = (signature, index)
        return index


def procedure_rows(session: Session) -> list[tuple]:
    """The rows a ``CatalogueIndex`` is built from."""
    rows = session.execute(
        select(
            Procedure.code,
            Procedure.name,
            Procedure.levels,
            Procedure.field,
            Procedure.target_groups,
            Procedure.results,
            Procedure.ministry,
        )
    ).all()
    return [tuple(row) for row in rows]


_INDEXES: dict[str, tuple[tuple, CatalogueIndex]] = {}
# Asked questions already read as queries, per catalogue (the hash of its names and fields): see CatalogueIndex.
_QUESTIONS_READ: dict[int, dict[str, dict[str, float]]] = {}
_CATALOGUES_KEPT = 4
_LOCK = threading.Lock()


def _action_words(words: list[str]) -> dict[str, frozenset[str]]:
    """Each word of an action phrase among the search terms ("sửa", "cải chính", "làm lại"), with the
    actions the phrase may mean (motcua.catalogue.actions)."""
    found: dict[str, set[str]] = defaultdict(set)
    for start, size, actions in action_phrases(words):
        for word in words[start : start + size]:
            found[word].update(actions)
    return {word: frozenset(actions) for word, actions in found.items()}


def _lead(first: float, rivals: list[tuple[float, int]]) -> float:
    """The best rival's score over the first's (0 without a rival)."""
    if first <= 0:
        return 1.0
    return rivals[0][0] / first if rivals else 0.0


def _background_weighed(
    weights: dict[str, float], request: str, ages: tuple[int, ...], factor: float = BACKGROUND_WEIGHT
) -> dict[str, float]:
    """Terms said only in a story's background (not in a sentence that asks) count less: "đã đăng ký
    thường trú … Bây giờ tôi muốn đăng ký khai sinh" asks for the birth registration. When the asking
    sentences name no catalogue term ("Thủ tục thế nào?"), the background is all there is."""
    words, told, shares, gaps = catalogue_terms_with_gaps(request)
    asked = term_weights(words, told, shares, gaps)
    if not asked:
        return weights
    return {term: weight if term in asked else weight * factor for term, weight in weights.items()}


def _without_actions(folded: str) -> str:
    """Folded text without its action phrases ("muốn làm lại": "làm lại"): what is left names the thing
    a clause is about, if anything."""
    words = folded.split()
    for start, size, _ in action_phrases(words):
        words[start : start + size] = [""] * size
    return " ".join(word for word in words if word)


def _with_domains(weights: dict[str, float], folded: str, actions: tuple[tuple[str, float], ...]) -> dict[str, float]:
    """The domain's words added when the question asks to change or correct a paper it names
    (``data/document_domains.tsv``: a birth certificate's name corrected is a civil-status procedure,
    "hộ tịch"), each counting as much as a word said."""
    asked = {action for action, sureness in actions if sureness >= 1.0}
    padded = f" {folded} "
    added = [terms for wanted, paper, terms in document_domains() if asked & wanted and f" {paper} " in padded]
    if not added:
        return weights
    weights = dict(weights)
    for terms in added:
        for term in with_bigrams(terms.split()):
            weights[term] = max(weights.get(term, 0.0), 1.0)
    return weights


@cache
def document_domains() -> tuple[tuple[frozenset[str], str, str], ...]:
    """(actions, folded paper, folded domain words) of ``data/document_domains.tsv``."""
    rules = []
    for line in data_lines("document_domains.tsv"):
        actions, paper, terms = ([*line.split("\t"), "", ""])[:3]
        rules.append((frozenset(a.strip() for a in actions.split(",") if a.strip()), fold(paper), fold(terms)))
    return tuple(rules)


def _vocabulary_words() -> set[str]:
    """Every word the query vocabularies know (synonyms, fillers, aspects, circumstances, spellings):
    none of them is a typo, even when the catalogue itself never uses it."""
    phrases = [*synonyms(), *synonyms().values(), *stop_phrases(), *keep_phrases(), *context_words()]
    phrases += [*aspect_phrases(), *(fold(" ".join(standard)) for standard in respellings().values())]
    return {word for phrase in phrases for word in phrase.split()}


def _scored(entry: Hit, score: float) -> Hit:
    return Hit(entry.code, entry.name, entry.levels, entry.field, score)


def _term_frequencies(name: FoldedName, field: str, results: list[dict] | None) -> dict[str, float]:
    frequencies: dict[str, float] = defaultdict(float)
    for part, weight in ((name.head, 1.0), (name.tail, _TAIL_WEIGHT)):
        for term in with_bigrams(folded_document_terms(part)):
            frequencies[term] += weight
    for term in document_terms(field):
        frequencies[term] += _FIELD_WEIGHT
    for result in results or []:
        for term in set(document_terms(result.get("name", ""))):
            frequencies[term] += _RESULT_WEIGHT
    return frequencies
