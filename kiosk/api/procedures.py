"""GET /api/v1/procedures?q=…&limit=…&level=… (search) and GET /api/v1/procedures/<code> (full record).

The bot sends the citizen's whole message as ``q``; the search copes with chatty phrasing, missing
diacritics and abbreviations (motcua.catalogue.search). Besides the ranked ``items`` and ``total``, a
search answers ``match`` ("strong": answer the first item; "weak": offer the items as choices; "none":
say honestly that no procedure fits), the ``aspect`` the message asks ("documents", "fee", "time",
"where", "online", "form" or null) and the ``phrase`` that names the procedure in the citizen's words.
"""

import re

from flask import jsonify, request

from kiosk.api import bp
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from motcua.assistant.learned import with_learned
from motcua.catalogue import get_procedure
from motcua.catalogue.fees import current_fee
from motcua.catalogue.search import MAX_QUERY_LENGTH, search_procedures
from motcua.clock import now_local
from motcua.text import fold

SEARCH_LEVELS = ("xa", "tinh", "bo")
MAX_LIMIT = 50
# Control characters (tab and newline aside) never come from a keyboard: a pasted binary or an attack.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@bp.get("/procedures")
def procedure_search():
    query = (request.args.get("q") or "").strip()
    if not fold(query):
        raise ApiError(400, "empty_query", "Vui lòng nhập tên thủ tục hoặc câu hỏi cần tra cứu.")
    if len(query) > MAX_QUERY_LENGTH:
        raise ApiError(400, "query_too_long", f"Câu tra cứu dài quá {MAX_QUERY_LENGTH} ký tự, vui lòng rút gọn.")
    if _CONTROL.search(query):
        raise ApiError(400, "bad_query", "Câu tra cứu có ký tự không hợp lệ, vui lòng gõ lại.")
    limit = _limit(request.args.get("limit"))
    level = request.args.get("level") or None
    if level is not None and level not in SEARCH_LEVELS:
        raise ApiError(400, "bad_level", "Cấp thực hiện phải là xa, tinh hoặc bo.")
    result = search_procedures(get_session(), query, limit, level)
    # Wordings a manager taught from the assistant's missed questions answer at once (no retraining).
    result = with_learned(get_session(), query, result, limit)
    return jsonify(
        {
            "items": [hit.to_dict() for hit in result.items],
            "total": result.total,
            "match": result.match,
            "aspect": result.aspect,
            "phrase": result.phrase,
        }
    )


@bp.get("/procedures/<code>")
def procedure_detail(code: str):
    procedure = get_procedure(get_session(), code)
    if procedure is None:
        raise ApiError(404, "procedure_not_found", f"Không tìm thấy thủ tục có mã '{code}'.")
    fee = current_fee(procedure.channels, now_local().date())
    # The fee told as current: a reduction running today applied, with its last day (fee_until).
    fees = {"fee": fee.statement, "fee_normal": fee.normal, "fee_until": fee.until.isoformat() if fee.until else None}
    return jsonify({**procedure.to_dict(), **fees})


def _limit(text: str | None) -> int:
    if text is None or text == "":
        return 10
    try:
        limit = int(text)
    except ValueError:
        raise ApiError(400, "bad_limit", "Số kết quả (limit) phải là số nguyên.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "bad_limit", f"Số kết quả (limit) phải từ 1 đến {MAX_LIMIT}.")
    return limit
