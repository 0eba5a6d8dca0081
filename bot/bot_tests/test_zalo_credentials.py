"""``credentials.yml`` as Rasa reads it when the server starts."""

from pathlib import Path

import pytest
from channels.zalo import ZaloInput
from rasa.core.run import create_http_input_channels
from rasa.exceptions import RasaException

CREDENTIALS = str(Path(__file__).resolve().parents[1] / "credentials.yml")
VARIABLES = ("ZALO_APP_ID", "ZALO_OA_SECRET_KEY", "ZALO_APP_SECRET_KEY", "ZALO_ACCESS_TOKEN", "ZALO_REFRESH_TOKEN")


def zalo_channel(channels) -> ZaloInput:
    [channel] = [c for c in channels if c.name() == "zalo"]
    return channel


def test_credentials_block_builds_the_zalo_channel_from_the_environment(monkeypatch, tmp_path):
    for variable in VARIABLES:
        monkeypatch.setenv(variable, f"value-of-{variable}")
    monkeypatch.setenv("ZALO_STATE_URL", f"sqlite:///{tmp_path}/state.db")
    channel = zalo_channel(create_http_input_channels(None, CREDENTIALS))
    settings = channel.settings
    assert (settings.app_id, settings.oa_secret_key, settings.app_secret_key) == (
        "value-of-ZALO_APP_ID",
        "value-of-ZALO_OA_SECRET_KEY",
        "value-of-ZALO_APP_SECRET_KEY",
    )
    assert (settings.access_token, settings.refresh_token) == (
        "value-of-ZALO_ACCESS_TOKEN",
        "value-of-ZALO_REFRESH_TOKEN",
    )
    assert settings.configured and channel.url_prefix() == "zalo"
    assert "value-of" not in repr(settings).replace("value-of-ZALO_APP_ID", "")


def test_empty_variables_start_rasa_with_zalo_switched_off(monkeypatch, tmp_path):
    for variable in VARIABLES:
        monkeypatch.setenv(variable, "")
    monkeypatch.setenv("ZALO_STATE_URL", f"sqlite:///{tmp_path}/state.db")
    assert not zalo_channel(create_http_input_channels(None, CREDENTIALS)).settings.configured


def test_unset_variable_stops_rasa_with_its_name(monkeypatch, tmp_path):
    for variable in VARIABLES:
        monkeypatch.setenv(variable, "")
    monkeypatch.setenv("ZALO_STATE_URL", f"sqlite:///{tmp_path}/state.db")
    monkeypatch.delenv("ZALO_APP_ID")
    with pytest.raises(RasaException, match="ZALO_APP_ID"):
        create_http_input_channels(None, CREDENTIALS)
