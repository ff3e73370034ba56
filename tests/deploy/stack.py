"""The production topology on this machine: gunicorn with deploy/gunicorn.conf.py and
production settings, and Debian's nginx with the project's deploy/nginx.conf in front of it.

The nginx config is the real file; only its upstream address, listen addresses and file paths
are substituted (each substitution must match, so the test notices when the file changes)."""

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import BASE_DIR

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
HOST = "portal.test"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with code {process.returncode}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"{what} did not listen on {port} within {timeout} s")


def production_env(tmp, database_url, redis_url=None, **extra):
    """The environment of docker-compose's web service: DEBUG off, real keys, HTTPS behind one
    proxy. Static files are collected once into `tmp` (the manifest storage needs them)."""
    from cryptography.fernet import Fernet

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL", "DEBUG"}
    }
    extra.setdefault("SECRET_KEY", "deploy-test-" + "k" * 50)
    extra.setdefault("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    env.update(
        DJANGO_SETTINGS_MODULE="weerbaar.settings",
        DEBUG="0",
        ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        SECURE_HTTPS="1",
        BEHIND_TLS_PROXY="1",
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="0",
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "uploads"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    if redis_url:
        env.update(
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=f"deploy-test-{os.getpid()}-{time.monotonic_ns()}",
            CELERY_TASK_DEFAULT_QUEUE=f"deploy-test-{os.getpid()}",
        )
    return env


def collect_static(env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )


class Gunicorn:
    def __init__(self, tmp, env, workers=2):
        self.port = free_port()
        self.stdout = tmp / "gunicorn.out"
        self.stderr = tmp / "gunicorn.err"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "weerbaar.wsgi:application",
            ],  # fmt: skip
            cwd=BASE_DIR,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": str(workers),
            },
            stdout=self.stdout.open("wb"),
            stderr=self.stderr.open("wb"),
        )
        wait_for_port(self.port, self.process, "gunicorn")

    def logs(self):
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def stop(self):
        stop(self.process)


def project_nginx_conf(*, upstream_port, http_port, https_port, log_dir, cert_dir):
    """deploy/nginx.conf with only addresses and paths replaced."""
    text = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    replacements = [
        ("server web:8000;", f"server 127.0.0.1:{upstream_port};", 1),
        ("listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;", 1),
        ("/var/log/nginx/", f"{log_dir}/", None),
        ("/etc/nginx/certs/", f"{cert_dir}/", 2),
    ]
    for old, new, count in replacements:
        found = text.count(old)
        assert found and (count is None or found == count), f"deploy/nginx.conf: {old!r} {found}x"
        text = text.replace(old, new)
    return text


class Nginx:
    """Debian's nginx running the project's config, as the official image includes it: inside
    an http block that also has the image's own access log with the full request line, and
    its error log level (notice)."""

    def __init__(self, tmp, upstream_port):
        if not Path(NGINX).exists():
            pytest.fail(f"nginx not found at {NGINX}: apt-get install nginx")
        self.dir = tmp / "nginx"
        for sub in ("logs", "certs", "temp"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        self.logs_dir = self.dir / "logs"
        cert, key = self.dir / "certs" / "fullchain.pem", self.dir / "certs" / "privkey.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                f"/CN={HOST}",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],  # fmt: skip
            check=True,
            capture_output=True,
        )
        self.http_port, self.https_port = free_port(), free_port()
        (self.dir / "default.conf").write_text(
            project_nginx_conf(
                upstream_port=upstream_port,
                http_port=self.http_port,
                https_port=self.https_port,
                log_dir=self.logs_dir,
                cert_dir=self.dir / "certs",
            )
        )
        temp = self.dir / "temp"
        user = "user root;" if os.geteuid() == 0 else ""
        (self.dir / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
daemon off;
pid {self.dir}/nginx.pid;
error_log {self.logs_dir}/error.log notice;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    # As in the official image's nginx.conf: a log with the whole request line.
    log_format main '$remote_addr "$request" $status "$http_referer"';
    access_log {self.logs_dir}/image-default.log main;
    include {self.dir}/default.conf;
}}
"""
        )
        self.process = subprocess.Popen(
            [
                NGINX,
                "-p",
                str(self.dir),
                "-c",
                str(self.dir / "nginx.conf"),
                "-e",
                str(self.logs_dir / "error.log"),
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.https_port, self.process, "nginx")

    def logs(self):
        return "".join(path.read_text(errors="replace") for path in self.logs_dir.glob("*.log"))

    def stop(self):
        stop(self.process)


def stop(process, timeout=10):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def request(port, method, path, *, tls=True, headers=None, body=None, timeout=10):
    """One request; returns (status, headers as a dict with lower-case names, body)."""
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=timeout, context=tls_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content
    finally:
        connection.close()


def rmtree(path):
    shutil.rmtree(path, ignore_errors=True)
