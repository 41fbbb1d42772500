"""`piazza check` as editors and scripts run it: one problem per line or a JSON array on standard
output, the count on standard error, exit 1 on errors and 0 with warnings only (issue 17, item 5).
No browser and no network: the content is a copy of the demo with one problem added."""

from __future__ import annotations

import json
import shutil
import subprocess

import piazza_e2e as e2e


def check(content, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(e2e.piazza_bin()), "check", "--content", str(content), "--themes",
                           str(e2e.THEMES), "--portal", "vigonza", *args],
                          cwd=e2e.REPO, capture_output=True, text=True, timeout=300)


def demo_copy(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(e2e.CONTENT, content)
    return content


def test_an_error_exits_1_with_its_place_in_text_and_json(tmp_path):
    content = demo_copy(tmp_path)
    (content / "vigonza" / "notizie" / "prova.md").write_text(
        "---\ntitle: Prova\ndate: 2026-11-21\n---\n\nVedi i [recapiti](../servizi/resta-al-passo.md#recapiti).\n",
        encoding="utf-8")
    text = check(content)
    assert text.returncode == 1, text.stderr
    assert text.stdout.startswith("vigonza/notizie/prova.md:6:8: error: link to "
                                  "'../servizi/resta-al-passo.md#recapiti' points to '#recapiti'")
    assert len(text.stdout.splitlines()) == 1
    assert text.stderr.strip() == "1 error(s), 0 warning(s) in 1 portal(s), 30 pages"

    as_json = check(content, "--format", "json")
    assert as_json.returncode == 1
    problems = json.loads(as_json.stdout)
    assert [(p["file"], p["line"], p["column"], p["severity"]) for p in problems] == [
        ("vigonza/notizie/prova.md", 6, 8, "error")]
    assert problems[0]["message"] == text.stdout.split(": error: ", 1)[1].rstrip("\n")


def test_warnings_only_exit_0(tmp_path):
    # Misura 4's bando closed on 30 June 2026; listing it as featured is a warning, not an error.
    content = demo_copy(tmp_path)
    config = content / "vigonza" / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "featured_measures: [misura-1-buoni-spesa,", "featured_measures: [misura-4-grave-morosita, misura-1-buoni-spesa,"),
        encoding="utf-8")
    # The line of the key as the file has it now, so adding a key above it does not break the test.
    line = next(number for number, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("featured_measures:"))
    result = check(content, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    problems = json.loads(result.stdout)
    assert any(p["severity"] == "warning" and p["file"] == "vigonza/portal.yaml" and p["line"] == line
               and "misura-4-grave-morosita" in p["message"] for p in problems), problems
    assert all(p["severity"] == "warning" for p in problems)


def test_json_when_it_cannot_start(tmp_path):
    # A CI script parses standard output whatever happened (finding 8 of session 13): one error, in no content file.
    missing = tmp_path / "nessuno"
    result = subprocess.run([str(e2e.piazza_bin()), "check", "--themes", str(missing), "--format", "json"],
                            cwd=e2e.REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["column"], p["severity"]) for p in problems] == [("", 0, 0, "error")]
    assert str(missing) in problems[0]["message"] and problems[0]["message"] in result.stderr
