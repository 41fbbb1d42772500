"""The bookings side of the back office in a real browser (issue 15): the rendicontazione with its
tables per resource, month and family and its CSV download, the attendance list with the resources'
iCalendar feeds, and the dashboard's bookings panel. Every page passes axe-core (WCAG 2.1 A/AA)
and the Nu HTML checker.

The daemon runs on a copy of the demo content with one more Vigonza calendar: a slot yesterday,
with two bookings written straight into the database (one marked present), and one tomorrow.
"""

from __future__ import annotations

import datetime
import shutil
import sqlite3
import urllib.request

import pytest

import piazza_e2e as e2e

CALENDAR = "doposcuola-e2e"


def day(offset: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=offset)


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    root = tmp_path_factory.mktemp("booking-reports")
    content = root / "content"
    shutil.copytree(e2e.CONTENT, content)
    (content / "vigonza" / "calendars" / f"{CALENDAR}.yaml").write_text(
        "title: Doposcuola di prova\ndescription: Compiti in piccoli gruppi.\ncapacity: 3\ncost_per_hour: 20.00\n"
        "resources:\n  - { id: tutor-e2e, name: \"Marta, tutor\", place: \"Biblioteca, sala studio\" }\n"
        "extra_slots:\n"
        + "".join(f"  - {{ resource: tutor-e2e, date: {day(d).isoformat()}, start: \"10:00\", end: \"11:30\" }}\n"
                  for d in (-1, 1)),
        encoding="utf-8")
    with e2e.run_back_office(root, content) as daemon:
        slot = f"{day(-1).isoformat()}T10:00-tutor-e2e"
        with sqlite3.connect(daemon.database) as db:
            db.executemany(
                "INSERT INTO bookings (token, calendar_id, slot_id, seats, name, contact, booked_at, state, attendance)"
                " VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T10:00:00.000Z', 'confermata', ?)",
                [("t" * 43, CALENDAR, slot, 2, "Famiglia <b>Rossi</b>", "049 111", "presente"),
                 ("u" * 43, CALENDAR, slot, 1, "Famiglia Verdi", "049 222", None)])
        yield daemon


def cookie(driver) -> dict[str, str]:
    session = driver.get_cookie("piazza_operatore")
    return {"Cookie": f"piazza_operatore={session['value']}"}


def test_rendicontazione_feeds_and_dashboard_pass_axe_and_nu(driver, daemon, tmp_path):
    from selenium.webdriver.common.by import By

    e2e.log_in(driver, daemon)
    base = f"{daemon.url}/operator/vigonza/"
    report = f"rendicontazione?calendario={CALENDAR}&dal={day(-1).isoformat()}&al={day(1).isoformat()}"
    paths = [report, "presenze", "cruscotto"]
    for path in paths:
        driver.get(base + path)
        violations = e2e.axe(driver)
        assert not violations, f"{path}:\n" + e2e.format_violations(violations)

    driver.get(base + report)
    families = driver.find_element(By.XPATH, "//h2[@id='famiglie']/following::table[1]")
    assert "Famiglia <b>Rossi</b>" in families.text and "Famiglia Verdi" in families.text
    csv_url = driver.find_element(By.PARTIAL_LINK_TEXT, "Scarica la rendicontazione").get_attribute("href")
    csv = urllib.request.urlopen(urllib.request.Request(csv_url, headers=cookie(driver))).read()
    assert csv.startswith(b"\xef\xbb\xbfRendicontazione;Doposcuola di prova\r\n"), csv[:80]
    assert b"\r\nMarta, tutor;1;1,5;3;2;0;0;1;100,0;1;2;30,00\r\n" in csv, csv.decode()

    driver.get(base + "presenze")
    feed_url = driver.find_element(By.PARTIAL_LINK_TEXT, "Doposcuola di prova – Marta, tutor").get_attribute("href")
    with urllib.request.urlopen(feed_url) as answer:  # no session: the feed is public
        assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
        feed = answer.read().decode()
    lines = feed.replace("\r\n ", "").split("\r\n")
    starts = [line for line in lines if line.startswith("DTSTART:")]
    assert len(starts) == 1, feed  # yesterday's slot is over
    instant = datetime.datetime.strptime(starts[0], "DTSTART:%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    from zoneinfo import ZoneInfo
    local = instant.astimezone(ZoneInfo("Europe/Rome"))
    assert (local.date(), local.hour, local.minute) == (day(1), 10, 0), starts[0]
    assert "Rossi" not in feed and "049" not in feed

    files = []
    for index, path in enumerate(paths):
        body = urllib.request.urlopen(urllib.request.Request(base + path, headers=cookie(driver))).read()
        (tmp_path / f"page{index}.html").write_bytes(body)
        files.append(tmp_path / f"page{index}.html")
    problems = e2e.format_vnu(e2e.run_vnu(files, also_check_css=False), tmp_path)
    assert not problems, problems
