"""`make bench`: seed PostgreSQL at each scale, serve with gunicorn, measure the main pages.

For each scale (number of incidents) this recreates the database `weerbaar_bench`, migrates,
seeds (bench/seed.py), starts gunicorn with `weerbaar.settings_bench` (DEBUG off, plain HTTP,
a middleware that reports the SQL queries and server time of each request), logs in real users
through the login form (staff with a TOTP code), and measures every page from this process with
a fixed number of requests at a fixed concurrency, after a warm-up. Results go to
`var/bench/results-<scale>.json`; the Markdown table to `var/bench/results.md` and stdout.
Then bench/notices.py measures how long a notice takes from the submit response to an SMTP sink
with a real worker, quiet and behind a backlog (`--notice-reports 0` skips it).

    python bench/run.py --scales 1000 100000 --requests 200 --concurrency 2
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "bench"
# BENCH_DATABASE: another name, so that two people on one machine do not drop each other's.
DATABASE = os.environ.get("BENCH_DATABASE", "weerbaar_bench")
DB_HOST, DB_PORT, DB_USER = "127.0.0.1", 5432, "postgres"
DATABASE_URL = f"postgres://{DB_USER}@{DB_HOST}:{DB_PORT}/{DATABASE}"
SETTINGS = "weerbaar.settings_bench"
WORKERS = 3  # as in the Dockerfile


def bench_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=DATABASE_URL,
        PYTHONPATH=str(BASE_DIR),
        **extra,
    )
    env.pop("REDIS_URL", None)  # locmem cache, tasks in-process, mail to nowhere
    return env


def log(message):
    print(message, flush=True)


# --- Database, seed, server ---------------------------------------------------------------------


def recreate_database():
    import psycopg

    with psycopg.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=bench_env(), check=True)


def seed(scale):
    t0 = time.monotonic()
    recreate_database()
    manage("migrate", "--noinput", "-v", "0")
    migrated = time.monotonic() - t0
    subprocess.run(
        [sys.executable, "-m", "bench.seed", "--incidents", str(scale)],
        cwd=BASE_DIR,
        env=bench_env(),
        check=True,
    )
    return {
        "migrate_seconds": round(migrated, 1),
        "seed_seconds": round(time.monotonic() - t0 - migrated, 1),
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port):
    command = [
        sys.executable, "-m", "gunicorn", "weerbaar.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
        "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=BASE_DIR, env=bench_env(BENCH_QUERY_COUNT="1"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = request(port, "GET", "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer on /healthz within 60 s")


# --- HTTP client --------------------------------------------------------------------------------


def request(port, method, path, *, cookies=None, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    all_headers = {"Host": "127.0.0.1", "Accept-Language": "nl"}
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        body = urlencode(body)
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers["Referer"] = f"http://127.0.0.1:{port}{path}"
    all_headers.update(headers or {})
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response, data


def _set_cookies(response, cookies):
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _sep, val = pair.partition("=")
            if val in ('""', ""):
                cookies.pop(key, None)
            else:
                cookies[key] = val


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(port, path, cookies):
    status, response, data = request(port, "GET", path, cookies=cookies)
    _set_cookies(response, cookies)
    match = CSRF_FIELD.search(data)
    if status != 200 or not match:
        raise RuntimeError(f"no form at {path} (HTTP {status})")
    return match.group(1).decode()


def totp_code(email):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(port, email, password):
    """Sign in through the login form (and the TOTP form for staff); returns the cookies."""
    cookies = {}
    token = csrf_token(port, "/account/login/", cookies)
    status, response, _data = request(
        port,
        "POST",
        "/account/login/",
        cookies=cookies,
        body={"csrfmiddlewaretoken": token, "login": email, "password": password},
    )
    _set_cookies(response, cookies)
    location = response.getheader("Location", "")
    if status != 302:
        raise RuntimeError(f"login of {email} failed (HTTP {status})")
    if "2fa/authenticate" in location:
        token = csrf_token(port, location, cookies)
        status, response, _data = request(
            port,
            "POST",
            location,
            cookies=cookies,
            body={"csrfmiddlewaretoken": token, "code": totp_code(email)},
        )
        _set_cookies(response, cookies)
        if status != 302:
            raise RuntimeError(f"TOTP step of {email} failed (HTTP {status})")
    if "sessionid" not in cookies:
        raise RuntimeError(f"login of {email} gave no session")
    return cookies


# --- Pages --------------------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    title: str
    kind: str  # floor, list, case, search, form, pdf
    path: str
    user: str | None  # an e-mail, or None for anonymous
    method: str = "GET"
    form: dict | None = None  # for POST: fields; a fresh CSRF token is added
    form_page: str | None = None  # where the form is, to take the CSRF token from
    expect: tuple = (200,)
    requests: int | None = None  # fewer for slow pages


@dataclass
class Result:
    key: str
    title: str
    kind: str
    path: str
    requests: int
    concurrency: int
    p50_ms: float
    p95_ms: float
    rps: float
    server_p50_ms: float
    queries_median: float
    queries_min: int
    queries_max: int
    ratio_to_floor: float = 0.0
    ratio_to_signed_in_floor: float = 0.0  # client p50 over the signed-in floor's
    errors: int = 0
    statuses: dict = field(default_factory=dict)


def pages(accounts):
    """The pages to measure, with ids looked up in the seeded database. A page whose app has
    no view yet is left out (and reported as missing)."""
    from django.urls import NoReverseMatch, reverse

    from bench.seed import narrow_query
    from subsidies.models import Decision

    found, missing = [], []

    def add(key, title, kind, name, user, args=(), query="", **extra):
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            missing.append((key, title))
            return
        found.append(Page(key, title, kind, path + query, user, **extra))

    staff, officeholder = accounts.staff, accounts.officeholder
    add("floor", "Floor: base template, no queries", "floor", "bench_floor", None)
    add("floor_signed_in", "Floor, signed in (session, user, roles)", "floor", "bench_floor",
        officeholder)  # fmt: skip
    add("home", "Start page (officeholder)", "list", "home", officeholder)

    # Incidents and the knowledge base: left out, and reported as missing, while a view is not
    # there (the URL name does not resolve).
    case = _sample_case()
    add("queue", "Triage queue, first page", "list", "incidents:queue", staff)
    add("queue_filtered", "Triage queue, filtered (in progress, threat)", "list",
        "incidents:queue", staff, query="?status=in_progress&kind=threat")  # fmt: skip
    add("queue_deep", "Triage queue, a deep page (after open case 24,975, or the last)", "list",
        "incidents:queue", staff, query=f"?na={_deep_queue_cursor(24_975)}")  # fmt: skip
    if case:
        add("case", "Case page (staff)", "case", "incidents:detail", staff, args=[case])
        add("dossier", "Dossier PDF", "pdf", "incidents:dossier", staff, args=[case],
            requests=20)  # fmt: skip
    add("own_cases", "Officeholder's own cases", "list", "incidents:list", officeholder)
    draft = _draft_of(officeholder)
    if draft:
        add("report_post", "Report form POST (save draft)", "form", "incidents:edit",
            officeholder, args=[draft], method="POST", expect=(302,),
            form={"kinds": "threat", "channel": "home", "description": "Bedreigd na de raad.",
                  "later": "1"})  # fmt: skip
    add("knowledge", "Knowledge search, broad (two common words)", "search",
        "network:knowledge", officeholder, query="?q=bedreiging+raadsvergadering")  # fmt: skip
    add("knowledge_narrow", "Knowledge search, narrow (one rarer word)", "search",
        "network:knowledge", officeholder, query=f"?q={narrow_query()}")  # fmt: skip
    add("knowledge_browse", "Knowledge base, no query (newest first)", "list",
        "network:knowledge", officeholder)  # fmt: skip

    add(
        "grants_list",
        "Grant applications list (staff)",
        "list",
        "subsidies:list",
        staff,
        requests=30,
    )
    add("grants_budget", "Grant budget overview", "list", "subsidies:budget", staff)
    add("monitor", "Monitor dashboard", "list", "monitor:dashboard", staff)
    decision = (
        Decision.objects.filter(application__lines__isnull=False, outcome="granted")
        .order_by("pk")
        .first()
    )
    if decision:
        add(
            "letter_render",
            "Decision letter PDF (rendered)",
            "pdf",
            "bench_letter",
            staff,
            args=[decision.pk],
            requests=20,
        )
        add(
            "letter_download",
            "Decision letter PDF (stored, download)",
            "case",
            "subsidies:letter",
            staff,
            args=[decision.application_id],
        )
    return found, missing


def _sample_case():
    from incidents.models import Incident

    return (
        Incident.objects.sent()
        .filter(notes__isnull=False, evidence__isnull=False)
        .order_by("-submitted_at")
        .values_list("pk", flat=True)
        .first()
    )


def _deep_queue_cursor(position):
    """The "next page" cursor a case handler has after paging to open case `position` of the
    queue in its default order (what the page's "Volgende" link carries)."""
    from incidents.models import Incident
    from incidents.selectors import QUEUE_ORDER
    from incidents.workflow import OPEN_STATES
    from weerbaar import pagination

    open_cases = Incident.objects.sent().filter(status__in=OPEN_STATES)
    position = max(0, min(position, open_cases.count() - 25))  # 380 open cases at 1,000
    row = open_cases.order_by(*QUEUE_ORDER)[position]
    return pagination.encode_cursor(row, pagination.sort_keys(open_cases, QUEUE_ORDER))


def _draft_of(email):
    """A draft of this officeholder that the report-form POST saves again and again."""
    from accounts.models import User
    from incidents import actions

    if not hasattr(actions, "incident_start"):
        return None
    return actions.incident_start(actor=User.objects.get(email=email)).pk


def measure(port, page, cookies, *, requests, concurrency, warmup):
    """`warmup` requests, then `requests` at `concurrency` threads, each its own connection."""
    total = page.requests or requests
    lock = threading.Lock()
    samples = []  # (latency ms, status, queries, server ms)
    form_token = {}

    def one():
        body = None
        if page.method == "POST":
            body = dict(page.form or {})
            body["csrfmiddlewaretoken"] = form_token["token"]
        started = time.perf_counter()
        status, response, _data = request(port, page.method, page.path, cookies=cookies, body=body)
        latency = (time.perf_counter() - started) * 1000
        queries = int(response.getheader("Bench-Query-Count", "-1"))
        server = float(response.getheader("Bench-Server-Ms", "nan"))
        return latency, status, queries, server

    if page.method == "POST":
        form_token["token"] = csrf_token(port, page.form_page or page.path, cookies)
    for _i in range(warmup):
        one()

    remaining = [total]

    def worker():
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            sample = one()
            with lock:
                samples.append(sample)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    latencies = sorted(s[0] for s in samples)
    queries = [s[2] for s in samples]
    statuses = {}
    for s in samples:
        statuses[str(s[1])] = statuses.get(str(s[1]), 0) + 1
    return Result(
        key=page.key,
        title=page.title,
        kind=page.kind,
        path=page.path,
        requests=len(samples),
        concurrency=concurrency,
        p50_ms=round(statistics.median(latencies), 2),
        p95_ms=round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 2),
        rps=round(len(samples) / elapsed, 1),
        server_p50_ms=round(statistics.median(s[3] for s in samples), 2),
        queries_median=statistics.median(queries),
        queries_min=min(queries),
        queries_max=max(queries),
        errors=sum(1 for s in samples if s[1] not in page.expect),
        statuses=statuses,
    )


