"""A bounded load on 127.0.0.1: officeholders filing reports and staff browsing the queue.

Plain threads and urllib (no extra dependency). Each simulated person has their own session;
the run stops after a fixed time, and the figures are returned (and printed by the test)."""

import json
import statistics
import threading
import time

from tests.faults.stack import Browser


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(base_url, *, filer_sessions, staff_sessions, seconds, filing_path, queue_path):
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    filed, filing_times, browse_times, statuses = [], [], [], {}

    def count(kind, status):
        with lock:
            statuses[(kind, status)] = statuses.get((kind, status), 0) + 1

    def filer(session):
        browser = Browser(base_url, session)
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            started = time.monotonic()
            status, body = browser.post(filing_path, {"description": f"loadtest {n}"}, timeout=30)
            took = time.monotonic() - started
            count("file", status)
            if status == 201:
                with lock:
                    filed.append(json.loads(body)["id"])
                    filing_times.append(took)

    def staff(session):
        browser = Browser(base_url, session)
        while time.monotonic() < stop_at:
            started = time.monotonic()
            status, _body = browser.get(queue_path, timeout=30)
            count("browse", status)
            if status == 200:
                with lock:
                    browse_times.append(time.monotonic() - started)

    threads = [threading.Thread(target=filer, args=(s,)) for s in filer_sessions]
    threads += [threading.Thread(target=staff, args=(s,)) for s in staff_sessions]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started

    def figures(times):
        return {
            "n": len(times),
            "p50_ms": round(1000 * percentile(times, 0.50), 1),
            "p95_ms": round(1000 * percentile(times, 0.95), 1),
            "p99_ms": round(1000 * percentile(times, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(times), 1) if times else 0.0,
        }

    return {
        "seconds": round(elapsed, 1),
        "filers": len(filer_sessions),
        "staff": len(staff_sessions),
        "reports_filed": len(filed),
        "reports_per_second": round(len(filed) / elapsed, 2),
        "filing": figures(filing_times),
        "browsing": figures(browse_times),
        "statuses": {f"{kind} {status}": n for (kind, status), n in sorted(statuses.items())},
        "errors": sum(n for (_kind, status), n in statuses.items() if status >= 500 or not status),
        "filed_ids": filed,
    }
