"""The intake daemon in a real browser: the published form posts to `piazza daemon`, which answers
with a receipt, or with the form again (422) when something is wrong. Both daemon pages must be
as accessible as the static ones.

The daemon runs on a copy of the demo content (the tutor enrolment form of Vigonza, its window
widened so the test does not depend on today's date) with its data in a temp folder. It serves
Conegliano too, whose receipts are in its `italia` theme (Bootstrap Italia, served by the daemon).
"""

from __future__ import annotations

import re
import shutil
import time
import urllib.request

import pytest

import piazza_e2e as e2e
from piazza_e2e import Daemon

FORM = "iscrizione-resta-al-passo"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("daemon")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    form = content / "_shared" / "forms" / f"{FORM}.yaml"
    text = re.sub(r"(?m)^opens: .*$", "opens: 2020-01-01 00:00", form.read_text(encoding="utf-8"))
    form.write_text(re.sub(r"(?m)^closes: .*$", "closes: 2099-12-31 23:59", text), encoding="utf-8")
    with e2e.run_daemon(root, content, portals=("vigonza", "conegliano")) as daemon:
        yield daemon


@pytest.fixture(scope="module")
def form_url(daemon, daemon_portal) -> str:
    return daemon_portal(daemon).url(f"moduli/{FORM}/index.html")


def rows(daemon: Daemon) -> int:
    import sqlite3
    with sqlite3.connect(f"file:{daemon.database}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM applications").fetchone()[0]


def fill(driver, codice_fiscale: str = "BNCLRA90A41H501F", nome: str = "Maria"):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    def type_into(name: str, value: str):
        field = driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    type_into("nome", nome)
    type_into("cognome", "Rossi")
    type_into("codice_fiscale", codice_fiscale)
    type_into("telefono", "049 123456")
    type_into("studenti.0.nome", "Luca Rossi")
    type_into("studenti.0.codice_fiscale", "RSSMRA45D25F205N")
    Select(driver.find_element(By.NAME, "studenti.0.classe")).select_by_value("primaria-3")
    type_into("studenti.0.scuola", "Scuola Rodari")
    for selector in ("input[name='giorni'][value='lunedi']", "input[name='segnalazione_scuola'][value='no']",
                     "input[name='privacy']"):
        box = driver.find_element(By.CSS_SELECTOR, selector)
        if not box.is_selected():
            driver.execute_script("arguments[0].click()", box)


def submit(driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.current_url
    button = driver.find_element(By.CSS_SELECTOR, "form.application-form [type=submit]")
    driver.execute_script("arguments[0].click()", button)
    WebDriverWait(driver, 20).until(lambda d: d.current_url != before or d.title.startswith("Errori"))


def test_a_filled_form_gives_a_receipt_that_passes_axe(driver, daemon, form_url):
    before = rows(daemon)
    driver.get(form_url)
    fill(driver)
    time.sleep(5.5)  # the form's min_fill_seconds: faster posts are taken for bots
    submit(driver)
    assert "/r/" in driver.current_url, driver.current_url
    page = driver.page_source
    number = re.search(r"\d{4}-\d{7}", page)
    assert number, "no numero pratica on the receipt"
    assert "Luca Rossi" in page
    assert rows(daemon) == before + 1
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)
    assert driver.execute_script("return document.querySelectorAll('h1').length") == 1


def test_an_invalid_value_comes_back_escaped_on_an_accessible_422_page(driver, daemon, form_url):
    before = rows(daemon)
    driver.get(form_url)
    payload = "<script>window.pwned=1</script>"
    fill(driver, codice_fiscale="RSSMRA45D25F205X", nome=payload)
    time.sleep(5.5)
    submit(driver)
    assert driver.title.startswith("Errori"), driver.title
    assert not driver.execute_script("return window.pwned === 1")
    cf = driver.find_element("name", "codice_fiscale")
    assert cf.get_attribute("aria-invalid") == "true"
    assert cf.get_attribute("value") == "RSSMRA45D25F205X"
    assert driver.find_element("name", "nome").get_attribute("value") == payload
    assert rows(daemon) == before
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_a_post_faster_than_a_person_is_dropped_quietly(driver, daemon, form_url):
    before = rows(daemon)
    driver.get(form_url)
    fill(driver)
    submit(driver)
    assert "/grazie/vigonza" in driver.current_url, driver.current_url
    assert rows(daemon) == before


