"""Fixtures for the browser/HTML tests of piazza's generated sites.

Fixtures (all session-wide unless noted):

  site_dir          the built demo site: $PIAZZA_SITE_DIR if set (`make test` builds it),
                    else built here with .build/debug/piazza from content/ + themes/
  site_server       a StaticServer on 127.0.0.1:<free port> serving site_dir
                    (`site_server.url("vigonza/index.html")`, `site_server.origin`)
  driver            headless Chromium (Debian's chromium + chromedriver)
  axe               the helper `axe(driver) -> violations` (WCAG 2.0/2.1 A/AA rules)
  vnu_report        Nu checker messages for every .html/.css file of site_dir, one vnu run
  build_site        factory: build_site(intake_url="http://127.0.0.1:8081", portals=[...])
                    builds the demo into a new temp folder and returns it (e.g. for daemon
                    tests whose form pages must post to a local daemon)
  serve_dir         factory: serve_dir(path, not_found=None, port=0) -> StaticServer, closed at the end
                    of the session (not_found="404.html": missing paths get that page + 404)
  portal_server     factory: portal_server(portal) -> StaticServer serving site_dir/<portal>/
                    as the document root, as the portal is deployed (404.html for misses)
  daemon_portal     factory: daemon_portal(daemon) -> StaticServer serving the Vigonza site built
                    from the daemon's content, its forms and calendars posting to that daemon,
                    on the port whose pages the daemon accepts posts from (daemon.site_port)

Adding a test file: drop `test_<thing>.py` next to this one and ask for the fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import piazza_e2e as e2e


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    env = os.environ.get("PIAZZA_SITE_DIR")
    if env:
        path = Path(env).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"PIAZZA_SITE_DIR={env} has no index.html: is it a built site?")
        return path
    out = tmp_path_factory.mktemp("site")
    try:
        return e2e.build_site(out).resolve()
    except RuntimeError as err:
        pytest.fail(f"could not build the demo site:\n{err}", pytrace=False)


@pytest.fixture(scope="session")
def build_site(tmp_path_factory):
    def _build(**kwargs) -> Path:
        out = tmp_path_factory.mktemp("site-custom")
        try:
            return e2e.build_site(out, **kwargs).resolve()
        except RuntimeError as err:
            pytest.fail(f"could not build the site:\n{err}", pytrace=False)
    return _build


@pytest.fixture(scope="session")
def serve_dir():
    servers: list[e2e.StaticServer] = []

    def _serve(path: Path, not_found: str | None = None, port: int = 0) -> e2e.StaticServer:
        s = e2e.StaticServer(Path(path), not_found=not_found, port=port)
        servers.append(s)
        return s

    yield _serve
    for s in servers:
        s.close()


@pytest.fixture(scope="session")
def site_server(site_dir, serve_dir) -> e2e.StaticServer:
    return serve_dir(site_dir)


@pytest.fixture(scope="session")
def portal_server(site_dir, serve_dir):
    servers: dict[str, e2e.StaticServer] = {}

    def _get(portal: str) -> e2e.StaticServer:
        if portal not in servers:
            servers[portal] = serve_dir(site_dir / portal, not_found="404.html")
        return servers[portal]
    return _get


@pytest.fixture(scope="session")
def daemon_portal(build_site, serve_dir):
    def _serve(daemon: e2e.Daemon) -> e2e.StaticServer:
        site = build_site(content=daemon.content, intake_url=daemon.url, portals=["vigonza"])
        return serve_dir(site / "vigonza", not_found="404.html", port=daemon.site_port)
    return _serve


@pytest.fixture(scope="session")
def driver():
    for exe in (e2e.CHROMIUM, e2e.CHROMEDRIVER):
        if not Path(exe).exists():
            pytest.fail(f"{exe} is missing: run `make deps` (chromium, chromium-driver)",
                        pytrace=False)
    d = e2e.make_driver()
    yield d
    d.quit()


@pytest.fixture(scope="session")
def axe():
    return e2e.axe


@pytest.fixture(scope="session")
def vnu_report(site_dir) -> dict[Path, list[dict]]:
    files = sorted(p for p in site_dir.rglob("*") if p.suffix in (".html", ".css") and p.is_file())
    return e2e.run_vnu(files, also_check_css=True)
