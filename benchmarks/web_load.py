"""Web load benchmark: page latency for social workers against a large authority on PostgreSQL.

    pip install gunicorn   (the benchmark's server; not a dependency of the app)
    DATABASE_URL=postgres://... python benchmarks/web_load.py build --children 100000
    CAREMATTERS_REQUIRE_OTP=False CAREMATTERS_SECURE_COOKIES=False \
        gunicorn carematters.web.wsgi -w 3 --threads 8 -b 127.0.0.1:8800   (same environment)
    python benchmarks/web_load.py run --url http://127.0.0.1:8800 --users 50 --seconds 60

`build` generates one synthetic year and loads it through the importer, with one user per
social worker in the data. `run` signs in `--users` different social workers, each in its own
thread, and has each repeat a caseload round (child list, a child's summary, the visits page)
with `--think` seconds (on average, varied at random) between pages, for `--seconds`; it prints p50/p95/p99 per page. Only the
loopback address is accepted. Uses carematters.web.settings_test (fast password hashing), since
sign-in is not what is measured.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carematters.web.settings_test")


def build(children: int, seed: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from carematters.synth import generate
    from carematters.web.demo import load_demo

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    synthetic = generate(children, 1, seed=seed)
    la = synthetic.authorities[0]
    generated = time.monotonic()
    load_demo(la, "Benchmark County Council", [d for (code, _), d in synthetic.returns.items() if code == la])
    sys.stdout.write(f"generated in {generated - started:.0f}s, loaded in {time.monotonic() - generated:.0f}s\n")


def _caseloads(users: int) -> list[tuple[str, list[str]]]:
    import django

    django.setup()
    from carematters.web.accounts.models import Role, User

    workers = (User.objects.filter(role=Role.SOCIAL_WORKER, allocated_children__isnull=False)
               .distinct().order_by("username")[:users])
    return [(w.username, [str(pk) for pk in w.allocated_children.values_list("pk", flat=True)])
            for w in workers]


class Session:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, float, str]:
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=30) as response:
            body = response.read().decode()
            if not response.geturl().endswith(path):
                # Redirected (to sign-in or the second factor): not the page being measured.
                raise OSError(f"redirected to {response.geturl()}")
            return response.status, time.perf_counter() - started, body

    def sign_in(self, username: str, password: str) -> None:
        _status, _t, page = self.get("/sign-in/")
        # (the sign-in page is fetched before the session exists, so it is never redirected)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password,
                                       "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + "/sign-in/", data=data,
                                         headers={"Referer": self.base + "/sign-in/"})
        self.opener.open(request, timeout=30).read()


def run(url: str, users: int, seconds: float, think: float, password: str) -> None:
    if urllib.parse.urlparse(url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("only a server on the loopback address may be load-tested")
    caseloads = _caseloads(users)
    timings: dict[str, list[float]] = {"list": [], "summary": [], "visits": []}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(username: str, children: list[str]) -> None:
        session = Session(url)
        session.sign_in(username, password)
        rng = random.Random(username)
        # People do not click in step: each starts at a random moment and pauses a random
        # 0.5-1.5 times --think between pages (fixed pauses would send all users' requests for
        # the same page in one burst, every round).
        time.sleep(rng.uniform(0, think))
        while time.monotonic() < deadline:
            child = rng.choice(children)
            for name, path in (("list", "/children/"), ("summary", f"/children/{child}/"),
                               ("visits", f"/children/{child}/visits/")):
                try:
                    status, elapsed, _body = session.get(path)
                except OSError as error:
                    with lock:
                        errors.append(f"{path}: {error}")
                    continue
                with lock:
                    timings[name].append(elapsed)
                time.sleep(think * rng.uniform(0.5, 1.5))

    cpu_before = time.process_time()
    threads = [threading.Thread(target=user, args=caseload) for caseload in caseloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = sum(len(t) for t in timings.values())
    client_cpu = (time.process_time() - cpu_before) / seconds
    sys.stdout.write(f"{len(caseloads)} users, {seconds:.0f}s, think {think}s: {total} pages, "
                     f"{total / seconds:.1f}/s, {len(errors)} errors; the client itself used "
                     f"{client_cpu:.0%} of a core\n")
    every = [t for values in timings.values() for t in values]
    for name, values in (*timings.items(), ("all", every)):
        if len(values) < 2:
            continue
        cuts = statistics.quantiles(values, n=100)
        sys.stdout.write(f"  {name:8} n={len(values):6} p50={cuts[49] * 1000:6.0f} ms  "
                         f"p95={cuts[94] * 1000:6.0f} ms  p99={cuts[98] * 1000:6.0f} ms\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--children", type=int, default=100_000)
    b.add_argument("--seed", type=int, default=0)
    r = sub.add_parser("run")
    r.add_argument("--url", default="http://127.0.0.1:8800")
    r.add_argument("--users", type=int, default=50)
    r.add_argument("--seconds", type=float, default=60)
    r.add_argument("--think", type=float, default=1.0)
    r.add_argument("--password", default="carematters-demo")
    args = parser.parse_args()
    if args.command == "build":
        build(args.children, args.seed)
    else:
        run(args.url, args.users, args.seconds, args.think, args.password)


if __name__ == "__main__":
    main()
