#!/usr/bin/env python3
"""Bytes the browser downloads for a first search on a portal's cerca/ page (issue 16).

    python bench/first_search.py SITE PORTAL QUERY

Serves SITE with a static server that records every file it sends (Pagefind fetches its index from
a web worker, whose requests Chromium's page log does not show), opens PORTAL/cerca/?q=QUERY in
headless Chromium (Tests/e2e/piazza_e2e.py's driver), waits for the result count and prints each
file under pagefind/ with its bytes, then `total_bytes=N requests=N results=N`. The files are
served as they are on disk (Pagefind's index files are gzip-compressed already).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "e2e"))
import piazza_e2e as e2e  # noqa: E402


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    sent: list[tuple[str, int]] = []

    def log_message(self, format, *args):  # noqa: A002 - signature from the stdlib
        pass

    def copyfile(self, source, outputfile):
        super().copyfile(source, outputfile)
        RecordingHandler.sent.append((self.path.split("?", 1)[0], Path(source.name).stat().st_size))


def main() -> None:
    site, portal, query = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RecordingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = e2e.make_driver()
    try:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/{portal}/cerca/?q={query}")
        deadline = time.monotonic() + 60
        status = ""
        while time.monotonic() < deadline and "risultat" not in status:
            time.sleep(0.2)
            status = driver.execute_script("return document.getElementById('stato-ricerca').textContent")
        total = count = 0
        for path, size in RecordingHandler.sent:
            if "/pagefind/" in path:
                print(f"{size:>10}  {path.split('/pagefind/', 1)[1]}")
                total += size
                count += 1
        results = driver.execute_script("return document.querySelectorAll('#risultati > li').length")
        print(f"status: {status}")
        print(f"total_bytes={total} requests={count} results={results}")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
