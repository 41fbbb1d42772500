"""The SEPA credit transfer file of the shops' reimbursement (issue 19, item 4) against the ISO 20022
schema pain.001.001.03.xsd that PyPI's sepaxml ships (the version the EPC's SCT guidelines and Italian
banks take).

Tests/Fixtures/sepa/novembre-2026.xml is the file SEPACreditTransfer writes for the fixture period of
ReimbursementTests (the Swift test asserts the writer gives exactly these bytes), so a writer that
stops validating fails one of the two tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
import xml.etree.ElementTree as ET

import sepaxml
import xmlschema

FIXTURE = Path(__file__).resolve().parents[1] / "Fixtures" / "sepa" / "novembre-2026.xml"
SCHEMA = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def test_the_reimbursement_file_validates_against_pain_001_001_03():
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(FIXTURE))


def test_the_control_sums_are_the_sums_of_the_transfers():
    root = ET.parse(FIXTURE).getroot()
    amounts = [Decimal(a.text) for a in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    assert amounts == [Decimal("49.75"), Decimal("45.10")]
    for total in root.iterfind(".//p:CtrlSum", NS):
        assert Decimal(total.text) == sum(amounts)
    for count in root.iterfind(".//p:NbOfTxs", NS):
        assert int(count.text) == len(amounts)
