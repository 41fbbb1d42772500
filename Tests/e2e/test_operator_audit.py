"""The admins' audit and data-subject pages in a real browser (issue 14, items 8, 9): the portal's
audit log, the login log and the data-subject access form (also refusing a malformed codice
fiscale) pass axe-core (WCAG 2.1 A/AA) and the Nu HTML checker; `piazza audit verify` on the
daemon's data says the logs are intact.
"""

from __future__ import annotations

import subprocess
import urllib.parse
import urllib.request

import pytest

import piazza_e2e as e2e



@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    with e2e.run_back_office(root) as daemon:
        daemon.root = root
        yield daemon


def test_audit_and_subject_pages_pass_axe_and_nu_and_the_logs_verify(driver, daemon, tmp_path):
    from selenium.webdriver.common.by import By

    e2e.log_in(driver, daemon)
    base = f"{daemon.url}/operator/vigonza/"
    urls = {"registro": base + "registro", "accessi": f"{daemon.url}/operator/accessi",
            "interessato": base + "interessato"}
    pages = {}
    for path, url in urls.items():
        driver.get(url)
        violations = e2e.axe(driver)
        assert not violations, f"{path}:\n" + e2e.format_violations(violations)
        pages[path] = driver.page_source
    assert "Lettura del registro" in pages["registro"]
    assert "<td>capo</td><td>Accesso</td>" in pages["accessi"]
    driver.find_element(By.NAME, "codice_fiscale").send_keys("BNCLRA90A41H501X")
    e2e.press(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "error-summary" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, "interessato (422):\n" + e2e.format_violations(violations)

    session = driver.get_cookie("piazza_operatore")["value"]
    headers = {"Cookie": f"piazza_operatore={session}"}
    files = []
    for index, url in enumerate(urls.values()):
        body = urllib.request.urlopen(urllib.request.Request(url, headers=headers)).read()
        files.append(tmp_path / f"page{index}.html")
        files[-1].write_bytes(body)
    token = pages["interessato"].split('name="_csrf" value="')[1].split('"')[0]
    refused = urllib.request.Request(
        base + "interessato", data=urllib.parse.urlencode({"_csrf": token, "codice_fiscale": "X"}).encode(),
        headers=headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(refused)
    assert refusal.value.code == 422
    files.append(tmp_path / "refused.html")
    files[-1].write_bytes(refusal.value.read())
    report = e2e.run_vnu(files, also_check_css=False)
    problems = e2e.format_vnu(report, tmp_path)
    assert not problems, problems

    verify = subprocess.run([str(e2e.piazza_bin()), "audit", "verify", "--config", str(daemon.root / "piazza.yaml")],
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "portal vigonza:" in verify.stdout and "logins: " in verify.stdout
