"""What the real-text rule tests share: a sentence of an ordinary posting, and facts read
from a description with a TPM title unless another is given."""

from __future__ import annotations

from matcher.extract import extract_facts
from matcher.facts import Facts

BOILER = "We build payment software. You will plan releases with our engineering teams."


def facts(description: str, **fields: object) -> Facts:
    fields.setdefault("title", "Technical Project Manager")
    return extract_facts(description=description, **fields)  # type: ignore[arg-type]
