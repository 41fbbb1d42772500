"""The SEPA credit transfer file of the shops' reimbursement (issue 19, item 4) against the ISO 20022
schema pain.001.001.03.xsd that PyPI's sepaxml ships (the version the EPC's SCT guidelines and Italian
banks take).

Tests/Fixtures/sepa/novembre-2026.xml is the file SEPACreditTransfer writes for the fixture period of
ReimbursementTests (the Swift test asserts the writer gives exactly these bytes), so a writer that
stops validating fails one of the two tests; nomi-2026.xml is the same period with a shop named in
another script (transliterated) and an account holder longer than Max70Text (cut and trimmed).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
import re
import xml.etree.ElementTree as ET

import pytest
import sepaxml
import xmlschema

FIXTURE = Path(__file__).resolve().parents[1] / "Fixtures" / "sepa" / "novembre-2026.xml"
NAMES_FIXTURE = FIXTURE.with_name("nomi-2026.xml")
SCHEMA = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.mark.parametrize("fixture", [FIXTURE, NAMES_FIXTURE], ids=lambda path: path.name)
def test_the_reimbursement_file_validates_against_pain_001_001_03(fixture):
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(fixture))


def test_every_name_is_non_empty_epc_latin_within_max70text():
    root = ET.parse(NAMES_FIXTURE).getroot()
    names = [name.text or "" for name in root.iterfind(".//p:Nm", NS)]
    assert names and all(re.fullmatch(r"[A-Za-z0-9/?:().,'+ -]{1,70}", name) for name in names), names
    assert all(name == name.strip() for name in names)


def test_the_control_sums_are_the_sums_of_the_transfers():
    root = ET.parse(FIXTURE).getroot()
    amounts = [Decimal(a.text) for a in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    assert amounts == [Decimal("49.75"), Decimal("45.10")]
    for total in root.iterfind(".//p:CtrlSum", NS):
        assert Decimal(total.text) == sum(amounts)
    for count in root.iterfind(".//p:NbOfTxs", NS):
        assert int(count.text) == len(amounts)
