"""Browser tests: Debian's chromium driven by Playwright against Django's live server."""

import os
from pathlib import Path

import pytest

from layanan.demo import muat_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The screens offices have.
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}


@pytest.fixture
def situs(live_server, transactional_db, browser):
    """The live server with the demo data committed, as `bin/run` serves it.

    Every page still open is closed before the data is flushed, so no browser request reaches
    the server after the test (it would find the database gone).
    """
    muat_demo()
    ARTEFAK.mkdir(exist_ok=True)
    yield live_server.url
    for konteks in browser.contexts:
        for halaman in konteks.pages:
            halaman.close()


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)
