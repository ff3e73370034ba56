"""The security headers every response must carry."""

STRICT_REFERRER_POLICIES = {"same-origin", "no-referrer", "strict-origin"}


def header_problems(response, *, signed_in, secure=True):
    """A list of what is wrong with this response's security headers (empty: all good)."""
    problems = []
    csp = response.get("Content-Security-Policy", "")
    if not csp:
        problems.append("no Content-Security-Policy")
    for forbidden in ("unsafe-inline", "unsafe-eval", "*"):
        if f"'{forbidden}'" in csp or f" {forbidden};" in csp:
            problems.append(f"CSP allows {forbidden}")
    # A file download may carry its own stricter policy ("default-src 'none'; sandbox"):
    # object-src falls back to default-src; frame-ancestors does not, but X-Frame-Options DENY
    # (required below on every response) still forbids framing.
    locked_down = "default-src 'none'" in csp
    if csp and "frame-ancestors 'none'" not in csp and not locked_down:
        problems.append("CSP without frame-ancestors 'none'")
    if csp and "object-src 'none'" not in csp and not locked_down:
        problems.append("CSP without object-src 'none'")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") not in STRICT_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')!r}")
    if response.get("X-Frame-Options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    if not response.get("Permissions-Policy"):
        problems.append("no Permissions-Policy")
    if response.get("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append("no Cross-Origin-Opener-Policy: same-origin")
    if secure:
        hsts = response.get("Strict-Transport-Security", "")
        try:
            max_age = int(hsts.split("max-age=")[1].split(";")[0])
        except (IndexError, ValueError):
            max_age = 0
        if max_age < 31_536_000:
            problems.append(f"HSTS {hsts!r} shorter than a year")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append("signed-in response without Cache-Control: no-store")
    return problems
