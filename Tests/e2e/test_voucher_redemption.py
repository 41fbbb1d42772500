"""Voucher redemption at a shop in Chromium (issue 19): an operator accepts a shop's enrolment and a
Misura 1 case on their case pages (which enrols the shop and issues the voucher), `piazza user add
--role merchant` gives the shop a staff login, and the shop redeems part of the voucher on its phone
page, is refused a mistyped code, and voids the purchase. The shop's page (form, redemption, refusal)
passes axe-core (WCAG 2.1 A/AA) and the Nu HTML checker.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import urllib.parse
import urllib.request
import uuid

import pytest

import piazza_e2e as e2e

pytestmark = pytest.mark.browser

SHOP = "01234560280"
STAFF = "cassa"
STAFF_PASSWORD = "la cassa del negozio di Gino"
TILL = "/operator/vigonza/buoni"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("redemption")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    for form in ("misura-1", "iscrizione-esercenti"):
        e2e.open_form_window(content, form)
    # The bando now closes in 2099: the vouchers last as long.
    misura = content / "_shared" / "forms" / "misura-1.yaml"
    misura.write_text(re.sub(r"valid_until: .*", "valid_until: 2099-12-31", misura.read_text(encoding="utf-8")),
                      encoding="utf-8")
    # The comune's account: the reimbursement page offers the SEPA file (test_reimbursement_pages).
    debtor = "vouchers:\n  debtors:\n    vigonza: { name: Comune di Vigonza, iban: IT56M0100003245348300000000, bic: BITAITRRXXX }\n"
    with e2e.run_back_office(root, content, settings=debtor) as daemon:
        daemon.root = root
        yield daemon


def post(daemon, form: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> None:
    """Posts an application to the daemon as the published form does (multipart when it has files)."""
    fields = fields | {"_key": uuid.uuid4().hex}
    if not files:
        data, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    else:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in fields.items()]
        for name, (filename, body) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/pdf\r\n\r\n".encode() + body + b"\r\n")
        data, kind = b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
    request = urllib.request.Request(f"{daemon.url}/forms/vigonza/{form}", data=data, method="POST",
                                     headers={"Content-Type": kind})
    urllib.request.urlopen(request).read()


def post_misura_1(daemon) -> None:
    """Posts a valid Misura 1 (buoni spesa) application of Maria Bianchi, with her identity document."""
    post(daemon, "misura-1", {
        "nome": "Maria", "cognome": "Bianchi", "codice_fiscale": "BNCLRA90A41H501F", "data_nascita": "01/01/1990",
        "comune_residenza": "028100", "indirizzo": "Via Roma 1", "cap": "35010", "telefono": "049 123456",
        "isee.importo": "8.500,00", "isee.dsu": "INPS-ISEE-2026-12345678A-00", "altri_sostegni": "no",
        "dichiarazione": "si", "privacy": "si"},
        files={"documento_identita": ("documento.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")})


@pytest.fixture(scope="module")
def code(daemon, driver) -> str:
    """Enrols Alimentari Da Gino and accepts a Misura 1 case of a household of one (150,00 €) in the
    browser, as an operator does; the voucher's code."""
    post(daemon, "iscrizione-esercenti", {
        "ragione_sociale": "Gino S.r.l.", "insegna": "Alimentari Da Gino", "partita_iva": SHOP,
        "categoria": "alimentari", "indirizzo": "Via Roma 12", "cap": "35010", "comune": "Vigonza",
        "orari": "lun-sab 7:30-13", "rappresentante": "Gino Rossi",
        "codice_fiscale_rappresentante": "RSSMRA45D25F205N", "telefono": "049 0000101",
        "email": "gino@example.it", "iban": "IT60X0542811101000000123456", "condizioni": "si", "privacy": "si"})
    post_misura_1(daemon)
    with sqlite3.connect(daemon.database) as db:
        numbers = [row[0] for row in db.execute("SELECT number FROM applications ORDER BY id")]
    assert len(numbers) == 2, numbers
    e2e.log_in(driver, daemon)
    for number in numbers:
        driver.get(f"{daemon.url}/operator/vigonza/pratiche/{number}")
        e2e.press(driver, e2e.button(driver, "Prendi in carico"))
        e2e.press(driver, e2e.button(driver, "Accogli"))
        assert "<strong>Accolta</strong>" in driver.page_source, number
    with sqlite3.connect(daemon.database) as db:
        (voucher, cents), = db.execute("SELECT code, amount_cents FROM vouchers").fetchall()
        assert cents == 15000
        assert db.execute("SELECT name FROM merchants WHERE partita_iva = ?", (SHOP,)).fetchall() == [
            ("Alimentari Da Gino",)]
    return voucher


