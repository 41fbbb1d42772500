"""Buoni spesa end to end in Chromium (issue 19, the browser test of "Tests that must exist"): an operator
takes in charge and accepts a Misura 1 case posted through the form (test_voucher_redemption's `code`
fixture, which also enrols Alimentari Da Gino through its accepted enrolment case); the citizen's
/r/{token} page shows the voucher's code and a QR code that scans (zxing-cpp) to that code; shop staff
(`piazza user add --role merchant`) redeem part of it at the till; the citizen's page then shows the new
balance and the purchase, the office's dashboard the measure's figures and the case page the voucher
(code, balance, purchase). The citizen's pages, the till's, the shop's statement, the dashboard and the
case page pass axe-core (WCAG 2.1 A/AA) and the Nu HTML checker.
"""

from __future__ import annotations

import sqlite3

import pytest

import piazza_e2e as e2e
from test_voucher_pages import checked_voucher_page
from test_voucher_redemption import SHOP, TILL, code, daemon  # noqa: F401 - the fixtures, for this module

pytestmark = pytest.mark.browser

STAFF = "banco"
STAFF_PASSWORD = "il banco della spesa di Gino"


def test_an_accepted_case_gets_a_voucher_the_citizen_sees_spent_at_a_shop(driver, daemon, code,  # noqa: F811
                                                                          tmp_path):
    from selenium.webdriver.common.by import By

    grouped = "-".join(code[i:i + 4] for i in range(0, len(code), 4))
    with sqlite3.connect(daemon.database) as db:
        (token, number), = db.execute("SELECT token, number FROM applications WHERE form_id = 'misura-1'").fetchall()
    receipt = f"{daemon.url}/r/{token}"
    pages = {"ricevuta.html": checked_voucher_page(driver, receipt, grouped, ["Saldo disponibile: 150,00 € su 150,00 €"])}

    e2e.add_shop_staff(daemon.root, STAFF, STAFF_PASSWORD, SHOP)
    e2e.log_in(driver, daemon, STAFF, STAFF_PASSWORD, landing=TILL)
    driver.find_element(By.NAME, "codice").send_keys(grouped)
    driver.find_element(By.NAME, "importo").send_keys("40,00")
    e2e.press(driver, e2e.button(driver, "Incassa"))
    assert f"Incassati 40,00 € dal buono ****-****-{code[-5:-1]}-{code[-1]} il " in driver.page_source
    assert "Saldo rimasto sul buono: 110,00 €." in driver.page_source
    redemption = driver.find_element(By.CSS_SELECTOR, "form[action$='/annulla']").get_attribute("action")
    statement = f"{daemon.url}/operator/vigonza/rimborsi/esercenti/{SHOP}?{e2e.this_month_in_rome()}"
    till_pages = {"buoni.html": daemon.url + TILL, "incasso.html": redemption.removesuffix("/annulla"),
                  "estratto.html": statement}
    for url in till_pages.values():
        driver.get(url)
        violations = e2e.axe(driver)
        assert not violations, url + ":\n" + e2e.format_violations(violations)
    assert "Alimentari Da Gino" in driver.page_source and "40,00" in driver.page_source
    files = e2e.saved_pages(driver, till_pages, tmp_path)

    def office_page(name: str, url: str) -> str:
        """The back-office page at `url`, checked with axe-core and saved as `name` for Nu; its text."""
        driver.get(url)
        violations = e2e.axe(driver)
        assert not violations, name + ":\n" + e2e.format_violations(violations)
        files.extend(e2e.saved_pages(driver, {name: url}, tmp_path))
        return files[-1].read_text(encoding="utf-8")

    # The office's dashboard: the measure's figures, and the purchase not flagged.
    e2e.log_in(driver, daemon)
    figures = office_page("cruscotto.html", f"{daemon.url}/operator/vigonza/cruscotto")
    assert "<td>1</td><td>150,00 €</td><td>40,00 €</td><td>110,00 €</td><td>0,00 €</td>" in figures
    assert "Buono speso quasi tutto (almeno il 90 %) nello stesso negozio in 24 ore: 0;" in figures
    assert "a più di 15 km dal comune del nucleo: 0." in figures

    # The case page: the voucher's code, balance, last day and the purchase.
    case_page = office_page("pratica.html", f"{daemon.url}/operator/vigonza/pratiche/{number}")
    assert f'Codice <span class="voucher-code">{grouped}</span>: saldo 110,00 € su 150,00 €' in case_page
    assert "<td>Alimentari Da Gino</td><td>40,00 €</td>" in case_page

    driver.delete_all_cookies()
    pages["ricevuta-dopo.html"] = checked_voucher_page(
        driver, receipt, grouped, ["Saldo disponibile: 110,00 € su 150,00 €", "Alimentari Da Gino", "40,00 €"])
    pages["buono.html"] = checked_voucher_page(driver, receipt + "/buono", grouped, ["Saldo alla stampa: 110,00 €"])
    for name, body in pages.items():
        files.append(tmp_path / name)
        files[-1].write_bytes(body)
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems
