"""A real server for the browser tests: a fresh SQLite database in a temporary folder, migrated
and seeded with the personas' world, served by Django's server on a free loopback port.

pytest-django's live_server would flush tables between tests, which the append-only audit
trigger forbids, so the server runs in its own process with its own database (datasette's way).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is needed for the e2e tests: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": chromium}


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carematters.web.settings_test",
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite3'}",
        "CAREMATTERS_SECURE_COOKIES": "False",
        "CAREMATTERS_REQUIRE_OTP": "False",
        "CAREMATTERS_AUDIT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    run = [sys.executable, "-m", "carematters.web.manage"]
    subprocess.run([*run, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    seeded = subprocess.run([sys.executable, str(ROOT / "tests/e2e/seed.py")], env=env, check=True,
                            cwd=ROOT, capture_output=True, text=True)
    children = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = _free_port()
    process = subprocess.Popen([*run, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env,
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the e2e server did not start")
            time.sleep(0.2)
    yield {"url": url, "children": children}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def console_errors(page):
    """Console errors (CSP violations included) collected during a test; asserted empty."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield errors
    assert errors == []
