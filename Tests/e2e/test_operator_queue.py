"""The back office's istruttoria in a real browser (issue 14, items 2-4): an admin logs in, filters
the queue and searches a codice fiscale written in lower case, opens the case, takes it in charge
and asks for an integration; the citizen replies on the receipt page /r/{token}; the admin
accepts, marks the case paid from the payments list and downloads the payments CSV. Every
back-office page on the way (login, home, queue with filters, queue with a wrong filter, case
page) passes axe-core (WCAG 2.1 A/AA) and the Nu HTML checker.

The daemon runs on a copy of the demo content (the tutor enrolment form, its window widened) with
its data in a temp folder; the form has no benefit rule, so the accepted case's amount is set in
the database before it is paid (the benefit rules have their own tests).
"""

from __future__ import annotations

import datetime
import re
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo

import pytest

import piazza_e2e as e2e

FORM = "iscrizione-resta-al-passo"
# A form that grants an amount (BenefitForms): its case page has the amount form (test_operator_casefile).
BENEFIT_FORM = "misura-1"
WANTED = "BNCLRA90A41H501F"
OTHER = "RSSMRA80A01H501U"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("queue")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    for form in (FORM, BENEFIT_FORM):
        e2e.open_form_window(content, form)
    with e2e.run_back_office(root, content) as daemon:
        yield daemon


def submit(daemon, fiscal_code: str, student: str, key: str) -> None:
    fields = {"nome": "Maria", "cognome": "Rossi", "codice_fiscale": fiscal_code, "telefono": "049 123456",
              "studenti.0.nome": "Luca Rossi", "studenti.0.codice_fiscale": student,
              "studenti.0.classe": "primaria-3", "studenti.0.scuola": "Scuola Rodari", "giorni": "lunedi",
              "segnalazione_scuola": "no", "privacy": "si", "_key": key}
    request = urllib.request.Request(f"{daemon.url}/forms/vigonza/{FORM}",
                                     data=urllib.parse.urlencode(fields).encode(), method="POST")
    urllib.request.urlopen(request).read()


@pytest.fixture(scope="module")
def cases(daemon) -> dict[str, str]:
    """Two applications of the tutor form; their numeri pratica by the applicant's codice fiscale."""
    submit(daemon, WANTED, "RSSMRA45D25F205N", "queue-e2e-1")
    submit(daemon, OTHER, "VRDLGU15A01H501C", "queue-e2e-2")
    with sqlite3.connect(daemon.database) as db:
        rows = db.execute("SELECT fiscal_code, number FROM application_fiscal_codes "
                          "JOIN applications ON applications.id = application_id").fetchall()
    return dict(rows)


def checked(driver, name: str, pages: list[str]) -> None:
    """axe-core on the page in the browser; its address is kept for the Nu checker."""
    violations = e2e.axe(driver)
    assert not violations, f"{name}:\n" + e2e.format_violations(violations)
    pages.append(driver.current_url)


