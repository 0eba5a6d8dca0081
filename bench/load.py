"""Load and soak through the public entry: a realistic mix at a fixed rate for a bounded time.

70 % catalogue (search, then a procedure page), 15 % chat messages (REST webhook, 300 citizens), 10 %
dossier lookups (as the assistant: its key, one conversation each), 5 % ratings (as the assistant, unique
keys). Requests are sent on a fixed schedule (open loop: a slow answer does not slow the next request) by a
pool of threads; latency is measured from the scheduled time, so queueing counts. Prints throughput,
p50/p95/p99 and errors per kind, and the RSS of every process of the system at the start, after warm-up
and at the end.

    CLUSTER_DB=motcua_load MOTCUA_DEMO=1 make run-cluster, then
    .venv/bin/python bench/load.py --url http://127.0.0.1:8080 --rate 50 --seconds 600

    MOTCUA_DEMO=1 make run (its own clone: a fresh instance/), then, from that clone,
    .venv/bin/python bench/load.py --url http://127.0.0.1:5000 --chat-url http://127.0.0.1:5005 \
        --key-file instance/assistant_api_key --database-url sqlite:///$PWD/instance/motcua.db --pid-dir none

Lookups need dossiers: demo data on a fresh database (a centre's real database is never used for a load
run). ``make run`` has no proxy: the app and Rasa's REST channel are two entries, hence ``--chat-url``.

Issue 15's targets on a 2-core machine: 10 minutes at 50 requests/s, 0 errors, p95 < 300 ms per kind, RSS
growth < 10 % after warm-up. The machine is often shared: say so with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]

MIX = (("catalogue", 70), ("chat", 15), ("lookup", 10), ("rating", 5))
SEARCHES = ("khai sinh", "đăng ký kết hôn", "chứng thực", "hộ kinh doanh", "cấp đổi căn cước", "giấy phép xây dựng")
QUESTIONS = (
    "làm giấy khai sinh cần giấy tờ gì",
    "lệ phí đăng ký kết hôn bao nhiêu",
    "trung tâm mở cửa mấy giờ",
    "xin chào",
    "thủ tục đăng ký hộ kinh doanh",
    "chứng thực bản sao mất bao lâu",
)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def system_pids(pid_dir: Path) -> dict[str, int]:
    """The cluster's processes (pid files) and their children, or, for make run, the app's, Rasa's and the
    action server's processes of this checkout, found by their command line and working directory."""
    found: dict[str, int] = {}
    if pid_dir.is_dir() and any(pid_dir.glob("*.pid")):
        for pidfile in sorted(pid_dir.glob("*.pid")):
            pid = int(pidfile.read_text())
            found[pidfile.stem] = pid
            for number, child in enumerate(_children(pid), 1):
                found[f"{pidfile.stem}/{number}"] = child
        return found
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            # Only this checkout's processes: tests of other checkouts may run the same programs.
            if not str((entry / "cwd").resolve()).startswith(str(ROOT)):
                continue
        except OSError:
            continue
        for marker, name in (("server:create_app", "app"), ("rasa run actions", "actions"), (" run --model", "rasa")):
            if marker in command:
                found[f"{name}-{entry.name}"] = int(entry.name)
    return found


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (what it costs, which a shared machine changes little)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dossier_codes(database_url: str) -> list[str]:
    from sqlalchemy import text

    from motcua.db import make_engine

    engine = make_engine(database_url)
    with engine.connect() as connection:
        codes = [row[0] for row in connection.execute(text("SELECT code FROM dossiers ORDER BY id LIMIT 500"))]
    engine.dispose()
    return codes


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.url = args.url.rstrip("/")
        self.chat_url = f"{(args.chat_url or self.url).rstrip('/')}/webhooks/rest/webhook"
        self.key = Path(args.key_file).read_text().strip() if Path(args.key_file).exists() else ""
        self.unit = args.unit
        self.codes = dossier_codes(args.database_url)
        if not self.codes:
            sys.exit(f"No dossiers in {args.database_url}: lookups (10 % of the mix) would not be measured. "
                     "Start the system on a fresh database with MOTCUA_DEMO=1 (see this script's docstring).")
        if not self.key:
            sys.exit(f"No assistant API key in {args.key_file}: lookups and ratings need it (--key-file).")
        search = f"{self.url}/api/v1/procedures"
        found = [requests.get(search, params={"q": query}, timeout=30).json()["items"] for query in SEARCHES]
        self.procedures = sorted({item["code"] for items in found for item in items})
        self.local = threading.local()
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        # (seconds after warm-up when the request was due, latency): the minute-by-minute p95 shows whether
        # slow answers are spread out (a slow part) or bunched (a stall: a pause, a lock, another job).
        self.timeline: list[tuple[float, float]] = []
        self.measured_from = 0.0
        self.random = random.Random(15)

    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        return self.local.session

    def request(self, kind: str, number: int) -> requests.Response:
        http = self.session()
        pick = random.Random(number)
        if kind == "catalogue":
            if number % 2:
                return http.get(f"{self.url}/api/v1/procedures", params={"q": pick.choice(SEARCHES)}, timeout=30)
            return http.get(f"{self.url}/thu-tuc/{pick.choice(self.procedures)}", timeout=30)
        if kind == "chat":
            body = {"sender": f"load-{pick.randrange(300)}", "message": pick.choice(QUESTIONS)}
            return http.post(self.chat_url, json=body, timeout=30)
        headers = {"Authorization": f"Bearer {self.key}", "X-Motcua-Conversation": f"load-{uuid.uuid4().hex[:12]}"}
        if kind == "lookup":
            return http.get(f"{self.url}/api/v1/dossiers/{pick.choice(self.codes)}", headers=headers, timeout=30)
        key = f"load-{uuid.uuid4().hex}"
        body = {"idempotency_key": key, "unit_code": self.unit, "level": "hai_long", "source": "chat"}
        return http.post(f"{self.url}/api/v1/ratings", json=body, headers=headers, timeout=30)

    def fire(self, kind: str, number: int, due: float, record: bool) -> None:
        try:
            response = self.request(kind, number)
            problem = None if response.status_code < 400 else f"HTTP {response.status_code}"
        except requests.RequestException as exc:
            problem = exc.__class__.__name__
        elapsed = time.monotonic() - due
        if record:
            with self.lock:
                self.latency[kind].append(elapsed)
                self.timeline.append((due - self.measured_from, elapsed))
                if problem:
                    self.errors[kind].append(problem)

    def run(self, rate: float, seconds: float, warmup: float, threads: int) -> tuple[float, int]:
        kinds = [kind for kind, weight in MIX for _ in range(weight)]
        start = time.monotonic() + 0.5
        self.measured_from = start + warmup
        total = int((warmup + seconds) * rate)
        sent = 0
        pending = []
        pool = ThreadPoolExecutor(max_workers=threads)
        for number in range(total):
            due = start + number / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            record = number >= warmup * rate
            sent += record
            kind = self.random.choice(kinds)
            pending.append((kind, record, pool.submit(self.fire, kind, number, due, record)))
        # What the system has not answered 30 s after the last request was due is an error, not a wait.
        wait([future for _kind, _record, future in pending], timeout=30)
        pool.shutdown(wait=False, cancel_futures=True)
        with self.lock:
            for kind, record, future in pending:
                if record and not future.done():
                    self.errors[kind].append("not answered 30 s after the run")
        return time.monotonic() - (start + warmup), sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="the public entry (nginx, or make run's app)")
    parser.add_argument("--chat-url", help="where Rasa's REST channel answers, when not behind --url "
                        "(make run: http://127.0.0.1:5005)")
    parser.add_argument("--rate", type=float, default=50, help="requests per second")
    parser.add_argument("--seconds", type=float, default=600, help="measured time after warm-up")
    parser.add_argument("--warmup", type=float, default=30)
    parser.add_argument("--threads", type=int, default=64)
    parser.add_argument("--key-file", default=str(ROOT / ".run/cluster/instance/assistant_api_key"))
    parser.add_argument("--database-url", default=os.environ.get(
        "DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/motcua_cluster"))
    parser.add_argument("--pid-dir", default=str(ROOT / ".run/cluster/pids"))
    parser.add_argument("--unit", default=os.environ.get("MOTCUA_UNIT", "000.00.00.H62"))
    args = parser.parse_args()

    bench = Bench(args)
    pids = system_pids(Path(args.pid_dir))
    rss_start = {name: rss_mb(pid) for name, pid in pids.items()}
    rss_warm: dict[str, float | None] = {}
    cpu_warm: dict[str, float | None] = {}

    def after_warmup() -> None:
        rss_warm.update({name: rss_mb(pid) for name, pid in pids.items()})
        cpu_warm.update({name: cpu_seconds(pid) for name, pid in pids.items()})

    threading.Timer(args.warmup + 0.5, after_warmup).start()
    cpu_before = os.times()
    elapsed, sent = bench.run(args.rate, args.seconds, args.warmup, args.threads)
    rss_end = {name: rss_mb(pid) for name, pid in pids.items()}
    cpu_end = {name: cpu_seconds(pid) for name, pid in pids.items()}
    load = os.getloadavg()

    print(f"load.py: {args.url}, {args.rate:g} req/s for {args.seconds:g} s after {args.warmup:g} s warm-up "
          f"(mix {', '.join(f'{kind} {weight} %' for kind, weight in MIX)}); {os.cpu_count()} cores, "
          f"load average at the end {load[0]:.1f} (the machine may be shared)")
    done = sum(len(values) for values in bench.latency.values())
    errors = sum(len(values) for values in bench.errors.values())
    print(f"throughput {done / elapsed:.1f} answers/s ({done} of {sent} sent), errors {errors}")
    print(f"{'kind':10} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}  target p95 < 300 ms")
    for kind, _weight in MIX:
        values = bench.latency[kind]
        p95 = percentile(values, 0.95) * 1000
        print(f"{kind:10} {len(values):7d} {percentile(values, 0.5) * 1000:8.0f} {p95:8.0f} "
              f"{percentile(values, 0.99) * 1000:8.0f} {len(bench.errors[kind]):7d}  "
              f"{'met' if p95 < 300 else 'NOT met'}")
        if bench.errors[kind]:
            common = statistics.mode(bench.errors[kind])
            print(f"{'':10} most common error: {common}")
    minutes: dict[int, list[float]] = defaultdict(list)
    for due, latency in bench.timeline:
        minutes[int(due // 60)].append(latency)
    print("p95 per minute (all kinds, ms): " + ", ".join(
        f"{minute + 1}: {percentile(values, 0.95) * 1000:.0f}" for minute, values in sorted(minutes.items())))
    print(f"{'process':14} {'RSS start':>10} {'warm':>8} {'end':>8} {'growth after warm-up':>22} {'CPU s':>7}")
    for name in pids:
        start, warm, end = rss_start.get(name), rss_warm.get(name), rss_end.get(name)
        growth = f"{(end - warm) / warm * 100:+.1f} %" if warm and end else "gone"
        used = cpu_end.get(name), cpu_warm.get(name)
        cpu = f"{used[0] - used[1]:7.1f}" if None not in used else "      -"
        print(f"{name:14} {start or 0:9.0f}M {warm or 0:7.0f}M {end or 0:7.0f}M {growth:>22} {cpu}")
    client = os.times()
    print(f"client CPU {client.user - cpu_before.user + client.system - cpu_before.system:.1f} s")
    sys.stdout.flush()
    os._exit(0)  # threads still waiting on an unanswered request are not waited for


if __name__ == "__main__":
    main()
