"""The back office's payments, exports and dashboard in a real browser (issue 14, items 4, 6, 7):
an admin ticks an accepted case in the payments list and marks it paid without JavaScript, and
every one of these pages passes axe-core (WCAG 2.1 A/AA) and the Nu HTML checker; the XLSX
downloads open in a spreadsheet reader (openpyxl) with their cells typed.

The daemon runs on a copy of the demo content with its data in a temp folder; the accepted case
with a benefit is made by posting the tutor enrolment form and moving the row in the database
(the workflow has its own tests).
"""

from __future__ import annotations

import shutil
import sqlite3
import urllib.parse
import urllib.request

import pytest

import piazza_e2e as e2e

FORM = "iscrizione-resta-al-passo"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    e2e.open_form_window(content, FORM)
    with e2e.run_back_office(root, content) as daemon:
        yield daemon


@pytest.fixture(scope="module")
def accepted(daemon) -> str:
    """A case of the tutor form, accepted with a benefit of 120 €; its numero pratica."""
    fields = {"nome": "Maria <b>", "cognome": "Rossi; \"Bianchi\"", "codice_fiscale": "BNCLRA90A41H501F",
              "telefono": "049 123456", "studenti.0.nome": "Luca Rossi",
              "studenti.0.codice_fiscale": "RSSMRA45D25F205N", "studenti.0.classe": "primaria-3",
              "studenti.0.scuola": "Scuola Rodari", "giorni": "lunedi", "segnalazione_scuola": "no",
              "privacy": "si", "_key": "reports-e2e"}
    request = urllib.request.Request(f"{daemon.url}/forms/vigonza/{FORM}",
                                     data=urllib.parse.urlencode(fields).encode(), method="POST")
    urllib.request.urlopen(request).read()
    with sqlite3.connect(daemon.database) as db:
        db.execute("UPDATE applications SET state = 'accolta', benefit_cents = 12000")
        return db.execute("SELECT number FROM applications").fetchone()[0]


def test_mark_paid_from_the_list_and_every_page_passes_axe_and_nu(driver, daemon, accepted, tmp_path):
    from selenium.webdriver.common.by import By

    e2e.log_in(driver, daemon)
    base = f"{daemon.url}/operator/vigonza/"
    driver.get(base + "pagamenti")
    assert accepted in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "pagamenti:\n" + e2e.format_violations(violations)
    driver.find_element(By.CSS_SELECTOR, f"input[name=pratica][value='{accepted}']").click()
    driver.find_element(By.NAME, "data").send_keys("01/01/2026")
    driver.find_element(By.NAME, "riferimento").send_keys("Mandato 12")
    e2e.press(driver, e2e.button(driver, "Segna come pagate"))
    assert "1 pratica segnata come pagata." in driver.page_source
    paths = ["pagamenti?stato=pagata", "pagamenti?stato=tutti", "cruscotto", "esportazioni"]
    for path in paths:
        driver.get(base + path)
        violations = e2e.axe(driver)
        assert not violations, f"{path}:\n" + e2e.format_violations(violations)
    assert "Mandato 12" in urllib.request.urlopen(urllib.request.Request(
        base + "pagamenti?stato=pagata", headers=cookie(driver))).read().decode()
    # The Nu checker reads the bytes the daemon sends, with the browser's session.
    files = []
    for index, path in enumerate(paths):
        body = urllib.request.urlopen(urllib.request.Request(base + path, headers=cookie(driver))).read()
        (tmp_path / f"page{index}.html").write_bytes(body)
        files.append(tmp_path / f"page{index}.html")
    report = e2e.run_vnu(files, also_check_css=False)
    problems = e2e.format_vnu(report, tmp_path)
    assert not problems, problems


