"""The two commands a centre's IT officer runs: behaviour that does not need the whole stack up."""

import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_second_setup_with_unchanged_requirements_does_nothing_quickly():
    started = time.monotonic()
    result = subprocess.run(["scripts/setup.sh"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    # The suite runs after `make setup`, so this is the second run: nothing to install.
    assert "installing" not in result.stdout
    assert time.monotonic() - started < 5


def test_run_refuses_to_start_when_a_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            ["scripts/run.sh"],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "APP_PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"port {port} is already in use" in result.stderr


def test_demo_data_comes_only_with_make_demo():
    demo = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert demo.returncode == 0 and "MOTCUA_DEMO=1" in demo.stdout
    run = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "MOTCUA_DEMO" not in run.stdout
