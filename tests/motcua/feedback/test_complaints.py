from datetime import datetime

import pytest

from motcua.feedback.complaints import acknowledgement, file_complaint
from motcua.feedback.errors import RatingError
from motcua.feedback.ratings import Sender
from motcua.feedback.tokens import make_rating_token
from motcua.units import get_unit
from tests.factories import DOSSIER_CODE, UNIT, make_centre, make_dossier

NOW = datetime(2026, 4, 20, 10, 0)
SECRET = "test-secret"


def test_a_complaint_gets_a_reference_and_says_how_it_will_be_handled(db):
    make_centre(db)
    complaint = file_complaint(db, UNIT, "Cán bộ yêu cầu nộp thêm bản sao không có trong quy định", "web", NOW)
    assert complaint.reference.startswith("PA-260420-")
    message = acknowledgement(complaint)
    assert complaint.reference in message and "10 ngày làm việc" in message and "0210 3830 112" in message


def test_a_complaint_about_a_dossier_is_linked_to_it_by_its_token(db):
    make_centre(db)
    dossier = make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    complaint = file_complaint(db, "", "Trễ hẹn", "qr", NOW, contact="0912345678", token=token, secret=SECRET)
    assert complaint.dossier_id == dossier.id and complaint.unit.code == UNIT
    assert "0912345678" in acknowledgement(complaint)


def test_the_assistant_files_a_complaint_about_the_dossier_it_verified(db):
    make_centre(db)
    make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    assistant = Sender(assistant=True, unit_ids=frozenset({get_unit(db, UNIT).id}))
    complaint = file_complaint(db, UNIT, "Trễ hẹn", "zalo", NOW, token=token, secret=SECRET, sender=assistant)
    assert complaint.dossier_id is not None and complaint.source == "zalo"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"dossier_code": DOSSIER_CODE}, "token_required"),
        ({"dossier_code": "000.00.12.H62-260415-0999"}, "token_required"),
        ({"token": make_rating_token("other-secret", DOSSIER_CODE, NOW)}, "invalid_token"),
        ({"source": "chat"}, "assistant_only"),
        ({"contact": "09\x0012"}, "invalid_characters"),
    ],
)
def test_a_complaint_cannot_name_a_dossier_without_its_token_nor_pose_as_the_assistant(db, fields, code):
    make_centre(db)
    make_dossier(db)
    with pytest.raises(RatingError) as caught:
        file_complaint(db, UNIT, "Trễ hẹn", fields.pop("source", "web"), NOW, secret=SECRET, **fields)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("unit", "text", "source", "code"),
    [
        ("NOPE", "x", "web", "unit_not_found"),
        (UNIT, "  ", "web", "text_required"),
        (UNIT, "x", "fax", "invalid_source"),
    ],
)
def test_bad_complaints_are_refused(db, unit, text, source, code):
    make_centre(db)
    with pytest.raises(RatingError) as caught:
        file_complaint(db, unit, text, source, NOW)
    assert caught.value.code == code
