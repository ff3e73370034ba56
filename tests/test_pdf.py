import io

import pytest
from pypdf import PdfReader

from weerbaar.pdf import ForbiddenResource, StaticOnlyURLFetcher, render_pdf


def test_fetcher_serves_the_portals_static_files():
    response = StaticOnlyURLFetcher().fetch("https://portal.invalid/static/css/portal.css")
    assert b"--wb-brand" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://example.org/logo.png",
        "https://portal.invalid/static/../../weerbaar/settings.py",
        "https://portal.invalid/etc/passwd",
        "https://portal.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "http://portal.invalid/static/css/portal.css",
        "https://portal.invalid.example.org/static/css/portal.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ForbiddenResource):
        StaticOnlyURLFetcher().fetch(url)


def test_a_template_links_the_portals_stylesheets_with_static(settings, tmp_path, monkeypatch):
    fetched = []
    original = StaticOnlyURLFetcher.fetch

    def recording(self, url, headers=None):
        response = original(self, url, headers)
        fetched.append(url)
        return response

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", recording)
    template = tmp_path / "styled.html"
    template.write_text(
        "{% load static %}<html><head>"
        "<link rel='stylesheet' href='{% static \"css/portal.css\" %}'>"
        "</head><body><p>Met opmaak</p></body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    render_pdf("styled.html", {})
    assert fetched == ["https://portal.invalid/static/css/portal.css"]


def test_user_text_cannot_pull_a_local_file_into_a_pdf(settings, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-123")
    template = tmp_path / "probe.html"
    template.write_text(
        f'<html><body><p>Zichtbaar</p><img src="file://{secret}"><object data="file://{secret}"></object>'
        f'<link rel="stylesheet" href="file://{secret}"></body></html>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    pdf = render_pdf("probe.html", {})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Zichtbaar" in text
    assert "GEHEIM-123" not in text
    assert b"GEHEIM-123" not in pdf