FIELDS = {"nome": "Maria <b>", "cognome": "Rossi", "codice_fiscale": "BNCLRA90A41H501F",
          "telefono": "049 123456", "studenti.0.nome": "Luca Rossi",
          "studenti.0.codice_fiscale": "RSSMRA45D25F205N", "studenti.0.classe": "primaria-3",
          "studenti.0.scuola": "Scuola Rodari", "giorni": "lunedi", "segnalazione_scuola": "no",
          "privacy": "si"}


def post(daemon: Daemon, portal: str, values: dict[str, str]):
    """Posts `values` to the form of `portal` without following the answer's redirect."""
    import urllib.parse

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(f"{daemon.url}/forms/{portal}/{FORM}",
                                     data=urllib.parse.urlencode(values).encode(), method="POST")
    try:
        return urllib.request.build_opener(Keep).open(request)
    except urllib.error.HTTPError as answer:
        return answer


def receipt_url(daemon: Daemon, portal: str, key: str) -> str:
    """The receipt address of an application stored in `portal` (the idempotency `key` makes it new)."""
    stored = post(daemon, portal, {**FIELDS, "_key": key})
    assert stored.status == 303, stored.status
    return daemon.url + stored.headers["Location"]


def test_a_receipt_of_a_portal_on_the_italia_theme_is_in_it_and_passes_axe(driver, daemon):
    """Conegliano's receipt in its theme: Bootstrap Italia's stylesheet and fonts served by the daemon
    (every request to the daemon itself), no violation."""
    url = receipt_url(daemon, "conegliano", "axe-italia")
    e2e.drain_network(driver)
    driver.get(url)
    driver.execute_async_script("document.fonts.ready.then(() => arguments[arguments.length - 1](true))")
    assert driver.find_elements("css selector", "header.it-header-wrapper"), "not the italia page frame"
    assert driver.execute_script(
        "return getComputedStyle(document.body).getPropertyValue('--bootstrap-italia-version').trim()"), \
        "Bootstrap Italia's stylesheet did not load"
    requests, failed = e2e.drain_network(driver)
    # The logo is the published site's (`base_url`, a host the test does not serve); the rest is the daemon's,
    # but the browser's own favicon.ico probe.
    logo = "https://welfare.comune.conegliano.tv.it/static/logo.svg"
    assert [line for line in failed if not line.startswith(logo) and "/favicon.ico " not in line] == [], failed
    assert e2e.foreign(requests, daemon.url) == [logo], requests
    assert any("/themes/italia/vendor/fonts/" in url for url in requests), requests
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_the_italia_thanks_and_422_pages_are_in_it_and_pass_axe(driver, daemon):
    """Conegliano's message page and its form shown again with an error, as a browser gets them from the
    daemon: the italia page frame, the wrong field marked, no violation."""
    driver.get(f"{daemon.url}/grazie/conegliano")
    assert driver.find_elements("css selector", "header.it-header-wrapper"), "not the italia page frame"
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)
    # A form of the daemon's own origin, as the published page would post it, with a wrong codice fiscale.
    driver.execute_script(
        """const form = document.createElement('form');
        form.method = 'post'; form.action = arguments[0];
        for (const [name, value] of Object.entries(arguments[1])) {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input);
        }
        document.body.appendChild(form); form.submit();""",
        f"{daemon.url}/forms/conegliano/{FORM}", {**FIELDS, "_key": "axe-italia-422", "codice_fiscale": "XYZ"})
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 20).until(lambda d: d.title.startswith("Errori"))
    assert driver.find_elements("css selector", "header.it-header-wrapper"), "not the italia page frame"
    assert driver.find_element("name", "codice_fiscale").get_attribute("aria-invalid") == "true"
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_daemon_pages_are_valid_html(daemon, tmp_path):
    """The 422 page, the receipts and a message page (on the default and the italia theme), as the daemon
    serves them, through the Nu checker."""
    pages = {}
    invalid = post(daemon, "vigonza", {**FIELDS, "_key": "vnu-check", "codice_fiscale": "XYZ"})
    assert invalid.status == 422
    pages["invalid.html"] = invalid.read()
    pages["receipt.html"] = urllib.request.urlopen(receipt_url(daemon, "vigonza", "vnu-check")).read()
    pages["receipt-italia.html"] = urllib.request.urlopen(receipt_url(daemon, "conegliano", "vnu-italia")).read()
    pages["message.html"] = urllib.request.urlopen(f"{daemon.url}/grazie/vigonza").read()
    invalid_italia = post(daemon, "conegliano", {**FIELDS, "_key": "vnu-italia-422", "codice_fiscale": "XYZ"})
    assert invalid_italia.status == 422
    pages["invalid-italia.html"] = invalid_italia.read()
    pages["message-italia.html"] = urllib.request.urlopen(f"{daemon.url}/grazie/conegliano").read()
    files = []
    for name, body in pages.items():
        (tmp_path / name).write_bytes(body)
        files.append(tmp_path / name)
    report = e2e.run_vnu(files, also_check_css=False)
    problems = e2e.format_vnu(report, tmp_path)
    assert not problems, problems


