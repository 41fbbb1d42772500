"""QR codes drawn by piazza (PiazzaRender's QRCode.svg) scan: headless Chromium renders each SVG of
Tests/Fixtures/qr/svg/ inline in an HTML page, as the citizen's pages show them, and zxing-cpp (PyPI,
an independent decoder) reads the screenshot back to the text it was made from.

The SVG files are what QRCode renders for the texts of manifest.json: the Swift test
QRCodeTests.svgFixture fails when the renderer's output and a file differ (PIAZZA_QR_RECORD=1 rewrites
them), so what is scanned here is the product's own output, without a test-only command in piazza.
The same page passes axe-core (the image has an accessible name) and the Nu checker (inline SVG in HTML).
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

import piazza_e2e as e2e

FIXTURES = Path(__file__).resolve().parents[1] / "Fixtures" / "qr" / "svg"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
PIXELS_PER_MODULE = 4

pytestmark = pytest.mark.browser


def modules_a_side(svg: str) -> int:
    """The viewBox side: the symbol and its quiet zone, one user unit a module."""
    return int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))


def page(title: str, figures: list[str]) -> str:
    return ('<!DOCTYPE html>\n<html lang="it"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            "<style>figure { margin: 0 0 1rem } svg.qr { display: block; width: 100% }</style></head>"
            f'<body><main><h1>{html.escape(title)}</h1>{"".join(figures)}</main></body></html>\n')


@pytest.fixture(scope="module")
def qr_pages(tmp_path_factory, serve_dir) -> tuple[Path, e2e.StaticServer]:
    """index.html with every fixture SVG inline, each in a figure sized by CSS alone, and <name>.html with
    one of them (a whole symbol in the viewport, whatever its size, for the screenshot)."""
    folder = tmp_path_factory.mktemp("qr-pages")
    figures = []
    for case in MANIFEST:
        svg = (FIXTURES / f"{case['name']}.svg").read_text(encoding="utf-8").strip()
        width = modules_a_side(svg) * PIXELS_PER_MODULE
        figure = (f'<figure id="{case["name"]}" style="width: {width}px">{svg}'
                  f'<figcaption>{html.escape(case["name"])}</figcaption></figure>')
        (folder / f"{case['name']}.html").write_text(page(case["name"], [figure]), encoding="utf-8")
        figures.append(figure)
    (folder / "index.html").write_text(page("Codici QR", figures), encoding="utf-8")
    return folder / "index.html", serve_dir(folder)


@pytest.mark.parametrize("case", MANIFEST, ids=[c["name"] for c in MANIFEST])
def test_rendered_svg_scans_back_to_its_text(driver, qr_pages, case):
    import zxingcpp
    from PIL import Image

    driver.get(qr_pages[1].url(f"{case['name']}.html"))
    figure = driver.find_element("id", case["name"])
    svg = figure.find_element("css selector", "svg")
    assert svg.size["width"] == svg.size["height"] > 0
    image = Image.open(io.BytesIO(svg.screenshot_as_png))
    assert image.size == (svg.size["width"], svg.size["height"])
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_rotate=False,
                                   try_downscale=False, try_invert=False)
    assert [b.text for b in found] == [case["text"]], f"{case['name']}: decoded {found!r}"
    assert found[0].ec_level == case["correction"]


def test_qr_page_is_accessible_and_valid(driver, qr_pages, axe):
    index, server = qr_pages
    driver.get(server.url("index.html"))
    violations = axe(driver)
    assert not violations, e2e.format_violations(violations)
    names = driver.execute_script(
        "return [...document.querySelectorAll('svg.qr')].map(s => "
        "document.getElementById(s.getAttribute('aria-labelledby')).textContent)")
    assert names == [case["title"] for case in MANIFEST]
    report = e2e.run_vnu([index], also_check_css=False)
    errors = [m for m in report.get(index.resolve(), []) if m.get("type") in ("error", "non-document-error")]
    assert not errors, e2e.format_vnu(report, index.parent)
