"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright (never a downloaded
browser). Every request a page makes is recorded, and any to a host other than the server under
test is refused, so a page that reaches for a CDN fails its test instead of quietly working online.

`make test` installs Debian's chromium when it is missing. Without it the browser tests fail, unless
KG_SKIP_BROWSER=1 says explicitly that they are not to run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
# Flags known to work on the project's machines (no GPU, no sandbox in containers, no network chatter).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> None:
    """Fail (not skip) when the browser cannot run, unless KG_SKIP_BROWSER=1 asks to skip."""
    if os.environ.get("KG_SKIP_BROWSER") == "1":
        pytest.skip("KG_SKIP_BROWSER=1: the browser tests are not run")
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's package (apt-get install -y "
                    "chromium); set KG_SKIP_BROWSER=1 to skip the browser tests explicitly", pytrace=False)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("the Python package playwright is missing: pip install -e '.[test]'", pytrace=False)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Playwright's Browser); each launch gets a fresh user-data-dir of its own."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    """A page and what happened on it: requests, console errors, uncaught errors and dialogs."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)      # requests to any other host (aborted)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str) -> object:
        return self.page.goto(self.origin + path)


def open_tab(context: object, origin: str) -> Tab:
    """A new page in `context` that may only reach `origin` (http://127.0.0.1:PORT)."""
    page = context.new_page()
    tab = Tab(page, origin)
    allowed = urlsplit(origin).netloc

    def route(route: object) -> None:
        url = route.request.url
        tab.requests.append(url)
        if urlsplit(url).netloc == allowed or url.startswith("data:"):
            route.continue_()
        else:
            tab.refused.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    page.on("pageerror", lambda error: tab.page_errors.append(str(error)))

    def dialog(d: object) -> None:
        tab.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return tab
