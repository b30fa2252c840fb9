"""Text that remembers where each of its characters came from.

Every cleaning step is an edit of a :class:`MappedText`; the result keeps, for each
character, the offset of the source character it was made from, so that an entity
found in the cleaned text can be traced back to its raw offset and page.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable


class MappedText:
    """A string plus ``src[i]``: the raw offset of character ``i``."""

    __slots__ = ("text", "src")

    def __init__(self, text: str, src: list[int] | None = None) -> None:
        self.text = text
        self.src = list(range(len(text))) if src is None else src
        if len(self.src) != len(self.text):
            raise ValueError("offset map and text differ in length")

    def __len__(self) -> int:
        return len(self.text)

    def sub(self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str],
            flags: int = 0) -> MappedText:
        """Like :func:`re.sub`; replacement characters map to the start of their match."""
        rx = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        out: list[str] = []
        src: list[int] = []
        pos = 0
        for m in rx.finditer(self.text):
            out.append(self.text[pos:m.start()])
            src.extend(self.src[pos:m.start()])
            new = m.expand(repl) if isinstance(repl, str) else repl(m)
            if new:
                # Keep the map exact where the replacement keeps matched characters.
                anchor = self.src[m.start()] if m.start() < len(self.src) else (self.src[-1] + 1 if self.src else 0)
                if new == m.group(0):
                    src.extend(self.src[m.start():m.end()])
                else:
                    src.extend(self._align(m, new, anchor))
                out.append(new)
            pos = m.end()
        out.append(self.text[pos:])
        src.extend(self.src[pos:])
        return MappedText("".join(out), src)

    def _align(self, m: re.Match[str], new: str, anchor: int) -> list[int]:
        # A replacement that only deletes characters keeps the offsets of those it keeps.
        old = m.group(0)
        mapped: list[int] = []
        j = 0
        for ch in new:
            while j < len(old) and old[j] != ch:
                j += 1
            if j < len(old):
                mapped.append(self.src[m.start() + j])
                j += 1
            else:
                mapped.append(anchor)
        return mapped

    def translate(self, table: dict[int, str]) -> MappedText:
        """Character-for-character replacement (one char to one char keeps the map)."""
        out: list[str] = []
        src: list[int] = []
        for ch, s in zip(self.text, self.src, strict=True):
            new = table.get(ord(ch), ch)
            out.append(new)
            src.extend([s] * len(new))
        return MappedText("".join(out), src)

    def delete_spans(self, spans: Iterable[tuple[int, int]]) -> MappedText:
        """Remove the given ``[start, end)`` spans (they may overlap)."""
        drop = bytearray(len(self.text))
        for a, b in spans:
            drop[a:b] = b"\x01" * (b - a)
        keep = [i for i in range(len(self.text)) if not drop[i]]
        return MappedText("".join(self.text[i] for i in keep), [self.src[i] for i in keep])

    def replace_spans(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Apply non-overlapping ``(start, end, new)`` edits."""
        out: list[str] = []
        src: list[int] = []
        pos = 0
        for a, b, new in sorted(edits):
            out.append(self.text[pos:a])
            src.extend(self.src[pos:a])
            anchor = self.src[a] if a < len(self.src) else (self.src[-1] + 1 if self.src else 0)
            out.append(new)
            src.extend([anchor] * len(new))
            pos = b
        out.append(self.text[pos:])
        src.extend(self.src[pos:])
        return MappedText("".join(out), src)

    def lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every line, newline excluded."""
        return line_spans(self.text)


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``, newline excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out
