"""Assistant figures against the running stack (prints them; not a test).

- training time of the Rasa model from scratch (target < 5 min on 2 cores);
- held-out intent macro-F1 through ``/model/parse``, as written and with diacritics stripped
  (targets ≥ 0.96 and ≥ 0.90; ``nlu_data/heldout`` is never trained on);
- the right procedure in the answer for the catalogue quality set (``tests/data/catalogue_queries.tsv``)
  phrased as questions, through the REST channel and the action server (target ≥ 90 %); each question is
  asked of an assistant speaking for a centre of the level the set gives (the action server is restarted
  with that unit as ``MOTCUA_UNIT``: its level is the search's hint; a row without a level is asked of a
  district unit, whose level the catalogue does not rank by, so no hint);
- the independent evaluation set (``tests/data/eval/questions.tsv``): its TEST split, then its dev
  split apart, each question asked in a fresh conversation of the assistant of the default unit (a province
  centre, as ``make run``): right procedure answered directly / only among the buttons / wrong procedure /
  no answer, per style and per aspect; the asked aspect answered (share of direct answers); "flow hijacked"
  (a procedure question that started the complaint, status, rating, hand-off, callback or follow flow, read from
  the conversation's tracker); honesty on the questions nothing in the catalogue answers; English replies.
  The targets are printed with the test figures; tune on dev only (``--show-misses`` lists dev misses
  and refuses to print test questions);
- REST latency per message with 10 concurrent conversations, p50 / p95 (targets < 80 / < 200 ms): each
  simulated citizen waits ``--think`` seconds (default 1) between a reply and their next message, as a
  fast typist would; with ``--think 0`` the figure is the saturation of the stack instead.

By default it starts its own stack on spare ports (app 6231, Rasa 6235, actions 6255) on a temporary
SQLite database with ``init-db`` + ``seed-demo`` (plus a ministry and a district unit for the quality
set), and stops it at the end. To measure a stack already running: ``--rasa http://host:5005`` (Rasa must
run with ``--enable-api`` for /model/parse; every catalogue question then goes to that stack's one unit).

Rasa's HTTP API (``/model/parse``, trackers) is called with ``?token=`` when ``RASA_AUTH_TOKEN`` is set or
``instance/rasa_token`` exists (the token ``make run`` gives Rasa).

The second dev set (``--eval-file tests/data/eval/dev2.tsv --split dev``) is asked the same way. Two benches
on one machine: ``BENCH_BOT_PORTS=app,rasa,actions`` moves the stack's ports.

Usage: ``.venv/bin/python bench/bot.py [--rasa URL] [--no-train] [--latency-only | --catalogue-only |
--eval-only [--split test|dev] [--show-misses] [--eval-file PATH]] [--conversations 10] [--rounds 3]
[--think 1.0]``
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
EVAL = ROOT / "tests" / "data" / "eval" / "questions.tsv"
# Ports of the bench's own stack; BENCH_BOT_PORTS="app,rasa,actions" moves them (two benches on one machine).
_PORTS = os.environ.get("BENCH_BOT_PORTS", "6231,6235,6255").split(",")
PORTS = dict(zip(("app", "rasa", "actions"), map(int, _PORTS), strict=True))
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
    parser.add_argument("--eval-only", action="store_true", help="only the independent evaluation set")
    parser.add_argument("--split", choices=("test", "dev"), help="only this split of the evaluation set")
    parser.add_argument("--show-misses", action="store_true", help="list the dev questions not answered right")
    parser.add_argument(
        "--eval-file",
        type=Path,
        default=EVAL,
        help="evaluation set to ask (default tests/data/eval/questions.tsv; tests/data/eval/dev2.tsv is dev only)",
    )
    args = parser.parse_args()
    if args.show_misses and args.split != "dev":
        parser.error("--show-misses lists questions: only with --split dev (never look at the test questions)")

    if not (args.no_train or args.latency_only or args.catalogue_only or args.eval_only):
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
        if args.eval_only:
            if speak_for:
                speak_for(LEVEL_UNITS["tinh"])
            for split in (args.split,) if args.split else ("test", "dev"):
                print_eval(rasa, split, args.show_misses, args.eval_file)
            return
        if not args.latency_only:
            quality(rasa, speak_for, args.no_level_hint)
            if speak_for:
                speak_for(LEVEL_UNITS["tinh"])
            for split in ("test", "dev"):
                print_eval(rasa, split, False)
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
            f"the next message), {count} messages: p50 {p50:.0f} ms (target < 80), p95 {p95:.0f} ms (target < 200)"
        )
        if args.think > 0:
            p50, p95, count = rest_latency(rasa, args.conversations, 1, 0.0)
            print(f"  saturation (no pause, {count} messages back to back): p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def quality(rasa: str, speak_for: Callable[[str], None] | None, no_hint: bool = False) -> None:
    """Print the NLU and catalogue-answer figures."""
    written, stripped = heldout_f1(rasa)
    print(f"held-out intent macro-F1: {written:.3f} (target ≥ 0.96)")
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
            parsed = requests.post(
                f"{rasa}/model/parse", params=_token(), json={"text": variant(text)}, timeout=10
            ).json()
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


# --- the independent evaluation set ----------------------------------------------------------------

# Actions and forms that start a flow a procedure question must not start.
FLOW_ACTIONS = frozenset(
    {
        "action_prefill_complaint",
        "action_start_status",
        "action_start_rating",
        "action_human_handoff",
        "action_follow_dossier",
        "action_unfollow_dossier",
        "action_list_follows",
    }
)
# The callback form (a question left for an officer to answer later) is a hand-off too: counted since session 9.
FLOW_LOOPS = frozenset({"complaint_form", "dossier_form", "rating_form", "callback_form"})
# How each aspect's answer begins (Vietnamese and English replies); the card's "• Lệ phí: …" lines are
# not an aspect answer.
ASPECT_MARKS = {
    "documents": re.compile(
        r"^(Giấy tờ cần nộp|Documents to submit|Danh mục giấy tờ chưa có|Mang theo để xuất trình)", re.M
    ),
    "form": re.compile(r"^(Mẫu đơn, tờ khai|Danh mục chưa ghi mẫu đơn|Documents to submit)", re.M),
    "fee": re.compile(r"^(Lệ phí:|Fee:|Chưa có thông tin lệ phí)", re.M),
    "time": re.compile(r"^(Thời hạn giải quyết|Processing time:|Chưa có thông tin thời hạn)", re.M),
    "where": re.compile(r"^(Nơi nộp hồ sơ:|Where to submit:)", re.M),
    "online": re.compile(r"(nộp trực tuyến được|chưa nộp trực tuyến được|submitted online)"),
}
HONEST = re.compile(r"(không|chưa) tìm thấy thủ tục|ngoài phạm vi|could not find|can only help|not sure which")
ANSWERED_CODE = re.compile(r"\((?:mã|code) ([0-9A-Za-z.]+)")
TARGETS = (
    "targets on the test split: right procedure direct ≥ 85 % overall and ≥ 80 % casual; wrong ≤ 5 %; "
    "hijacked ≤ 1 %; aspect answered ≥ 95 % of direct answers"
)


def eval_rows(split: str, path: Path = EVAL) -> list[dict[str, str]]:
    """The rows of one split (the file is read whole, but only this split's rows are returned)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["split"] == split]


def ask_eval(rasa: str, row: dict[str, str]) -> dict[str, object]:
    """One question in a fresh conversation: what was answered, offered, started."""
    sender = f"bench-eval-{uuid.uuid4().hex}"
    messages = _say(rasa, sender, row["text"])
    text = "\n".join(m.get("text") or "" for m in messages)
    payloads = " ".join(b.get("payload", "") for m in messages for b in m.get("buttons") or [])
    expected = [code for code in row["codes"].split(",") if code]
    answered = ANSWERED_CODE.findall(text)
    if any(code in expected for code in answered):
        outcome = "direct"
    elif answered:
        outcome = "wrong"
    elif any(
        f'"procedure_code": "{code}"' in payloads or f'"procedure_code":"{code}"' in payloads for code in expected
    ):
        outcome = "buttons"
    else:
        outcome = "none"
    tracker = requests.get(f"{rasa}/conversations/{sender}/tracker", params=_token(), timeout=30).json()
    events = tracker.get("events") or []
    hijacked = any(e.get("event") == "action" and e.get("name") in FLOW_ACTIONS for e in events) or any(
        e.get("event") == "active_loop" and e.get("name") in FLOW_LOOPS for e in events
    )
    mark = ASPECT_MARKS.get(row["aspect"])
    return {
        "outcome": outcome,
        "hijacked": hijacked,
        "aspect_ok": bool(mark and mark.search(text)) if outcome == "direct" and mark else None,
        "honest": not answered and bool(HONEST.search(text)),
        "english": _english_reply(text),
        "reply": text,
    }


def _english_reply(text: str) -> bool:
    """The reply's first line is English: one of the English replies' openings, or plain ASCII (every
    Vietnamese reply's first line has diacritics)."""
    first = (text.strip().splitlines() or [""])[0]
    return first.startswith(("Procedure:", "Sorry", "Which procedure", "I am not sure")) or (
        bool(first) and first.isascii()
    )


def print_eval(rasa: str, split: str, show_misses: bool, path: Path = EVAL) -> None:
    """Figures of one split; the targets with the test split."""
    rows = eval_rows(split, path)
    for _ in range(8):  # warm the app's workers (catalogue index) before asking
        _say(rasa, f"bench-warm-{uuid.uuid4().hex}", "đăng ký kết hôn cần những gì")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda row: ask_eval(rasa, row), rows))
    pairs = list(zip(rows, results, strict=True))
    procedure = [(r, x) for r, x in pairs if r["topic"] != "notfound" and r["style"] != "english"]
    print(f"\n== evaluation set {path.name}, {split} split: {len(procedure)} procedure questions ==")
    if split == "test":
        print(TARGETS)

    def line(label: str, group: list[tuple[dict, dict]]) -> str:
        n = len(group) or 1
        count = {k: sum(1 for _, x in group if x["outcome"] == k) for k in ("direct", "buttons", "wrong", "none")}
        hijacked = sum(1 for _, x in group if x["hijacked"])
        judged = [x["aspect_ok"] for _, x in group if x["aspect_ok"] is not None]
        aspect = f"{sum(judged)}/{len(judged)}" if judged else "-"
        return (
            f"  {label:<12} n={len(group):<4} direct {count['direct'] / n:6.1%}"
            f"  buttons only {count['buttons'] / n:6.1%}"
            f"  wrong {count['wrong'] / n:6.1%}  no answer {count['none'] / n:6.1%}  hijacked {hijacked / n:5.1%}"
            f"  aspect answered {aspect}"
        )

    print(line("all", procedure))
    if split == "test":
        print_verdict(procedure)
    print(" per style:")
    for style in sorted({r["style"] for r, _ in procedure}):
        print(line(style, [(r, x) for r, x in procedure if r["style"] == style]))
    print(" per aspect:")
    for aspect in sorted({r["aspect"] for r, _ in procedure}):
        print(line(aspect, [(r, x) for r, x in procedure if r["aspect"] == aspect]))
    hijack_prone = [(r, x) for r, x in procedure if r["note"].startswith("hijack:")]
    print(line("hijack-prone", hijack_prone))
    notfound = [(r, x) for r, x in pairs if r["topic"] == "notfound"]
    if notfound:
        honest = sum(1 for _, x in notfound if x["honest"])
        print(f"  not in the catalogue: honest not-found {honest}/{len(notfound)}")
    english = [(r, x) for r, x in pairs if r["style"] == "english"]
    if english:
        right = sum(1 for _, x in english if x["outcome"] == "direct")
        replied = sum(1 for _, x in english if x["english"])
        print(
            f"  English questions: right procedure {right}/{len(english)}, answered in English {replied}/{len(english)}"
        )
    if show_misses and split == "dev":
        for row, result in pairs:
            aspect_miss = result["aspect_ok"] is False
            wrong_notfound = row["topic"] == "notfound" and not result["honest"]
            if (
                result["outcome"] != "direct"
                and row["topic"] != "notfound"
                or result["hijacked"]
                or aspect_miss
                or wrong_notfound
            ):
                first = result["reply"].splitlines()[0][:110] if result["reply"] else ""
                print(
                    f"  {row['id']} {row['style']}/{row['aspect']} {result['outcome']}"
                    f"{' HIJACK' if result['hijacked'] else ''}{' ASPECT' if aspect_miss else ''}: {row['text'][:90]!r}"
                    f" want {row['codes']} -> {first!r}"
                )


