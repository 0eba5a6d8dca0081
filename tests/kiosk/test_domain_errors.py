"""A domain error (``motcua.errors``) that no view catches is answered once, by its kind: JSON with its
code, Vietnamese message and field on /api/*, the error page elsewhere; on the command line, its
message and exit status 1, never a traceback."""

import click
import pytest

from motcua.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from motcua.feedback.errors import RatingError
from motcua.units import UnitError


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("Không tìm thấy đơn vị X.", code="unit_not_found"), 404),
        (Forbidden("Bạn không có quyền với đơn vị này."), 403),
        (Invalid("Tên đơn vị không được để trống.", field="name"), 422),
        (Conflict("Mã này đã có."), 409),
        (UnitError("Cấp đơn vị không hợp lệ."), 422),
        (RatingError(403, "device_required", "Cần màn hình đánh giá đã đăng ký."), 403),
    ],
)
def test_an_uncaught_domain_error_is_answered_by_its_kind(app, error, status):
    def fail():
        raise error

    app.add_url_rule("/api/v1/_domain_error", "api_domain_error", fail)
    app.add_url_rule("/_domain_error", "page_domain_error", fail)
    client = app.test_client()
    answer = client.get("/api/v1/_domain_error")
    assert answer.status_code == status
    assert answer.get_json()["message"] == error.message and answer.get_json()["error"] == error.code
    assert answer.get_json().get("field") == error.field
    page = client.get("/_domain_error")
    assert page.status_code == status and error.message in page.get_data(as_text=True)


def test_every_domain_error_of_the_project_is_a_domain_error():
    from motcua.accounts import AccountError, AccountPermissionError
    from motcua.dossiers.intake import DossierError
    from motcua.reports.period import PeriodError

    for error in (AccountError, DossierError, PeriodError, UnitError, RatingError):
        assert issubclass(error, DomainError)
    assert AccountPermissionError("x").kind == "forbidden"


def test_a_command_ends_a_domain_error_with_its_message_and_status_1(app, runner):
    @click.command("fail-domain")
    def fail_domain():
        raise UnitError("Không tìm thấy đơn vị cấp trên 'NOPE'.")

    from kiosk.cli import _domain_errors_as_messages

    _domain_errors_as_messages(fail_domain)
    app.cli.add_command(fail_domain)
    result = runner.invoke(args=["fail-domain"])
    assert result.exit_code == 1 and "Không tìm thấy đơn vị cấp trên 'NOPE'." in result.output
    assert "Traceback" not in result.output
