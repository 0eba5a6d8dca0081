"""Citizens' requests about their personal data (Law 91/2025/QH15; motcua/privacy/requests.py):

- ``POST /dossiers/<code>/data-requests``: after the second factor (the phone's last four digits, as
  ``…/verify``, with the same limits), ask to see, correct, or delete one's chat history or rating
  comments; answered with a reference and the deadline. Deleting chat history names the conversation,
  which only the assistant can prove: it is honoured with the ``assistant`` key and its
  ``X-Motcua-Conversation`` header, refused otherwise.
- ``GET /data-requests/<reference>``: the request's status by its reference: state, dates, deadline and
  kind, never the staff's answer (for a 'see my data' request the answer is the data itself).
- ``POST /data-requests/<reference>`` with ``phone_last4``: the status and the answer, after the phone
  check of the request's own dossier (same limits as ``…/verify``; the view is written to the access log).
"""

from __future__ import annotations

from flask import jsonify, request

from kiosk.api import bp
from kiosk.core.auth import presented_api_key
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key, enforce
from kiosk.core.errors import ApiError
from kiosk.core.personal_access import log_personal_view
from kiosk.core.request_values import json_body, text_field
from motcua.clock import now_local
from motcua.dossiers.codes import normalize_code
from motcua.dossiers.lookup import find_dossier, phone_matches
from motcua.privacy.requests import DataRequestError, file_request, find_request, request_status

NOT_VERIFIED = "Không tìm thấy hồ sơ khớp với mã hồ sơ và 4 số cuối điện thoại đã nhập."
NOT_FOUND = "Không tìm thấy yêu cầu có mã này."
ANSWER_NOT_VERIFIED = "Không tìm thấy yêu cầu khớp với mã yêu cầu và 4 số cuối điện thoại đã nhập."


def _last4(body: dict) -> str:
    last4 = text_field(body, "phone_last4").strip()
    if len(last4) != 4 or not last4.isdigit() or not last4.isascii():
        raise ApiError(400, "invalid_phone_last4", "Vui lòng nhập đúng 4 chữ số cuối của số điện thoại.")
    return last4


@bp.post("/dossiers/<path:code>/data-requests")
def create_data_request(code: str):
    body = json_body()
    last4 = _last4(body)
    kind, detail = text_field(body, "kind").strip(), text_field(body, "detail")
    conversation = ""
    if kind == "xoa_tro_chuyen":
        if presented_api_key("assistant") is None:
            raise ApiError(
                422, "conversation_required", "Yêu cầu xóa nội dung trò chuyện cần gửi từ cửa sổ trò chuyện với trợ lý."
            )
        conversation = request.headers.get("X-Motcua-Conversation", "").strip()
    enforce("DOSSIER_VERIFY_CLIENT_LIMIT", client_key())
    enforce("DOSSIER_VERIFY_CODE_LIMIT", normalize_code(code)[:80])
    session = get_session()
    dossier = find_dossier(session, code)
    if not phone_matches(dossier, last4):
        raise ApiError(404, "verification_failed", NOT_VERIFIED)
    try:
        filed = file_request(session, dossier, kind, now_local(), detail=detail, conversation_id=conversation)
    except DataRequestError as exc:
        session.rollback()
        raise ApiError(422, "invalid_data_request", str(exc)) from None
    session.commit()
    status = request_status(session, filed.reference)
    message = (
        f"Đã tiếp nhận yêu cầu {filed.reference}. Hạn trả lời: {filed.due_at:%H:%M ngày %d/%m/%Y}. "
        "Tra cứu tình trạng bằng mã yêu cầu này."
    )
    return jsonify({**status, "message": message}), 201


@bp.get("/data-requests/<path:reference>")
def data_request_status(reference: str):
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    status = request_status(get_session(), reference[:40])
    if status is None:
        raise ApiError(404, "data_request_not_found", NOT_FOUND)
    return jsonify(status)


@bp.post("/data-requests/<path:reference>")
def data_request_answer(reference: str):
    """The status with the staff's answer, to whoever passes the phone check of the request's dossier.
    Guesses are limited per client and per reference, whether or not the reference exists."""
    last4 = _last4(json_body())
    reference = reference[:40].strip().upper()
    enforce("DOSSIER_VERIFY_CLIENT_LIMIT", client_key())
    enforce("DOSSIER_VERIFY_CODE_LIMIT", f"data-request:{reference}")
    session = get_session()
    found = find_request(session, reference)
    if found is None:
        raise ApiError(404, "data_request_not_found", NOT_FOUND)
    if not phone_matches(found.dossier, last4):
        raise ApiError(404, "verification_failed", ANSWER_NOT_VERIFIED)
    status = request_status(session, reference, with_answer=True)
    log_personal_view(found.dossier, detail=f"data_request:{found.kind}")
    return jsonify(status)
