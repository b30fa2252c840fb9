"""Writers that never leave a half-written result behind.

A JSON Lines file gets one ``os.write`` a document, so a killed run leaves whole lines
only (a torn last line, should the disk fill, is cut off before the next run appends).
A folder gets one ``.json`` a document, written to a temporary file and renamed.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any


def dumps(record: dict[str, Any], indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


class JsonlWriter:
    """Append one JSON object a line; ``resume`` keeps what is there and reports it."""

    def __init__(self, path: Path, resume: bool = False) -> None:
        self.path = path
        self.done: set[tuple[str, str]] = set()
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume and path.exists():
            self._repair_and_index()
            flags = os.O_WRONLY | os.O_APPEND
        else:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
        self.fd = os.open(path, flags, 0o644)

    def _repair_and_index(self) -> None:
        data = self.path.read_bytes()
        cut = data.rfind(b"\n") + 1
        if cut < len(data):  # a torn last line from a crash: drop it
            with open(self.path, "r+b") as f:
                f.truncate(cut)
            data = data[:cut]
        for line in data.splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            self.done.add((rec.get("file", ""), rec.get("sha256", "")))

    def has(self, file: str, sha256: str) -> bool:
        return (file, sha256) in self.done

    def write(self, record: dict[str, Any]) -> None:
        line = (dumps(record) + "\n").encode("utf-8")
        view = memoryview(line)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)


class DirWriter:
    """One ``<name>.json`` a document in a folder, each written atomically."""

    def __init__(self, path: Path, resume: bool = False) -> None:
        self.path = path
        self.resume = resume
        path.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def target(self, file: str, sha256: str) -> Path:
        stem = re.sub(r"[^\w.\-]+", "_", Path(file).stem) or "document"
        name = f"{stem}.json"
        if name in self.used:
            name = f"{stem}-{sha256[:8]}.json"
        return self.path / name

    def has(self, file: str, sha256: str) -> bool:
        if not self.resume:
            return False
        t = self.target(file, sha256)
        if not t.exists():
            return False
        try:
            rec = json.loads(t.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return False
        if rec.get("file") == file and rec.get("sha256") == sha256:
            self.used.add(t.name)
            return True
        return False

    def write(self, record: dict[str, Any]) -> None:
        t = self.target(record["file"], record["sha256"])
        self.used.add(t.name)
        write_atomic(t, dumps(record, indent=1))

    def close(self) -> None:
        pass


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
