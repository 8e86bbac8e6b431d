"""decode_bytes: BOMs, UTF-8, GBK/Big5 detection, declarations, damage, binary."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_samples import (
    SIMPLIFIED_LONG,
    SIMPLIFIED_SHORT,
    TRADITIONAL_LONG,
    TRADITIONAL_SHORT,
    html_page,
)

from cleaner.io import InputError, decode_bytes
from cleaner.io.guess import DOUBTFUL


@pytest.mark.parametrize("text", [SIMPLIFIED_LONG, *SIMPLIFIED_SHORT])
def test_gbk_simplified_is_read_as_gb18030(text: str) -> None:
    decoded = decode_bytes(text.encode("gbk"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"
    assert (decoded.bom, decoded.replaced) == (False, 0)


@pytest.mark.parametrize("text", [TRADITIONAL_LONG, *TRADITIONAL_SHORT])
def test_big5_traditional_is_read_as_big5(text: str) -> None:
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.text == text
    assert decoded.encoding == "big5hkscs"


@pytest.mark.parametrize("text", [TRADITIONAL_LONG, *TRADITIONAL_SHORT])
def test_traditional_text_in_gbk_is_read_as_gb18030(text: str) -> None:
    # GBK also encodes Traditional characters; such bytes must not be taken for Big5.
    assert decode_bytes(text.encode("gbk")).text == text


def test_both_codecs_decode_but_plausibility_decides() -> None:
    # These bytes are valid in both codecs: only the reading can tell them apart.
    simplified = SIMPLIFIED_SHORT[0].encode("gbk")
    traditional = TRADITIONAL_SHORT[0].encode("big5")
    for data in (simplified, traditional):
        data.decode("gb18030")
        data.decode("big5hkscs")
    assert decode_bytes(simplified).text == SIMPLIFIED_SHORT[0]
    assert decode_bytes(traditional).text == TRADITIONAL_SHORT[0]


def test_utf8_fast_path() -> None:
    decoded = decode_bytes(SIMPLIFIED_LONG.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.bom, decoded.replaced) == (
        SIMPLIFIED_LONG, "utf-8", False, 0)


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides_and_is_stripped(bom: bytes, codec: str, encoding: str) -> None:
    text = "Title\n" + TRADITIONAL_SHORT[1] + "\n"
    decoded = decode_bytes(bom + text.encode(codec))
    assert decoded.text == text  # no U+FEFF left at the start
    assert decoded.encoding == encoding
    assert decoded.bom is True


def test_utf16_with_bom_is_not_binary_despite_nuls() -> None:
    assert decode_bytes("plain ascii text".encode("utf-16")).text == "plain ascii text"


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"") == decode_bytes(b"", declared="gbk")
    assert decode_bytes(b"").text == ""


def test_declared_charset_is_used_when_it_fits() -> None:
    text = "Le gouvernement a présenté aujourd'hui une réforme très attendue."
    decoded = decode_bytes(text.encode("cp1252"), declared="windows-1252")
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "cp936", "gb18030"])
def test_gb_labels_mean_gb18030(label: str) -> None:
    # Pages labelled gb2312 routinely use GBK-only characters (here 镕 and 瑄).
    text = "朱镕基和李瑄今天出席了会议。"
    assert decode_bytes(text.encode("gbk"), declared=label).encoding == "gb18030"
    assert decode_bytes(text.encode("gbk"), declared=label).text == text


def test_big5_label_means_big5hkscs() -> None:
    text = TRADITIONAL_SHORT[0] + "香港的「邨」"  # 邨 is an HKSCS character
    decoded = decode_bytes(text.encode("big5hkscs"), declared="big5")
    assert (decoded.text, decoded.encoding) == (text, "big5hkscs")


@pytest.mark.parametrize("lie", ["utf-8", "big5", "iso-8859-1", "shift_jis", "nonsense"])
def test_lying_declaration_on_gbk(lie: str) -> None:
    data = html_page(SIMPLIFIED_LONG, meta=lie).encode("gbk")
    assert decode_bytes(data, declared=lie).text == html_page(SIMPLIFIED_LONG, meta=lie)


@pytest.mark.parametrize("lie", ["gb2312", "utf-8", "windows-1252"])
def test_lying_declaration_on_big5(lie: str) -> None:
    page = html_page(TRADITIONAL_LONG, meta=lie)
    assert decode_bytes(page.encode("big5"), declared=lie).text == page


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("대한민국의 수도는 서울이며, 오늘 오전 대통령이 기자회견을 열었다.", "euc_kr"),
        ("東京都は今日、新しい経済政策を発表しました。記者会見で知事が説明した。", "shift_jis"),
        ("東京都は今日、新しい経済政策を発表しました。記者会見で知事が説明した。", "euc_jp"),
        ("Правительство сегодня представило долгожданную реформу.", "cp1251"),
        ("Die Bundesregierung hat heute über die Änderungen gesprochen. Grüße!", "cp1252"),
    ],
)
def test_other_legacy_encodings(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)).text == text


def test_pinyin_in_gbk_page() -> None:
    text = "北京（Běijīng）是中华人民共和国的首都，也是全国的政治和文化中心。"
    assert decode_bytes(text.encode("gbk")).text == text


@pytest.mark.parametrize("symbols", ["©", "© —", "“quoted” — ©"])
def test_western_text_with_a_few_symbols_stays_cp1252(symbols: str) -> None:
    # One or two high bytes can read as a lucky hanzi or half-width katakana: too little
    # evidence to call a page Chinese or Japanese.
    text = f"Copyright {symbols} 2019 Example Corp. All rights reserved.\n" + (
        "The council met on Tuesday to discuss the budget for next year.\n" * 40)
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


def test_lines_in_several_encodings_are_each_read_in_their_own() -> None:
    # Pages of several sources concatenated: UTF-8, GBK and Big5 lines in one file.
    lines = ["第一部分：" + SIMPLIFIED_LONG[:60], SIMPLIFIED_LONG[60:120], TRADITIONAL_LONG[:60], "The end."]
    data = b"\n".join([lines[0].encode("utf-8"), lines[1].encode("gbk"), lines[2].encode("big5"), lines[3].encode()])
    decoded = decode_bytes(data)
    assert decoded.text == "\n".join(lines)
    assert (decoded.encoding, decoded.parts) == ("mixed", ("utf-8", "gb18030", "big5hkscs"))


def test_a_short_legacy_line_takes_the_reading_of_its_run() -> None:
    utf8 = (SIMPLIFIED_LONG[:80] + "\n").encode()
    gbk = (SIMPLIFIED_LONG[80:160] + "\n" + "编辑：张三" + "\n").encode("gbk")
    decoded = decode_bytes(utf8 + gbk)
    assert decoded.text.endswith(SIMPLIFIED_LONG[80:160] + "\n编辑：张三\n") and decoded.parts == ("utf-8", "gb18030")


def test_gbk_lines_that_are_valid_utf8_by_accident_do_not_make_a_file_mixed() -> None:
    # "双学位" in GBK bytes is also valid UTF-8 ("˫ѧλ"): two-byte characters, no UTF-8 Chinese.
    assert "双学位".encode("gbk").decode("utf-8") == "˫ѧλ"
    text = SIMPLIFIED_LONG + "\n双学位\n" + SIMPLIFIED_LONG
    decoded = decode_bytes(text.encode("gbk"))
    assert (decoded.text, decoded.encoding, decoded.parts) == (text, "gb18030", ())


def test_in_a_mixed_file_a_line_valid_in_utf8_by_accident_is_read_as_gbk() -> None:
    data = (SIMPLIFIED_LONG[:80] + "\n").encode() + ("双学位\n" + SIMPLIFIED_LONG[80:160]).encode("gbk")
    decoded = decode_bytes(data)
    assert decoded.text == SIMPLIFIED_LONG[:80] + "\n双学位\n" + SIMPLIFIED_LONG[80:160]


def test_one_legacy_encoding_is_not_mixed() -> None:
    decoded = decode_bytes(SIMPLIFIED_LONG.encode("gbk"))
    assert (decoded.encoding, decoded.parts) == ("gb18030", ())


def test_damaged_utf8_is_replaced_not_refused() -> None:
    body = (SIMPLIFIED_LONG + "\n") * 12  # about 5 kB of UTF-8
    data = bytearray(body.encode("utf-8"))
    assert 4000 < len(data) < 6000
    # Inserted at line starts: a byte dropped inside a character would break it too.
    first = data.index(b"\n", 1000) + 1
    data[first:first] = b"\xff"
    second = data.index(b"\n", 3000) + 1
    data[second:second] = b"\xfe"
    decoded = decode_bytes(bytes(data))
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 2)
    assert decoded.text.count("\ufffd") == 2
    assert decoded.text.replace("\ufffd", "") == body


def test_damaged_gbk_is_replaced_not_refused() -> None:
    body = (SIMPLIFIED_LONG + "\n") * 10
    data = bytearray(body.encode("gbk"))
    at = data.index(b"\n", 500) + 1
    data[at:at] = b"\xff"  # never valid in GBK
    decoded = decode_bytes(bytes(data))
    assert (decoded.encoding, decoded.replaced) == ("gb18030", 1)
    assert decoded.text.replace("\ufffd", "") == body


def test_random_bytes_are_refused() -> None:
    rng = random.Random(7)
    # No NULs or control bytes, so this reaches the decoders rather than the binary check.
    data = bytes(rng.choice(range(0x20, 0x100)) for _ in range(5000))
    with pytest.raises(InputError, match="cannot decode"):
        decode_bytes(data)


def test_png_is_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(InputError, match=r"binary file \(PNG image\), not text"):
        decode_bytes(png)


def test_a_stray_nul_in_a_page_is_text() -> None:
    # Real crawls hold pages with a NUL byte or two: they are damaged text, not binary files.
    page = "<html><body><p>" + "Prose of the article, long enough to read as a page. " * 20 + "</p></body></html>"
    data = page.encode().replace(b"Prose", b"Pro\x00se", 2)
    assert decode_bytes(data).text == page.replace("Prose", "Pro\x00se", 2)


@pytest.mark.parametrize("data, reason", [
    (bytes(range(256)) * 40, "NUL bytes in the first"),  # unknown binary data: NULs throughout
    ("UTF-16 text without a byte-order mark".encode("utf-16-le") * 20, "NUL bytes"),
    (b"\x00" * 3, "NUL bytes"),
    (b"%PDF-1.7\n" + b"x" * 300, "PDF document"),
    (b"PK\x03\x04" + b"x" * 300, "ZIP archive"),
    (b"\x00\x00\x00\x18ftypmp42" + b"x" * 300, "MP4"),
])
def test_binaries_are_refused_by_more_than_one_byte(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)


def test_control_bytes_are_binary() -> None:
    data = bytes(range(1, 32)) * 20 + b"some text"
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data)


def test_text_with_tabs_form_feeds_and_a_stray_control_is_text() -> None:
    text = "a\tb\fc\r\nd\x07e " * 3 + "x" * 200
    assert decode_bytes(text.encode()).text == text


def test_error_message_omits_any_path() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x00")
    assert "/" not in str(info.value)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, exclude_categories=("Cs",))))
def test_any_utf8_text_round_trips(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"), repair=False)
    assert decoded.text == text


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FF, exclude_categories=("Cs",))))
def test_utf8_text_with_a_character_no_western_code_page_has_round_trips(text: str) -> None:
    # Mojibake repair needs every character to map back to one byte: one hanzi rules it out.
    text = text + "中"
    assert decode_bytes(text.encode("utf-8")).text == text


@settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=300), st.sampled_from([None, "gbk", "big5", "utf-8", "latin1"]))
def test_arbitrary_bytes_decode_or_raise_input_error(data: bytes, declared: str | None) -> None:
    try:
        decoded = decode_bytes(data, declared=declared)
    except InputError:
        return
    assert isinstance(decoded.text, str)
    assert decoded.replaced * 200 < max(len(data), 1) or decoded.replaced == 0


# (codec, text): each must come back as written, alone (short) and as a 20-line page (long).
# Short texts are the hard case: a line gives few bytes to tell encodings apart by.
SAMPLES = [
    # Western European, Windows-1252: mixed case, ALL CAPS, a word or two
    ("cp1252", "SÃO PAULO — A ação do governo não foi aprovada."),
    ("cp1252", "SÃO PAULO: AÇÃO E NÃO"),
    ("cp1252", "ÉLECTIONS RÉGIONALES : LA GAUCHE DÉÇUE"),
    ("cp1252", "ÉTÉ À PARIS"),
    ("cp1252", "ÅRHUS OG ÖSTERSUND"),
    ("cp1252", "Straße in München"),
    ("cp1252", "CAFÉ"),
    ("cp1252", "Le gouvernement a présenté aujourd'hui une réforme très attendue par les syndicats."),
    ("cp1252", "El señor Muñoz llegó a la reunión con su familia; «¿qué pasó?», preguntó."),
    ("cp1252", "“Smart quotes” – and a dash… © 2020"),
    ("cp1252", "Die Bundesregierung hat heute über die Änderungen gesprochen. Grüße aus Köln!"),
    ("cp1252", "naïve coöperation façade"),
    ("cp1252", "Ærø og Æbeltoft — så smukt"),
    ("cp1252", "1º lugar — 2ª edição"),
    ("cp1252", "Ça va? Où est la gare? Voilà!"),
    # Central European
    ("cp1250", "Zażółć gęślą jaźń. Wczoraj w Łodzi odbyło się spotkanie mieszkańców z prezydentem."),
    ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda dnes schválila nový zákon o daních."),
    ("cp1250", "Łódź"),
    ("iso8859_2", "Zażółć gęślą jaźń. Wczoraj w Łodzi odbyło się spotkanie mieszkańców z prezydentem."),
    # Cyrillic
    ("cp1251", "Правительство сегодня представило долгожданную реформу."),
    ("cp1251", "Привет, мир"),
    ("cp1251", "НОВОСТИ ДНЯ"),
    ("cp1251", "Київ — столиця України, її найбільше місто."),
    ("cp1251", "Москва"),
    ("koi8_r", "Правительство сегодня представило долгожданную реформу пенсионной системы."),
    # Greek
    ("cp1253", "Η κυβέρνηση παρουσίασε σήμερα τη μεταρρύθμιση του συνταξιοδοτικού συστήματος."),
    ("cp1253", "Καλημέρα κόσμε"),
    ("cp1253", "Αθήνα"),
    ("iso8859_7", "Η κυβέρνηση παρουσίασε σήμερα τη μεταρρύθμιση του συνταξιοδοτικού συστήματος."),
    # Japanese
    ("euc_jp", "東京都で新しい図書館が開館した。"),
    ("shift_jis", "東京都で新しい図書館が開館した。"),
    ("euc_jp", "東京都は今日、新しい経済政策を発表しました。記者会見で知事が説明した。"),
    ("shift_jis", "東京都は今日、新しい経済政策を発表しました。記者会見で知事が説明した。"),
    ("cp932", "今日はいい天気ですね。"),
    ("shift_jis", "東京です"),
    ("euc_jp", "昨日、友達と映画を見に行きました。とても面白かったです。"),
    # Chinese, simplified and traditional
    ("gbk", "他说，这个问题需要我们认真研究。"),
    ("gbk", "国务院总理今天在北京会见外国代表团"),
    ("gb18030", "本报讯 记者从市教育局获悉，今年全市将新建和改扩建二十所中小学校，新增学位一万两千个。"),
    ("gbk", "北京"),
    ("gbk", "版权所有，未经许可不得转载。"),
    ("big5", "他說，這個問題需要我們認真研究。"),
    ("big5", "行政院長今天在台北會見外國代表團"),
    ("big5", "台北"),
    ("big5", "本報訊 記者從市政府教育局獲悉，今年全市將新建及改建二十所中小學，增加一萬兩千個學位。"),
    # Korean
    ("euc_kr", "대한민국의 수도는 서울이며, 오늘 오전 대통령이 기자회견을 열었다."),
    ("euc_kr", "서울에서 새로운 도서관이 문을 열었다."),
    ("euc_kr", "오늘 날씨가 좋습니다."),
    ("euc_kr", "서울"),
]


@pytest.mark.parametrize("length", ["short", "long"])
@pytest.mark.parametrize(("codec", "text"), SAMPLES, ids=[f"{c}-{t[:12]}" for c, t in SAMPLES])
def test_legacy_encodings_short_and_long(codec: str, text: str, length: str) -> None:
    text = text if length == "short" else (text + "\n") * 20
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert 0 < decoded.confidence < 1


@pytest.mark.parametrize("text", ["SÃO PAULO: AÇÃO E NÃO", "CAFÉ", "ÉTÉ À PARIS"])
def test_a_guess_on_a_line_is_marked_doubtful(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")).confidence < DOUBTFUL
    assert decode_bytes((text + "\n").encode("cp1252") * 20).confidence >= DOUBTFUL


def test_utf8_is_certain_and_a_long_legacy_page_is_not_doubtful() -> None:
    assert decode_bytes(SIMPLIFIED_LONG.encode()).confidence == 1.0
    assert decode_bytes(SIMPLIFIED_LONG.encode("gbk")).confidence >= DOUBTFUL


def test_a_shift_jis_page_that_declares_gbk_is_read_as_shift_jis() -> None:
    page = html_page("東京都で新しい図書館が開館した。今日は晴れです。", meta="gbk")
    decoded = decode_bytes(page.encode("shift_jis"), declared="gbk")
    assert (decoded.text, decoded.encoding) == (page, "cp932")


@pytest.mark.parametrize(("codec", "label"), [("shift_jis", "shift_jis"), ("euc_jp", "euc-jp"), ("euc_kr", "euc-kr")])
def test_japanese_and_korean_declarations_are_kept_when_they_fit(codec: str, label: str) -> None:
    text = "東京都で新しい図書館が開館した。" if codec != "euc_kr" else "서울에서 새로운 도서관이 문을 열었다."
    page = html_page(text, meta=label)
    assert decode_bytes(page.encode(codec), declared=label).text == page


@pytest.mark.parametrize("data", ["plain".encode(), "中文\u00a0é".encode(), "Ã©tÃ© mojibake Ã©tÃ©".encode(),
                                  b"\xef\xbb\xbfbom", "中文".encode("gb18030")])
def test_utf8_size_when_known_is_the_size_of_the_texts_utf8(data):
    from cleaner.result import utf8_size

    decoded = decode_bytes(data)
    assert decoded.utf8_size is None or decoded.utf8_size == utf8_size(decoded.text)
