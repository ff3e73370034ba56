"""Back-off for wrong passwords and wrong second-factor codes, per client and account.

allauth's own `login_failed` limit counts per account ("5/300s/key"): five wrong passwords
typed by anyone lock the named account for five minutes, so anyone who knows a BZK officer's
address could keep them out during an incident. Here the count is per (client, account): a
client that keeps guessing waits longer and longer (exponential back-off), while the real
person on another client is not affected. Two wider nets remain:

- per client, whatever the account: allauth's "N/m/ip" part of `login_failed`;
- per account, over all clients: the same back-off, but only after many failures
  (LOGIN_BACKOFF_ACCOUNT_FREE_FAILURES, default 100 in an hour), against guessing spread over
  many addresses. Reaching it takes that many failures from many networks, not one script.

A client is its IP address as allauth sees it (ALLAUTH_TRUSTED_PROXY_COUNT; IPv6 by /64).
State lives in the cache (Redis in production, shared by all processes) and holds hashes only.
"""

from __future__ import annotations

import hashlib
import time

from allauth.core.internal.ratelimit import cache_lock, get_ip
from django.conf import settings
from django.core.cache import cache


def now() -> float:
    return time.time()


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _delay(failures: int, free: int) -> float:
    """Seconds to wait after `failures` wrong tries, the first `free` ones costing nothing."""
    if failures < free:
        return 0.0
    base = _setting("LOGIN_BACKOFF_BASE_SECONDS", 30)
    cap = _setting("LOGIN_BACKOFF_MAX_SECONDS", 15 * 60)
    return float(min(base * 2 ** min(failures - free, 20), cap))


def _keys(request, *, scope: str, account: str) -> tuple[str, str]:
    account = (account or "").strip().lower()
    client = get_ip(request)
    pair = hashlib.sha256(f"{scope}|{client}|{account}".encode()).hexdigest()
    whole = hashlib.sha256(f"{scope}|{account}".encode()).hexdigest()
    return f"login-backoff:client:{pair}", f"login-backoff:account:{whole}"


def _wait(state, free: int) -> float:
    if not state:
        return 0.0
    return max(0.0, state["last"] + _delay(state["failures"], free) - now())


def seconds_to_wait(request, *, scope: str, account: str) -> float:
    """How long this client must wait before it may try this account again (0: go ahead)."""
    pair_key, account_key = _keys(request, scope=scope, account=account)
    values = cache.get_many([pair_key, account_key])
    return max(
        _wait(values.get(pair_key), _setting("LOGIN_BACKOFF_FREE_FAILURES", 5)),
        _wait(values.get(account_key), _setting("LOGIN_BACKOFF_ACCOUNT_FREE_FAILURES", 100)),
    )


def _remember(key: str, keep_seconds: int) -> None:
    with cache_lock(key):
        state = cache.get(key) or {"failures": 0, "last": 0.0}
        state = {"failures": state["failures"] + 1, "last": now()}
        cache.set(key, state, keep_seconds)


def record_failure(request, *, scope: str, account: str) -> None:
    """A wrong password or code: lengthens this client's wait for this account. Failures are
    forgotten after LOGIN_BACKOFF_FORGET_SECONDS (default an hour) without a new one."""
    pair_key, account_key = _keys(request, scope=scope, account=account)
    keep = _setting("LOGIN_BACKOFF_FORGET_SECONDS", 60 * 60)
    keep = max(keep, _setting("LOGIN_BACKOFF_MAX_SECONDS", 15 * 60))
    _remember(pair_key, keep)
    _remember(account_key, keep)


def record_success(request, *, scope: str, account: str) -> None:
    """The right password or code from this client: its own back-off ends (it knows the
    secret). The account-wide count is left alone, so successful logins interleaved in a
    distributed attack do not reset it."""
    pair_key, _account_key = _keys(request, scope=scope, account=account)
    cache.delete(pair_key)