def print_verdict(procedure: list[tuple[dict, dict]]) -> None:
    """Each answer-quality target with the test figure and whether it is met."""
    n = len(procedure) or 1
    casual = [x for r, x in procedure if r["style"] == "casual"]
    direct = [x for _, x in procedure if x["outcome"] == "direct"]
    judged = [x["aspect_ok"] for x in direct if x["aspect_ok"] is not None]
    figures = (
        ("right procedure direct", len(direct) / n, ">=", 0.85),
        (
            "right procedure direct, casual",
            sum(x["outcome"] == "direct" for x in casual) / (len(casual) or 1),
            ">=",
            0.80,
        ),
        ("wrong procedure", sum(x["outcome"] == "wrong" for _, x in procedure) / n, "<=", 0.05),
        ("flow hijacked", sum(x["hijacked"] for _, x in procedure) / n, "<=", 0.01),
        ("aspect answered (of direct answers)", sum(judged) / (len(judged) or 1), ">=", 0.95),
    )
    for label, value, sense, target in figures:
        met = value >= target if sense == ">=" else value <= target
        print(f"  target {label}: {value:.1%} ({sense} {target:.0%}) {'met' if met else 'NOT met'}")


def _token() -> dict[str, str]:
    """``{"token": …}`` for Rasa's HTTP API when it runs with an auth token, else nothing."""
    token = os.environ.get("RASA_AUTH_TOKEN")
    path = ROOT / "instance" / "rasa_token"
    if not token and path.exists():
        token = path.read_text(encoding="utf-8").strip()
    return {"token": token} if token else {}


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
    # As scripts/run.sh: Rasa's HTTP API needs its token (the bench's own calls send it, see _token), the
    # action server answers only Rasa's shared secret; both servers are started by scripts/serve_bot.sh.
    os.environ["RASA_AUTH_TOKEN"] = os.environ.get("RASA_AUTH_TOKEN") or uuid.uuid4().hex
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.db",
        "MOTCUA_API_URL": urls["app"],
        "PUBLIC_BASE_URL": urls["app"],
        "ACTION_ENDPOINT_URL": f"{urls['actions']}/webhook",
        "ACTION_SERVER_TOKEN": os.environ.get("ACTION_SERVER_TOKEN") or uuid.uuid4().hex,
        "APP_PORT": str(PORTS["app"]),
        "RASA_PORT": str(PORTS["rasa"]),
        "ACTIONS_PORT": str(PORTS["actions"]),
        "MOTCUA_UNIT": LEVEL_UNITS["tinh"],
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
    key = subprocess.run(
        [*flask, "create-api-key", "bench-tro-ly", "--unit", LEVEL_UNITS["tinh"], "--scope", "assistant"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if key.returncode == 0 and key.stdout.strip():
        env["MOTCUA_API_KEY"] = key.stdout.strip().splitlines()[-1]
    subprocess.run([str(ROOT / "scripts" / "train_bot.sh")], cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    app_env = {k: v for k, v in env.items() if k not in ("RASA_AUTH_TOKEN", "ACTION_SERVER_TOKEN", "MOTCUA_API_KEY")}
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
        (ACTIONS_COMMAND, ROOT),
        ([str(ROOT / "scripts" / "serve_bot.sh"), "rasa"], ROOT),
    ]
    processes = []
    try:
        for command, cwd in commands:
            log = open(workdir / f"{Path(command[0]).name}-{len(processes)}.log", "w")  # noqa: SIM115
            process_env = app_env if command[0] == gunicorn else env
            processes.append(subprocess.Popen(command, cwd=cwd, env=process_env, stdout=log, stderr=subprocess.STDOUT))
        _wait(f"{urls['app']}/healthz", 60, processes, workdir)
        _wait(f"{urls['actions']}/health", 120, processes, workdir)
        _wait(f"{urls['rasa']}/", 300, processes, workdir)  # its API needs the token; "/" answers once loaded
        pids.extend(process.pid for process in processes)

        def speak_for(unit: str) -> None:
            """Restart the action server (same port) as the assistant of ``unit``."""
            old = processes[1]
            old.terminate()
            old.wait(timeout=20)
            log = open(workdir / f"actions-{unit}.log", "w")  # noqa: SIM115
            new = subprocess.Popen(ACTIONS_COMMAND, cwd=ROOT, env={**env, "MOTCUA_UNIT": unit}, stdout=log, stderr=log)
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


ACTIONS_COMMAND = [str(ROOT / "scripts" / "serve_bot.sh"), "actions"]


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
