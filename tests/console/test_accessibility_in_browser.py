"""Every console page passes axe-core's WCAG 2.1 A and AA rules (labels, names, contrast,
landmarks, language, tables) in the real browser, fits a tablet
held upright without scrolling sideways, and the keyboard
reaches the content first through the skip link. The pages are the ones the menu offers
an admin, the first page each of them links to from its tables, the sign-in page, a
member and one's own account."""

from __future__ import annotations

from tests.support.console import open_page, sign_in, wcag_violations

UPRIGHT = {"width": 768, "height": 1024}  # a tablet held upright (the tests' TABLET lies flat)


def _problems(page, url: str) -> list[str]:
    page.goto(url)
    return wcag_violations(page) + _sideways(page)


def _first_link(page) -> list[str]:
    """The first page the open page's tables link to (a rule, a segment, a template...)."""
    first = page.locator("main table tbody a[href^='/console/']").first
    return [first.evaluate("a => a.href")] if first.count() else []


def _sideways(page) -> list[str]:
    """The page scrolls sideways (a wide table must scroll within its own box)."""
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return [f"{page.url}: {wide} px wide on a {screen} px screen"] if wide > screen else []


def test_every_page_meets_wcag_2_1_aa_and_fits_a_tablet_held_upright(browser, shop):
    context = browser.new_context(viewport=UPRIGHT)
    page = context.new_page()
    problems = _problems(page, f"{shop['url']}/sign-in")
    sign_in(page, shop, "admin")
    menu = page.locator("header nav a").evaluate_all("links => links.map(a => a.href)")
    linked = [f"{shop['url']}/members/{shop['member_id']}", f"{shop['url']}/account"]
    for url in menu:  # each checked once, its first link noted while it is open
        problems += _problems(page, url)
        linked += _first_link(page)
    for url in linked:
        problems += _problems(page, url)
    context.close()
    assert menu and not problems, "\n".join(problems)


def test_the_keyboard_reaches_the_content_first(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
