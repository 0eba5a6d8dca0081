"""Assistant figures against the running stack (prints them; not a test).

- training time of the Rasa model from scratch (target < 5 min on 2 cores);
- held-out intent macro-F1 through ``/model/parse``, as written and with diacritics stripped
  (targets ≥ 0.93 and ≥ 0.90; ``nlu_data/heldout`` is never trained on);
- the right procedure in the answer for the catalogue quality set (``tests/data/catalogue_queries.tsv``)
  phrased as questions, through the REST channel and the action server (target ≥ 90 %); each question is
  asked of an assistant speaking for a centre of the level the set gives (the action server is restarted
  with that unit as ``MOTCUA_UNIT``: its level is the search's hint; a row without a level is asked of a
  district unit, whose level the catalogue does not rank by, so no hint);
- REST latency per message with 10 concurrent conversations, p50 / p95 (targets < 150 / < 400 ms): each
  simulated citizen waits ``--think`` seconds (default 1) between a reply and their next message, as a
  fast typist would; with ``--think 0`` the figure is the saturation of the stack instead.

By default it starts its own stack on spare ports (app 6231, Rasa 6235, actions 6255) on a temporary
SQLite database with ``init-db`` + ``seed-demo`` (plus a ministry and a district unit for the quality
set), and stops it at the end. To measure a stack already running: ``--rasa http://host:5005`` (Rasa must
run with ``--enable-api`` for /model/parse; every catalogue question then goes to that stack's one unit).

Usage: ``.venv/bin/python bench/bot.py [--rasa URL] [--no-train] [--latency-only | --catalogue-only]
[--conversations 10] [--rounds 3] [--think 1.0]``
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from motcua.text import strip_diacritics  # noqa: E402

BOT = ROOT / "bot"
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
HELDOUT = ROOT / "nlu_data" / "heldout" / "heldout.yml"
QUERIES = ROOT / "tests" / "data" / "catalogue_queries.tsv"
PORTS = {"app": 6231, "rasa": 6235, "actions": 6255}
# The unit each quality-set level is asked of: demo units, and two the bench adds (code, name, level).
EXTRA_UNITS = (
    ("000.00.00.G12", "Bộ phận Một cửa Bộ Công an", "bo"),
    ("000.00.10.H62", "Bộ phận Một cửa UBND huyện Đông Triều", "huyen"),
)
LEVEL_UNITS = {"xa": "000.00.12.H62", "tinh": "000.00.00.H62", "bo": "000.00.00.G12", "": "000.00.10.H62"}
ZALO_VARIABLES = (
    "ZALO_APP_ID",
    "ZALO_OA_SECRET_KEY",
    "ZALO_APP_SECRET_KEY",
    "ZALO_ACCESS_TOKEN",
    "ZALO_REFRESH_TOKEN",
    "ZALO_STATE_URL",
)
# The catalogue queries are names or short phrases; each is asked as one of these questions.
QUESTIONS = (
    "{q} cần giấy tờ gì",
    "lệ phí {q} bao nhiêu",
    "{q} mất bao lâu",
    "{q} nộp ở đâu",
    "{q} làm online được không",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa", help="URL of a running Rasa server (else a stack is started)")
    parser.add_argument("--no-train", action="store_true", help="skip timing a training from scratch")
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="scripted conversations per concurrent user")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a citizen waits before the next message")
    parser.add_argument("--latency-only", action="store_true", help="only the REST latency figure")
    parser.add_argument("--catalogue-only", action="store_true", help="only the catalogue questions figure")
    parser.add_argument(
        "--no-level-hint", action="store_true", help="ask every catalogue question of the district unit (no hint)"
    )
    args = parser.parse_args()

    if not args.no_train and not args.latency_only and not args.catalogue_only:
        print(f"training from scratch: {time_training():.0f} s (target < 300 s)")
    with contextlib.ExitStack() as stack:
        pids: list[int] = []
        speak_for = None
        if args.rasa:
            rasa = args.rasa
        else:
            rasa, speak_for = stack.enter_context(running_stack(pids))
        if args.catalogue_only:
            print_catalogue_answers(rasa, speak_for, args.no_level_hint)
            return
        if not args.latency_only:
            quality(rasa, speak_for, args.no_level_hint)
        if speak_for:
            speak_for(LEVEL_UNITS["tinh"])
        for _ in range(6):  # warm the app's workers (catalogue index) before timing
            _say(rasa, f"bench-warm-{uuid.uuid4().hex}", "đăng ký kết hôn cần những gì")
        cpu_before = _cpu_seconds(pids)
        p50, p95, count = rest_latency(rasa, args.conversations, args.rounds, args.think)
        if pids:
            cpu_ms = (_cpu_seconds(pids) - cpu_before) * 1000 / count
            print(
                f"CPU used by app + Rasa + actions per message: {cpu_ms:.0f} ms "
                f"(machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
        print(
            f"REST latency, {args.conversations} concurrent conversations ({args.think:g} s between a reply and "
            f"the next message), {count} messages: p50 {p50:.0f} ms (target < 150), p95 {p95:.0f} ms (target < 400)"
        )
        if args.think > 0:
            p50, p95, count = rest_latency(rasa, args.conversations, 1, 0.0)
            print(f"  saturation (no pause, {count} messages back to back): p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def quality(rasa: str, speak_for: Callable[[str], None] | None, no_hint: bool = False) -> None:
    """Print the NLU and catalogue-answer figures."""
    written, stripped = heldout_f1(rasa)
    print(f"held-out intent macro-F1: {written:.3f} (target ≥ 0.93)")
    print(f"held-out intent macro-F1, diacritics stripped: {stripped:.3f} (target ≥ 0.90)")
    print_catalogue_answers(rasa, speak_for, no_hint)


def print_catalogue_answers(rasa: str, speak_for: Callable[[str], None] | None, no_hint: bool = False) -> None:
    direct, offered, total = catalogue_answers(rasa, speak_for, no_hint)
    print(
        f"catalogue questions answered with the right procedure: {direct}/{total} = {direct / total:.1%} "
        f"(target ≥ 90 %); right one among the offered choices: {offered}/{total}; "
        f"either: {(direct + offered) / total:.1%}"
    )


def time_training() -> float:
    """Seconds to train the model from scratch into a temporary directory (the cache is not used)."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [
                str(RASA),
                "train",
                "--domain",
                "domain.yml",
                "--data",
                "data",
                "../nlu_data/nlu",
                "--config",
                "config.yml",
                "--out",
                out,
                "--force",
                "--quiet",
            ],
            cwd=BOT,
            env=_bot_env(),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def heldout_f1(rasa: str) -> tuple[float, float]:
    """Macro-F1 of the intents predicted by /model/parse on the held-out split."""
    examples = _heldout_examples()
    scores = []
    for variant in (lambda text: text, strip_diacritics):
        pairs = []
        for gold, text in examples:
            parsed = requests.post(f"{rasa}/model/parse", json={"text": variant(text)}, timeout=10).json()
            pairs.append((gold, parsed["intent"]["name"]))
        scores.append(_macro_f1(pairs))
    return scores[0], scores[1]


