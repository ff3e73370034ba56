"""Ratios that a varying load cannot skew: the pages measured in turn, one request to each.

`bench/run.py` measures one page after the other; when the machine's load changes between two
pages (another process, the database catching up after the seed), their ratio changes with it.
Here every round asks each page once, in the same order, on the same gunicorn as `make bench`,
so each ratio to the signed-in floor compares requests made seconds apart. Sequential requests
(concurrency 1), against the database `bench/run.py` left (`BENCH_DATABASE`, default
weerbaar_bench), without reseeding:

    .venv/bin/python bench/interleaved.py --rounds 100
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import bench_env, free_port, login, pages, request, start_server  # noqa: E402

KEYS = ("floor_signed_in", "case", "queue", "queue_filtered", "queue_deep")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()
    os.chdir(BASE_DIR)
    os.environ.update(bench_env())
    import django

    django.setup()
    from django.db import connections

    from bench.seed import ACCOUNTS, PASSWORD
    from incidents.models import Incident

    scale = Incident.objects.count()
    found, _missing = pages(ACCOUNTS)
    chosen = [page for page in found if page.key in KEYS]
    connections.close_all()
    port = free_port()
    server = start_server(port)
    try:
        sessions = {}
        for page in chosen:
            if page.user not in sessions:
                sessions[page.user] = login(port, page.user, PASSWORD)
        client = {page.key: [] for page in chosen}
        inside = {page.key: [] for page in chosen}
        for number in range(args.warmup + args.rounds):
            for page in chosen:
                started = time.perf_counter()
                status, response, _data = request(
                    port, "GET", page.path, cookies=sessions[page.user]
                )
                took = (time.perf_counter() - started) * 1000
                if status != 200:
                    raise RuntimeError(f"{page.path}: HTTP {status}")
                if number >= args.warmup:
                    client[page.key].append(took)
                    inside[page.key].append(float(response.getheader("Bench-Server-Ms", "nan")))
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = statistics.median(client["floor_signed_in"])
    print(f"{scale:,} incidents, {args.rounds} rounds, load average {os.getloadavg()[0]:.2f}")
    print("| page | client p50 ms | server p50 ms | × signed-in floor |")
    print("|---|---|---|---|")
    for page in chosen:
        p50 = statistics.median(client[page.key])
        server_p50 = statistics.median(inside[page.key])
        print(f"| {page.title} | {p50:.1f} | {server_p50:.1f} | {p50 / floor:.2f} |")


if __name__ == "__main__":
    main()
