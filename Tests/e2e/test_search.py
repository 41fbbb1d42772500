"""Site search (Pagefind) and open data in a real browser (issue 16).

`make test-e2e` builds the demo with .venv/bin on PATH, so `piazza build` runs Pagefind and every
portal has `pagefind/`. In Chromium the search page finds a service by a word that is only in its
body and a merchant by its name, shows the results as links in Italian and passes axe-core with
them on screen; with JavaScript off it is the catalogue (sections and facets, all links). The
DCAT-AP_IT catalogue parses and names every file of `open-data/`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import piazza_e2e as e2e

PORTALS = e2e.demo_portals()

# (portal, query, the result that must be among the links, a word the result page has only in its body)
QUERIES = [
    ("vigonza", "educatore", "servizi/centro-estivo/"),
    ("vigonza", "Pescheria", "esercenti/pescheria-al-brenta/"),
    ("conegliano", "educatore", "servizi/centro-estivo/"),
]


def require_index(site_dir: Path, portal: str) -> None:
    if not (site_dir / portal / "pagefind" / "pagefind.js").is_file():
        pytest.fail(f"site/{portal}/pagefind/ is missing: the site was built without Pagefind "
                    "(`make venv` links .venv/bin/pagefind; `make test-e2e` builds with it on PATH)",
                    pytrace=False)


def search(driver, site_server, site_dir: Path, portal: str, query: str) -> list[str]:
    """Opens cerca/?q=query and returns the result links' paths once the status says how many."""
    driver.get(site_server.url(site_dir / portal / "cerca" / "index.html") + "?q=" + query)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status = driver.execute_script("return document.getElementById('stato-ricerca').textContent")
        if "risultat" in status:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"no search result status for {query!r} on {portal} (status: {status!r})", pytrace=False)
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#risultati a')).map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("portal,query,expected", QUERIES, ids=[f"{p}:{q}" for p, q, _ in QUERIES])
def test_search_finds_it(driver, site_server, site_dir, portal, query, expected):
    require_index(site_dir, portal)
    paths = search(driver, site_server, site_dir, portal, query)
    assert f"/{portal}/{expected}" in paths, f"{query!r} found {paths}"
    assert "/cerca/" not in "".join(paths), "the search page indexes itself"
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_search_says_when_nothing_is_found(driver, site_server, site_dir):
    require_index(site_dir, "vigonza")
    assert search(driver, site_server, site_dir, "vigonza", "zzxqwy") == []
    status = driver.execute_script("return document.getElementById('stato-ricerca').textContent")
    assert status == "Nessun risultato per «zzxqwy»."


@pytest.mark.parametrize("portal", PORTALS)
def test_search_page_without_javascript_is_the_catalogue(site_dir, portal):
    html = (site_dir / portal / "cerca" / "index.html").read_text(encoding="utf-8")
    # The form and results are hidden until the script shows them; the catalogue links are plain HTML.
    assert '<div id="ricerca" class="search"' in html and " hidden>" in html
    for section in ("servizi/", "misure/", "notizie/"):
        assert f'href="../{section}"' in html
    assert 'href="../servizi/categoria/' in html


@pytest.mark.parametrize("portal", PORTALS)
def test_dcat_catalogue_names_every_open_data_file(site_dir, portal):
    folder = site_dir / portal / "open-data"
    catalog = json.loads((folder / "catalogo-dcat-ap-it.jsonld").read_text(encoding="utf-8"))
    named = {d["@id"].rsplit("/", 1)[1] for ds in catalog["dcat:dataset"] for d in ds["dcat:distribution"]}
    files = {p.name for p in folder.iterdir() if p.name != "index.html" and not p.name.startswith("catalogo")}
    assert named == files
