"""A description's words as stored with its facts: the same in every process, and grouping
on them is grouping on the description."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.dedupe import DedupeItem, description_words, group, group_incremental, word_hashes
from matcher.dedupe.descriptions import _description
from tests.test_dedupe import (
    AGENCY_COPY,
    CHECKOUT_ROLE,
    LUMATIDE_ABOUT_GREENHOUSE,
    TEXTS,
    item,
    items_strategy,
)

ROOT = Path(__file__).resolve().parent.parent
HTML = "<p>Own the <b>checkout</b> roadmap &amp; delivery.</p><ul><li>Ship payments</li></ul>"


def with_words(items: list[DedupeItem], keep: set[int] | None = None) -> list[DedupeItem]:
    """The items as the pipeline makes them from stored words (description not read); those
    in `keep` as a store without words yet gives them (description only)."""
    return [
        it
        if keep is not None and it.id in keep
        else replace(it, description="", words=word_hashes(description_words(it.description)))
        for it in items
    ]


def test_words_give_the_hashes_the_description_gives() -> None:
    for text in (*TEXTS, HTML, AGENCY_COPY, "", "See website", "Ünïcode – ₹ 30 LPA, München"):
        words = description_words(text)
        assert words == " ".join(sorted(words.split()))  # sorted, distinct, one space apart
        assert len(set(words.split())) == len(words.split())
        assert sorted(word_hashes(words)) == sorted(_description(text))
    assert description_words(HTML) == "checkout delivery own payments roadmap ship"


def test_words_are_the_same_in_another_process_with_another_hash_seed() -> None:
    # Python's hash() of a str differs from process to process; stored words must not.
    text = CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE + HTML
    script = (
        "import sys; from matcher.dedupe import description_words; "
        "sys.stdout.write(description_words(sys.stdin.read()))"
    )
    seen = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        seen.add(done.stdout)
    assert seen == {description_words(text)}


@settings(max_examples=40, deadline=None)
@given(items_strategy, st.data())
def test_grouping_on_stored_words_is_grouping_on_descriptions(
    items: list[DedupeItem], data: st.DataObject
) -> None:
    result = group(items)
    assert group(with_words(items)) == result
    # Some listings without stored words (a store upgraded, not yet backfilled): the same.
    keep = set(data.draw(st.lists(st.sampled_from([i.id for i in items]))) if items else [])
    mixed = with_words(items, keep)
    assert group(mixed) == result
    half = len(items) // 2
    assert group_incremental(group(mixed[:half]), mixed[:half], mixed[half:]) == result


def test_a_decorated_title_is_checked_against_the_stored_words() -> None:
    # "(AWS)" and "– Cloud": each text must name the other's title words (title_match's
    # _decoration_only reads the word hashes).
    text = CHECKOUT_ROLE + " We run on AWS in the cloud. " + LUMATIDE_ABOUT_GREENHOUSE
    items = [
        item(1, title="Technical Program Manager (AWS)", description=text),
        item(2, title="Technical Program Manager – Cloud", description=text),
    ]
    assert group(items) == {1: 1, 2: 1}
    assert group(with_words(items)) == {1: 1, 2: 1}
    assert group(with_words(items, keep={2})) == {1: 1, 2: 1}
    silent = [replace(it, description=CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE) for it in items]
    assert group(silent) == group(with_words(silent)) == {1: 1, 2: 2}  # neither names them
