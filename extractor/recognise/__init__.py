"""Recognisers: span finders over the cleaned text, wrapped as spaCy components.

Each finder is a pure function ``(text, context) -> list[Entity]`` in a module of its
own (institutions, policy_refs, dates, money, figures, regions); ``factories`` registers
them with spaCy as ``policyx_<kind>`` so a spaCy user can ``nlp.add_pipe(...)`` them.
"""
from .. import quiet_torch  # noqa: F401,E402  (before anything imports spaCy)
