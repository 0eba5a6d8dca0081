"""POST /api/v1/photos/receipt: the public status of the dossier whose receipt is in the photo.

For the lookup page and the chat widget on browsers without BarcodeDetector (Safari, desktops), and for
the Zalo channel, which forwards the picture a citizen sent with the assistant's key. The body is the
image itself (``Content-Type: image/*``), not a multipart form: Werkzeug spools form files larger than
500 KB to a temporary file, and a photo of a receipt is never to touch the disk. It is read into memory,
decoded, and dropped; it is never logged.

It counts as a lookup (the same limit, the same client key) and answers an unknown code exactly as
``GET /dossiers/<code>`` does, so a photo reveals nothing a typed code would not. For a rating link the
assistant's key also gets ``rated`` and, while unrated, ``rating_token``, to start the rating in the chat.
"""

from __future__ import annotations

import logging

from flask import current_app, g, jsonify, request

from kiosk.api import bp
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import assistant_key, client_key, enforce
from kiosk.core.errors import ApiError
from motcua.clock import now_local
from motcua.dossiers.lookup import find_dossier, public_view
from motcua.dossiers.photo import MAX_BYTES, NOT_AN_IMAGE, TOO_LARGE, PhotoError, read_receipt_photo
from motcua.feedback.ratings import is_rated

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."
_STATUS = {"too_large": 413, "too_many_pixels": 413, "not_an_image": 415, "no_code": 422}


@bp.post("/photos/receipt")
def receipt_photo():
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    data = _image_body()
    try:
        scan = read_receipt_photo(data, current_app.config["SECRET_KEY"], now_local())
    except PhotoError as exc:
        log.info("receipt photo not read: %s (%d bytes)", exc.reason, len(data))
        raise ApiError(_STATUS[exc.reason], exc.reason, exc.message) from None
    finally:
        del data
    dossier = find_dossier(get_session(), scan.code)
    if dossier is None:
        raise ApiError(404, "dossier_not_found", NOT_FOUND)
    body = {"code": dossier.code, "source": scan.source, "status": public_view(dossier, now_local().date(), _lang())}
    if scan.rating_token:
        body["rating_path"] = f"/r/{scan.rating_token}"
        if assistant_key() is not None:
            body.update(_chat_rating(dossier, scan.rating_token))
    return jsonify(body)


def _chat_rating(dossier, token: str) -> dict:
    """For the assistant only: whether the dossier is rated already, and if not the link's own token,
    so a citizen who photographed the rating link on Zalo is asked the rating there and then.

    The token is the one printed in the photo (a rating link grants nothing more than its page), but a
    browser has no use for it in the JSON, so only the assistant's key gets it.
    """
    if is_rated(get_session(), dossier.id):
        return {"rated": True}
    return {"rated": False, "rating_token": token}


def _image_body() -> bytes:
    """The request body when it is an image of at most ``MAX_BYTES``; read no further than that."""
    content_type = (request.mimetype or "").lower()
    if not content_type.startswith("image/"):
        raise ApiError(415, "not_an_image", NOT_AN_IMAGE)
    if request.content_length is not None and request.content_length > MAX_BYTES:
        raise ApiError(413, "too_large", TOO_LARGE)
    data = request.stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApiError(413, "too_large", TOO_LARGE)
    return data


def _lang() -> str:
    return g.get("lang", "vi")
