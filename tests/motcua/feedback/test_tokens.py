from datetime import UTC, datetime, timedelta

import pytest

from motcua.feedback.tokens import TokenError, make_rating_token, read_rating_token

ISSUED = datetime(2026, 4, 15, 9, 30)
CODE = "000.00.12.H62-260415-0001"


def test_a_token_names_the_dossier_it_was_made_for():
    token = make_rating_token("secret", CODE, ISSUED)
    assert read_rating_token("secret", token, ISSUED + timedelta(days=29)) == CODE


def test_a_token_is_url_safe_and_short_enough_for_a_receipt_qr():
    token = make_rating_token("secret", CODE, ISSUED)
    assert all(ch.isalnum() or ch in "-_." for ch in token)
    assert len(token) < 80


def test_a_token_expires_after_the_given_days():
    token = make_rating_token("secret", CODE, ISSUED, days=30)
    with pytest.raises(TokenError, match="hết hạn"):
        read_rating_token("secret", token, ISSUED + timedelta(days=30, seconds=1))


def test_expiry_reads_an_aware_now_in_vietnam_time():
    token = make_rating_token("secret", CODE, ISSUED, days=1)
    just_before = datetime(2026, 4, 16, 2, 29, tzinfo=UTC)  # 09:29 in Vietnam
    assert read_rating_token("secret", token, just_before) == CODE


def test_a_token_signed_with_another_secret_is_refused():
    token = make_rating_token("other", CODE, ISSUED)
    with pytest.raises(TokenError, match="không hợp lệ"):
        read_rating_token("secret", token, ISSUED)


def test_a_token_moved_to_another_dossier_is_refused():
    token = make_rating_token("secret", CODE, ISSUED)
    other = make_rating_token("secret", "000.00.12.H62-260415-0002", ISSUED)
    forged = other.split(".")[0] + "." + token.split(".")[1]
    with pytest.raises(TokenError):
        read_rating_token("secret", forged, ISSUED)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "!!!.???", "ấ.ấ", "." * 3])
def test_damaged_tokens_raise_token_error_not_a_crash(garbage):
    with pytest.raises(TokenError):
        read_rating_token("secret", garbage, ISSUED)
