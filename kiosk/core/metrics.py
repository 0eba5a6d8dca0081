"""Prometheus metrics of the app at ``GET /metrics`` (prometheus_client text format).

Prometheus scrapes each instance on its loopback port (``127.0.0.1:8001/metrics``); nginx never proxies
``/metrics`` (deploy/nginx/motcua-locations.conf), and a request that came through a proxy (it carries
``X-Forwarded-For``) is answered 404 here too, should a proxy be set up without that rule.

With several gunicorn workers each worker counts for itself: when ``PROMETHEUS_MULTIPROC_DIR`` is set (the
systemd unit and the loopback cluster set it, one empty folder per instance) the answer adds up all workers.
Only counters and histograms are used, which add up correctly across workers.
"""

from __future__ import annotations

import os
import time

from flask import Flask, Response, abort, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REQUESTS = Counter("motcua_http_requests_total", "HTTP requests answered", ["endpoint", "method", "status"])
LATENCY = Histogram(
    "motcua_http_request_duration_seconds",
    "Time to answer, by endpoint",
    ["endpoint"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RATINGS = Counter("motcua_ratings_accepted_total", "Ratings stored (201; a repeat of a known key is not counted)")
LOOKUPS = Counter("motcua_dossier_lookups_total", "Dossier lookups and phone checks, by result", ["kind", "result"])
LIMITED = Counter("motcua_rate_limited_total", "Requests refused with 429, by endpoint", ["endpoint"])

_LOOKUP_ENDPOINTS = {"api.dossier_status": "lookup", "api.dossier_verify": "verify"}
_RATING_ENDPOINTS = {"api.create_rating", "rating.submit"}


def init_app(app: Flask) -> None:
    @app.before_request
    def _start_clock() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _count(response):
        endpoint = request.endpoint or "unmatched"
        status = response.status_code
        REQUESTS.labels(endpoint, request.method, str(status)).inc()
        started = g.get("metrics_started")
        if started is not None:
            LATENCY.labels(endpoint).observe(time.perf_counter() - started)
        if status == 429:
            LIMITED.labels(endpoint).inc()
        if endpoint in _RATING_ENDPOINTS and status == 201:
            RATINGS.inc()
        if endpoint in _LOOKUP_ENDPOINTS:
            result = {200: "found", 404: "not_found", 429: "limited"}.get(status, "other")
            LOOKUPS.labels(_LOOKUP_ENDPOINTS[endpoint], result).inc()
        return response

    app.add_url_rule("/metrics", "metrics", metrics)


def metrics() -> Response:
    if request.headers.get("X-Forwarded-For"):
        abort(404)
    registry = None
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    body = generate_latest(registry) if registry else generate_latest()
    return Response(body, mimetype=CONTENT_TYPE_LATEST)
