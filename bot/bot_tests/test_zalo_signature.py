import hashlib

import pytest
from channels.zalo_signature import event_mac, signature_matches

APP_ID, SECRET, BODY, TS = "1234567890", "oa-secret", b'{"event_name":"user_send_text"}', "1700000000000"
MAC = hashlib.sha256(f"{APP_ID}{BODY.decode()}{TS}{SECRET}".encode()).hexdigest()


def test_mac_is_plain_sha256_of_app_id_body_timestamp_and_oa_secret():
    assert event_mac(APP_ID, BODY, TS, SECRET) == MAC


@pytest.mark.parametrize("header", [f"mac={MAC}", f"mac={MAC.upper()}", f" mac = {MAC} "])
def test_matching_mac_is_accepted(header):
    assert signature_matches(header, APP_ID, BODY, TS, SECRET)


@pytest.mark.parametrize(
    "header",
    [None, "", "mac=", MAC, f"sha256={MAC}", f"mac={MAC[:-1]}0" if MAC[-1] != "0" else f"mac={MAC[:-1]}1", "mac=zz"],
)
def test_missing_or_wrong_mac_is_refused(header):
    assert not signature_matches(header, APP_ID, BODY, TS, SECRET)


def test_mac_over_another_body_or_timestamp_is_refused():
    assert not signature_matches(f"mac={MAC}", APP_ID, BODY + b" ", TS, SECRET)
    assert not signature_matches(f"mac={MAC}", APP_ID, BODY, "1700000000001", SECRET)


def test_unconfigured_channel_accepts_no_mac_even_one_made_with_an_empty_secret():
    forged = event_mac(APP_ID, BODY, TS, "")
    assert not signature_matches(f"mac={forged}", APP_ID, BODY, TS, "")
    assert not signature_matches(f"mac={event_mac('', BODY, TS, SECRET)}", "", BODY, TS, SECRET)
