"""The URLs `make demo` prints at the end answer (the viewer of the local base, the app's API docs)."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from fastapi.testclient import TestClient

from scripts.demo import printed_links
from scripts.localbase.testing import LocalBaseServer

APP = "http://app.test"


def test_demo__every_printed_url_answers() -> None:
    from api.index import app

    with LocalBaseServer(rate_limit=0) as srv, TestClient(app) as client:
        links = printed_links(srv.url, APP)
        assert len(links) >= 2
        for label, url in links:
            if url.startswith(APP):
                status = client.get(urlsplit(url).path).status_code
            else:
                status = requests.get(url, timeout=10).status_code
            assert status == 200, f"{label}: {url} answers {status}"


def test_demo__the_api_docs_are_under_api() -> None:
    """Vercel rewrites every path to the app, which serves its docs at /api/docs, not /docs."""
    from api.index import app

    with TestClient(app) as client:
        assert client.get("/docs").status_code == 404
        assert any(url == f"{APP}/api/docs" for _, url in printed_links("http://b", APP))
