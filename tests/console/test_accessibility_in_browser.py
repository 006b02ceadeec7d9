"""Every console page passes axe-core's WCAG 2.1 A and AA rules (labels, names, contrast,
landmarks, language, tables) in the real browser, fits a tablet
held upright without scrolling sideways, and the keyboard
reaches the content first through the skip link. The pages are the ones the menu offers
an admin, the first page each of them links to from its tables, the sign-in page, a
member and one's own account."""

from __future__ import annotations

from tests.support.console import open_page, sign_in, wcag_violations

UPRIGHT = {"width": 768, "height": 1024}  # a tablet held upright (the tests' TABLET lies flat)


def _pages(page, shop) -> list[str]:
    """The menu's pages, and from each the first thing its tables link to (a rule, a
    segment, a template...), then the shop's member and one's own account."""
    menu = page.locator("header nav a").evaluate_all("links => links.map(a => a.href)")
    pages = []
    for url in menu:
        page.goto(url)
        first = page.locator("main table tbody a[href^='/console/']").first
        pages += [url] + ([first.evaluate("a => a.href")] if first.count() else [])
    return [*pages, f"{shop['url']}/members/{shop['member_id']}", f"{shop['url']}/account"]


def _sideways(page) -> list[str]:
    """The page scrolls sideways (a wide table must scroll within its own box)."""
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return [f"{page.url}: {wide} px wide on a {screen} px screen"] if wide > screen else []


def test_every_page_meets_wcag_2_1_aa_and_fits_a_tablet_held_upright(browser, shop):
    context = browser.new_context(viewport=UPRIGHT)
    page = context.new_page()
    page.goto(f"{shop['url']}/sign-in")
    problems = wcag_violations(page) + _sideways(page)
    sign_in(page, shop, "admin")
    for url in _pages(page, shop):
        page.goto(url)
        problems += wcag_violations(page) + _sideways(page)
    assert not problems, "\n".join(problems)
    context.close()


def test_the_keyboard_reaches_the_content_first(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
