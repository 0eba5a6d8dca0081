"""The action server refuses calls that do not carry Rasa's shared secret (actions/server_auth.py),
checked on rasa-sdk's own app with the plugins attached as ``rasa run actions`` attaches them."""

from __future__ import annotations

import pytest
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager

from bot_tests.action_calls import CALL


@pytest.fixture
def action_app(monkeypatch):
    def make(secret: str | None):
        if secret is None:
            monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
        else:
            monkeypatch.setenv("ACTION_SERVER_TOKEN", secret)
        app = create_app("actions")
        plugin_manager().hook.attach_sanic_app_extensions(app=app)
        return app

    return make


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic s3cret", "s3cret", "Bearer x"])
def test_calls_without_the_shared_secret_are_refused_before_any_action_runs(action_app, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    app = action_app("s3cret")
    assert app.test_client.post("/webhook", json=CALL, headers=headers)[1].status == 401
    assert app.test_client.get("/actions", headers=headers)[1].status == 401


def test_rasas_call_with_the_secret_runs_the_action(action_app):
    _, answer = action_app("s3cret").test_client.post("/webhook", json=CALL, headers={"Authorization": "Bearer s3cret"})
    assert answer.status == 200
    assert {"event": "slot", "timestamp": None, "name": "rating_token", "value": None} in answer.json["events"]


def test_without_a_configured_secret_every_call_is_refused_but_health_answers(action_app):
    app = action_app(None)
    assert app.test_client.post("/webhook", json=CALL, headers={"Authorization": "Bearer x"})[1].status == 401
    assert app.test_client.get("/health")[1].status == 200
