"""The Content-Security-Policy lets no inline script run but the page's own (by hash): an
injected onerror or <script> does nothing, and nothing the pages need is blocked, search included."""

from __future__ import annotations

from conftest import OfflineTab

PAGES = ["index.html", "workbook.html", "six-steps/risks.html", "km/index.html", "km/workbook.html", "directory.html"]


def test_no_page_allows_inline_scripts_and_none_is_blocked(offline_tab: OfflineTab):
    for relative in PAGES:
        tab = offline_tab.page
        tab.add_init_script("""window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));""")
        offline_tab.open(relative)
        policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, f"{relative}: inline scripts are allowed"
        assert "'sha256-" in script_src, f"{relative}: Material's inline scripts have no hash"
        tab.wait_for_timeout(300)
        assert tab.evaluate("window.__violations") == [], f"{relative}: the policy blocked something the page needs"
    assert offline_tab.console_errors == []


def test_injected_markup_never_runs(offline_tab: OfflineTab):
    tab = offline_tab.open("workbook.html")
    tab.evaluate("""() => {
        document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__ran = 1">');
        const script = document.createElement('script');
        script.textContent = 'window.__ran = 2';
        document.body.append(script);
    }""")
    tab.wait_for_timeout(500)
    assert tab.evaluate("window.__ran") is None, "an injected inline script ran"


def test_search_still_works_in_both_languages(offline_tab: OfflineTab):
    for relative, query in (("index.html", "vulnerability"), ("km/index.html", "សុវត្ថិភាព")):
        tab = offline_tab.open(relative)
        tab.locator("input.md-search__input").click()
        tab.keyboard.type(query)
        tab.locator(".md-search-result__item").first.wait_for(timeout=20000)