def test_xlsx_exports_open_in_a_spreadsheet_reader_with_typed_cells(driver, daemon, accepted):
    """The XLSX downloads read by openpyxl: text as text (markup and separators kept, never a
    formula), amounts as numbers in euro, dates as dates with the dd/mm/yyyy format, the header bold
    and frozen; a repeatable group's members in columns by row position, in the workbook and the CSV."""
    import csv
    import datetime
    import io

    import openpyxl

    with sqlite3.connect(daemon.database) as db:  # paid, if the test before did not pay it
        db.execute("INSERT OR IGNORE INTO payments (application_id, amount_cents, paid_on, reference, actor, "
                   "recorded_at) SELECT id, 12000, '2026-01-01', 'Mandato 12', 'e2e', '2026-01-01T10:00:00.000Z' "
                   "FROM applications WHERE number = ?", (accepted,))
    e2e.log_in(driver, daemon)
    base = f"{daemon.url}/operator/vigonza/"

    def sheet(path: str):
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=cookie(driver))) as response:
            assert response.headers["Content-Type"] == \
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            workbook = openpyxl.load_workbook(io.BytesIO(response.read()))
        rows = workbook.active
        assert rows.freeze_panes == "A2" and all(cell.font.b for cell in rows[1]), path
        header = [cell.value for cell in rows[1]]
        return rows, {name: rows.cell(row=2, column=header.index(name) + 1) for name in header}

    rows, cells = sheet(f"esportazioni/domande?modulo={FORM}&formato=xlsx")
    assert rows.max_row == 2
    assert cells["Numero pratica"].value == accepted and cells["Numero pratica"].data_type == "s"
    assert cells["Nome"].value == "Maria <b>" and cells["Cognome"].value == 'Rossi; "Bianchi"'
    assert cells["Importo"].value == 120 and cells["Importo"].number_format == "#,##0.00"
    submitted = cells["Data di invio"]
    assert isinstance(submitted.value, datetime.datetime) and submitted.number_format == "dd/mm/yyyy hh:mm"
    paid = cells["Data pagamento"]
    assert paid.value == datetime.datetime(2026, 1, 1) and paid.number_format == "dd/mm/yyyy"
    assert cells["Stato"].value == "Accolta" and cells["Pagamento"].value == "Pagata"
    # The repeatable group: its count, then each child's fields by row position up to the form's max (3).
    header = [cell.value for cell in rows[1]]
    group = [f"Studente {row} – {field}" for row in (1, 2, 3)
             for field in ("Nome e cognome", "Codice fiscale", "Classe frequentata", "Scuola frequentata")]
    start = header.index("Studente")
    assert header[start + 1:start + 13] == group, header
    assert cells["Studente"].value == 1 and cells["Studente"].data_type == "n"
    assert cells["Studente 1 – Nome e cognome"].value == "Luca Rossi"
    assert cells["Studente 1 – Codice fiscale"].value == "RSSMRA45D25F205N"
    assert cells["Studente 1 – Classe frequentata"].value == "3ª primaria"
    assert cells["Studente 1 – Scuola frequentata"].value == "Scuola Rodari"
    assert all(cells[name].value is None for name in group[4:])
    with urllib.request.urlopen(urllib.request.Request(
            base + f"esportazioni/domande?modulo={FORM}&formato=csv", headers=cookie(driver))) as response:
        table = list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0][start:start + 13] == ["Studente"] + group
    assert table[1][start:start + 13] == ["1", "Luca Rossi", "RSSMRA45D25F205N", "3ª primaria",
                                          "Scuola Rodari"] + [""] * 8

    rows, cells = sheet("pagamenti.xlsx?stato=tutti")
    assert cells["Numero pratica"].value == accepted and cells["Importo"].value == 120
    assert cells["Data pagamento"].value == datetime.datetime(2026, 1, 1)
    assert cells["Causale"].value.endswith(f"pratica {accepted}")

    rows, cells = sheet(f"esportazioni/esiti?modulo={FORM}&formato=xlsx")
    assert [[cell.value for cell in row] for row in rows.iter_rows()] == [["Numero pratica", "Esito"],
                                                                          [accepted, "Accolta"]]


def cookie(driver) -> dict[str, str]:
    session = driver.get_cookie("piazza_operatore")
    return {"Cookie": f"piazza_operatore={session['value']}"}