def run_scale(scale, args):
    import django

    log(f"== {scale:,} incidents")
    timing = {"migrate_seconds": None, "seed_seconds": None}
    if not args.reuse:
        timing = seed(scale)
        log(f"   migrated in {timing['migrate_seconds']} s, seeded in {timing['seed_seconds']} s")
    os.environ.update(bench_env())
    django.setup()
    from django.db import connections

    from bench.seed import ACCOUNTS, PASSWORD

    connections.close_all()
    port = free_port()
    server = start_server(port)
    try:
        sessions = {}
        found, missing = pages(ACCOUNTS)
        connections.close_all()
        results = []
        for page in found:
            if page.user and page.user not in sessions:
                sessions[page.user] = login(port, page.user, PASSWORD)
            result = measure(
                port,
                page,
                sessions.get(page.user, {}),
                requests=args.requests,
                concurrency=args.concurrency,
                warmup=args.warmup,
            )
            results.append(result)
            log(
                f"   {page.key:<22} p50 {result.p50_ms:8.1f} ms  p95 {result.p95_ms:8.1f} ms  "
                f"{result.rps:7.1f} req/s  server p50 {result.server_p50_ms:7.1f} ms  "
                f"queries {result.queries_median:g} ({result.queries_min}-{result.queries_max})"
                + (f"  ERRORS {result.errors} {result.statuses}" if result.errors else "")
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = next((r for r in results if r.key == "floor"), None)
    signed_in = next((r for r in results if r.key == "floor_signed_in"), None)
    for result in results:
        if floor:
            result.ratio_to_floor = round(result.p50_ms / floor.p50_ms, 1)
        if signed_in:
            result.ratio_to_signed_in_floor = round(result.p50_ms / signed_in.p50_ms, 1)
    payload = {
        "scale": scale,
        "machine": machine(),
        "concurrency": args.concurrency,
        "requests": args.requests,
        "warmup": args.warmup,
        "workers": WORKERS,
        **timing,
        "results": [asdict(r) for r in results],
        "missing": [{"key": k, "title": t} for k, t in missing],
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"results-{scale}.json").write_text(json.dumps(payload, indent=2))
    return payload


def machine():
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in load],
        "python": sys.version.split()[0],
    }


