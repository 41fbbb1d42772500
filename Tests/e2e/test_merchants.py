"""The merchant map and table (issue 16, item 2), for every demo portal with an esercenti.csv.

In the browser the map shows one marker per row of the file, and axe-core finds nothing once the
markers are drawn (test_site.py runs axe right after loading, before the GeoJSON arrives). The
table is the whole list in the HTML itself: without JavaScript every merchant is there.
"""

from __future__ import annotations

import csv
import io
import time
from html.parser import HTMLParser

import pytest

import piazza_e2e as e2e

PORTALS = e2e.merchant_portals()


def merchant_names(portal: str) -> list[str]:
    """The `name` of every row of content/<portal>/esercenti.csv, read by the loader's dialect rule."""
    text = (e2e.CONTENT / portal / "esercenti.csv").read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [row["name"].strip() for row in rows if any((v or "").strip() for v in row.values())]


class _RowHeaders(HTMLParser):
    """Texts of the <th scope="row"> cells of a page."""

    def __init__(self):
        super().__init__()
        self.names: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "th" and ("scope", "row") in attrs:
            self._inside = True
            self.names.append("")

    def handle_endtag(self, tag):
        if tag == "th":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.names[-1] += data


@pytest.mark.parametrize("portal", PORTALS)
def test_table_without_javascript_has_every_merchant(site_dir, portal):
    parser = _RowHeaders()
    parser.feed((site_dir / portal / "esercenti" / "index.html").read_text(encoding="utf-8"))
    assert sorted(parser.names) == sorted(merchant_names(portal))


@pytest.mark.parametrize("portal", PORTALS)
def test_map_shows_one_marker_per_merchant(driver, site_server, site_dir, portal):
    driver.get(site_server.url(site_dir / portal / "esercenti" / "mappa" / "index.html"))
    count_markers = "return document.querySelectorAll('#mappa-esercenti .leaflet-marker-icon').length"
    deadline = time.monotonic() + 15
    while (count := driver.execute_script(count_markers)) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert count == len(merchant_names(portal))
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)
