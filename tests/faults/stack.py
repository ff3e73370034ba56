"""Private service instances and portal processes for the fault and load tests.

Nothing here touches the machine's shared PostgreSQL or Redis: Redis and (for the restart test)
PostgreSQL are started on free ports in temporary directories and stopped again."""

import glob
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import BASE_DIR, missing_service

PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} not ready within {timeout} s")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    def __init__(self, tmp_path):
        binary = shutil.which("redis-server")
        if not binary:
            missing_service("redis-server is not installed")
        self.binary, self.dir, self.port = binary, tmp_path, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: port_open(self.port), 10, "private Redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        wait_until(lambda: not port_open(self.port), 10, "private Redis stop")


class PrivatePostgres:
    """A PostgreSQL cluster of its own (initdb in a temp dir, run as the postgres user when the
    tests run as root, since initdb refuses root)."""

    def __init__(self, tmp_path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            missing_service("PostgreSQL server binaries (initdb) are not installed")
        self.bin = Path(found[-1]).parent
        self.port = free_port()
        # Not under pytest's tmp_path: that is private to root, and the cluster runs as postgres.
        self.dir = Path(tempfile.mkdtemp(prefix="weerbaar-pg-"))
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/weerbaar_fault"

    def _run(self, *args, check=True, timeout=60):
        command = [str(a) for a in args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, check=False, timeout=timeout, capture_output=True, text=True, cwd=self.dir
        )
        if check and result.returncode:
            pytest.fail(f"{command[-1]}: {result.stdout}{result.stderr}")
        return result

    def init(self):
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        self.start()
        self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
                  "weerbaar_fault")  # fmt: skip

    def start(self):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-w", "-l", self.dir / "log", "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
                  "start")  # fmt: skip

    def restart(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(self.bin / "pg_ctl", "-D", self.data, "-w", "-m", "fast",
                  "-l", self.dir / "log", "restart", "-o", options)  # fmt: skip

    def stop(self):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-w", "-m", "immediate", "stop",
                  check=False)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)

    def copy_from(self, settings_dict):
        """Copy a database (schema and rows) from the test server into this cluster."""
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), "-h", settings_dict["HOST"] or "127.0.0.1",
             "-p", str(settings_dict["PORT"] or 5432), "-U", settings_dict["USER"] or "postgres",
             "--no-owner", "--no-privileges", settings_dict["NAME"]],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        subprocess.run(
            [str(self.bin / "psql"), "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U",
             "postgres", "-v", "ON_ERROR_STOP=1", "weerbaar_fault"],
            input=dump.stdout, check=True, capture_output=True, timeout=60,
        )  # fmt: skip


def database_url(settings_dict):
    s = settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def process_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "tests.faults.settings_faults"
    env["PYTHONPATH"] = str(BASE_DIR)
    env.update({key: str(value) for key, value in extra.items() if value is not None})
    return env


def start_gunicorn(port, workers=2, threads=4, **env):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "weerbaar.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--timeout", "30",
         "--graceful-timeout", "5", "--log-level", "warning"],
        cwd=BASE_DIR, env=process_env(**env),
    )  # fmt: skip
    wait_until(lambda: port_open(port), 30, "gunicorn")
    # The port opens before a worker has loaded the portal; on a busy machine that takes longer
    # than a test's request timeout, so wait for a first answer here.
    wait_until(lambda: _answers(f"http://127.0.0.1:{port}/healthz"), 180, "gunicorn's workers")
    return process


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status == 200
    except (urllib.error.URLError, OSError):
        time.sleep(0.5)
        return False


def start_worker(queue, **env):
    return subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "weerbaar", "worker", "--pool=solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue,
         "--loglevel=WARNING"],
        cwd=BASE_DIR, env=process_env(CELERY_TASK_DEFAULT_QUEUE=queue, **env),
    )  # fmt: skip


def start_beat(queue, directory, **env):
    """A real `celery beat` sending the portal's schedule (the notice relay every
    NOTIFICATION_RELAY_SECONDS) to `queue`; its schedule and pid files live in `directory`."""
    directory = Path(directory)
    return subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "weerbaar", "beat", "-s", str(directory / "beat-schedule"),
         f"--pidfile={directory / 'beat.pid'}", "--loglevel=WARNING"],
        cwd=BASE_DIR, env=process_env(CELERY_TASK_DEFAULT_QUEUE=queue, **env),
    )  # fmt: skip


def stop(process, sig=signal.SIGTERM, timeout=10):
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


class Browser:
    """A person's session against the server: a cookie jar and a CSRF token."""

    def __init__(self, base_url, session_key):
        self.base_url = base_url
        jar = http.cookiejar.CookieJar()
        jar.set_cookie(
            http.cookiejar.Cookie(0, "sessionid", session_key, None, False, "127.0.0.1", False,
                                  False, "/", True, False, None, False, None, None, {})
        )  # fmt: skip
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
        )
        self.csrf = None

    def get(self, path, timeout=10):
        request = urllib.request.Request(self.base_url + path)  # noqa: S310 - 127.0.0.1 only
        return self._open(request, timeout)

    def post(self, path, data, timeout=10):
        if self.csrf is None:
            status, body = self.get(path)
            if status != 200:
                return status, body
            self.csrf = json.loads(body)["csrf"]
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.base_url + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": self.csrf, "Referer": self.base_url + path},
        )
        return self._open(request, timeout)

    def _open(self, request, timeout):
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, OSError) as error:
            return 0, str(error)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
