"""PDF rendering with WeasyPrint: a Django template in, PDF bytes out.

WeasyPrint fetches every URL named in the HTML it renders. The fetcher below serves only the
portal's own static files (by path, from the staticfiles finders) and `data:` URLs; anything else
(`file:///etc/passwd`, an internal address, a URL in user text) is refused, so user text can never
pull content into a PDF.
"""

import base64
import mimetypes
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base that WeasyPrint can join `{% static %}` paths with; `.invalid` never resolves, and the
# fetcher below answers for this host alone, from the static files on disk.
PORTAL_HOST = "portal.invalid"
BASE_URL = f"https://{PORTAL_HOST}/"


class ForbiddenResource(ValueError):
    pass


class StaticOnlyURLFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return self._data_url(url)
        parsed = urlparse(url)
        if (
            parsed.scheme == "https"
            and parsed.netloc == PORTAL_HOST
            and parsed.path.startswith(settings.STATIC_URL)
        ):
            relative = unquote(parsed.path[len(settings.STATIC_URL) :])
            if relative and ".." not in relative.split("/"):
                path = finders.find(relative)
                if path:
                    with open(path, "rb") as handle:
                        body = handle.read()
                    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ForbiddenResource(f"PDF rendering may only use the portal's static files: {url!r}")

    @staticmethod
    def _data_url(url):
        header, _, data = url[5:].partition(",")
        content_type = header.split(";")[0] or "text/plain"
        body = base64.b64decode(data) if header.endswith(";base64") else unquote(data).encode()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(template_name, context, *, pdf_variant=None):
    """Render `template_name` to PDF bytes. `pdf_variant="pdf/ua-1"` gives a tagged,
    accessible PDF. In the template, refer to static files as `{% static '...' %}`: they resolve
    against the portal's static files; every other URL is refused."""
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return document.write_pdf(**options)