def test_a_shop_redeems_part_of_a_voucher_and_voids_it_on_pages_that_pass_axe_and_nu(driver, daemon, code,
                                                                                         tmp_path):
    from selenium.webdriver.common.by import By

    e2e.add_shop_staff(daemon.root, STAFF, STAFF_PASSWORD, SHOP)
    e2e.log_in(driver, daemon, STAFF, STAFF_PASSWORD, landing=TILL)
    page = daemon.url + TILL
    violations = e2e.axe(driver)
    assert not violations, "buoni:\n" + e2e.format_violations(violations)

    # A code read back with one character wrong: the check character says so.
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    driver.find_element(By.NAME, "codice").send_keys(wrong)
    driver.find_element(By.NAME, "importo").send_keys("12,50")
    e2e.press(driver, e2e.button(driver, "Incassa"))
    assert "il carattere di controllo non corrisponde" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "buoni (422):\n" + e2e.format_violations(violations)

    grouped = "-".join(code[i:i + 4] for i in range(0, len(code), 4))
    field = driver.find_element(By.NAME, "codice")
    field.clear()
    field.send_keys(grouped.lower())
    e2e.press(driver, e2e.button(driver, "Incassa"))
    # The answer to the purchase: the code masked, the balance left shown this once.
    masked = f"****-****-{code[-5:-1]}-{code[-1]}"
    assert f"Incassati 12,50 € dal buono {masked} il " in driver.page_source
    assert "Saldo rimasto sul buono: 137,50 €." in driver.page_source and grouped not in driver.page_source
    action = driver.find_element(By.CSS_SELECTOR, "form[action$='/annulla']").get_attribute("action")
    redemption = action.removesuffix("/annulla")
    assert "/operator/vigonza/buoni/incassi/" in redemption
    violations = e2e.axe(driver)
    assert not violations, "incasso:\n" + e2e.format_violations(violations)

    # The raw pages for the Nu checker, fetched with the same session.
    files = e2e.saved_pages(driver, {"buoni.html": page, "incasso.html": redemption}, tmp_path)
    headers = {"Cookie": f"piazza_operatore={driver.get_cookie('piazza_operatore')['value']}"}
    form = files[0].read_text(encoding="utf-8")
    fields = {name: form.split(f'name="{name}" value="')[1].split('"')[0] for name in ("_csrf", "_chiave")}
    status, body = e2e.post_form(page, fields | {"codice": grouped, "importo": "500"}, headers)
    assert status == 422
    files.append(tmp_path / "refused.html")
    files[-1].write_bytes(body)
    assert "che è 137,50 €" in files[-1].read_text(encoding="utf-8")
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems

    e2e.press(driver, e2e.button(driver, "Annulla questo incasso"))
    assert "Incasso annullato" in driver.page_source and "l'importo è tornato sul buono" in driver.page_source
    assert "Saldo" not in driver.page_source
    with sqlite3.connect(daemon.database) as db:
        assert db.execute("SELECT staff, amount_cents, voided_by FROM redemptions").fetchall() == [
            (STAFF, 1250, STAFF)]
