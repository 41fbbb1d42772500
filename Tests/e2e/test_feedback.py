"""The clarity feedback widget ("Quanto sono chiare le informazioni su questa pagina?", issue 18,
item 2) in Chromium, with and without JavaScript, against a real daemon: rate a page, answer, see
the thanks, and the row the daemon stored (page, day, choices: nothing about the sender). The
daemon's answer pages and the operators' results page pass axe-core and the Nu checker.

With JavaScript the widget posts in the background, which the daemon allows only to scripts of the
portal's own site (`base_url`): that test builds the site with `base_url` at the address it serves it.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import piazza_e2e as e2e

THANKS = "Grazie, il tuo parere ci aiuterà a migliorare il servizio!"


def service_path(site: Path) -> str:
    """The page path (`/servizi/<slug>/`) of the first service of the built Vigonza site."""
    page = e2e.first_page(site, "vigonza", "servizi")
    assert page is not None
    return "/" + page.parent.relative_to(site / "vigonza").as_posix() + "/"


def stored(daemon: e2e.Daemon) -> list[tuple]:
    with sqlite3.connect(daemon.database) as db:
        return db.execute("SELECT page, rating, answer, details FROM feedback ORDER BY id").fetchall()


def star(driver, rating: int):
    """The label of a star (its radio button is visually hidden, as the checker's click expects)."""
    return driver.find_element(By.CSS_SELECTOR, f'[data-element="feedback-rate-{rating}"]')


def answer(driver, value: str):
    return driver.find_element(By.XPATH, f"//input[@name='risposta'][@value='{value}']/parent::label")


def branch(driver, name: str):
    return driver.find_element(By.CSS_SELECTOR, f'[data-element="feedback-rating-{name}"]')


def post_feedback(daemon: e2e.Daemon, fields: dict[str, str]) -> tuple[int, str]:
    """A post of the plain form, without following the redirect: (status, body or Location)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(f"{daemon.url}/feedback/vigonza", data=urllib.parse.urlencode(fields).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location") or error.read().decode()


@pytest.fixture
def no_script_driver():
    driver = e2e.make_driver(javascript=False)
    yield driver
    driver.quit()


def test_feedback_without_javascript(tmp_path, daemon_portal, no_script_driver):
    driver = no_script_driver
    with e2e.run_daemon(tmp_path, e2e.CONTENT) as daemon:
        server = daemon_portal(daemon)
        path = service_path(server.root.parent)
        driver.get(server.url(path.lstrip("/")))
        # Both questions show, each saying which ratings it is for.
        assert branch(driver, "negative").is_displayed() and branch(driver, "positive").is_displayed()
        assert "se hai dato 1, 2 o 3 stelle" in branch(driver, "negative").text
        # Sent without a rating: the daemon's page says what to do, with the widget again.
        e2e.press(driver, e2e.button(driver, "Invia la valutazione"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "Valutazione non inviata"
        assert "Scegli quante stelle dare, da 1 a 5." in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
        star(driver, 2).click()
        answer(driver, "problemi-tecnici").click()
        driver.find_element(By.ID, "feedback-dettagli").send_keys("Il link al modulo non si apre.")
        e2e.press(driver, e2e.button(driver, "Invia la valutazione"))
        assert driver.current_url.startswith(f"{daemon.url}/feedback/vigonza/grazie")
        assert THANKS in driver.find_element(By.TAG_NAME, "main").text
        back = driver.find_element(By.LINK_TEXT, "Torna alla pagina che stavi leggendo").get_attribute("href")
        assert back.endswith(path), back
        assert stored(daemon) == [(path, 2, "problemi-tecnici", "Il link al modulo non si apre.")]


def test_feedback_with_javascript(tmp_path, driver):
    port = e2e.free_port()
    content = tmp_path / "content"
    shutil.copytree(e2e.CONTENT, content)
    portal_yaml = content / "vigonza" / "portal.yaml"
    portal_yaml.write_text(re.sub(r"(?m)^base_url:.*$", f"base_url: http://127.0.0.1:{port}",
                                  portal_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / "daemon").mkdir()
    with e2e.run_daemon(tmp_path / "daemon", content) as daemon:
        site = e2e.build_site(tmp_path / "site", content=content, intake_url=daemon.url, portals=["vigonza"])
        server = e2e.StaticServer(site / "vigonza", not_found="404.html", port=port)
        try:
            path = service_path(site)
            driver.get(server.url(path.lstrip("/")))
            assert not branch(driver, "negative").is_displayed() and not branch(driver, "positive").is_displayed()
            star(driver, 5).click()
            assert branch(driver, "positive").is_displayed() and not branch(driver, "negative").is_displayed()
            filled = driver.find_elements(By.CSS_SELECTOR, ".feedback-stars label.is-filled")
            assert len(filled) == 5
            answer(driver, "indicazioni-chiare").click()
            driver.find_element(By.ID, "feedback-dettagli").send_keys("Tutto chiaro, grazie.")
            e2e.button(driver, "Invia la valutazione").click()
            status = driver.find_element(By.CSS_SELECTOR, "[data-feedback-status]")
            WebDriverWait(driver, 20).until(lambda d: status.text == THANKS)
            assert not driver.find_element(By.CSS_SELECTOR, "form[data-feedback]").is_displayed()
            assert driver.current_url == server.url(path.lstrip("/"))
            assert stored(daemon) == [(path, 5, "indicazioni-chiare", "Tutto chiaro, grazie.")]
            violations = e2e.axe(driver)
            assert not violations, e2e.format_violations(violations)
        finally:
            server.close()


def test_daemon_pages_pass_axe_and_nu(tmp_path, driver):
    """The thanks page, the widget again with an error, the operators' results page and the dashboard
    with its feedback panel."""
    with e2e.run_back_office(tmp_path, e2e.CONTENT) as daemon:
        status, location = post_feedback(daemon, {"pagina": "/", "valutazione": "4", "dettagli": "Chiaro"})
        assert status == 303, location
        status, refused = post_feedback(daemon, {"pagina": "/", "valutazione": "5", "risposta": "problemi-tecnici"})
        assert status == 422
        e2e.log_in(driver, daemon)
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        pages = {"grazie.html": f"{daemon.url}{location}", "valutazioni.html": f"{daemon.url}/operator/vigonza/valutazioni",
                 "cruscotto.html": f"{daemon.url}/operator/vigonza/cruscotto"}
        files = []
        for name, url in pages.items():
            driver.get(url)
            assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, url
            violations = e2e.axe(driver)
            assert not violations, f"{url}\n{e2e.format_violations(violations)}"
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request, timeout=30) as response:
                (tmp_path / name).write_bytes(response.read())
            files.append(tmp_path / name)
        assert "Chiaro" in (tmp_path / "valutazioni.html").read_text(encoding="utf-8")
        dashboard = (tmp_path / "cruscotto.html").read_text(encoding="utf-8")
        assert '<tr><th scope="row">/</th><td>1</td><td>4,0</td><td>0%</td><td>1</td></tr>' in dashboard
        (tmp_path / "rifiutata.html").write_text(refused, encoding="utf-8")
        files.append(tmp_path / "rifiutata.html")
        report = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
        assert not report, report