# Markup characters sharing a grapheme cluster with a mark: `"` or `<` followed by a combining
# acute (U+0301), `<` preceded by a prepending mark (U+0600). An escaper that compares Swift
# Characters let them through (issue 12, item 1).
MARKED = {
    "nome": 'X"\u0301 autofocus data-x="1',
    "cognome": "<\u0301button formaction=//evil>Invia</button>",
    "studenti.0.scuola": "\u0600<button formaction=//evil>Invia</button>",
    "note": "<\u0301/textarea><button formaction=//evil>x</button>\u0600<b data-x=1>",
}


def type_marked(driver):
    """Puts MARKED into the form's fields. Set through the DOM rather than send_keys, which cannot
    type a lone combining mark exactly; the real form still posts them."""
    for name, value in MARKED.items():
        field = driver.find_element("name", name)
        driver.execute_script("arguments[0].value = arguments[1]", field, value)


def injected(driver) -> dict[str, int]:
    """Counts of the elements and attributes the citizen's text would have created."""
    return driver.execute_script(
        "return {autofocus: document.querySelectorAll('[autofocus]').length,"
        " dataX: document.querySelectorAll('[data-x]').length,"
        " formaction: document.querySelectorAll('[formaction]').length,"
        " bold: document.querySelectorAll('main b').length,"
        " buttons: document.querySelectorAll('button').length}")


def test_marked_quotes_and_brackets_create_no_element_on_the_422_page_or_the_receipt(driver, daemon, form_url):
    driver.get(form_url)
    form_buttons = injected(driver)["buttons"]
    fill(driver, codice_fiscale="RSSMRA45D25F205X")
    type_marked(driver)
    time.sleep(5.5)
    submit(driver)
    assert driver.title.startswith("Errori"), driver.title
    assert injected(driver) == {"autofocus": 0, "dataX": 0, "formaction": 0, "bold": 0, "buttons": form_buttons}
    for name, value in MARKED.items():
        assert driver.find_element("name", name).get_attribute("value") == value, name

    before = rows(daemon)
    driver.get(form_url)
    fill(driver)
    type_marked(driver)
    time.sleep(5.5)
    submit(driver)
    assert "/r/" in driver.current_url, driver.current_url
    assert rows(daemon) == before + 1
    counts = injected(driver)
    assert (counts["autofocus"], counts["dataX"], counts["formaction"], counts["bold"]) == (0, 0, 0, 0), counts
    text = driver.execute_script("return document.querySelector('main').textContent")
    for name, value in MARKED.items():
        assert value in text, name
