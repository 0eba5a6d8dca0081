"""Cách hỏi đã học — wordings a manager attached to a procedure from the list of missed questions, used
by the catalogue search at once (no retraining, no restart; every app worker sees a new one at its next
search), then exported for review into the assistant's data files (``flask --app server export-learned``).

A search whose question has the same key as a learned wording (``masking.group_key``: folded, masked,
politeness left out), or contains a learned wording of three words or more, answers that procedure first
with ``match`` "strong": the assistant answers it as it answers a well-named procedure. The wordings are
read at each search (one small query): a new one counts at once in every app worker.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.assistant.masking import group_key
from motcua.assistant.models import LearnedPhrasing
from motcua.catalogue import get_procedure
from motcua.catalogue.search import Hit, SearchResult

# A learned wording this long also answers a longer question that contains it ("làm sổ đỏ lần đầu" in
# "làm sổ đỏ lần đầu mất bao nhiêu tiền"); a shorter one must be the whole question.
CONTAINED_WORDS = 3


def learned_code(session: Session, question: str) -> str | None:
    """The procedure a learned wording gives this question, or None."""
    key = group_key(question)
    if not key:
        return None
    wordings = _wordings(session)
    if key in wordings:
        return wordings[key]
    padded = f" {key} "
    contained = [phrase for phrase in wordings if len(phrase.split()) >= CONTAINED_WORDS and f" {phrase} " in padded]
    return wordings[max(contained, key=len)] if contained else None


def with_learned(session: Session, question: str, result: SearchResult, limit: int) -> SearchResult:
    """``result`` with the learned procedure first and a strong match, when a learned wording fits."""
    code = learned_code(session, question)
    procedure = get_procedure(session, code) if code else None
    if procedure is None:
        return result
    hit = Hit(procedure.code, procedure.name, tuple(procedure.levels or ()), procedure.field or "", 1.0)
    others = [item for item in result.items if item.code != procedure.code]
    items = [hit, *others][:limit]
    return SearchResult(items, max(result.total, 1), "strong", result.aspect, result.phrase or procedure.name)


def learn(session: Session, phrase: str, procedure_code: str, unit_id: int, by: str, at: datetime) -> LearnedPhrasing:
    """Attach ``phrase`` (masked) to ``procedure_code``; a wording learned before is moved. Not committed."""
    key = group_key(phrase)
    found = session.scalar(select(LearnedPhrasing).where(LearnedPhrasing.phrase_key == key))
    if found is None:
        found = LearnedPhrasing(phrase_key=key)
        session.add(found)
    found.phrase, found.procedure_code, found.unit_id, found.taught_by, found.taught_at = (
        phrase,
        procedure_code,
        unit_id,
        by,
        at,
    )
    session.flush()
    return found


def learned_phrasings(session: Session) -> list[LearnedPhrasing]:
    """Every learned wording, by procedure then wording (the export's order)."""
    return list(
        session.scalars(select(LearnedPhrasing).order_by(LearnedPhrasing.procedure_code, LearnedPhrasing.phrase_key))
    )


def export_nlu(session: Session) -> str:
    """The learned wordings as Rasa NLU training data (``nlu_data/nlu/*.yml``), one block per procedure
    under ``ask_procedure`` with the procedure named in a comment, for a reviewer to move where they fit."""
    lines = [
        'version: "3.1"',
        "# Cách hỏi đã học (flask --app server export-learned): to review. Move each example to the intent that",
        "# fits in nlu_data/nlu/catalogue.yml and its procedure to tests/data/catalogue_queries.tsv; personal",
        "# data was masked ([tên], [số điện thoại]…): reword such examples before they enter the data files.",
        "nlu:",
    ]
    for code, phrasings in _by_procedure(session).items():
        procedure = get_procedure(session, code)
        lines.append(f"  # {code} {procedure.name if procedure else '(không còn trong danh mục)'}")
        lines += ["  - intent: ask_procedure", "    examples: |"]
        lines += [f"      - {_one_line(phrasing.phrase)}" for phrasing in phrasings]
    return "\n".join(lines) + "\n"


def export_tsv(session: Session) -> str:
    """The learned wordings in the format of the search's quality set (``tests/data/catalogue_queries.tsv``:
    query, codes, level of the centre asking)."""
    rows = ["query\tcodes\tlevel"]
    rows += [f"{_one_line(phrasing.phrase)}\t{phrasing.procedure_code}\t" for phrasing in learned_phrasings(session)]
    return "\n".join(rows) + "\n"


def _by_procedure(session: Session) -> dict[str, list[LearnedPhrasing]]:
    grouped: dict[str, list[LearnedPhrasing]] = {}
    for phrasing in learned_phrasings(session):
        grouped.setdefault(phrasing.procedure_code, []).append(phrasing)
    return grouped


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _wordings(session: Session) -> dict[str, str]:
    """{key: procedure code}, read at each search: the table holds the few hundred wordings managers taught,
    and reading it whole is what makes a new one count at once in every worker (no cache to go stale)."""
    return dict(session.execute(select(LearnedPhrasing.phrase_key, LearnedPhrasing.procedure_code)).tuples().all())
