"""Ratings under load, and after a crash: prints accepted ratings/s, p50/p99 latency, and whether every
acknowledged rating survived a SIGKILL of the server exactly once.

The app runs under gunicorn (4 sync workers) on a temporary SQLite database; the load generator is a
few processes of threads posting over loopback sockets, bounded in count and in time, each rating from
the enrolled kiosk of its counter (``X-Kiosk-Device``), through the per-kiosk rate limit (raised here
so the bench measures its cost rather than hitting it).
Targets: >= 500 ratings/s, p99 < 50 ms. The machine is shared: the figures are what it gave.

    .venv/bin/python bench/ratings.py [--seconds 8] [--max 20000] [--clients 2x4] [--port 6251]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UNIT, COUNTERS = "000.00.12.H62", ("Q1", "Q2", "Q3", "Q4")
# Every gunicorn this script started, killed on the way out whatever happens.
_STARTED: list[subprocess.Popen] = []
# Each counter's kiosk credential, set before the load processes fork.
_DEVICES: dict[str, str] = {}
LEVELS = ("rat_hai_long", "rat_hai_long", "rat_hai_long", "hai_long", "binh_thuong")


def main() -> None:
    options = _options()
    if _port_taken(options.port):
        raise SystemExit(f"port {options.port} is in use: stop what uses it or pass --port")
    try:
        with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
            instance = Path(tmp, "instance")
            instance.mkdir()
            # A kiosk's real limit (120 a minute) would stop the load at once; its cost is what is measured.
            (instance / "config.py").write_text("RATING_DEVICE_LIMIT = (10_000_000, 60)\n")
            options.instance = str(instance)
            _run(options, f"sqlite:///{tmp}/bench.db")
    finally:
        for server in _STARTED:
            _kill(server)


def _run(options, url: str) -> None:
    _prepare_database(url)
    print(f"gunicorn: {options.workers} workers, SQLite {url}, port {options.port}, cores {os.cpu_count()}")
    server = _start_server(url, options)
    print(f"\n== throughput: {options.clients} clients, at most {options.seconds} s / {options.max} ratings")
    cpu_before = _group_cpu_seconds(server.pid)
    throughput = _load(options, options.seconds, options.max)
    cpu = _group_cpu_seconds(server.pid) - cpu_before
    _report_load(throughput)
    if throughput["count"]:
        per_rating = cpu * 1000 / throughput["count"]
        print(
            f"server CPU per accepted rating: {per_rating:.2f} ms (master + workers), i.e. about "
            f"{1000 / per_rating:.0f} ratings/s per core the server has to itself; "
            f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores shared with other work"
        )
    _kill(server)

    print("\n== crash: SIGKILL the server mid-load, restart, resend what was not acknowledged")
    acked, unacked = _crash_test(options, _start_server(url, options), url)
    stored = _stored_keys(url)
    lost = [key for key in acked if key not in stored]
    duplicated = [key for key, count in stored.items() if count > 1]
    resent_missing = [key for key in unacked if key not in stored]
    print(f"acknowledged before the kill: {len(acked)}; sent without an answer: {len(unacked)}")
    print(f"after restart and resend: stored {sum(stored.values())} rows for {len(stored)} keys")
    print(f"acknowledged but missing: {len(lost)}; stored more than once: {len(duplicated)}")
    print(f"unanswered ratings resent and now stored once: {len(unacked) - len(resent_missing)}/{len(unacked)}")

    ok = not lost and not duplicated and not resent_missing
    rate_ok = throughput["rate"] >= 500 and throughput["p99"] < 50
    print(f"\nthroughput target (>= 500/s, p99 < 50 ms): {'met' if rate_ok else 'NOT met'} on this machine")
    print(f"crash safety: {'every acknowledged rating stored exactly once' if ok else 'FAILED'}")
    if not ok:
        raise SystemExit(1)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of the throughput run")
    parser.add_argument("--max", type=int, default=20000, help="at most this many ratings in the throughput run")
    parser.add_argument("--clients", default="2x4", help="PROCESSESxTHREADS of the load generator")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=6251)
    return parser.parse_args()


def _prepare_database(url: str) -> None:
    from sqlalchemy.orm import Session

    from motcua.clock import now_local
    from motcua.db import make_engine
    from motcua.feedback.devices import enrol_device
    from motcua.models import Base
    from motcua.staff import assign_officer, save_counter, save_officer
    from motcua.units import save_unit

    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        save_unit(session, UNIT, "Bộ phận Một cửa (bench)", "xa")
        for number, code in enumerate(COUNTERS, start=1):
            save_officer(session, UNIT, f"CB{number:02d}", f"Cán bộ {number}")
            assign_officer(session, save_counter(session, UNIT, code, f"Quầy {number}"), f"CB{number:02d}")
            _DEVICES[code] = enrol_device(session, UNIT, code, now_local())[1]
        session.commit()
    engine.dispose()


def _start_server(url: str, options) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-secret", MOTCUA_INSTANCE_PATH=options.instance)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--workers",
            str(options.workers),
            "--bind",
            f"127.0.0.1:{options.port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            "server:create_app()",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group: SIGKILL reaches the master and every worker
    )
    _STARTED.append(server)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", options.port, timeout=1)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start (see its messages above)")


def _group_cpu_seconds(group: int) -> float:
    """User + system CPU time of every process in the server's process group (Linux /proc)."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # fields after the command: state, ppid, pgrp, ..., utime (12), stime (13)
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _kill(server: subprocess.Popen) -> None:
    if server.returncode is not None:
        return  # already killed and reaped: its group id may belong to someone else by now
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


