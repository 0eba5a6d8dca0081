"""The operations of /api/v1 for the OpenAPI document (``kiosk/api/openapi.py``): per path and method,
the parameters, the body, the credentials and every status it can answer, with a short summary.

A route added under /api/v1 is described here in the same commit (tests/kiosk/test_openapi.py fails
otherwise); a body it sends or accepts is a schema in ``openapi_schemas``.
"""

from __future__ import annotations

from kiosk.api.openapi_schemas import ref

# Realistic values an integrator can try at once (the test data of the fuzz run uses the same).
DOSSIER_CODE = "000.00.12.H62-260302-0001"
UNIT_CODE = "000.00.12.H62"


def _json(schema: str | dict, description: str = "OK") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref(schema) if isinstance(schema, str) else schema}},
    }


def _op(
    operation_id: str,
    summary: str,
    tag: str,
    ok: dict[int, dict],
    errors: tuple[int, ...],
    *,
    parameters: list[dict] | None = None,
    body: str | None = None,
    security: list[dict] | None = None,
) -> dict:
    """One operation: its success responses, the shared error responses it can give, its inputs."""
    responses = {str(status): response for status, response in ok.items()}
    # Any request can be malformed (a NUL character, a body that is not JSON): 400 is always possible.
    responses.update({str(status): {"$ref": f"#/components/responses/{status}"} for status in sorted({400, *errors})})
    operation = {"operationId": operation_id, "summary": summary, "tags": [tag], "responses": responses}
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    operation["security"] = security if security is not None else []
    return operation


def _path(name: str, example: str, description: str = "") -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "minLength": 1},
        "example": example,
    }


_REFERENCE = _path("reference", "YC-ABCDEFGH23", "The reference given when the request was filed.")


def _query(name: str, schema: dict, description: str, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


_DOSSIER = _path("code", DOSSIER_CODE, "Mã hồ sơ, in any case, with stray spaces.")
# Sent by the assistant's action server with its key, so limits count per conversation, not per server.
_CONVERSATION = {
    "name": "X-Motcua-Conversation",
    "in": "header",
    "required": False,
    "description": "The chat's sender id; honoured only with an `assistant` key, ignored from anyone else.",
    "schema": {"type": "string", "maxLength": 200},
    "example": "zalo-8412345678",
}
_UNIT = _path("code", UNIT_CODE, "Unit code.")
_KEY_ONLY = [{"apiKey": []}]
_HANDOFF = _path("conversation_id", "1", "The hand-off's id (from the list).")

_FOLLOWING = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "channel": {"enum": ["web", "zalo"]}, "following": {"type": "boolean"}},
    "required": ["code", "channel", "following"],
}


def _follow_body(extra: dict) -> dict:
    """A follower: the web widget's session id, or a Zalo user id named by the assistant."""
    properties = {
        "channel": {"enum": ["web", "zalo"], "default": "web"},
        "recipient": {
            "type": "string",
            "description": "Web: the widget's session id (16-128 of A-Z a-z 0-9 _ -). Zalo: the user id "
            "(or the X-Motcua-Conversation header).",
        },
        **extra,
    }
    schema = {"type": "object", "properties": properties}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


