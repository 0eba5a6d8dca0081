def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["database"] == "ok"


def test_unknown_api_path_answers_json_in_vietnamese(client):
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"] == "not_found"
    assert "Không tìm thấy" in response.json["message"]


def test_wrong_method_on_the_api_is_a_json_405(client):
    response = client.delete("/api/v1/units/X")
    assert response.status_code == 405 and response.json["error"] == "method_not_allowed"


def test_an_unexpected_failure_on_the_api_is_json_not_an_html_page(app):
    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.is_json and "sự cố" in response.json["message"]


def test_unit_contact_details_come_from_the_database(client, db):
    from motcua.units import save_unit

    save_unit(db, "000.00.00.H62", "Trung tâm tỉnh", "tinh", hotline="0210 3812 345", opening_hours="7:30–17:00")
    db.commit()
    body = client.get("/api/v1/units/000.00.00.h62").json
    assert body["hotline"] == "0210 3812 345" and body["opening_hours"] == "7:30–17:00"
    assert client.get("/api/v1/units/KHONG").status_code == 404


def test_healthz_reports_the_migration_revision_and_whether_it_is_the_newest(tmp_path):
    from alembic.script import ScriptDirectory

    from kiosk.cli.database import alembic_config
    from server import create_app

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "DATABASE_URL": url})
    before = app.test_client().get("/healthz").json
    assert before["migration"] == {"revision": None, "head": before["migration"]["head"], "current": False}
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    after = app.test_client().get("/healthz").json
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    app.extensions["motcua.engine"].dispose()
    assert after["migration"] == {"revision": head, "head": head, "current": True}


def test_healthz_is_503_when_the_configured_redis_does_not_answer(engine, database_url):
    from server import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "DATABASE_URL": database_url,
            "DATABASE_ENGINE": engine,
            "REDIS_URL": "redis://127.0.0.1:1/0",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["redis"] == "unreachable" and "Redis" in response.json["message"]


def test_healthz_checks_redis_only_when_it_is_configured(client):
    assert "redis" not in client.get("/healthz").json
