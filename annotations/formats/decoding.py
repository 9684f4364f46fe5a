"""Turn an article file's bytes into text, whatever encoding it arrived in."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from annotations.errors import ArticleError
from annotations.formats.hygiene import normalize_newlines, space_separating_controls, strip_controls
from annotations.patterns import bytes_pattern, text_pattern

# Single-byte encodings that detectors confuse with one another on short Western text.
# News sites' legacy text is Windows-1252 in practice, so when the detector lands in this
# family and the bytes are valid cp1252, cp1252 is the better answer.
_WESTERN_FAMILY = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp850",
        "cp858",
        "cp437",
        "iso8859_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "mac_turkish",
        "mac_iceland",
    }
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A <meta charset=...> or <meta http-equiv="Content-Type" content="text/html; charset=...">.
_META_CHARSET = rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
# As browsers read them (WHATWG Encoding): a page labelled Latin-1 or ASCII is Windows-1252.
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
#: How far into a file a declared charset is looked for (as browsers do, 1024 bytes and some).
_CHARSET_SCAN_BYTES = 4096

# The lone surrogates that "surrogateescape" decodes invalid bytes to, and the valid
# characters beyond ASCII.
_ESCAPED_BYTES = "[\udc80-\udcff]"
_VALID_NON_ASCII = "[^\x00-\x7f\udc80-\udcff]"
# C0 controls but tab and line ends, and DEL: removed after decoding anyway, and one of
# them (an ESC) makes charset-normalizer find no encoding for the whole file.
_CONTROL_BYTES = b"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]"

#: Above this share of control characters a "text" is really binary data.
MAX_CONTROL_SHARE = 0.25


def decode_article_bytes(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode ``data`` read from ``path``; return ``(text, encoding)``, the text with
    LF line ends and no control characters (see :mod:`annotations.formats.hygiene`).

    Raises :class:`ArticleError` for empty, binary or undecodable files.
    """
    if not data.strip():
        raise ArticleError(path, "empty file")
    text, encoding = _decode(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = space_separating_controls(normalize_newlines(text))
    clean = strip_controls(text)
    if len(text) - len(clean) > MAX_CONTROL_SHARE * max(len(text), 1):
        raise ArticleError(path, "binary file, not text (too many control characters)")
    return clean, encoding


def _decode(data: bytes, path: str | Path) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise ArticleError(
                    path, f"not valid {encoding} despite its byte-order mark ({error.reason} at byte {error.start})"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ArticleError(path, "binary file, not text (contains NUL bytes)")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    declared = declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect as for any other file
    return _decode_legacy(data, path)


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """``data`` as UTF-8 with its invalid bytes replaced (U+FFFD each), if it is UTF-8 but
    for a few: more of its bytes are in valid multi-byte characters than are invalid.
    Text in a legacy 8-bit encoding (``Caf\\xe9``) holds next to no valid multi-byte
    sequence, so one stray byte no longer turns a UTF-8 file into ``CafÃ©``. The encoding
    then names how many bytes were replaced (the reader's info panel shows it)."""
    text = data.decode("utf-8", "surrogateescape")  # each invalid byte: one lone surrogate
    invalid = len(text_pattern(_ESCAPED_BYTES).findall(text))
    # What is left without the valid non-ASCII characters is one character per ASCII or
    # invalid byte; the other bytes are those of valid multi-byte characters.
    multibyte = len(data) - len(text_pattern(_VALID_NON_ASCII).sub("", text))
    if multibyte <= invalid:
        return None
    plural = "" if invalid == 1 else "s"
    return text_pattern(_ESCAPED_BYTES).sub("\ufffd", text), f"utf-8, {invalid} invalid byte{plural} replaced"


def declared_charset(data: bytes) -> str | None:
    """The encoding a web page declares in a ``<meta>`` near its start (``charset=`` or the
    ``http-equiv`` content type), as Python's codec name; ``None`` if none or unknown."""
    match = bytes_pattern(_META_CHARSET, re.IGNORECASE).search(data[:_CHARSET_SCAN_BYTES])
    return web_codec(match.group(1).decode("ascii")) if match else None


def web_codec(label: str) -> str | None:
    """Python's codec for a charset label of the web (a ``<meta>``, an HTTP header), read as
    browsers read it (Latin-1 and ASCII mean Windows-1252); ``None`` if unknown."""
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    name = _WEB_ALIASES.get(name, name)
    return name.replace("-", "_")  # as the detected encodings are named


def _decode_legacy(data: bytes, path: str | Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(bytes_pattern(_CONTROL_BYTES).sub(b"", data)).best()
    if best is None:
        raise ArticleError(path, "not text: no character encoding fits its bytes")
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    for candidate in ("cp1252", encoding) if encoding in _WESTERN_FAMILY else (encoding,):
        try:  # the whole file, controls and all (they are counted, then removed)
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            pass
    return str(best), encoding
