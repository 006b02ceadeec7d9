"""A real headless browser for the console's tests: Debian's chromium (`make browser`
installs it) driven by Playwright for Python, never a browser Playwright downloads."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CONSOLE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "console"
TABLET = {"width": 1024, "height": 768}


def skip_reason() -> str:
    """Why no browser can run here ("" when one can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no chromium at {CHROMIUM}: run `make browser` as root (apt-get install chromium)"
    return ""


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless chromium for the test's pages (skips the test, saying why, where no
    browser can be installed)."""
    if reason := skip_reason():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> None:
    """The page as the README shows it (docs/console/<name>.png), rewritten every run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
