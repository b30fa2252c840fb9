"""Chinese numerals as integers, for dates and heading numbers."""
from __future__ import annotations

from .rules import rules


def cn_int(text: str) -> int | None:
    """``二〇二四`` → 2024, ``二十三`` → 23, ``十`` → 10, ``12`` → 12; None if not a numeral."""
    r = rules()
    if not text or any(c not in r.cn_digits and c not in r.cn_units for c in text):
        return None
    if not any(c in r.cn_units for c in text):
        # positional digits: years (二〇二四, 二0三五) and Arabic numbers
        value = 0
        for c in text:
            value = value * 10 + r.cn_digits[c]
        return value
    total = current = 0
    for c in text:
        if c in r.cn_units:
            total += (current or 1) * r.cn_units[c]
            current = 0
        else:
            current = r.cn_digits[c]
    return total + current
