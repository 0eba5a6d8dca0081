"""GET /metrics counts requests, latencies, 429s and stored ratings (kiosk/metrics.py), and is not answered to a
request that came through the proxy."""

import re


def value(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{key}="{val}"' for key, val in labels.items())
    pattern = rf"^{name}{{{wanted}}} (\S+)$" if labels else rf"^{name} (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_requests_are_counted_by_endpoint_and_status(client):
    before = value(client.get("/metrics").text, "motcua_http_requests_total", endpoint="health.healthz",
                   method="GET", status="200")
    client.get("/healthz")
    client.get("/healthz")
    after = client.get("/metrics")
    assert after.status_code == 200 and after.mimetype == "text/plain"
    counted = value(after.text, "motcua_http_requests_total", endpoint="health.healthz", method="GET", status="200")
    assert counted == before + 2
    assert value(after.text, "motcua_http_request_duration_seconds_count", endpoint="health.healthz") >= 2


def test_metrics_are_not_answered_through_a_proxy(client):
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 404
