from datetime import datetime

import pytest

from motcua.feedback.complaints import acknowledgement, file_complaint
from motcua.feedback.errors import RatingError
from tests.motcua.feedback.factory import DOSSIER_CODE, UNIT, make_centre, make_dossier

NOW = datetime(2026, 4, 20, 10, 0)


def test_a_complaint_gets_a_reference_and_says_how_it_will_be_handled(db):
    make_centre(db)
    complaint = file_complaint(db, UNIT, "Cán bộ yêu cầu nộp thêm bản sao không có trong quy định", "chat", NOW)
    assert complaint.reference.startswith("PA-260420-")
    message = acknowledgement(complaint)
    assert complaint.reference in message and "10 ngày làm việc" in message and "0210 3830 112" in message


def test_a_complaint_about_a_dossier_is_linked_to_it(db):
    make_centre(db)
    dossier = make_dossier(db)
    complaint = file_complaint(db, UNIT, "Trễ hẹn", "zalo", NOW, contact="0912345678", dossier_code=DOSSIER_CODE)
    assert complaint.dossier_id == dossier.id and "0912345678" in acknowledgement(complaint)


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
