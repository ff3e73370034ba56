"""The decision letter (beschikking) as a tagged, accessible PDF (PDF/UA-1), and its preview.

The same template renders the letter that is sent and the preview staff confirm. The preview
token is a keyed hash of exactly the HTML the PDF is made from plus the application's state, so a
confirmation only goes through when the letter about to be sent is the letter that was shown.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from weerbaar.pdf import render_pdf

LETTER_TEMPLATE = "subsidies/pdf/decision_letter.html"
BODY_TEMPLATE = "subsidies/pdf/_letter_body.html"
LETTER_HASH_SALT = "subsidies.decision-letter-preview"


def letter_lines(application, granted):
    """Each measure by number and the scheme's own category, never the applicant's free text:
    the letter of a griffie scheme goes to the body, and whatever someone typed about a person
    or a home must not travel with it. The description stays in the application.
    `granted` maps line ids to the granted amount."""
    return [
        {
            "number": number,
            "kind": application.scheme.measure_label(line.kind),
            "cost": line.cost,
            "granted": granted.get(line.pk),
        }
        for number, line in enumerate(application.lines.all(), start=1)
    ]


def letter_context(decision, granted, *, preview=False):
    application = decision.application
    return {
        "decision": decision,
        "application": application,
        "scheme": application.scheme,
        "lines": letter_lines(application, granted),
        "site_url": settings.SITE_URL,
        "preview": preview,
    }


def _sent_granted(decision):
    return {measure.line_id: measure.amount for measure in decision.measures.all()}


def render_decision_letter(decision):
    """The PDF of a recorded decision, as it is sent."""
    # The letter is a legal document in Dutch, whatever language the staff member uses.
    with translation.override("nl"):
        return render_pdf(
            LETTER_TEMPLATE,
            letter_context(decision, _sent_granted(decision)),
            pdf_variant="pdf/ua-1",
        )


def render_preview_pdf(decision, granted):
    """The PDF of a decision that is not recorded yet, marked as a preview."""
    with translation.override("nl"):
        return render_pdf(
            LETTER_TEMPLATE,
            letter_context(decision, granted, preview=True),
            pdf_variant="pdf/ua-1",
        )


def render_letter_body(decision, granted):
    """The letter's text as HTML, for the preview page."""
    with translation.override("nl"):
        return render_to_string(BODY_TEMPLATE, letter_context(decision, granted))


def application_state(application):
    """What the preview also binds to: any change of the application after the preview (a
    save, a new revision) makes it stale, even if the letter would read the same."""
    return f"{application.pk}:{application.status}:{application.updated_at.isoformat()}"


def letter_token(decision, granted, state):
    with translation.override("nl"):
        html = render_to_string(LETTER_TEMPLATE, letter_context(decision, granted))
    return salted_hmac(LETTER_HASH_SALT, f"{state}\n{html}", algorithm="sha256").hexdigest()


def token_matches(expected, actual):
    return bool(expected) and constant_time_compare(expected, actual)


def sent_letter_token(decision, state):
    return letter_token(decision, _sent_granted(decision), state)
