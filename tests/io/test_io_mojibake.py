"""Mojibake repair: UTF-8 (or GBK/Big5) text once read as Latin-1/Windows-1252 and saved as UTF-8."""

from __future__ import annotations

import pytest
from io_samples import SIMPLIFIED_LONG, TRADITIONAL_LONG, html_page

from cleaner.io import decode_bytes, read_input
from cleaner.io.mojibake import repair_mojibake


def misread(text: str, wrote: str = "utf-8", read: str = "cp1252") -> str:
    """What a program that read `wrote` bytes as `read` (undefined bytes as C1 controls) saw."""
    data = text.encode(wrote)
    return "".join(bytes([b]).decode(read, errors="ignore") or chr(b) for b in data)


PAGE = html_page(SIMPLIFIED_LONG, meta="utf-8")


@pytest.mark.parametrize("read", ["cp1252", "latin-1"])
def test_double_encoded_chinese_page_is_repaired(read: str) -> None:
    stored = misread(PAGE, read=read).encode("utf-8")
    decoded = decode_bytes(stored, declared="utf-8")
    assert decoded.text == PAGE
    assert (decoded.encoding, decoded.repaired) == ("utf-8", 1)


def test_twice_double_encoded_text_is_repaired() -> None:
    stored = misread(misread(PAGE)).encode("utf-8")
    assert decode_bytes(stored).text == PAGE
    assert decode_bytes(stored).repaired == 2


@pytest.mark.parametrize(("text", "wrote", "read"), [
    (SIMPLIFIED_LONG, "gbk", "cp1252"),
    (SIMPLIFIED_LONG, "gbk", "iso-8859-15"),  # Latin-9: š ž Ÿ where Latin-1 has ¨ ¸ ¾
    (TRADITIONAL_LONG, "big5", "cp1252"),
])
def test_legacy_chinese_read_as_a_western_code_page_is_repaired(text: str, wrote: str, read: str) -> None:
    page = html_page(text)
    stored = misread(misread(page, wrote, read)).encode("utf-8")  # and then double-encoded once more
    assert decode_bytes(stored).text == page


@pytest.mark.parametrize("text", [
    "café au lait, crème brûlée, naïve résumé",
    "Die Straße führt über die Brücke; Größe: 10 m². Preis: 5 € – „günstig“.",
    "Þjóðhátíð í Vestmannaeyjum: „Íslendingar“ ­— æðislegt!",
    "São Paulo, Açores, NÃO É VERDADE. Â is a letter, and so is Ã.",
    "Ångström, Øresund, ½ × ¾ = 3/8. © 2012 ® ™ ° ± µ ¶ · ¿¡",
    "«Ça va?» — «Très bien, merci.»  Œuvre, cœur, Ÿ.",
])
def test_real_western_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)
    for codec in ("utf-8", "cp1252"):
        decoded = decode_bytes(text.encode(codec), declared=codec)
        assert decoded.text == text and decoded.repaired == 0


def test_short_western_mojibake_is_repaired_but_a_single_mark_is_too_little() -> None:
    assert repair_mojibake(misread("© 2012, été")) == ("© 2012, été", 1)
    assert repair_mojibake(misread("\xa0")) == ("Â\xa0", 0)


def test_text_with_a_few_marks_among_real_text_is_left_alone() -> None:
    # Mojibake next to characters no single-byte code page has: it cannot be undone as a whole.
    text = "中文新闻 " + misread("中国") + " 更多"
    assert repair_mojibake(text) == (text, 0)


def test_repair_can_be_switched_off(tmp_path) -> None:
    stored = misread(PAGE).encode("utf-8")
    assert decode_bytes(stored, repair=False).text == stored.decode("utf-8")
    path = tmp_path / "page.html"
    path.write_bytes(stored)
    assert read_input(path, max_bytes=1 << 20).text == PAGE
    assert read_input(path, max_bytes=1 << 20, repair=False).text == stored.decode("utf-8")


def test_marks_in_the_bytes_are_the_marks_in_the_text():
    """may_hold_mojibake (on the UTF-8) agrees with the text's marks for every pair of characters."""
    from cleaner.io.mojibake import _CP1252, _MARK, may_hold_mojibake

    chars = [chr(c) for c in range(0x7E, 0x100)] + list(_CP1252) + ["中", "\u0100"]
    for first in chars:
        for second in chars:
            text = f"a{first}{second}b"
            assert may_hold_mojibake(text.encode()) == (_MARK.search(text) is not None), text