def catalogue_answers(
    rasa: str, speak_for: Callable[[str], None] | None, no_hint: bool = False
) -> tuple[int, int, int]:
    """(answered with a right code, right code among the buttons, questions asked). With ``speak_for``
    each question goes to an assistant speaking for a centre of the row's level (``no_hint``: all to the
    district unit, whose level gives the search no hint)."""
    rows = [row for row in csv.reader(_data_lines(QUERIES), delimiter="\t") if row and row[0] != "query"]
    by_unit: dict[str, list[tuple[int, str, str]]] = {}
    for index, (query, codes, *level) in enumerate(rows):
        unit = LEVEL_UNITS["" if no_hint else (level or [""])[0]]
        by_unit.setdefault(unit, []).append((index, query, codes))
    direct = offered = 0
    for unit, questions in by_unit.items():
        if speak_for:
            speak_for(unit)
        for index, query, codes in questions:
            question = QUESTIONS[index % len(QUESTIONS)].format(q=query)
            found = _answered_with(rasa, question, codes.split(","))
            direct += found == "direct"
            offered += found == "offered"
            if not found:
                print(f"  missed ({unit}): {question!r}")
    return direct, offered, len(rows)


def _answered_with(rasa: str, question: str, expected: list[str]) -> str | None:
    """ "direct" when the answer is about an expected procedure, "offered" when one is among the buttons."""
    messages = _say(rasa, f"bench-cat-{uuid.uuid4().hex}", question)
    text = " ".join(m.get("text") or "" for m in messages)
    payloads = " ".join(b.get("payload", "") for m in messages for b in m.get("buttons") or [])
    if any(f"(mã {code}" in text for code in expected):
        return "direct"
    if any(f'"{code}"' in payloads for code in expected):
        return "offered"
    return None


def rest_latency(rasa: str, conversations: int, rounds: int, think: float) -> tuple[float, float, int]:
    """p50 and p95 (ms) of REST round trips while ``conversations`` citizens talk at once."""
    script = [
        "xin chào",
        "làm căn cước cần giấy tờ gì",
        "còn lệ phí?",
        "bao lâu thì có",
        "nộp online được không",
        "đăng ký kết hôn cần những gì",
        "mấy giờ mở cửa",
        "tra cứu hồ sơ",
        "000.00.00.H62-260101-0001",
        "rất hài lòng",
        "cảm ơn",
        "tạm biệt",
    ]

    def converse(_: int) -> list[tuple[str, float]]:
        timings = []
        for _round in range(rounds):
            sender = f"bench-{uuid.uuid4().hex}"
            for message in script:
                started = time.perf_counter()
                _say(rasa, sender, message)
                timings.append((message, (time.perf_counter() - started) * 1000))
                time.sleep(think)
        return timings

    with ThreadPoolExecutor(conversations) as pool:
        measured = [pair for batch in pool.map(converse, range(conversations)) for pair in batch]
    timings = [ms for _, ms in measured]
    by_message = {m: statistics.median(ms for text, ms in measured if text == m) for m in script}
    slowest = sorted(by_message.items(), key=lambda item: -item[1])[:3]
    print("  slowest messages (median): " + ", ".join(f"{text!r} {ms:.0f} ms" for text, ms in slowest))
    return statistics.median(timings), statistics.quantiles(timings, n=20)[18], len(timings)


