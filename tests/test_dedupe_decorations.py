"""The same job whatever a board decorates its title with, and two openings kept apart
when the title says they are two: requisition numbers, contract terms, grades."""

from __future__ import annotations

import pytest

from matcher.dedupe import group
from tests.test_dedupe import (
    CHECKOUT_ROLE,
    IDENTITY_DUTIES,
    LUMATIDE_ABOUT_GREENHOUSE,
    PAYMENTS_DUTIES,
    item,
    merged,
)


@pytest.mark.parametrize(
    "decorated",
    [
        "Technical Program Manager, Checkout (Freshers)",
        "Lumatide: Technical Program Manager, Checkout",
        "Technical Program Manager, Checkout | up to 90k",
        "Technical Program Manager - Checkout - $160k-$190k + equity",
        "Technical Program Manager II, Checkout",  # a grade one board drops
        "Tech Program Manager, Checkout",
    ],
)
def test_decoration_does_not_make_another_job(decorated: str) -> None:
    assert merged(item(1), item(2, title=decorated))


@pytest.mark.parametrize(
    ("title_a", "title_b"),
    [
        ("Technical Program Manager, Checkout (R-20431)", "Technical Program Manager, Checkout (R-20388)"),
        ("Technical Program Manager, Checkout", "Technical Program Manager, Checkout (Contract)"),
        ("Technical Program Manager, Checkout", "Technical Program Manager, Checkout – 12-month FTC"),
        ("Technical Program Manager II, Checkout", "Technical Program Manager III, Checkout"),
    ],
)  # fmt: skip
def test_the_title_keeps_two_openings_apart(title_a: str, title_b: str) -> None:
    assert not merged(item(1, title=title_a), item(2, title=title_b))


def test_a_title_word_the_other_copy_names_in_its_text_is_decoration() -> None:
    # "Checkout" on one board, "Mobile Commerce" on another: each copy's text names what
    # the other's title adds, so it is one job; a team neither text names is another.
    text = CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE
    checkout = item(1, title="Technical Program Manager (Checkout)", description=text)
    mobile = item(2, title="Technical Program Manager – Mobile Commerce", description=text)
    assert "mobile" in text.lower() and "commerce" in text.lower()
    assert merged(checkout, mobile)
    robotics = item(3, title="Technical Program Manager – Robotics", description=text)
    assert not merged(checkout, robotics)


def test_a_generic_copy_never_chains_two_teams() -> None:
    lending = item(1, title="Technical Program Manager - Lending", description=PAYMENTS_DUTIES)
    identity = item(2, title="Technical Program Manager - Identity", description=IDENTITY_DUTIES)
    generic = item(3, title="Technical Program Manager", description=PAYMENTS_DUTIES)
    groups = group([lending, identity, generic])
    assert groups[1] != groups[2]
