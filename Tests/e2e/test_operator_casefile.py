"""Back office case file and assisted submission in Chromium (issue 14): the case page with its
benefit and message forms and its attachments list, the amount form of a case whose form grants an amount
(Misura 1, BenefitForms) before and after a change, the receipt page with the office's messages and the
integration reply with files, and the assisted form (empty and with its 422 error summary) pass
axe-core (WCAG 2.1 A/AA) and the Nu HTML checker."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import piazza_e2e as e2e
from test_operator_queue import BENEFIT_FORM, FORM, WANTED, cases, checked, cookie, daemon  # noqa: F401
from test_voucher_redemption import post_misura_1


def test_case_file_receipt_and_assisted_form_pass_axe_and_nu(driver, daemon, cases, tmp_path):
    from selenium.webdriver.common.by import By

    number = cases[WANTED]
    pages: list[str] = []
    e2e.log_in(driver, daemon)
    base = f"{daemon.url}/operator/vigonza/"

    # The case page after a message and an integration request. The tutoring enrolment grants no
    # amount (BenefitForms), so the page has no amount form and no unprompted refusal about it (that
    # sentence answers an attempt only).
    driver.get(f"{base}pratiche/{number}")
    assert not driver.find_elements(By.NAME, "importo")
    assert "non c'è un importo da impostare" not in driver.page_source
    assert driver.find_element(By.CSS_SELECTOR, "form.operator-logout")
    driver.find_element(By.NAME, "testo").send_keys("Buongiorno, la pratica è in lavorazione.")
    e2e.press(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/messaggi'] button"))
    e2e.press(driver, e2e.button(driver, "Prendi in carico"))
    driver.find_element(By.ID, "motivo-richiesta_integrazione").send_keys("Manca la pagella.")
    e2e.press(driver, e2e.button(driver, "Richiedi integrazione"))
    assert "la pratica è in lavorazione" in driver.page_source
    checked(driver, "case page with its forms", pages)

    # A Misura 1 case: its form grants an amount, so the case page has the amount form; a change is
    # recorded and shown.
    post_misura_1(daemon)
    with sqlite3.connect(daemon.database) as db:
        benefit_case, = db.execute("SELECT number FROM applications WHERE form_id = ?", (BENEFIT_FORM,)).fetchone()
    driver.get(f"{base}pratiche/{benefit_case}")
    assert driver.find_elements(By.NAME, "importo")
    checked(driver, "case page with the amount form", pages)
    amount = driver.find_element(By.ID, "importo")
    amount.clear()
    amount.send_keys("180,00")
    driver.find_element(By.ID, "importo-motivo").send_keys("Nucleo di due persone.")
    e2e.press(driver, driver.find_element(By.CSS_SELECTOR, "form.benefit-form button"))
    refused = driver.find_elements(By.ID, "importo-errore")
    assert not refused, refused[0].text
    assert driver.current_url.endswith(f"/pratiche/{benefit_case}") and "180,00" in driver.page_source
    checked(driver, "case page after an amount change", pages)

    # The citizen's receipt: the office's message and the reply form with files.
    with sqlite3.connect(daemon.database) as db:
        token = db.execute("SELECT token FROM applications WHERE number = ?", (number,)).fetchone()[0]
    driver.get(f"{daemon.url}/r/{token}")
    assert "la pratica è in lavorazione" in driver.page_source and "Manca la pagella." in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, "input[type=file]")
    checked(driver, "receipt with messages and the integration reply", pages)
    pdf = tmp_path / "pagella.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    driver.find_element(By.ID, "risposta").send_keys("Allego la pagella.")
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
    e2e.press(driver, e2e.button(driver, "Invia la risposta"))
    assert "Integrata" in driver.page_source

    # The case page again, now with the reply's file in its attachments list.
    driver.get(f"{base}pratiche/{number}")
    assert "pagella.pdf" in driver.page_source and "/allegati/" in driver.page_source
    checked(driver, "case page with an attachment", pages)

    # The assisted form, empty, then sent empty: the error summary, 422.
    driver.get(f"{base}moduli/{FORM}/nuova")
    assert driver.find_elements(By.CSS_SELECTOR, "input[name=_csrf]")
    checked(driver, "assisted form", pages)
    e2e.press(driver, driver.find_element(By.CSS_SELECTOR, "form.application-form button[type=submit]"))
    assert driver.find_elements(By.ID, "riepilogo-errori")
    violations = e2e.axe(driver)
    assert not violations, "assisted form with errors:\n" + e2e.format_violations(violations)
    # The Nu checker reads the daemon's bytes: the same empty post, with the session and its token.
    token = driver.find_element(By.NAME, "_csrf").get_attribute("value")
    request = urllib.request.Request(f"{base}moduli/{FORM}/nuova", method="POST", headers=cookie(driver),
                                     data=urllib.parse.urlencode({"_csrf": token, "_key": "e2e-errors"}).encode())
    try:
        urllib.request.urlopen(request)
        raise AssertionError("an empty assisted form was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 422
        (tmp_path / "errors.html").write_bytes(error.read())

    files = [tmp_path / "errors.html"]
    for index, url in enumerate(pages):
        with urllib.request.urlopen(urllib.request.Request(url, headers=cookie(driver))) as response:
            (tmp_path / f"page{index}.html").write_bytes(response.read())
        files.append(tmp_path / f"page{index}.html")
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems
