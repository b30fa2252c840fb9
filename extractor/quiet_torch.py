"""Import thinc (spaCy's ML layer) without torch.

When torch is installed (the ``transformers`` extra), thinc imports it eagerly with
spaCy, which costs about 2 s and 240 MB per process although policyx's spaCy models never
use it. Hiding torch while thinc is first imported keeps that cost to the processes that
load a transformers model; torch itself stays importable afterwards.
"""
from __future__ import annotations

import sys


def import_thinc_without_torch() -> None:
    if "thinc.compat" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


import_thinc_without_torch()
