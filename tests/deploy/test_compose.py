"""docker-compose.yml keeps the app server behind its proxy. No Docker engine runs here and
PyYAML is not a dependency, so the file is read as text by its (two-space) indentation: each
service's block, and the keys in it."""

import re

from tests.helpers import BASE_DIR

COMPOSE = (BASE_DIR / "docker-compose.yml").read_text()


def section(text, name, indent):
    """The lines under `name:` (or a header line `name` with its anchor) at `indent` spaces,
    up to the next key at that indent."""
    lines = text.splitlines()
    header = " " * indent + (name if ":" in name else f"{name}:")
    start = next(i for i, line in enumerate(lines) if line == header)
    block = []
    for line in lines[start + 1 :]:
        if line.strip() and not line.startswith(" " * (indent + 1)) and not line.startswith("#"):
            break
        block.append(line)
    return "\n".join(block)


def services():
    block = section(COMPOSE, "services", 0)
    return re.findall(r"^  ([a-z][a-z0-9_-]*):$", block, re.MULTILINE)


def test_only_the_proxy_publishes_ports():
    names = services()
    assert {"web", "proxy", "worker", "beat", "db", "redis"} <= set(names)
    published = [
        name for name in names if re.search(r"^    ports:", section(COMPOSE, name, 2), re.M)
    ]
    assert published == ["proxy"]
    # The shared block every portal service inherits publishes nothing either.
    assert "ports:" not in section(COMPOSE, "x-portal: &portal", 0)


def test_the_app_server_is_on_an_internal_network_the_proxy_shares():
    web = section(COMPOSE, "web", 2)
    assert re.search(r'^    expose: \["8000"\]', web, re.M)
    networks = section(COMPOSE, "networks", 0)
    assert re.search(r"^  backend:\n    internal: true", networks, re.M)
    portal = section(COMPOSE, "x-portal: &portal", 0)
    assert re.search(r"^  networks: \[backend, egress\]$", portal, re.M)
    assert "public" not in portal and "networks:" not in web
    assert re.search(r"^    networks: \[backend, public\]$", section(COMPOSE, "proxy", 2), re.M)


def test_the_stack_runs_the_deploy_configs_and_trusts_one_proxy():
    assert 'TRUSTED_PROXY_COUNT: "1"' in COMPOSE and 'BEHIND_TLS_PROXY: "1"' in COMPOSE
    assert '"-c", "deploy/gunicorn.conf.py"' in section(COMPOSE, "web", 2)
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in section(COMPOSE, "proxy", 2)
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert '"-c", "deploy/gunicorn.conf.py"' in dockerfile