def test_istruttoria_from_queue_to_payment_and_every_page_passes_axe_and_nu(driver, daemon, cases, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    assert set(cases) == {WANTED, OTHER}, cases
    number = cases[WANTED]
    pages: list[str] = []
    driver.delete_all_cookies()
    driver.get(f"{daemon.url}/operator/login")
    checked(driver, "login", pages)
    e2e.log_in(driver, daemon)
    checked(driver, "home", pages)

    # The queue, filtered without JavaScript: a GET form; the code in lower case with spaces.
    base = f"{daemon.url}/operator/vigonza/"
    driver.get(f"{base}?modulo={FORM}")
    assert cases[OTHER] in driver.page_source and number in driver.page_source
    driver.find_element(By.ID, "cerca").send_keys("bnclra90 a41h501f")
    Select(driver.find_element(By.ID, "stato")).select_by_value("inviata")
    e2e.press(driver, driver.find_element(By.CSS_SELECTOR, "form.queue-filter button[type=submit]"))
    assert "cerca=bnclra90+a41h501f" in driver.current_url and "stato=inviata" in driver.current_url
    listed = re.findall(r'/pratiche/(\d{4}-\d{7})"', driver.page_source)
    assert listed == [number], listed
    checked(driver, "queue with filters", pages)
    driver.get(f"{base}?modulo={FORM}&dal=31%2F02%2F2026&controlli=1")
    assert "La data «Inviate dal» «31/02/2026» non è valida" in driver.page_source
    checked(driver, "queue with a wrong filter", pages)

    # The case: in charge, then an integration request with its reason.
    driver.get(f"{base}?modulo={FORM}&cerca={number}")
    e2e.press(driver, driver.find_element(By.LINK_TEXT, number))
    assert "Presa in carico: non ancora." in driver.page_source
    checked(driver, "case page", pages)
    e2e.press(driver, e2e.button(driver, "Prendi in carico"))
    assert "Da concludere entro il" in driver.page_source
    driver.find_element(By.ID, "motivo-richiesta_integrazione").send_keys("Manca la pagella del secondo quadrimestre.")
    e2e.press(driver, e2e.button(driver, "Richiedi integrazione"))
    assert "Richiesta di integrazione" in driver.find_element(By.CSS_SELECTOR, "p.state").text
    case_url = driver.current_url

    # The citizen answers on the receipt page.
    with sqlite3.connect(daemon.database) as db:
        token = db.execute("SELECT token FROM applications WHERE number = ?", (number,)).fetchone()[0]
    driver.get(f"{daemon.url}/r/{token}")
    assert "Manca la pagella del secondo quadrimestre." in driver.page_source
    driver.find_element(By.ID, "risposta").send_keys("Ho portato la pagella allo sportello.")
    e2e.press(driver, e2e.button(driver, "Invia la risposta"))
    assert "Integrata" in driver.page_source

    # Back in the office: accept.
    driver.get(case_url)
    assert "Ho portato la pagella allo sportello." in driver.page_source
    e2e.press(driver, e2e.button(driver, "Accogli"))
    assert "Accolta" in driver.find_element(By.CSS_SELECTOR, "p.state").text
    assert "Pratica conclusa." in driver.page_source

    # Paid from the payments list, then the list for the ragioneria as CSV.
    with sqlite3.connect(daemon.database) as db:
        db.execute("UPDATE applications SET benefit_cents = 12000 WHERE number = ?", (number,))
    driver.get(base + "pagamenti")
    driver.find_element(By.CSS_SELECTOR, f"input[name=pratica][value='{number}']").click()
    # Paid today (a payment date cannot be in the future).
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Rome")).strftime("%d/%m/%Y")
    driver.find_element(By.NAME, "data").send_keys(today)
    driver.find_element(By.NAME, "riferimento").send_keys("Mandato 7")
    e2e.press(driver, e2e.button(driver, "Segna come pagate"))
    assert "1 pratica segnata come pagata." in driver.page_source
    with urllib.request.urlopen(urllib.request.Request(base + "pagamenti.csv?stato=pagata",
                                                       headers=cookie(driver))) as response:
        assert response.headers["Content-Disposition"].startswith("attachment")
        csv = response.read().decode("utf-8-sig")
    assert number in csv and "Mandato 7" in csv and "120,00" in csv, csv

    # The Nu checker reads the bytes the daemon sends for each page checked, with the session.
    files = []
    for index, url in enumerate(pages):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=cookie(driver))) as response:
                body = response.read()
        except urllib.error.HTTPError as error:  # the wrong filter's page is a 400
            body = error.read()
        (tmp_path / f"page{index}.html").write_bytes(body)
        files.append(tmp_path / f"page{index}.html")
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems


def cookie(driver) -> dict[str, str]:
    session = driver.get_cookie("piazza_operatore")
    return {"Cookie": f"piazza_operatore={session['value']}"}