def table(payloads):
    """One row per page; per scale p50/p95/rps/queries, and the ratio to the floor."""
    scales = [p["scale"] for p in payloads]
    by_scale = {p["scale"]: {r["key"]: r for r in p["results"]} for p in payloads}
    keys = []
    for payload in payloads:
        for result in payload["results"]:
            if result["key"] not in keys:
                keys.append(result["key"])
    head = ["page"]
    for scale in scales:
        label = f"{scale:,}".replace(",", " ")
        head += [
            f"p50 ms @{label}",
            f"p95 ms @{label}",
            f"req/s @{label}",
            f"server p50 @{label}",
            f"× floor @{label}",
            f"× signed-in floor @{label}",
            f"queries @{label}",
        ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in keys:
        title = next(by_scale[s][key]["title"] for s in scales if key in by_scale[s])
        row = [title]
        for scale in scales:
            r = by_scale[scale].get(key)
            if r is None:
                row += ["–"] * 7
                continue
            queries = f"{r['queries_median']:g}"
            if r["queries_min"] != r["queries_max"]:
                queries += f" ({r['queries_min']}–{r['queries_max']})"
            row += [
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['rps']:.1f}",
                f"{r['server_p50_ms']:.1f}",
                f"{r['ratio_to_floor']:.1f}",
                f"{r.get('ratio_to_signed_in_floor', 0.0):.1f}",
                queries,
            ]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="Seed, serve and measure the portal.")
    parser.add_argument("--scales", nargs="+", type=int, default=[1000, 100000])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database as it is (one scale)"
    )
    parser.add_argument(
        "--notice-reports", type=int, default=100, help="notice latency (0: skip), bench/notices.py"
    )
    parser.add_argument("--notice-backlog", type=int, default=1000, help="queued notices")
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    payloads = []
    for scale in args.scales:
        # Each scale in a fresh process: Django is set up once per process.
        if len(args.scales) > 1:
            subprocess.run(
                [sys.executable, __file__, "--scales", str(scale), *_passthrough(args)],
                check=True,
            )
            payloads.append(json.loads((OUT_DIR / f"results-{scale}.json").read_text()))
        else:
            payloads.append(run_scale(scale, args))
    markdown = table(payloads)
    missing = {m["title"] for p in payloads for m in p["missing"]}
    if missing:
        markdown += "\n\nNot measured (no view yet): " + ", ".join(sorted(missing)) + "."
    if args.notice_reports:
        markdown += "\n\n" + notice_latency(args)
    if len(args.scales) > 1 or not args.reuse:
        (OUT_DIR / "results.md").write_text(markdown + "\n")
    log("")
    log(markdown)


