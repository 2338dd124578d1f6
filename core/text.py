"""Control characters pasted from Word/WPS, mapped once for every output."""

from __future__ import annotations

import re
from functools import lru_cache

# Vertical tab is Word's manual line break; form feed its page break.
_AS_NEWLINE = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": None, "\u2028": "\n", "\u2029": "\n"})
# C0 controls (but tab and newline), DEL, C1 controls, lone surrogates, and the
# two non-characters XML 1.0 forbids: python-docx, openpyxl and Qt all choke on them.
_ILLEGAL = "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"  # compiled by re on first use, not at start-up


def clean_text(text: str) -> str:
    """Return the text as every output will show it."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return re.sub(_ILLEGAL, "", text.translate(_AS_NEWLINE))


# Published tables fill a reason column with these ("暂无" for 存在问题 and 改进措施 alike).
_NO_REASON = frozenset({"0", "暂无", "没有", "无偏差", "无差异", "不存在", "无原因", "无问题"})


def says_something(text: str | None) -> bool:
    """A reason that is one: "—", "/", "无", "0" or "暂无。" in a 偏差原因 is no reason."""
    from .numbers import EMPTY_MARKS
    text = text.strip() if isinstance(text, str) else ""
    bare = text.rstrip("。.；;，, ")
    return bool(bare) and text not in EMPTY_MARKS and bare not in EMPTY_MARKS and bare not in _NO_REASON


@lru_cache(maxsize=8192)
def removed_chars(text: str) -> int:
    """How many characters clean_text drops (line breaks it maps do not count)."""
    return len(re.findall(_ILLEGAL, text))
