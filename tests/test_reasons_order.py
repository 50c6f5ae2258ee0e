"""Reasons are shown by weight: a dealbreaker, then the biggest gaps, never cut silently."""

from __future__ import annotations

from jobmatch.output import ordered_reasons, shown_reasons
from storage.models import MatchRow


def match(**components: tuple[float, float, list[str]]) -> MatchRow:
    parts = {
        name: {"points": p, "max": m, "notes": notes} for name, (p, m, notes) in components.items()
    }
    reasons = [note for part in parts.values() for note in part["notes"]]  # type: ignore[attr-defined]
    return MatchRow(
        listing_id=1, profile="p", profile_hash="h", content_hash="c", matcher_version="v",
        score=50, reasons=reasons, components=parts,
    )  # fmt: skip


def test_the_biggest_gaps_come_first_and_ties_keep_the_scorers_order() -> None:
    row = match(
        role=(30, 30, ["role: a target"]),
        level=(5, 15, ["stretch: asks 12+ years, you have 7"]),
        location=(0, 20, ["onsite in Pune: relocation"]),
        salary=(10, 10, ["pay meets your floor"]),
    )
    assert ordered_reasons(row) == [
        "onsite in Pune: relocation",
        "stretch: asks 12+ years, you have 7",
        "role: a target",
        "pay meets your floor",
    ]


def test_a_dealbreaker_leads_and_the_rest_is_folded_not_cut() -> None:
    row = match(
        role=(30, 30, ["role: a target", "title ≈ TPM"]),
        location=(0, 20, ["dealbreaker: remote only from US"]),
        skills=(2, 10, ["skills missing: Jira", "skills matched: AWS"]),
    )
    assert ordered_reasons(row)[0] == "dealbreaker: remote only from US"
    shown = shown_reasons(row, 3)
    assert shown == [
        "dealbreaker: remote only from US",
        "skills missing: Jira",
        "+3 more (jobmatch show)",
    ]
    assert len(ordered_reasons(row)) == 5  # nothing lost
