"""Bookings in a real browser: the calendar page's plain form posts to `piazza daemon`, which
answers with the booking's receipt (with its .ics file and a cancel button), or with a 409 page
listing the slots with seats left, or with a 422 page. Every daemon page must be as accessible
and valid as the static ones.

The daemon runs on a copy of the demo content with one more Vigonza calendar whose two one-seat
slots are two and three days from now (so the test does not depend on today's date).
"""

from __future__ import annotations

import datetime
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

import piazza_e2e as e2e

CALENDAR = "visite-e2e"


def slot_day(offset: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=offset)


def slot_id(offset: int) -> str:
    return f"{slot_day(offset).isoformat()}T10:00-guida"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("bookings")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    (content / "vigonza" / "calendars").mkdir(exist_ok=True)
    (content / "vigonza" / "calendars" / f"{CALENDAR}.yaml").write_text(
        "title: Visita guidata di prova\ndescription: Una visita con un posto per turno.\ncapacity: 1\n"
        "resources:\n  - { id: guida, name: \"Giulia, guida\", place: \"Abbazia, ingresso principale\" }\n"
        "extra_slots:\n"
        + "".join(f"  - {{ resource: guida, date: {slot_day(d).isoformat()}, start: \"10:00\", end: \"11:00\" }}\n"
                  for d in (2, 3)),
        encoding="utf-8")
    with e2e.run_daemon(root, content) as daemon:
        yield daemon


@pytest.fixture(scope="module")
def calendar_url(daemon, daemon_portal) -> str:
    return daemon_portal(daemon).url(f"prenotazioni/{CALENDAR}/index.html")


class _Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, values: dict[str, str] | None = None):
    """A POST that does not follow redirects; the answer, errors included."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(values or {}).encode(), method="POST")
    try:
        return urllib.request.build_opener(_Keep).open(request)
    except urllib.error.HTTPError as answer:
        return answer


def book_in_browser(driver, calendar_url: str, offset: int, nome: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(calendar_url)
    article = driver.find_element(By.CSS_SELECTOR, f"article[data-slot='{slot_id(offset)}']")
    article.find_element(By.NAME, "nome").send_keys(nome)
    article.find_element(By.NAME, "contatto").send_keys("049 1234567")
    driver.execute_script("arguments[0].click()", article.find_element(By.NAME, "consenso"))
    before = driver.current_url
    driver.execute_script("arguments[0].click()", article.find_element(By.CSS_SELECTOR, "[type=submit]"))
    WebDriverWait(driver, 20).until(lambda d: d.current_url != before)


def test_book_download_the_ics_and_cancel_in_a_browser(driver, daemon, calendar_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    book_in_browser(driver, calendar_url, 2, "Maria Rossi")
    assert "/r/" in driver.current_url, driver.current_url
    page = driver.page_source
    assert "Prenotazione confermata" in page
    assert "Giulia, guida" in page and "dalle 10:00 alle 11:00" in page
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)

    ics_url = driver.find_element(By.CSS_SELECTOR, "a[href$='/prenotazione.ics']").get_attribute("href")
    with urllib.request.urlopen(ics_url) as answer:
        assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
        ics = answer.read().decode()
    unfolded = ics.replace("\r\n ", "").split("\r\n")
    start = next(line for line in unfolded if line.startswith("DTSTART:"))
    instant = datetime.datetime.strptime(start, "DTSTART:%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    from zoneinfo import ZoneInfo
    local = instant.astimezone(ZoneInfo("Europe/Rome"))
    assert (local.date(), local.hour, local.minute) == (slot_day(2), 10, 0), start

    before = driver.current_url
    driver.execute_script("arguments[0].click()",
                          driver.find_element(By.CSS_SELECTOR, "form[action$='/cancel'] [type=submit]"))
    WebDriverWait(driver, 20).until(lambda d: "Prenotazione annullata" in d.page_source)
    assert driver.current_url == before
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_a_full_slot_answers_409_with_the_free_slots_and_passes_axe(driver, daemon, calendar_url):
    booked = post(f"{daemon.url}/bookings/vigonza/{CALENDAR}/{slot_id(3)}",
                  {"posti": "1", "nome": "Anna Verdi", "contatto": "anna@example.it", "consenso": "si"})
    assert booked.status == 303
    book_in_browser(driver, calendar_url, 3, "Luca Neri")
    page = driver.page_source
    assert "Turno al completo" in page, driver.current_url
    assert f"#turno-{slot_id(2).replace(':', '-')}" in page  # the other slot, free again after the cancel test
    violations = e2e.axe(driver)
    assert not violations, e2e.format_violations(violations)


def test_booking_pages_are_valid_html(daemon, tmp_path):
    """The receipt, the 409 and the 422 pages, as the daemon serves them, through the Nu checker."""
    url = f"{daemon.url}/bookings/vigonza/{CALENDAR}"
    fields = {"posti": "1", "nome": "Maria <b>", "contatto": "maria@example.it", "consenso": "si"}
    pages = {}
    invalid = post(f"{url}/{slot_id(2)}", {**fields, "contatto": "domani"})
    assert invalid.status == 422
    pages["invalid.html"] = invalid.read()
    stored = post(f"{url}/{slot_id(2)}", {**fields, "nome": "Carla Bianchi"})
    assert stored.status in (303, 409)
    full = post(f"{url}/{slot_id(2)}", fields)
    assert full.status == 409
    pages["full.html"] = full.read()
    receipt = post(f"{url}/{slot_id(3)}", {**fields, "nome": "Anna Verdi", "contatto": "anna@example.it"})
    assert receipt.status == 303  # the same family again: its first receipt
    pages["receipt.html"] = urllib.request.urlopen(daemon.url + receipt.headers["Location"]).read()
    files = []
    for name, body in pages.items():
        (tmp_path / name).write_bytes(body)
        files.append(tmp_path / name)
    report = e2e.run_vnu(files, also_check_css=False)
    problems = e2e.format_vnu(report, tmp_path)
    assert not problems, problems
