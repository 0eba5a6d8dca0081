"""The shapes the JSON API sends and accepts, as JSON Schema (OpenAPI 3.1 ``components``).

Written by hand next to the serializers they describe (``motcua.*.to_dict``, ``public_view``, ...);
tests/kiosk/test_api_fuzz.py validates every response schemathesis provokes against them, so a field
added, renamed or dropped in a serializer fails a test until this file says the same.
"""

from __future__ import annotations

# Times are local (Asia/Ho_Chi_Minh) and written without an offset, so not RFC 3339 ``date-time``.
LOCAL_TIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", "examples": ["2026-03-02T09:00:00"]}
DATE = {"type": "string", "format": "date", "examples": ["2026-03-01"]}
TEXT = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}
PERCENT = {"type": "number", "minimum": 0, "maximum": 100}


def obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    """An object; every property listed is required unless ``required`` says otherwise. Extra
    properties are allowed: a client must ignore fields it does not know."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


_CHOICE = obj({"key": TEXT, "label": TEXT, "label_en": TEXT})
_LABELLED_COUNT = obj({"label": TEXT, "count": COUNT, "pct": PERCENT})
_TIMELINESS = {
    "early": COUNT,
    "early_pct": PERCENT,
    "on_time": COUNT,
    "on_time_pct": PERCENT,
    "late": COUNT,
    "late_pct": PERCENT,
}
_FIGURES = {
    "received": obj(
        {
            "carried_over": COUNT,
            "new": COUNT,
            "new_direct": COUNT,
            "new_online": COUNT,
            "new_postal": COUNT,
            "total": COUNT,
        }
    ),
    "resolved": obj({**_TIMELINESS, "total": COUNT}),
    "pending": obj({"not_due": COUNT, "overdue": COUNT, "awaiting_supplement": COUNT, "total": COUNT}),
    "returned": COUNT,
}
_DOSSIER_STATUS = {
    "code": TEXT,
    "procedure_code": TEXT,
    "procedure_name": TEXT,
    "unit_name": TEXT,
    "state": {"type": "integer", "minimum": 1, "maximum": 10},
    "state_label": TEXT,
    "received_at": LOCAL_TIME,
    "due_at": nullable(LOCAL_TIME),
    "resolved_at": nullable(LOCAL_TIME),
    "is_late": {"type": "boolean"},
    "timeliness": nullable({"enum": ["truoc_han", "dung_han", "qua_han"]}),
    "timeliness_label": nullable(TEXT),
}

SCHEMAS: dict[str, dict] = {
    "Error": obj(
        {
            "error": {"type": "string", "description": "Machine code, e.g. `dossier_not_found`."},
            "message": {"type": "string", "description": "Vietnamese text to show the citizen or the officer."},
            "field": {"type": "string", "description": "The field at fault, when one is."},
            "retry_after": {"type": "integer", "description": "Seconds to wait (429 only)."},
        },
        required=["error", "message"],
    ),
    "DossierStatus": obj(_DOSSIER_STATUS, description="Public status: no personal data."),
    "DossierDetail": obj(
        {
            **_DOSSIER_STATUS,
            "applicant_name": TEXT,
            "applicant_phone": {"type": "string", "description": "Masked: 091****678."},
            "channel": {"enum": ["truc_tiep", "truc_tuyen", "buu_chinh"]},
            "channel_label": TEXT,
            "result_delivery": TEXT,
            "result_delivery_label": TEXT,
            "result_returned_at": nullable(LOCAL_TIME),
            "documents": array(TEXT),
            "supplement": array(TEXT),
            "events": array(obj({"state": {"type": "integer"}, "state_label": TEXT, "at": LOCAL_TIME, "note": TEXT})),
            "rating_token": {"type": "string", "description": "Lets this client rate or complain about the dossier."},
            "rated": {"type": "boolean", "description": "The dossier already has its one rating."},
        },
        description="After the second factor (the phone's last four digits): what the lookup page shows.",
    ),
    "DossierSummary": obj(
        {
            "code": TEXT,
            "state": {"type": "integer", "minimum": 1, "maximum": 10},
            "state_label": TEXT,
            "state_at": LOCAL_TIME,
            "due_at": nullable(LOCAL_TIME),
        }
    ),
    "DossierRecord": obj(
        {
            "procedure_code": {"type": "string", "examples": ["2.000815"]},
            "unit_code": {"type": "string", "description": "Defaults to the unit in the dossier code."},
            "applicant_name": TEXT,
            "applicant_phone": TEXT,
            "applicant_address": TEXT,
            "applicant_email": TEXT,
            "applicant_identifier": TEXT,
            "channel": {"enum": ["truc_tiep", "truc_tuyen", "buu_chinh"]},
            "result_delivery": {"enum": ["tai_quay", "buu_chinh"]},
            "online_level": {"enum": ["toan_trinh", "mot_phan"]},
            "received_at": {"type": "string", "examples": ["2026-03-02T09:00:00+07:00"]},
            "due_at": TEXT,
            "state": {"type": "integer", "minimum": 1, "maximum": 10},
            "state_at": TEXT,
            "resolved_at": TEXT,
            "result_returned_at": TEXT,
            "note": TEXT,
            "supplement": array(TEXT),
        },
        required=[],
        description="A new dossier needs procedure_code, applicant_name and received_at; an update, any subset.",
    ),
    "DossierEvent": obj(
        {
            "state": {"type": "integer", "minimum": 1, "maximum": 10},
            "at": {"type": "string", "description": "ISO 8601; now when left out."},
            "note": TEXT,
            "supplement": array(TEXT),
        },
        required=["state"],
    ),
    "PhoneCheck": obj({"phone_last4": {"type": "string", "pattern": "^[0-9]{4}$", "examples": ["5678"]}}),
    "ProcedureHit": obj(
        {"code": TEXT, "name": TEXT, "levels": array(TEXT), "field": TEXT, "score": {"type": "number"}}
    ),
    "ProcedureSearch": obj(
        {
            "items": array(ref("ProcedureHit")),
            "total": COUNT,
            "match": {
                "enum": ["strong", "weak", "none"],
                "description": "strong: answer the first item; weak: offer the items as choices; none: nothing fits.",
            },
            "aspect": nullable({"enum": ["documents", "fee", "time", "where", "online", "form"]}),
            "phrase": {"type": "string", "description": "The words naming the procedure, as the citizen wrote them."},
        }
    ),
    "Procedure": obj(
        {
            "code": TEXT,
            "name": TEXT,
            "levels": array({"enum": ["xa", "tinh", "bo", "khac"]}),
            "field": TEXT,
            "ministry": TEXT,
            "agency": TEXT,
            "target_groups": array(TEXT),
            "documents": array(
                obj(
                    {"name": TEXT, "need": {"enum": ["form", "required", "conditional", "note"]}},
                    description="In the order citizens need them; `need` says why each is listed.",
                )
            ),
            "documents_total": {**COUNT, "description": "How many documents, notes not counted."},
            "fee": nullable(
                {
                    "type": "string",
                    "description": "The fee today: a running reduction applied, with its last day.",
                    "examples": ["70.000 đồng", "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)"],
                }
            ),
            "fee_normal": nullable({"type": "string", "description": "The published fee without reductions."}),
            "fee_until": nullable({"type": "string", "format": "date", "description": "Last day of the reduction."}),
            "fee_note": nullable({"type": "string", "description": "Published notes that change the fee today."}),
            "page_path": {"type": "string", "examples": ["/thu-tuc/2.000815"]},
            "channels": array(obj({"channel": TEXT, "processing_label": nullable(TEXT)})),
            "legal_basis": array({}),
            "results": array({}),
            "steps": array({}),
            "conditions": array({}),
            "online": {"type": "boolean"},
            "is_civil_status": {"type": "boolean"},
            "portal_url": TEXT,
        }
    ),
    "Unit": obj(
        {
            "code": TEXT,
            "name": TEXT,
            "level": TEXT,
            "level_label": TEXT,
            "parent": nullable(TEXT),
            "address": TEXT,
            "hotline": TEXT,
            "opening_hours": TEXT,
            "email": TEXT,
            "zalo_oa": TEXT,
        }
    ),
    "RatingScale": obj(
        {
            "levels": array(_CHOICE),
            "lowest": TEXT,
            "question": TEXT,
            "question_en": TEXT,
            "attitudes": array(_CHOICE),
            "reasons": array(_CHOICE),
            "bad_levels": array(TEXT),
            "bad_attitudes": array(TEXT),
        }
    ),
    "CounterState": obj(
        {"unit_code": TEXT, "counter": TEXT, "name": TEXT, "officer": nullable(obj({"code": TEXT, "name": TEXT}))}
    ),
    "RatingInput": obj(
        {
            "idempotency_key": {
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$",
                "description": "Chosen by the client (a UUID), at most 80 characters; a repeat gets the stored rating.",
                "examples": ["7f0c5d1e-2b7a-4c1e-9a57-3f3c2b1d0e9a"],
            },
            "level": {"enum": ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", "rat_khong_hai_long"]},
            "source": {
                "enum": ["kiosk", "qr", "chat", "zalo"],
                "description": "kiosk: an enrolled kiosk; qr: with a token; chat, zalo: the assistant (its key).",
            },
            "unit_code": {"type": "string", "examples": ["000.00.12.H62"]},
            "counter": {"type": "string", "examples": ["Q1"]},
            "attitude": {"enum": ["", "rat_lich_su", "binh_thuong", "khong_than_thien", "hach_dich"]},
            "reasons": array(
                {"enum": ["cho_lau", "huong_dan_khong_ro", "them_giay_to", "thai_do", "nhung_nhieu", "khac"]}
            ),
            "comment": {"type": "string", "maxLength": 1000},
            "token": {
                "type": "string",
                "description": "A dossier's signed token (the receipt's QR link, or `rating_token` from verify).",
            },
            "dossier_code": TEXT,
            "created_at": {"type": "string", "description": "When the kiosk took the rating offline."},
            "left_idle": {
                "type": "boolean",
                "description": "Sent by an enrolled kiosk that completed a rating the citizen walked away from: "
                "a level that asks for a reason is stored without one.",
            },
        },
        required=["idempotency_key", "level"],
        description="The unit's scale (GET /units/{code}/rating-scale) says which levels, and when a reason, apply.",
    ),
    "Rating": obj(
        {
            "id": {"type": "integer"},
            "idempotency_key": TEXT,
            "unit_code": TEXT,
            "counter": nullable(TEXT),
            "officer": nullable(TEXT),
            "dossier_id": nullable({"type": "integer"}),
            "level": TEXT,
            "attitude": nullable(TEXT),
            "reasons": array(TEXT),
            "comment": nullable(TEXT),
            "source": TEXT,
            "created_at": LOCAL_TIME,
        }
    ),
    "ComplaintInput": obj(
        {
            "unit_code": {"type": "string", "examples": ["000.00.12.H62"]},
            "text": {"type": "string", "maxLength": 4000},
            "source": {"enum": ["web", "kiosk", "qr", "chat", "zalo"]},
            "contact": {"type": "string", "description": "Phone or e-mail for the answer, optional."},
            "dossier_code": TEXT,
            "token": {"type": "string", "description": "The dossier's signed token, when naming a dossier."},
        },
        required=["unit_code", "text"],
    ),
    "ComplaintReceipt": obj({"reference": TEXT, "message": TEXT}),
    "DataRequestInput": obj(
        {
            "phone_last4": {"type": "string", "pattern": "^[0-9]{4}$", "examples": ["5678"]},
            "kind": {"enum": ["xem", "sua", "xoa_tro_chuyen", "xoa_y_kien"]},
            "detail": {"type": "string", "maxLength": 2000, "description": "What to correct (kind sua)."},
        },
        ["phone_last4", "kind"],
    ),
    "DataRequestStatus": obj(
        {
            "reference": TEXT,
            "kind": TEXT,
            "kind_label": TEXT,
            "status": {"enum": ["moi", "da_xong", "tu_choi"]},
            "status_label": TEXT,
            "created_at": TEXT,
            "due_at": TEXT,
            "resolved_at": nullable(TEXT),
            "message": {"type": "string", "description": "Acknowledgement, when the request is filed."},
        },
        ["reference", "kind", "kind_label", "status", "status_label", "created_at", "due_at", "resolved_at"],
    ),
    "DataRequestProof": obj(
        {"phone_last4": {"type": "string", "pattern": "^[0-9]{4}$", "examples": ["5678"]}}, ["phone_last4"]
    ),
    "DataRequestAnswer": {
        "allOf": [
            ref("DataRequestStatus"),
            obj({"answer": {"type": "string", "description": "The answer (may be personal data)."}}, ["answer"]),
        ]
    },
    "ReportSummary": obj(
        {
            "unit": obj({"code": TEXT, "name": TEXT, "level": TEXT}),
            "period": obj({"from": DATE, "to": DATE, "kind": TEXT, "label": TEXT, "reference_day": DATE}),
            "include_children": {"type": "boolean"},
            **_FIGURES,
            "postal_results": obj({"count": COUNT, "pct": PERCENT}),
            "online": obj({"resolved": COUNT, "received_online": COUNT, "received_online_pct": PERCENT, **_TIMELINESS}),
            "satisfaction": obj(
                {
                    "responses": COUNT,
                    "levels": {"type": "object", "additionalProperties": _LABELLED_COUNT},
                    "attitude": {"type": "object", "additionalProperties": _LABELLED_COUNT},
                    "attitude_responses": COUNT,
                    "ratio_766": nullable({"type": "number"}),
                    "resolved_dossiers": COUNT,
                    "unsatisfied_dossiers": COUNT,
                }
            ),
            "by_unit": array(
                obj(
                    {
                        "code": TEXT,
                        "name": TEXT,
                        "level": TEXT,
                        "level_label": TEXT,
                        "parent": nullable(TEXT),
                        "depth": COUNT,
                        **_FIGURES,
                    }
                )
            ),
            "by_field": array(obj({"field": TEXT, **_FIGURES})),
        }
    ),
}

# The hand-off to an officer (kiosk/api/conversations.py, docs/handoff.md). Its times carry the +07:00
# offset the assistant's contract names (``back_at`` is read out to the citizen).
_HANDOFF_TIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}",
    "examples": ["2026-12-01T07:30:00+07:00"],
}
_HANDOFF_STATUS = {"enum": ["waiting", "open", "closed", "callback"]}
_CONVERSATION = {
    "id": {"type": "integer"},
    "unit": TEXT,
    "unit_name": TEXT,
    "channel": {"enum": ["web", "zalo", "rest"]},
    "status": _HANDOFF_STATUS,
    "reason": {"enum": ["asked", "fallback", "button"]},
    "position": nullable({"type": "integer", "minimum": 1}),
    "question": {"type": "string", "description": "The citizen's question, masked."},
    "contact": nullable({"type": "string", "description": "The phone to call back (callbacks only)."}),
    "officer": nullable(TEXT),
    "created_at": _HANDOFF_TIME,
    "taken_at": nullable(_HANDOFF_TIME),
    "closed_at": nullable(_HANDOFF_TIME),
    "assistant_in_step": {"type": "boolean", "description": "False while Rasa has not confirmed a pause/resume."},
}
_HANDOFF_MESSAGE = obj(
    {
        "id": {"type": "integer"},
        "from": {"enum": ["citizen", "officer", "system", "assistant"]},
        "officer": nullable(TEXT),
        "text": TEXT,
        "at": _HANDOFF_TIME,
        "state": nullable({"enum": ["stored", "queued", "sent", "failed"]}),
        "state_label": nullable(TEXT),
    }
)
SCHEMAS.update(
    {
        "HandoffRequest": obj(
            {
                "conversation_id": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,128}$", "examples": ["web-3f2a"]},
                "channel": {"enum": ["web", "zalo", "rest"], "default": "web"},
                "reason": {"enum": ["asked", "fallback", "button"], "default": "asked"},
                "unit": {"type": "string", "description": "Unit code; default: the key's unit."},
                "question": {"type": "string", "maxLength": 2000, "description": "The citizen's question, masked."},
                "contact": {"type": "string", "description": "A phone to call back (outside working hours)."},
            },
            ["conversation_id"],
        ),
        "HandoffAnswer": obj(
            {
                "id": {"type": "integer"},
                "status": {"enum": ["waiting", "open", "closed", "callback", "closed_hours"]},
                "position": nullable({"type": "integer", "minimum": 1}),
                "within_hours": {"type": "boolean"},
                "back_at": nullable(_HANDOFF_TIME),
                "message": {"type": "string", "description": "What the assistant tells the citizen (Vietnamese)."},
            },
            ["status", "within_hours", "back_at", "message"],
        ),
        "HandoffStatus": obj(
            {
                "id": {"type": "integer"},
                "status": _HANDOFF_STATUS,
                "position": nullable({"type": "integer", "minimum": 1}),
                "officer": nullable(TEXT),
                "message": TEXT,
            }
        ),
        "Conversation": obj(_CONVERSATION),
        "ConversationList": obj({"status": TEXT, "unit": TEXT, "conversations": array(obj(_CONVERSATION))}),
        "ConversationMessages": obj(
            {**_CONVERSATION, "messages": array(_HANDOFF_MESSAGE), "assistant_reachable": {"type": "boolean"}}
        ),
        "ConversationMessage": _HANDOFF_MESSAGE,
        "ConversationReply": obj({"text": {"type": "string", "minLength": 1, "maxLength": 2000}}),
    }
)

# The assistant's insights (kiosk/api/assistant.py, docs/assistant-insights.md).
_MOMENT = {
    "anyOf": [{"type": "number", "description": "Seconds since 1970 (Rasa's event time)."}, {"type": "string"}],
    "examples": [1772420400.25, "2026-03-02T09:00:00+07:00"],
}
_ASSISTANT_TEXT = {"type": "string", "description": "Masked by the app again before it is stored (500 characters)."}
_MINUTES = nullable({"type": "number", "minimum": 0})
SCHEMAS.update(
    {
        "AssistantTurn": obj(
            {
                "conversation_id": {"type": "string", "minLength": 1, "maxLength": 255, "examples": ["web-3f2a"]},
                "at": _MOMENT,
                "outcome": {"enum": ["answered", "choices", "not_found", "fallback", "handoff", "officer", "other"]},
                "channel": {"enum": ["web", "zalo", "other"], "default": "other"},
                "intent": {"type": "string", "maxLength": 64},
                "confidence": nullable({"type": "number", "minimum": 0, "maximum": 1}),
                "procedure": nullable({"type": "string", "maxLength": 32}),
                "text": _ASSISTANT_TEXT,
                "question": _ASSISTANT_TEXT,
                "unit": {"type": "string", "description": "Unit code; default: the key's unit."},
            },
            ["conversation_id", "at", "outcome"],
        ),
        "AnswerFeedback": obj(
            {
                "conversation_id": {"type": "string", "minLength": 1, "maxLength": 255, "examples": ["web-3f2a"]},
                "at": _MOMENT,
                "helpful": {"type": "boolean"},
                "procedure": nullable({"type": "string", "maxLength": 32}),
                "question": _ASSISTANT_TEXT,
                "unit": {"type": "string", "description": "Unit code; default: the key's unit."},
            },
            ["conversation_id", "at", "helpful"],
        ),
        "AssistantStored": obj({"stored": {"type": "boolean"}}),
        "AssistantSummary": obj(
            {
                "unit": obj({"code": TEXT, "name": TEXT}),
                "from": DATE,
                "to": DATE,
                "conversations": COUNT,
                "messages": COUNT,
                "days": array(obj({"day": DATE, "conversations": COUNT, "messages": COUNT})),
                "channels": array(
                    obj({"channel": {"enum": ["web", "zalo", "other"]}, "conversations": COUNT, "messages": COUNT})
                ),
                "contained": COUNT,
                "containment_pct": PERCENT,
                "handoffs": COUNT,
                "handoff_pct": {"type": "number", "minimum": 0},
                "handoffs_taken": COUNT,
                "waiting_minutes_mean": _MINUTES,
                "waiting_minutes_median": _MINUTES,
                "fallbacks": COUNT,
                "fallback_pct": PERCENT,
                "not_found": COUNT,
                "top_intents": array(obj({"intent": TEXT, "messages": COUNT})),
                "top_procedures": array(obj({"code": TEXT, "name": TEXT, "messages": COUNT})),
                "helpful": COUNT,
                "unhelpful": COUNT,
            }
        ),
    }
)
