"""Search across every portal from the network home (issue 16, item 6).

The network home's box merges every portal's Pagefind index (Pagefind's mergeIndex) with the theme's
search.js: in Chromium a word that is only in Conegliano and a word that is only in Vigonza both find
their page, labelled with its portal, with links that work from the built site served under a sub-path.
The page passes axe-core with results on screen and the Nu checker; without JavaScript the box is
hidden and the page links to every portal's own search page.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

import piazza_e2e as e2e

# (query, the one page that has it, the portal's name on the result)
QUERIES = [
    ("Carducci", "conegliano/esercenti/supermercato-castello/", "Conegliano Welfare"),
    ("Zanella", "vigonza/esercenti/supermercato-piazza/", "Vigonza Welfare"),
]


@pytest.fixture(scope="module")
def nested_site(site_dir, serve_dir, tmp_path_factory) -> tuple[e2e.StaticServer, Path]:
    """The built site copied under /rete/welfare/ of a server, as a comune could publish it."""
    for portal in e2e.site_portals(site_dir):
        if not (site_dir / portal / "pagefind" / "pagefind.js").is_file():
            pytest.fail(f"site/{portal}/pagefind/ is missing: the site was built without Pagefind "
                        "(`make test-e2e` builds with .venv/bin on PATH)", pytrace=False)
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(site_dir, root / "rete" / "welfare")
    return serve_dir(root), root / "rete" / "welfare"


def network_search(driver, server, home: Path, query: str) -> list[dict]:
    """Opens the network home with ?q=query; returns each result's path and portal label."""
    driver.get(server.url(home / "index.html") + "?q=" + query)
    deadline = time.monotonic() + 20
    status = ""
    while time.monotonic() < deadline:
        status = driver.execute_script("return document.getElementById('stato-ricerca').textContent")
        if "risultat" in status or "non è disponibile" in status:
            break
        time.sleep(0.1)
    assert "risultat" in status, f"no search result status for {query!r} (status: {status!r})"
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#risultati > li')).map(li => ({
            path: new URL(li.querySelector('h3 a').href).pathname,
            portal: (li.querySelector('.search-portal') || {}).textContent}))""")


@pytest.mark.parametrize("query,page,portal", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_network_home_finds_a_page_of_one_portal(driver, nested_site, query, page, portal):
    server, home = nested_site
    results = network_search(driver, server, home, query)
    assert {"path": f"/rete/welfare/{page}", "portal": f"Portale: {portal}"} in results, results
    # The word is in one portal only: no result leads into another.
    prefix = f"/rete/welfare/{page.split('/')[0]}/"
    assert all(r["path"].startswith(prefix) for r in results), results
    # The result's link opens the page.
    driver.find_element("css selector", f'#risultati a[href$="{page}"]').click()
    assert driver.current_url.endswith(f"/rete/welfare/{page}")
    assert driver.execute_script("return document.querySelector('h1') !== null")


def test_network_home_with_results_passes_axe(driver, nested_site):
    server, home = nested_site
    assert network_search(driver, server, home, "Carducci")
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_network_home_passes_nu(driver, nested_site, site_dir, tmp_path):
    """The page as built and the page with results on screen (the browser's DOM, serialised)."""
    server, home = nested_site
    assert network_search(driver, server, home, "Zanella")
    shown = tmp_path / "index-with-results.html"
    shown.write_text("<!DOCTYPE html>\n" + driver.execute_script("return document.documentElement.outerHTML"),
                     encoding="utf-8")
    report = e2e.format_vnu(e2e.run_vnu([site_dir / "index.html", shown], also_check_css=False), site_dir)
    assert not report, report


def test_network_home_without_javascript_links_each_portal_search(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div id="ricerca" class="search"[^>]* hidden>', html)
    for portal in e2e.site_portals(site_dir):
        assert f'<a href="{portal}/cerca/" data-index="{portal}/pagefind/"' in html
