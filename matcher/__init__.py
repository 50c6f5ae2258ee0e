"""The matcher: facts from listing text, a score from facts and a CV profile, with reasons."""

MATCHER_VERSION = "1.32"  # bump when scores change, so stored scores are redone
