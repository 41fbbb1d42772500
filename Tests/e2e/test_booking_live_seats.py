"""The calendar page's script (assets/calendar.js) in a real browser: it reads the seats left now
from the daemon's availability.json, across origins (the daemon answers with the site's origin in
Access-Control-Allow-Origin), and they replace the seats the page was built with. Also the waiting
list of a full slot: the 409 page offers it, and the waiting receipt passes axe-core and the Nu checker.

The static site is served first, so that its origin can be the portal's base_url in the daemon's
content; then the daemon starts on that content and the site is built posting to it.
"""

from __future__ import annotations

import datetime
import re
import shutil
import urllib.request

import pytest

import piazza_e2e as e2e
from test_bookings import post

CALENDAR = "gruppi-e2e"


def slot_id(offset: int) -> str:
    return f"{(datetime.date.today() + datetime.timedelta(days=offset)).isoformat()}T16:00-tutor"


@pytest.fixture(scope="module")
def setup(tmp_path_factory, serve_dir):
    root = tmp_path_factory.mktemp("live-seats")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    site = root / "site"
    (site / "vigonza").mkdir(parents=True)
    server = serve_dir(site / "vigonza", not_found="404.html")
    portal = content / "vigonza" / "portal.yaml"
    portal.write_text(re.sub(r"(?m)^base_url: .*$", f"base_url: {server.origin}", portal.read_text("utf-8")),
                      encoding="utf-8")
    (content / "vigonza" / "calendars").mkdir(exist_ok=True)
    days = "".join(
        f"  - {{ resource: tutor, date: {(datetime.date.today() + datetime.timedelta(days=d)).isoformat()}, "
        f"start: \"16:00\", end: \"17:00\" }}\n" for d in (2, 3))
    (content / "vigonza" / "calendars" / f"{CALENDAR}.yaml").write_text(
        "title: Gruppi di studio di prova\ndescription: Tre posti per turno, con lista d'attesa.\n"
        "capacity: 3\nparty_size: { min: 1, max: 2 }\nwaitlist: true\n"
        "resources:\n  - { id: tutor, name: \"Marco, tutor\", place: \"Biblioteca\" }\nextra_slots:\n" + days,
        encoding="utf-8")
    with e2e.run_daemon(root, content) as daemon:
        e2e.build_site(site, content=content, intake_url=daemon.url, portals=["vigonza"])
        yield daemon, server


def test_the_live_seats_replace_the_build_time_ones(driver, setup, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    daemon, server = setup
    booked = post(f"{daemon.url}/bookings/vigonza/{CALENDAR}/{slot_id(2)}",
                  {"posti": "2", "nome": "Anna Verdi", "contatto": "anna@example.it", "consenso": "si"})
    assert booked.status == 303
    page = server.url(f"prenotazioni/{CALENDAR}/index.html")
    with urllib.request.urlopen(page) as answer:
        built = answer.read().decode()
    assert f'data-slot="{slot_id(2)}"' in built and "<span data-seats>3</span>" in built  # no JavaScript: capacity
    (tmp_path / "calendar.html").write_text(built, encoding="utf-8")
    problems = e2e.format_vnu(e2e.run_vnu([tmp_path / "calendar.html"], also_check_css=False), tmp_path)
    assert not problems, problems
    driver.get(page)
    selector = f"article[data-slot='{slot_id(2)}'] [data-seats]"
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, selector).text == "1")
    assert driver.find_element(By.CSS_SELECTOR, f"article[data-slot='{slot_id(3)}'] [data-seats]").text == "3"
    assert "Posti liberi aggiornati alle" in driver.find_element(By.CSS_SELECTOR, "[data-availability]").text
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_a_full_slot_offers_the_waiting_list_and_the_receipt_says_so(driver, setup, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    daemon, server = setup
    url = f"{daemon.url}/bookings/vigonza/{CALENDAR}/{slot_id(3)}"
    assert post(url, {"posti": "2", "nome": "Paolo Blu", "contatto": "049 1111111", "consenso": "si"}).status == 303
    assert post(url, {"posti": "1", "nome": "Sara Gialli", "contatto": "049 2222222", "consenso": "si"}).status == 303
    driver.get(server.url(f"prenotazioni/{CALENDAR}/index.html"))
    article = driver.find_element(By.CSS_SELECTOR, f"article[data-slot='{slot_id(3)}']")
    article.find_element(By.NAME, "nome").send_keys("Maria Rossi")
    article.find_element(By.NAME, "contatto").send_keys("049 1234567")
    driver.execute_script("arguments[0].click()", article.find_element(By.NAME, "consenso"))
    before = driver.current_url
    driver.execute_script("arguments[0].click()", article.find_element(By.CSS_SELECTOR, "[type=submit]"))
    WebDriverWait(driver, 20).until(lambda d: d.current_url != before)
    assert "Turno al completo" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)
    driver.execute_script("arguments[0].click()", driver.find_element(
        By.XPATH, "//button[contains(., \"Entra nella lista d'attesa\")]"))
    WebDriverWait(driver, 20).until(lambda d: "/r/" in d.current_url)
    assert "sei la prima famiglia in lista" in driver.page_source
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)
    with urllib.request.urlopen(driver.current_url) as answer:
        (tmp_path / "waiting.html").write_bytes(answer.read())
    full = post(url, {"posti": "1", "nome": "Luca Neri", "contatto": "049 3333333", "consenso": "si"})
    assert full.status == 409
    (tmp_path / "full.html").write_bytes(full.read())
    report = e2e.run_vnu([tmp_path / "waiting.html", tmp_path / "full.html"], also_check_css=False)
    problems = e2e.format_vnu(report, tmp_path)
    assert not problems, problems
