"""Tests for mdread.load.encodings: BOMs, UTF-8, legacy CJK detection, binaries.

Detectors need a few hundred characters to tell the CJK encodings apart, so
the samples are realistic paragraphs rather than single words.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from mdread.load.encodings import SAMPLE_BYTES, Decoded, NotText, UnknownEncoding, decode

SIMPLIFIED = (
    "# 终端里的 Markdown 阅读器\n\n"
    "很多开发者每天都在终端里工作，但阅读文档时却不得不切换到浏览器。"
    "本文介绍一个终端阅读器的实现思路，包括解析、排版、代码高亮和中文字符宽度的处理。"
    "终端按列来排版，而一个汉字通常占两列；如果直接用字符串长度计算宽度，表格就会错位，"
    "换行的位置也会出错。正确的做法是逐个字符计算显示宽度，并且在断行时避免把标点符号放在行首。"
    "打开一个几兆字节的文件时，最耗时的步骤是排版而不是解析，所以我们只排版当前屏幕可见的部分。\n"
)
TRADITIONAL = (
    "# 程式碼高亮測試\n\n"
    "本文測試各種程式語言的語法高亮效果，包括 Python、JavaScript 與 C++。"
    "我們會逐一說明每個範例的重點，並且比較不同主題在深色與淺色背景下的可讀性。"
    "對於初學者而言，清楚的顏色區分能夠大幅降低閱讀程式碼的負擔，也能更快找到錯誤所在。"
    "如果終端機不支援真彩色，程式會自動改用二百五十六色，讓畫面在舊的環境中依然清楚易讀。\n"
)
JAPANESE = (
    "# ターミナルで読む Markdown\n\n"
    "このドキュメントでは、ターミナルで Markdown を表示するツールの使い方を説明します。"
    "設定ファイルは YAML 形式で記述し、テーマや文字コードを指定できます。"
    "日本語の文章も正しく折り返され、全角文字の幅は二桁として計算されます。"
    "問題が発生した場合は、ログを確認してから報告してください。"
    "大きなファイルを開くときは、画面に見えている部分だけを先に描画します。\n"
)
KOREAN = (
    "# 터미널에서 읽는 마크다운\n\n"
    "이 문서는 터미널에서 마크다운 문서를 읽는 도구의 사용법을 설명합니다. "
    "설정 파일은 YAML 형식으로 작성하며, 테마와 문자 인코딩을 지정할 수 있습니다. "
    "한국어 문장도 올바르게 줄 바꿈되며, 전각 문자의 너비는 두 칸으로 계산됩니다. "
    "문제가 발생하면 로그를 확인한 뒤 알려 주세요. 큰 파일은 화면에 보이는 부분부터 그립니다.\n"
)
FRENCH = (
    "Le café était fermé ; nous avons donc marché jusqu'à la forêt. "
    "« Très bien », dit-elle, en hésitant. Où est la bibliothèque ? "
    "Elle se trouve près de l'église, à côté du théâtre, derrière la gare.\n"
)


def test_plain_utf8() -> None:
    assert decode(SIMPLIFIED.encode()) == Decoded(SIMPLIFIED, "utf-8")


def test_empty_input_is_utf8() -> None:
    assert decode(b"") == Decoded("", "utf-8")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32")],
)
def test_bom_is_honoured_and_stripped(encoding: str, expected: str) -> None:
    result = decode(SIMPLIFIED.encode(encoding))
    assert result == Decoded(SIMPLIFIED, expected)


@pytest.mark.parametrize("bom_codec", ["utf-16-be", "utf-32-be"])
def test_big_endian_boms(bom_codec: str) -> None:
    data = "\ufeff".encode(bom_codec) + JAPANESE.encode(bom_codec)
    assert decode(data).text == JAPANESE


@pytest.mark.parametrize(
    ("text", "codec", "accepted"),
    [
        (SIMPLIFIED, "gb18030", {"gb18030"}),
        (SIMPLIFIED, "gbk", {"gb18030"}),
        (TRADITIONAL, "big5", {"big5", "big5hkscs", "cp950"}),
        (JAPANESE, "shift_jis", {"shift_jis", "cp932", "shift_jis_2004"}),
        (KOREAN, "euc_kr", {"euc-kr", "cp949"}),
        (FRENCH, "cp1252", {"cp1252", "latin-1", "iso8859-15"}),
    ],
)
def test_legacy_encodings_are_detected(text: str, codec: str, accepted: set[str]) -> None:
    result = decode(text.encode(codec))
    assert result.text == text
    assert result.encoding in accepted


def test_forced_encoding_wins_over_detection() -> None:
    data = SIMPLIFIED.encode("gb18030")
    assert decode(data, forced="GBK") == Decoded(SIMPLIFIED, "gb18030")
    assert decode("café".encode(), forced="latin-1").text == "cafÃ©"


def test_forced_encoding_replaces_undecodable_bytes() -> None:
    assert decode(b"ok \xff", forced="utf-8").text == "ok \ufffd"


def test_unknown_forced_encoding() -> None:
    with pytest.raises(UnknownEncoding) as info:
        decode(b"text", forced="no-such-codec")
    assert isinstance(info.value, ValueError)
    assert info.value.name == str(info.value) == "no-such-codec"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"plain text with a \x00 in it",
        SIMPLIFIED.encode("utf-16-le"),
    ],
)
def test_binary_is_not_text(data: bytes) -> None:
    with pytest.raises(NotText, match="not a text file"):
        decode(data)


def test_utf8_path_does_not_import_the_detector() -> None:
    code = (
        "import sys\n"
        "from mdread.load.encodings import decode\n"
        "decode('中文 text'.encode())\n"
        "assert 'charset_normalizer' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_large_legacy_file_is_detected_from_a_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    seen: list[int] = []
    detect = charset_normalizer.from_bytes

    def counting(data: bytes, *args: object, **kwargs: object) -> object:
        seen.append(len(data))
        return detect(data, *args, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", counting)
    data = SIMPLIFIED.encode("gb18030") * (20 * SAMPLE_BYTES // len(SIMPLIFIED.encode("gb18030")))
    result = decode(data)
    assert result.encoding == "gb18030"
    assert result.text[: len(SIMPLIFIED)] == SIMPLIFIED
    assert seen and max(seen) <= SAMPLE_BYTES < len(data) // 10
