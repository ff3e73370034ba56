"""`make bench`, part two: how long a notice takes from the submit response to the mail server.

Real processes on this machine: a private Redis, gunicorn (3 workers, as in the Dockerfile), a
Celery worker as docker-compose runs it (prefork, one process per CPU), `celery beat` (the relay
every NOTIFICATION_RELAY_SECONDS), and an SMTP sink
(aiosmtpd) in this process that notes when it accepted each mail. Reports are filed over HTTP
through the one-request filing endpoint of the fault tests (tests/faults/urls.py: the real
incident actions start, save and submit, so the real outbox rows and after-commit publish);
each report writes two notices (the reporter's confirmation, the support team's "new report").

1. Quiet: N reports, one at a time, a quarter of a second apart; for every notice, the time from
   the submit response to the sink's acceptance.
2. Backlog: the worker is stopped while reports are filed until BACKLOG notices wait in the
   broker queue; the worker starts; as soon as it delivers the first of them, N more reports are
   filed as in 1 and measured the same way (they queue behind the backlog).

The database `weerbaar_bench_notices` (only that one) is recreated. Results go to
`var/bench/notices.json` and stdout.

    python bench/notices.py --reports 100 --backlog 1000
"""

import argparse
import email
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import DB_HOST, DB_PORT, DB_USER, OUT_DIR, WORKERS, log, machine  # noqa: E402
from tests.faults import stack  # noqa: E402

DATABASE = "weerbaar_bench_notices"
DATABASE_URL = f"postgres://{DB_USER}@{DB_HOST}:{DB_PORT}/{DATABASE}"
FILING = "/_test/melden/"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Sink:
    """Keeps the moment it accepted each mail, by Message-ID."""

    def __init__(self):
        self.accepted, self.lock = {}, threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        at = time.monotonic()
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        with self.lock:
            self.accepted.setdefault(message_id, at)
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.accepted)


def recreate_database():
    import psycopg

    with psycopg.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def start_worker(queue, env):
    """As docker-compose runs it: the default prefork pool, one process per CPU."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "weerbaar", "worker", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=BASE_DIR, env=stack.process_env(**env),
    )  # fmt: skip


def wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} not within {timeout} s")


def file_reports(browsers, count, pause):
    """File `count` reports, round robin over the browsers (one filer thread per browser);
    returns {incident id: monotonic time of the submit response}."""
    answered, lock, errors = {}, threading.Lock(), []
    per = [count // len(browsers) + (i < count % len(browsers)) for i in range(len(browsers))]

    def filer(browser, n):
        for i in range(n):
            status, body = browser.post(FILING, {"description": f"bench {i}"}, timeout=60)
            at = time.monotonic()
            if status != 201:
                errors.append(status)
                continue
            with lock:
                answered[json.loads(body)["id"]] = at
            if pause:
                time.sleep(pause)

    pairs = zip(browsers, per, strict=True)
    threads = [threading.Thread(target=filer, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"filing failed: {errors[:5]}")
    return answered


def latencies(answered, sink, timeout):
    """Per notice: its acceptance by the sink minus its report's submit response."""
    from notifications.models import Notification

    rows = list(Notification.objects.filter(object_id__in=answered, kind__startswith="incidents."))
    wanted = {row.message_id: row.object_id for row in rows}
    wait(lambda: all(m in sink.accepted for m in wanted), timeout, f"{len(wanted)} notices")
    times = [sink.accepted[m] - answered[incident] for m, incident in wanted.items()]
    return {
        "reports": len(answered),
        "notices": len(times),
        "p50_s": round(percentile(times, 0.50), 3),
        "p95_s": round(percentile(times, 0.95), 3),
        "max_s": round(max(times), 3),
        "last_at": max(sink.accepted[m] for m in wanted),
    }


def main():
    parser = argparse.ArgumentParser(description="Notice latency with a real worker.")
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--backlog", type=int, default=1000, help="queued notices")
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-bench-notices-"))
    redis = stack.PrivateRedis(tmp)
    redis.start()
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=stack.free_port())
    controller.start()
    queue = f"bench-notices-{os.getpid()}"
    env = {"DATABASE_URL": DATABASE_URL, "REDIS_URL": redis.url,
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(controller.port),
           "CELERY_TASK_DEFAULT_QUEUE": queue}  # fmt: skip
    processes = []
    try:
        log("notices: recreating and migrating weerbaar_bench_notices ...")
        recreate_database()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                       cwd=BASE_DIR, env=stack.process_env(**env), check=True)  # fmt: skip
        os.environ.update(stack.process_env(**env))
        import django

        django.setup()
        from django.test import Client

        from accounts.tests import factories as people

        people.support_team_member()  # hears of every new report
        browsers = []
        port = stack.free_port()
        for _ in range(4):
            client = Client()
            client.force_login(people.officeholder())
            browsers.append(
                stack.Browser(f"http://127.0.0.1:{port}", client.cookies["sessionid"].value)
            )
        processes.append(stack.start_gunicorn(port, workers=WORKERS, threads=1, **env))
        worker = start_worker(queue, env)
        processes.append(worker)
        beat_env = {k: v for k, v in env.items() if k != "CELERY_TASK_DEFAULT_QUEUE"}
        processes.append(stack.start_beat(queue, tmp, **beat_env))  # the relay every 10 s
        for browser in browsers:  # gunicorn's workers load the portal on their first request
            wait(lambda b=browser: b.get(FILING, timeout=60)[0] == 200, 180, "gunicorn")
        file_reports(browsers[:1], 5, 0)  # warm-up (and: the worker is up)
        wait(lambda: sink.count() >= 10, 180, "the warm-up notices")

        log(f"notices: quiet, {args.reports} reports a quarter of a second apart ...")
        quiet = latencies(file_reports(browsers[:1], args.reports, 0.25), sink, 120)
        quiet.pop("last_at")
        log(f"   quiet    p50 {quiet['p50_s']:.3f} s  p95 {quiet['p95_s']:.3f} s")

        stack.stop(worker, signal.SIGTERM, timeout=30)
        log(f"notices: {args.backlog} notices queued with the worker stopped ...")
        before = sink.count()
        backlog = file_reports(browsers, args.backlog // 2, 0)
        started = time.monotonic()
        worker = start_worker(queue, env)
        processes.append(worker)
        wait(lambda: sink.count() > before, 180, "the first backlog notice")
        draining_from = time.monotonic()
        log(f"   worker delivering {time.monotonic() - started:.1f} s after its start")
        during = latencies(file_reports(browsers[:1], args.reports, 0.25), sink, 600)
        during.pop("last_at")
        drained = latencies(backlog, sink, 600)
        drain_seconds = round(drained.pop("last_at") - draining_from, 1)
        log(f"   backlog  p50 {during['p50_s']:.3f} s  p95 {during['p95_s']:.3f} s  "
            f"(backlog drained in {drain_seconds} s)")  # fmt: skip
        payload = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": machine(),
            "gunicorn_workers": WORKERS,
            "worker": "prefork, concurrency = CPUs",
            "quiet": quiet,
            "during_backlog": {
                **during,
                "backlog_notices": drained["notices"],
                "backlog_drain_seconds": drain_seconds,
            },  # fmt: skip
        }
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        (OUT_DIR / "notices.json").write_text(json.dumps(payload, indent=2))
        log(json.dumps(payload, indent=2))
        return payload
    finally:
        for process in processes:
            stack.stop(process, signal.SIGTERM, timeout=20)
        controller.stop()
        redis.stop()


if __name__ == "__main__":
    main()
