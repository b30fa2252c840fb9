"""Pure normalisers: text of one span in, exact values out (no spaCy, no I/O beyond data).

Recognisers find spans and call these. Money and numbers are :class:`~decimal.Decimal`;
``to_dict()`` on each result turns them into floats for JSON, exactly. Malformed text
returns None or a result with a ``warning``; nothing raises on bad text.
"""
from __future__ import annotations

from .comparators import find_comparator_words, parse_comparator
from .dates import DateSettings, DateValue, parse_date, parse_duration
from .money import Money, parse_money
from .numbers import Number, parse_number, parse_numeral, to_float
from .quantities import PerBase, Quantity, find_per_bases, find_quantities, parse_quantity

__all__ = [
    "DateSettings", "DateValue", "Money", "Number", "PerBase", "Quantity",
    "find_comparator_words", "find_per_bases", "find_quantities", "parse_comparator",
    "parse_date", "parse_duration", "parse_money", "parse_number", "parse_numeral",
    "parse_quantity", "to_float",
]