PATHS: dict[str, dict] = {
    "/dossiers/{code}": {
        "get": _op(
            "getDossierStatus",
            "Public status of a dossier: no personal data.",
            "dossiers",
            {200: _json("DossierStatus")},
            (404, 429),
            parameters=[_DOSSIER, _CONVERSATION],
        ),
        "put": _op(
            "putDossier",
            "Create or update a dossier from the one-stop system (a stale snapshot only adds its event).",
            "dossiers",
            {200: _json("DossierSummary", "Updated"), 201: _json("DossierSummary", "Created")},
            (400, 401, 403, 404, 422),
            parameters=[_DOSSIER],
            body="DossierRecord",
            security=_KEY_ONLY,
        ),
    },
    "/dossiers/{code}/verify": {
        "post": _op(
            "verifyDossier",
            "The dossier's detail after the second factor (last four digits of the applicant's phone).",
            "dossiers",
            {200: _json("DossierDetail")},
            (400, 404, 429),
            parameters=[_DOSSIER, _CONVERSATION],
            body="PhoneCheck",
        ),
    },
    # Citizens' requests about their personal data (kiosk/api/data_requests.py).
    "/dossiers/{code}/data-requests": {
        "post": _op(
            "createDataRequest",
            "After the second factor: ask to see, correct, or delete one's chat history or rating comments "
            "(Law 91/2025/QH15); deleting chat history needs the assistant key and X-Motcua-Conversation.",
            "dossiers",
            {201: _json("DataRequestStatus", "Filed")},
            (404, 422, 429),
            parameters=[_DOSSIER, _CONVERSATION],
            body="DataRequestInput",
            security=[{"apiKey": []}, {}],
        ),
    },
    "/data-requests/{reference}": {
        "get": _op(
            "getDataRequest",
            "A data request's status by its reference: state, dates, deadline, kind; never the answer.",
            "dossiers",
            {200: _json("DataRequestStatus")},
            (404, 429),
            parameters=[_REFERENCE],
        ),
        "post": _op(
            "getDataRequestAnswer",
            "The status with the staff's answer, after the phone check of the request's dossier.",
            "dossiers",
            {200: _json("DataRequestAnswer")},
            (400, 404, 422, 429),
            parameters=[_REFERENCE],
            body="DataRequestProof",
        ),
    },
    "/dossiers/{code}/events": {
        "post": _op(
            "addDossierEvent",
            "Record a state change (stored once however often it is reported).",
            "dossiers",
            {
                200: _json(
                    {
                        "allOf": [
                            ref("DossierSummary"),
                            {"properties": {"event_created": {"const": False}}, "required": ["event_created"]},
                        ]
                    },
                    "Already recorded",
                ),
                201: _json(
                    {
                        "allOf": [
                            ref("DossierSummary"),
                            {"properties": {"event_created": {"const": True}}, "required": ["event_created"]},
                        ]
                    },
                    "Recorded",
                ),
            },
            (400, 401, 403, 404, 422),
            parameters=[_DOSSIER],
            body="DossierEvent",
            security=_KEY_ONLY,
        ),
    },
    # A photo of the receipt (kiosk/api/photos.py): the body is the image itself, never a form.
    "/photos/receipt": {
        "post": {
            **_op(
                "readReceiptPhoto",
                "The public status of the dossier whose receipt QR (or rating link) is in the photo.",
                "dossiers",
                {
                    200: _json(
                        {
                            "type": "object",
                            "properties": {
                                "code": {"type": "string"},
                                "source": {"enum": ["receipt", "rating_link"]},
                                "status": ref("DossierStatus"),
                                "rating_path": {"type": "string", "description": "Only for a rating link."},
                                "rated": {
                                    "type": "boolean",
                                    "description": "Only for a rating link, only to the assistant's key.",
                                },
                                "rating_token": {
                                    "type": "string",
                                    "description": "The link's token while unrated, only to the assistant's key.",
                                },
                            },
                            "required": ["code", "source", "status"],
                        }
                    )
                },
                (404, 413, 415, 422, 429),
                parameters=[_CONVERSATION],
            ),
            "requestBody": {
                "required": True,
                "description": "JPEG, PNG, WebP, GIF or BMP: at most 5 MB, 4,000 px a side; never stored.",
                "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
            },
        }
    },
    # Following a dossier (kiosk/api/follows.py): a Zalo recipient only with the assistant's key.
    "/follows": {
        "post": {
            **_op(
                "followDossier",
                "Theo dõi hồ sơ: be told of its state changes; the phone check's token is the proof.",
                "dossiers",
                {201: _json(_FOLLOWING, "Following")},
                (401, 403, 404, 422, 429),
                parameters=[_CONVERSATION],
                security=[{"apiKey": []}, {}],
            ),
            "requestBody": _follow_body({"token": {"type": "string", "description": "rating_token of …/verify"}}),
        }
    },
    "/follows/stop": {
        "post": {
            **_op(
                "stopFollowing",
                "Hủy theo dõi: no more messages about this dossier to this recipient.",
                "dossiers",
                {200: _json(_FOLLOWING)},
                (401, 404, 422, 429),
                parameters=[_CONVERSATION],
                security=[{"apiKey": []}, {}],
            ),
            "requestBody": _follow_body({"code": {"type": "string", "examples": [DOSSIER_CODE]}}),
        }
    },
    "/follows/inbox": {
        "post": {
            **_op(
                "followerInbox",
                "The dossiers a recipient follows and the widget's notifications not yet shown (shown once).",
                "dossiers",
                {
                    200: _json(
                        {
                            "type": "object",
                            "properties": {
                                "dossiers": {"type": "array", "items": {"type": "object"}},
                                "notifications": {"type": "array", "items": {"type": "object"}},
                            },
                            "required": ["dossiers", "notifications"],
                        }
                    )
                },
                (401, 422, 429),
                parameters=[_CONVERSATION],
                security=[{"apiKey": []}, {}],
            ),
            "requestBody": _follow_body({}),
        }
    },
    "/procedures": {
        "get": _op(
            "searchProcedures",
            "Search the catalogue with the citizen's own words (diacritics optional).",
            "catalogue",
            {200: _json("ProcedureSearch")},
            (400,),
            parameters=[
                _query(
                    "q",
                    {"type": "string", "minLength": 1, "maxLength": 500, "examples": ["đổi giấy phép lái xe"]},
                    "The question.",
                    True,
                ),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}, "How many hits."),
                _query("level", {"enum": ["xa", "tinh", "bo"]}, "Prefer procedures handled at this level."),
            ],
        ),
    },
    "/procedures/{code}": {
        "get": _op(
            "getProcedure",
            "The full structured record of a procedure.",
            "catalogue",
            {200: _json("Procedure")},
            (404,),
            parameters=[_path("code", "2.000815", "Procedure code.")],
        ),
    },
    "/units/{code}": {
        "get": _op(
            "getUnit", "A unit's public contact details.", "units", {200: _json("Unit")}, (404,), parameters=[_UNIT]
        ),
    },
    "/units/{code}/rating-scale": {
        "get": _op(
            "getRatingScale",
            "The unit's rating levels, attitude answers and reasons.",
            "feedback",
            {200: _json("RatingScale")},
            (404,),
            parameters=[_UNIT],
        ),
    },
    "/units/{code}/counters/{counter_code}": {
        "get": _op(
            "getCounterState",
            "A counter and the officer on duty there now.",
            "feedback",
            {200: _json("CounterState")},
            (404,),
            parameters=[_UNIT, _path("counter_code", "Q1", "Counter code.")],
        ),
    },
    "/ratings": {
        "post": _op(
            "createRating",
            "Rate the service: from an enrolled kiosk, with a receipt's signed token, or from the assistant.",
            "feedback",
            {200: _json("Rating", "Seen before (same idempotency key)"), 201: _json("Rating", "Stored")},
            (400, 401, 403, 404, 409, 422, 429),
            parameters=[_CONVERSATION],
            body="RatingInput",
            security=[{"kioskDevice": []}, {"apiKey": []}, {}],
        ),
    },
    "/complaints": {
        "post": _op(
            "createComplaint",
            "File a complaint or suggestion (phản ánh, kiến nghị); naming a dossier needs its signed token.",
            "feedback",
            {201: _json("ComplaintReceipt", "Filed")},
            (400, 401, 403, 404, 422, 429, 503),
            parameters=[_CONVERSATION],
            body="ComplaintInput",
            security=[{"apiKey": []}, {}],
        ),
    },
    "/reports/summary": {
        "get": _op(
            "getReportSummary",
            "A unit's figures for a period (JSON), or the paragraph a centre publishes (text).",
            "reports",
            {
                200: {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": ref("ReportSummary")},
                        "text/plain": {"schema": {"type": "string"}},
                    },
                }
            },
            (400, 401, 403, 404),
            parameters=[
                _query("unit", {"type": "string", "minLength": 1, "examples": [UNIT_CODE]}, "Unit code.", True),
                _query("from", {"type": "string", "format": "date", "examples": ["2026-03-01"]}, "First day.", True),
                _query("to", {"type": "string", "format": "date", "examples": ["2026-03-31"]}, "Last day.", True),
                _query("include_children", {"enum": ["0", "1"]}, "Add the units under it, one row each."),
                _query("format", {"enum": ["json", "text"], "default": "json"}, "JSON figures or the paragraph."),
            ],
            security=[{"apiKey": []}, {"staffSession": []}],
        ),
    },
    # The assistant's insights (kiosk/api/assistant.py): turns and 👍/👎 from the assistant, figures for managers.
    "/assistant/turns": {
        "post": _op(
            "recordAssistantTurn",
            "The assistant's tracker store sends one citizen turn, masked (idempotent by conversation and time).",
            "assistant",
            {200: _json("AssistantStored", "Stored before: replaced"), 201: _json("AssistantStored", "Stored")},
            (401, 403, 404, 422),
            body="AssistantTurn",
            security=_KEY_ONLY,
        ),
    },
    "/assistant/feedback": {
        "post": _op(
            "recordAnswerFeedback",
            "A citizen's 👍 / 👎 on an answer: a rating of the assistant (idempotent by conversation and time).",
            "assistant",
            {200: _json("AssistantStored", "Stored before: replaced"), 201: _json("AssistantStored", "Stored")},
            (401, 403, 404, 422),
            body="AnswerFeedback",
            security=_KEY_ONLY,
        ),
    },
    "/assistant/summary": {
        "get": _op(
            "getAssistantSummary",
            "A unit's assistant figures for a period of at most a year (the page /quan-ly/tro-ly).",
            "assistant",
            {200: _json("AssistantSummary")},
            (400, 401, 403, 404),
            parameters=[
                _query("unit", {"type": "string", "minLength": 1, "examples": [UNIT_CODE]}, "Unit code.", True),
                _query("from", {"type": "string", "format": "date", "examples": ["2026-03-01"]}, "First day.", True),
                _query("to", {"type": "string", "format": "date", "examples": ["2026-03-31"]}, "Last day.", True),
            ],
            security=[{"apiKey": []}, {"staffSession": []}],
        ),
    },
    "/openapi.json": {
        "get": _op("getOpenApi", "This document.", "meta", {200: _json({"type": "object"})}, ()),
    },
    # The hand-off to an officer (kiosk/api/conversations.py): the assistant's calls, then tools' (scope handoff).
    "/conversations": {
        "post": _op(
            "requestHandoff",
            "The assistant puts a conversation in its unit's queue (or a callback outside working hours).",
            "conversations",
            {200: _json("HandoffAnswer", "Already queued, or outside hours"), 201: _json("HandoffAnswer", "Queued")},
            (401, 403, 404, 422),
            body="HandoffRequest",
            security=_KEY_ONLY,
        ),
        "get": _op(
            "listConversations",
            "A unit's (and the units below it) waiting (with callbacks), open or closed conversations.",
            "conversations",
            {200: _json("ConversationList")},
            (401, 403, 404, 422),
            parameters=[
                _query("status", {"enum": ["waiting", "open", "closed"], "default": "waiting"}, "Which list."),
                _query("unit", {"type": "string", "examples": [UNIT_CODE]}, "Unit code; default: the key's unit."),
            ],
            security=_KEY_ONLY,
        ),
    },
    "/conversations/by-sender/{sender_id}": {
        "get": _op(
            "getHandoffBySender",
            "Whether the assistant's conversation has a hand-off, and its state.",
            "conversations",
            {200: _json("HandoffStatus")},
            (401, 403, 404),
            parameters=[_path("sender_id", "web-3f2a", "Rasa's sender id.")],
            security=_KEY_ONLY,
        ),
    },
    "/conversations/{conversation_id}/take": {
        "post": _op(
            "takeConversation",
            "Take a waiting conversation (the key's name is recorded as the officer); Rasa pauses.",
            "conversations",
            {200: _json("Conversation")},
            (401, 403, 404, 409),
            parameters=[_HANDOFF],
            security=_KEY_ONLY,
        ),
    },
    "/conversations/{conversation_id}/messages": {
        "get": _op(
            "getConversationMessages",
            "The conversation with its history (citizen text masked) and each reply's delivery state.",
            "conversations",
            {200: _json("ConversationMessages")},
            (401, 403, 404),
            parameters=[_HANDOFF],
            security=_KEY_ONLY,
        ),
        "post": _op(
            "sendConversationMessage",
            "Reply to the citizen of an open conversation: stored, then delivered (widget, Zalo) and retried.",
            "conversations",
            {201: _json("ConversationMessage", "Stored")},
            (401, 403, 404, 422),
            parameters=[_HANDOFF],
            body="ConversationReply",
            security=_KEY_ONLY,
        ),
    },
    "/conversations/{conversation_id}/close": {
        "post": _op(
            "closeConversation",
            "Close the conversation and give it back to the assistant (Rasa resumes).",
            "conversations",
            {200: _json("Conversation")},
            (401, 403, 404),
            parameters=[_HANDOFF],
            security=_KEY_ONLY,
        ),
    },
}
