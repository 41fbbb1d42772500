"""Writes golden.jsonl: QR code module matrices made by segno, an encoder independent of piazza's, for
Tests/PiazzaSiteTests/QR/QRCodeGoldenTests.swift to compare with PiazzaRender's QRCode.

Regenerate (only when a case is added; the matrices of ISO/IEC 18004 do not change) from the repository
root, with the .venv of `make venv`:

    .venv/bin/pip install segno==1.6.6
    .venv/bin/python Tests/Fixtures/qr/make_golden.py

One JSON object per line: the text, the correction level, the version and mask asked for (null: chosen by
the encoder), the version and mask segno chose, and the rows as hexadecimal strings (dark = 1, first
module in the most significant bit, each row padded with light modules to a multiple of 4).

segno is called the way piazza encodes: one segment in the densest mode that holds the whole text, UTF-8
in byte mode without an ECI header, and no raising of the correction level (segno's boost_error).

One fault of segno 1.6.6 is patched here: its write_padding_bits adds 8 - (length % 8) zero bits, so a bit
stream that already ends on a codeword boundary after the terminator (every byte-mode text with room to
spare in versions 1-9) gets a whole 0x00 codeword before the pad codewords. ISO/IEC 18004:2015 §7.4.10 adds
padding bits only "if the bit stream length is such that it does not end at a codeword boundary". Readers
skip that 0x00 after the terminator, so segno's symbols still scan, but they are not the standard's.
"""

import json
from pathlib import Path

import segno
from segno import consts, encoder


def _padding_bits(buff, version, length):
    """segno's write_padding_bits with zero bits only up to the next codeword boundary (§7.4.10)."""
    if version not in (consts.VERSION_M1, consts.VERSION_M3):
        buff.extend([0] * (-length % 8))


encoder.write_padding_bits = _padding_bits

ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
LEVELS = {"L": consts.ERROR_LEVEL_L, "M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q, "H": consts.ERROR_LEVEL_H}


def mode_of(text: str) -> str:
    if text and text.isascii() and text.isdigit():
        return "numeric"
    if text and set(text) <= ALPHANUMERIC:
        return "alphanumeric"
    return "byte"


def case(text: str, level: str, version: int | None = None, mask: int | None = None) -> dict:
    qr = segno.make(text, error=level, version=version, mask=mask, mode=mode_of(text), encoding="utf-8",
                    eci=False, micro=False, boost_error=False)
    rows = []
    for row in qr.matrix:
        bits = "".join(str(b) for b in row)
        bits += "0" * (-len(bits) % 4)
        rows.append("".join(f"{int(bits[i:i + 4], 2):x}" for i in range(0, len(bits), 4)))
    return {"text": text, "correction": level, "version": version, "mask": mask,
            "expectedVersion": qr.version, "expectedMask": qr.mask, "rows": rows}


def byte_text_filling(version: int, level: str) -> str:
    """The longest ASCII text (byte mode) that version `version` holds at `level`: the smallest version for it."""
    count_bits = 8 if version < 10 else 16
    length = (consts.SYMBOL_CAPACITY[version][LEVELS[level]] - 4 - count_bits) // 8
    seed = "https://vigonza.example.it/r/buono?codice=K7MPQ4XZ9TRCH&n="
    return (seed * (length // len(seed) + 1))[:length]


def cases() -> list[dict]:
    result = []
    samples = [
        "0", "01234567", "3141592653589793238462643383279502884197169399375105820974944",
        "K7MP-Q4XZ-9TRC-H", "K7MPQ4XZ9TRCH", "HTTPS://VIGONZA.EXAMPLE.IT/R/ABC123",
        "https://vigonza.example.it/r/Zx81-Qk_aa", "Buono spesa: 150,00 € — Città di Vigonza",
        "a", "hello world", "ciao! «buoni spesa» per le famiglie",
    ]
    for text in samples:
        for level in LEVELS:
            result.append(case(text, level))
    # Every version once at each level in turn, and every version 1-10 at every level.
    for version in range(1, 41):
        result.append(case(byte_text_filling(version, "LMQH"[version % 4]), "LMQH"[version % 4]))
    for version in range(1, 11):
        for level in LEVELS:
            if version % 4 != "LMQH".index(level):
                result.append(case(byte_text_filling(version, level), level))
    # Every mask forced, on a version without (1, 4) and with (7) version information; a version forced.
    for mask in range(8):
        result.append(case("K7MP-Q4XZ-9TRC-H", "M", mask=mask))
        result.append(case(byte_text_filling(4, "Q"), "Q", mask=mask))
        result.append(case(byte_text_filling(7, "L"), "L", mask=mask))
    result.append(case("K7MPQ4XZ9TRCH", "H", version=5))
    return result


if __name__ == "__main__":
    out = Path(__file__).with_name("golden.jsonl")
    lines = [json.dumps(c, ensure_ascii=False) for c in cases()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} cases to {out}")