@contextlib.contextmanager
def running_stack(pids: list[int]) -> Iterator[tuple[str, Callable[[str], None]]]:
    """App, action server and Rasa on spare ports over a fresh demo database; yields Rasa's URL and a
    function that restarts the action server speaking for another unit, and fills ``pids`` with the
    processes' ids (for their CPU time)."""
    urls = {name: f"http://127.0.0.1:{port}" for name, port in PORTS.items()}
    workdir = Path(tempfile.mkdtemp(prefix="bench-bot-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.db",
        "MOTCUA_API_URL": urls["app"],
        "PUBLIC_BASE_URL": urls["app"],
        "ACTION_ENDPOINT_URL": f"{urls['actions']}/webhook",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    for name in ZALO_VARIABLES:  # as scripts/run.sh: unset Zalo settings leave that channel refusing calls
        env.setdefault(name, "")
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "server"]
    subprocess.run([*flask, "init-db"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*flask, "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    for code, name, level in EXTRA_UNITS:
        subprocess.run(
            [*flask, "units", "add", code, name, "--level", level], cwd=ROOT, env=env, check=True, capture_output=True
        )
    subprocess.run([str(ROOT / "scripts" / "train_bot.sh")], cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    commands = [
        (
            [
                gunicorn,
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{PORTS['app']}",
                "server:create_app()",
            ],
            ROOT,
        ),
        (ACTIONS_COMMAND, BOT),
        (
            [
                str(RASA),
                "run",
                "--model",
                "models/current.tar.gz",
                "--enable-api",
                "--port",
                str(PORTS["rasa"]),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
            BOT,
        ),
    ]
    processes = []
    try:
        for command, cwd in commands:
            log = open(workdir / f"{Path(command[0]).name}-{len(processes)}.log", "w")  # noqa: SIM115
            processes.append(subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT))
        _wait(f"{urls['app']}/healthz", 60, processes, workdir)
        _wait(f"{urls['actions']}/health", 120, processes, workdir)
        _wait(f"{urls['rasa']}/status", 300, processes, workdir)
        pids.extend(process.pid for process in processes)

        def speak_for(unit: str) -> None:
            """Restart the action server (same port) as the assistant of ``unit``."""
            old = processes[1]
            old.terminate()
            old.wait(timeout=20)
            log = open(workdir / f"actions-{unit}.log", "w")  # noqa: SIM115
            new = subprocess.Popen(ACTIONS_COMMAND, cwd=BOT, env={**env, "MOTCUA_UNIT": unit}, stdout=log, stderr=log)
            processes[1] = new
            pids[pids.index(old.pid)] = new.pid
            _wait(f"{urls['actions']}/health", 120, processes, workdir)

        yield urls["rasa"], speak_for
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


ACTIONS_COMMAND = [str(RASA), "run", "actions", "--actions", "actions", "--port", str(PORTS["actions"])]


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes and their direct children (gunicorn workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        family = [pid, *(int(c) for c in children.read_text().split())] if children.exists() else [pid]
        for member in family:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _say(rasa: str, sender: str, message: str) -> list[dict]:
    response = requests.post(f"{rasa}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30)
    response.raise_for_status()
    return response.json()


def _wait(url: str, seconds: int, processes: list[subprocess.Popen], workdir: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            logs = "\n".join(f"== {log.name}\n" + log.read_text()[-1500:] for log in workdir.glob("*.log"))
            raise SystemExit(f"a process of the stack exited while waiting for {url}:\n{logs}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(1)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def _bot_env() -> dict[str, str]:
    return {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def _data_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _heldout_examples() -> list[tuple[str, str]]:
    """(intent, text as typed) from the held-out Rasa NLU file (its plain "- intent:" / "- example" form)."""
    examples, intent = [], None
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- intent:"):
            intent = stripped.split(":", 1)[1].strip()
        elif intent and stripped.startswith("- ") and line.startswith("      "):
            examples.append((intent, re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", stripped[2:].strip())))
    return examples


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    scores = []
    for intent in sorted({gold for gold, _ in pairs}):
        tp = sum(1 for gold, got in pairs if gold == intent == got)
        fp = sum(1 for gold, got in pairs if gold != intent and got == intent)
        fn = sum(1 for gold, got in pairs if gold == intent and got != intent)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


if __name__ == "__main__":
    main()