def _load(options, seconds: float, limit: int, stop_file: str = "") -> dict:
    processes, threads = (int(n) for n in options.clients.lower().split("x"))
    per_process = max(1, limit // processes)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.starmap(_client_process, [(options.port, threads, seconds, per_process, stop_file)] * processes)
    latencies = [ms for part in parts for ms in part["latencies"]]
    elapsed = max(part["elapsed"] for part in parts)
    return {
        "acked": [key for part in parts for key in part["acked"]],
        "unacked": [key for part in parts for key in part["unacked"]],
        "errors": sum(part["errors"] for part in parts),
        "rate": len(latencies) / elapsed if elapsed else 0.0,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": _percentile(latencies, 99),
        "count": len(latencies),
        "elapsed": elapsed,
    }


def _client_process(port: int, threads: int, seconds: float, limit: int, stop_file: str) -> dict:
    """One load-generating process: ``threads`` threads posting ratings until time, count or stop."""
    lock = threading.Lock()
    shared = {"left": limit, "latencies": [], "acked": [], "unacked": [], "errors": 0}
    started = time.perf_counter()
    deadline = started + seconds

    def worker() -> None:
        while time.perf_counter() < deadline and not (stop_file and os.path.exists(stop_file)):
            with lock:
                if shared["left"] <= 0:
                    return
                shared["left"] -= 1
            key = str(uuid.uuid4())
            status, took = _post(port, key)
            with lock:
                if 200 <= status < 300:
                    shared["latencies"].append(took)
                    shared["acked"].append(key)
                else:
                    shared["errors"] += 1
                    shared["unacked"].append(key)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    shared["elapsed"] = time.perf_counter() - started
    return shared


def _post(port: int, key: str) -> tuple[int, float]:
    """POST one rating; (status, milliseconds). Status 0: no complete answer (refused, reset, cut short).

    Raw HTTP/1.1 over a socket rather than http.client: on a 2-core machine the generator's own CPU
    is taken from the server, so it should spend as little as possible per request.
    """
    counter = COUNTERS[hash(key) % len(COUNTERS)]
    body = json.dumps(
        {
            "idempotency_key": key,
            "unit_code": UNIT,
            "counter": counter,
            "level": LEVELS[hash(key) % len(LEVELS)],
            "attitude": "rat_lich_su",
            "source": "kiosk",
        }
    ).encode()
    request = (
        f"POST /api/v1/ratings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"X-Kiosk-Device: {_DEVICES[counter]}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(request)
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    except OSError:
        return 0, (time.perf_counter() - started) * 1000
    return _status_if_complete(b"".join(chunks)), (time.perf_counter() - started) * 1000


def _status_if_complete(response: bytes) -> int:
    """The status code of a whole HTTP response; 0 if the headers or the body were cut short."""
    head, separator, body = response.partition(b"\r\n\r\n")
    if not separator or not head.startswith(b"HTTP/"):
        return 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and len(body) < int(value):
            return 0
    return int(head.split(b" ", 2)[1])


def _crash_test(options, server: subprocess.Popen, url: str) -> tuple[list[str], list[str]]:
    """Load for a few seconds, SIGKILL the whole server group after 1.5 s, restart, resend the unanswered."""
    stop_file = tempfile.mktemp(prefix="motcua-bench-stop-")
    outcome: dict = {}

    def run_load() -> None:
        outcome["load"] = _load(options, seconds=4.0, limit=options.max, stop_file=stop_file)

    loader = threading.Thread(target=run_load)
    loader.start()
    time.sleep(1.5)
    _kill(server)
    Path(stop_file).touch()  # kiosks would keep queueing; here the clients just stop
    print("server killed with SIGKILL")
    loader.join()
    os.unlink(stop_file)
    load = outcome["load"]
    server = _start_server(url, options)
    print("server restarted")
    # What the kiosk does: resend every rating that got no 2xx, with its same key, until acknowledged.
    still = []
    for key in load["unacked"]:
        status, _ = _post(options.port, key)
        if not 200 <= status < 300:
            still.append(key)
    # And a resend of some acknowledged ones, as after a lost answer: they must not be stored twice.
    repeats = [_post(options.port, key)[0] for key in load["acked"][:200]]
    print(
        f"resent {len(load['unacked'])} unanswered ({len(still)} still failing); "
        f"resent {len(repeats)} acknowledged: statuses {sorted(set(repeats))}"
    )
    _kill(server)
    return load["acked"], load["unacked"]


def _stored_keys(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from motcua.db import make_engine
    from motcua.feedback.models import Rating

    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(Rating.idempotency_key, func.count()).group_by(Rating.idempotency_key))
        counts = dict(rows.all())
    engine.dispose()
    return counts


def _report_load(result: dict) -> None:
    print(
        f"accepted {result['count']} ratings in {result['elapsed']:.1f} s: {result['rate']:.0f} ratings/s; "
        f"latency p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms; failed {result['errors']}"
    )


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


if __name__ == "__main__":
    main()
