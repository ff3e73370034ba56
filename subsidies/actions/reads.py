"""Audit of reads: who outside the applying side opened an application, an attachment or the
decision letter. The row goes to the one audit trail (audit.AccessEntry)."""

import audit

from ..permissions import is_applicant_in_person


def application_read_record(*, reader, application, what, request=None):
    """Record a read of `application` (`what`: "detail", "attachment", "letter") by anyone but
    the applicant in person: BZK staff, or a chair who applies on the officeholder's behalf. Returns
    the audit row, or None for the applicant's own read."""
    if is_applicant_in_person(reader, application):
        return None
    return audit.record(actor=reader, obj=application, what=what, request=request)