def notice_latency(args):
    """From the submit response to the SMTP sink, with a real worker (bench/notices.py)."""
    subprocess.run(
        [sys.executable, str(BASE_DIR / "bench" / "notices.py"),
         "--reports", str(args.notice_reports), "--backlog", str(args.notice_backlog)],
        check=True,
    )  # fmt: skip
    figures = json.loads((OUT_DIR / "notices.json").read_text())
    quiet, during = figures["quiet"], figures["during_backlog"]
    return "\n".join([
        "| notice latency (submit response → SMTP sink) | notices | p50 s | p95 s | max s |",
        "|---|---|---|---|---|",
        f"| quiet, {quiet['reports']} reports | {quiet['notices']} | {quiet['p50_s']} | "
        f"{quiet['p95_s']} | {quiet['max_s']} |",
        f"| {during['reports']} reports behind {during['backlog_notices']} queued notices | "
        f"{during['notices']} | {during['p50_s']} | {during['p95_s']} | {during['max_s']} |",
    ])  # fmt: skip


def _passthrough(args):
    out = ["--requests", str(args.requests), "--concurrency", str(args.concurrency)]
    out += ["--warmup", str(args.warmup), "--notice-reports", "0"]
    if args.reuse:
        out.append("--reuse")
    return out


if __name__ == "__main__":
    main()
