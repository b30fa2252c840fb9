"""policyx: Chinese government policy documents in, structured comparable data out.

>>> from extractor import extract
>>> doc = extract("plan.pdf")          # doctest: +SKIP
>>> doc.document.title, len(doc.provisions)  # doctest: +SKIP
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["PolicyxError", "__version__", "extract"]

if TYPE_CHECKING:
    from .errors import PolicyxError
    from .pipeline import extract


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import extractor` stays cheap (cold start).
    if name == "extract":
        from .pipeline import extract

        return extract
    if name == "PolicyxError":
        from .errors import PolicyxError

        return PolicyxError
    raise AttributeError(name)
