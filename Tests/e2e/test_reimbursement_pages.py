"""The reimbursement of the shops in Chromium (issue 19, item 4): after the voucher of
test_voucher_redemption's fixtures is spent at Alimentari Da Gino, an admin opens the month's
reimbursement page and the shop's printable statement; both, the page after closing is refused
(the month is not over), the page that asks to confirm a second SEPA file of the month and the
refusal of a plain second download (which links that page) pass axe-core (WCAG 2.1 A/AA) and the Nu
HTML checker.
"""

from __future__ import annotations

import datetime
import sqlite3
import urllib.error
import urllib.request

import pytest

import piazza_e2e as e2e
from test_voucher_redemption import SHOP, code, daemon  # noqa: F401 - the fixtures, for this module

pytestmark = pytest.mark.browser


def purchase(daemon, code: str, key: str) -> None:
    """A purchase of 23,75 € at the shop now, as the till stores it (PortalDatabase.redeem): the instant
    in UTC with milliseconds."""
    now = datetime.datetime.now(datetime.timezone.utc)
    with sqlite3.connect(daemon.database) as db:
        (voucher,), = db.execute("SELECT id FROM vouchers WHERE code = ?", (code,)).fetchall()
        (merchant,), = db.execute("SELECT id FROM merchants WHERE partita_iva = ?", (SHOP,)).fetchall()
        db.execute("INSERT INTO redemptions (voucher_id, merchant_id, staff, amount_cents, at, idempotency_key) "
                   "VALUES (?, ?, 'cassa', 2375, ?, ?)",
                   (voucher, merchant, now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z", key))


def test_the_reimbursement_and_statement_pages_pass_axe_and_nu(driver, daemon, code, tmp_path):  # noqa: F811
    purchase(daemon, code, "e2e-reimbursement")
    period = e2e.this_month_in_rome()
    page = f"{daemon.url}/operator/vigonza/rimborsi?{period}"
    statement = f"{daemon.url}/operator/vigonza/rimborsi/esercenti/{SHOP}?{period}"

    e2e.log_in(driver, daemon)
    driver.get(page)
    assert "Alimentari Da Gino" in driver.page_source and "23,75" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "rimborsi:\n" + e2e.format_violations(violations)
    e2e.press(driver, e2e.button(driver, "Segna il periodo come rimborsato"))
    assert "non è ancora finito" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "rimborsi (non chiuso):\n" + e2e.format_violations(violations)
    driver.get(statement)
    assert "Estratto dei buoni spesa" in driver.page_source and "****-****-" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "estratto:\n" + e2e.format_violations(violations)

    files = e2e.saved_pages(driver, {"rimborsi.html": page, "estratto.html": statement}, tmp_path)
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems


def test_the_page_asking_to_confirm_a_second_sepa_file_passes_axe_and_nu(driver, daemon, code, tmp_path):  # noqa: F811
    purchase(daemon, code, "e2e-transfer-file")
    period = e2e.this_month_in_rome()
    first, last = (part.split("=")[1] for part in period.split("&"))
    with sqlite3.connect(daemon.database) as db:
        # A file of the month downloaded before, as PortalDatabase.makeCreditTransfer records it.
        db.execute("INSERT INTO credit_transfer_files (message_id, first_day, last_day, made_at, made_by, "
                   "total_cents, confirmed_overlap) VALUES ('BS-E2E-0001', ?, ?, '2026-01-01T10:00:00.000Z', "
                   "'anna', 2375, 0)", (first, last))
        db.execute("INSERT INTO credit_transfer_payees (file_id, merchant_id, partita_iva, iban, amount_cents) "
                   "SELECT (SELECT max(id) FROM credit_transfer_files), id, partita_iva, iban, 2375 FROM merchants "
                   "WHERE partita_iva = ?",
                   (SHOP,))
    page = f"{daemon.url}/operator/vigonza/rimborsi?{period}"
    e2e.log_in(driver, daemon)
    driver.get(page)
    assert "è già stato scaricato un file dei bonifici" in driver.page_source
    assert "BS-E2E-0001" in driver.page_source and "Scarica un altro file dei bonifici SEPA" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "rimborsi (file già scaricato):\n" + e2e.format_violations(violations)
    # The plain download is refused (409) on a page that links the rimborsi page of the period.
    refused = f"{daemon.url}/operator/vigonza/rimborsi/bonifici.xml?{period}"
    driver.get(refused)
    assert "File dei bonifici già scaricato" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "file dei bonifici rifiutato:\n" + e2e.format_violations(violations)
    files = e2e.saved_pages(driver, {"rimborsi-conferma.html": page}, tmp_path)
    # saved_pages reads answers of 200 only: the refusal's bytes as the server sends them, from its error.
    session = {"Cookie": f"piazza_operatore={driver.get_cookie('piazza_operatore')['value']}"}
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(urllib.request.Request(refused, headers=session))
    assert answer.value.code == 409
    files.append(tmp_path / "bonifici-rifiutato.html")
    files[-1].write_bytes(answer.value.read())
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems
    from selenium.webdriver.common.by import By

    e2e.press(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Apri la pagina dei rimborsi del periodo"))
    assert driver.current_url == page
