"""Which stored listings are the same job: one posting seen on several boards, or reposted.

Pure and deterministic, no I/O. Two steps, the usual record-linkage shape:

1. **Blocking.** Only listings of the same normalised company, the same level words and a
   compatible place are ever compared (`blocking_key`), and within a block a listing is
   compared with at most `window` of the most recent earlier listings. A million listings
   therefore cost a few comparisons each, never a pairwise sweep.
2. **Confirming.** `same_job` decides one pair from its titles (rapidfuzz, plus a veto on
   any specialisation word one title has and the other lacks) and the word overlap of
   its descriptions, and says why.

`group` joins confirmed pairs with union-find; a group's id is its smallest listing id.
The confirm step errs towards *not* merging: two distinct jobs shown as one hides a job
from the candidate, while a missed duplicate only shows a job twice.

The package, by what the code is about:

    titles        normalise_title: board noise, abbreviations; level words, grades, requisitions
    title_match   two titles compared: conflicts, near-equality, extra words, decorations
    companies     normalise_company, is_agency
    descriptions  description fingerprints (their words stored with facts), comparison
    pair          DedupeItem, JobKey, job_key, blocking_key, places; same_job
    grouping      group, group_incremental (union-find over confirmed pairs)
"""

# `X as X`: public names outside `__all__`, still importable from here as from the one module.
from matcher.dedupe.companies import is_agency, normalise_company
from matcher.dedupe.descriptions import CONTAINED_MIN as CONTAINED_MIN
from matcher.dedupe.descriptions import DESCRIPTION_CHARS as DESCRIPTION_CHARS
from matcher.dedupe.descriptions import MIN_DESCRIPTION_WORDS as MIN_DESCRIPTION_WORDS
from matcher.dedupe.descriptions import SUPERSET_WORDS_MIN as SUPERSET_WORDS_MIN
from matcher.dedupe.descriptions import WORDS_MIN as WORDS_MIN
from matcher.dedupe.descriptions import description_words, word_hashes
from matcher.dedupe.grouping import WINDOW as WINDOW
from matcher.dedupe.grouping import group, group_incremental
from matcher.dedupe.pair import DedupeItem, ItemId, JobKey, blocking_key, job_key, same_job
from matcher.dedupe.title_match import TITLE_MIN as TITLE_MIN
from matcher.dedupe.title_match import TYPO_MIN as TYPO_MIN
from matcher.dedupe.titles import normalise_title
from matcher.dedupe.titles import requisition as requisition

__all__ = [
    "DedupeItem",
    "ItemId",
    "JobKey",
    "blocking_key",
    "description_words",
    "group",
    "group_incremental",
    "is_agency",
    "job_key",
    "normalise_company",
    "normalise_title",
    "same_job",
    "word_hashes",
]
