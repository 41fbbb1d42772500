"""The citizen's voucher pages in Chromium (issue 19): the receipt /r/{token} with the voucher's code, QR
code, balance and purchases, and the printable voucher /r/{token}/buono. Both pass axe-core (WCAG 2.1
A/AA) and the Nu HTML checker, and the QR code on each scans back (zxing-cpp) to the grouped code.

The voucher, a shop and two purchases (one voided) are written straight into the daemon's database, as
the store's own tests (VoucherStoreTests, VoucherRoutesTests) cover how they get there: this test is
about what the citizen's pages make of them.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import urllib.request

import pytest

import piazza_e2e as e2e
from test_operator_queue import FORM, OTHER, WANTED, submit

CODE = "K7MPQ4XZ9TRCA"
GROUPED = "K7MP-Q4XZ-9TRC-A"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voucher_daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("vouchers")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    e2e.open_form_window(content, FORM)
    with e2e.run_daemon(root, content) as daemon:
        yield daemon


@pytest.fixture(scope="module")
def token(voucher_daemon) -> str:
    """The receipt token of a case with a 150,00 € voucher, 12,50 € spent and 5,00 € voided."""
    submit(voucher_daemon, WANTED, "RSSMRA45D25F205N", "voucher-e2e-1")
    submit(voucher_daemon, OTHER, "VRDLGU15A01H501C", "voucher-e2e-2")
    with sqlite3.connect(voucher_daemon.database) as db:
        (household, token), (shop_case, _) = db.execute(
            "SELECT id, token FROM applications ORDER BY id").fetchall()
        voucher = db.execute(
            "INSERT INTO vouchers (application_id, code, measure, amount_cents, valid_until, issued_at, issued_by) "
            "VALUES (?, ?, 'misura-1', 15000, '2026-12-31', '2026-11-02T09:00:00.000Z', 'capo')",
            (household, CODE)).lastrowid
        shop = db.execute(
            "INSERT INTO merchants (partita_iva, name, iban, application_id, enrolled_at) "
            "VALUES ('01234560280', 'Alimentari Da Gino', 'IT60X0542811101000000123456', ?, "
            "'2026-11-01T09:00:00.000Z')", (shop_case,)).lastrowid
        db.execute("INSERT INTO redemptions (voucher_id, merchant_id, staff, amount_cents, at, idempotency_key) "
                   "VALUES (?, ?, 'cassa', 1250, '2026-11-03T10:15:00.000Z', 'e2e-1')", (voucher, shop))
        db.execute("INSERT INTO redemptions (voucher_id, merchant_id, staff, amount_cents, at, idempotency_key, "
                   "voided_at, voided_by) VALUES (?, ?, 'cassa', 500, '2026-11-03T10:20:00.000Z', 'e2e-2', "
                   "'2026-11-03T10:21:00.000Z', 'cassa')", (voucher, shop))
    return token


def scanned(driver) -> list[str]:
    """The texts zxing-cpp reads from a screenshot of the page's QR code."""
    import zxingcpp
    from PIL import Image

    svg = driver.find_element("css selector", ".voucher-qr svg")
    # A screenshot is of the viewport: the whole symbol must be in it.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    image = Image.open(io.BytesIO(svg.screenshot_as_png))
    assert image.size == (svg.size["width"], svg.size["height"])
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def checked_voucher_page(driver, url: str, grouped: str, expected: list[str]) -> bytes:
    """Opens the citizen's voucher page `url`, checks it shows `grouped`, each of `expected` and a QR code
    that scans to `grouped`, and passes axe-core; the page as the server sends it, for the Nu checker."""
    driver.get(url)
    text = driver.find_element("css selector", "main").text
    for snippet in [grouped] + expected:
        assert snippet in text, f"{snippet!r} not on {url}"
    assert scanned(driver) == [grouped]
    violations = e2e.axe(driver)
    assert not violations, url + ":\n" + e2e.format_violations(violations)
    with urllib.request.urlopen(url) as response:
        return response.read()


@pytest.mark.parametrize("path,expected", [
    ("", ["Saldo disponibile: 137,50 € su 150,00 €", "Alimentari Da Gino", "annullato dal negozio"]),
    ("/buono", ["Saldo alla stampa: 137,50 €", "Valido fino al 31/12/2026"]),
], ids=["receipt", "printable"])
def test_voucher_page_shows_a_scannable_code_and_passes_axe_and_nu(driver, voucher_daemon, token, tmp_path,
                                                                   path, expected):
    page = tmp_path / "page.html"
    page.write_bytes(checked_voucher_page(driver, f"{voucher_daemon.url}/r/{token}{path}", GROUPED, expected))
    report = e2e.run_vnu([page], also_check_css=False)
    assert not [m for m in report[page.resolve()] if m.get("type") in ("error", "non-document-error")], \
        e2e.format_vnu(report, tmp_path)
