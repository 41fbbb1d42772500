"""Page weight of a built site's pages in headless Chromium: what a first visit (empty cache) downloads.

Usage: .venv/bin/python bench/page_weight.py SITE PORTAL:PAGE ...   (PAGE relative to the portal, "" = home)

For each page: the requests the browser made once the page and its fonts were loaded, the bytes
transferred from piazza's local server (no compression: the files as published) and the same files
gzip-compressed (level 6), what a web server with compression on would send. docs/CONFORMITA.md
records the default and italia themes' home and a service page.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "e2e"))
import piazza_e2e as e2e  # noqa: E402

_LOADED = """
const done = arguments[arguments.length - 1];
document.fonts.ready.then(() => setTimeout(() => done(
  [performance.getEntriesByType("navigation")[0]].concat(performance.getEntriesByType("resource"))
    .map((e) => ({name: e.name, transfer: e.transferSize}))), 500));
"""


def weigh(site: Path, portal: str, page: str) -> tuple[int, int, int]:
    """(requests, bytes transferred, bytes gzip-compressed) of one page on a fresh browser."""
    server = e2e.StaticServer(site / portal)
    driver = e2e.make_driver()
    try:
        driver.get(server.url(page))
        entries = driver.execute_async_script(_LOADED)
    finally:
        driver.quit()
        server.close()
    compressed = 0
    for entry in entries:
        path = unquote(urlsplit(entry["name"]).path).lstrip("/")
        file = site / portal / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if file.is_file():  # not the browser's own favicon.ico probe, which the site does not have
            compressed += len(gzip.compress(file.read_bytes(), compresslevel=6))
    return len(entries), sum(e["transfer"] for e in entries), compressed


def main(site: str, pages: list[str]) -> None:
    print("| page | requests | transferred | gzip |")
    print("|---|---:|---:|---:|")
    for spec in pages:
        portal, _, page = spec.partition(":")
        count, transferred, compressed = weigh(Path(site), portal, page)
        print(f"| {portal}/{page} | {count} | {transferred / 1024:.1f} KiB | {compressed / 1024:.1f} KiB |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
