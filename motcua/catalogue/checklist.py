"""Thành phần hồ sơ in the order a citizen needs it: the application form, then the documents everyone
brings, then those needed only in some cases, then the notes.

The portal lists documents in the order its editors typed them, often edge cases first ("Trường hợp trẻ
em bị bỏ rơi…" before the birth-registration form); an assistant that shows the first few must show
what most citizens need. The order within each group is the portal's.
"""

from __future__ import annotations

import re

from motcua.text import fold

# A row that is the form to fill in: a file is attached, or its name says it is one.
_FORM_START = re.compile(r"^(?:to khai|phieu|don|mau|ban khai|van ban de nghi|giay de nghi|de nghi)\b")
# A row needed only in some cases: it starts with the case, or says "in case" / "if any".
_CONDITIONAL_START = re.compile(r"^(?:truong hop|trong truong hop|doi voi|neu|khi)\b")
_CONDITIONAL_ANYWHERE = re.compile(r"\b(?:trong truong hop|neu co|doi voi truong hop)\b")
FORM, REQUIRED, CONDITIONAL, NOTE = "form", "required", "conditional", "note"
_RANK = {FORM: 0, REQUIRED: 1, CONDITIONAL: 2, NOTE: 3}


def ordered_documents(documents: list[dict]) -> list[dict]:
    """The documents, each with its ``need`` ("form" | "required" | "conditional" | "note"), ordered by
    need and otherwise as published; a row repeated word for word (the same form listed under two
    cases) is shown once."""
    seen: set[tuple[str, str]] = set()
    tagged = []
    for document in documents:
        key = (fold(document.get("name") or ""), document.get("kind") or "")
        if key not in seen:
            seen.add(key)
            tagged.append({**document, "need": need(document)})
    return sorted(tagged, key=lambda document: _RANK[document["need"]])


def document_count(documents: list[dict]) -> int:
    """How many documents (notes aside) a dossier may hold: what "và N giấy tờ khác" counts."""
    return sum(1 for document in ordered_documents(documents) if document["need"] != NOTE)


def need(document: dict) -> str:
    """How many citizens need this row: everyone (the form, the required documents), some (a case), or
    it is a note."""
    if document.get("kind") == "ghi_chu":
        return NOTE
    name = fold(document.get("name") or "")
    if _CONDITIONAL_START.match(name) or _CONDITIONAL_ANYWHERE.search(name):
        return CONDITIONAL
    if document.get("kind") == "nop" and (document.get("forms") or _FORM_START.match(name)):
        return FORM
    return REQUIRED
