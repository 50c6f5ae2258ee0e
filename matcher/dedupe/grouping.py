"""Grouping: union-find over confirmed pairs, each listing compared only within its
blocks and window (`group`, and `group_incremental` on top of an earlier result)."""

from __future__ import annotations

import functools
from array import array
from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from matcher.collector import collector_paused
from matcher.dedupe.companies import is_agency, normalise_company
from matcher.dedupe.descriptions import (
    WORDS_MIN,
    _description,
    _description_match,
    agency_copy,
    text_language,
)
from matcher.dedupe.pair import (
    DedupeItem,
    ItemId,
    _place,
    board_conflict,
    open_to,
    scope_conflict,
    years_conflict,
)
from matcher.dedupe.title_match import (
    _compare_titles,
    _decoration_only,
    _named_by_agency,
    _title_conflict,
    added_words_named,
    shift_conflict,
)
from matcher.dedupe.titles import (
    _levels,
    _without_company,
    normalise_title,
    requisition,
    same_words,
    translated,
)

# At most this many most recent listings of a block are compared with a new one. Reposts
# and cross-posts appear within days of each other, so they are near in posting order.
WINDOW = 50


# --- grouping -------------------------------------------------------------------------


def _id_order(item_id: ItemId) -> tuple[bool, int | str]:
    """Ints before strings, each in natural order: "the smallest id" for mixed ids."""
    return isinstance(item_id, str), item_id


# (company, levels, place): a block of items that may be one job, as far as keys tell;
# the company is a marker for the blocks of every company's and of agencies' listings.
_Node = tuple[str, tuple[str, ...], Hashable]


class _Grouper:
    """Union-find over confirmed pairs, fed one item at a time in posting order.

    Keeps per item only its id, normalised title and its description's word hashes (as
    given, or read from the description, kept by reference, when first needed): a million
    items fit in about two GB.
    """

    def __init__(self, window: int, apart: Iterable[tuple[ItemId, ItemId]] = ()) -> None:
        self.window = window
        # Pairs a person said are different jobs: never in one group, however alike.
        self.apart: dict[ItemId, set[ItemId]] = {}
        for a, b in apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)
        self.index_of: dict[ItemId, int] = {}
        # Per group root, its members that have such a pair (only those are checked).
        self.kept_apart: dict[int, list[int]] = {}
        self.ids: list[ItemId] = []
        self.titles: list[str] = []
        self.requisitions: list[str | None] = []
        self.years: list[int | None] = []  # experience asked, when stated
        self.terms: list[str | None] = []  # the terms offered (Facts.employment)
        self.boards: list[str | None] = []  # the employer's own board it came from, if any
        self.scopes: list[tuple[str, ...]] = []  # remote regions, else the country, if stated
        # Members of each group of two or more, by root: a union is refused when any two
        # titles across the two groups clash (complete linkage on titles).
        self.members: dict[int, list[int]] = {}
        # Per item its description's word hashes, or the description until they are needed.
        self.texts: list[array[int] | str] = []
        self.companies: list[str] = []  # normalised
        self.agencies: list[bool] = []  # whether the company is a staffing agency
        self.languages: list[bool] = []  # whether the title was translated
        self.text_languages: dict[int, str] = {}  # the description's language, once asked
        self.parent: list[int] = []
        # (company, levels, place node) -> the most recent items filed there.
        self.nodes: dict[_Node, deque[int]] = {}
        # (how alike, earlier item, new item): the pairs found, joined in `join_pairs`
        self.pairs: list[tuple[float, int, int]] = []

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, i: int, j: int, *, check_titles: bool = True) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or self._must_stay_apart(ri, rj):
            return
        group_i, group_j = self.members.get(ri, [ri]), self.members.get(rj, [rj])
        if check_titles and any(self._titles_clash(a, b) for a in group_i for b in group_j):
            return
        low, high = min(ri, rj), max(ri, rj)
        self.parent[high] = low
        self.members.pop(high, None)
        self.members[low] = group_i + group_j
        moved = self.kept_apart.pop(high, None)
        if moved:
            self.kept_apart.setdefault(low, []).extend(moved)

    def _titles_clash(self, a: int, b: int) -> bool:
        title_a, title_b = self.titles[a], self.titles[b]
        terms = self.terms
        if _title_conflict(
            title_a, title_b, self.requisitions[a], self.requisitions[b], terms[a], terms[b]
        ):
            return True
        if shift_conflict(title_a, title_b, lambda: self.text(a), lambda: self.text(b)):
            return True
        if self.companies[a] == self.companies[b] and (
            years_conflict(self.years[a], self.years[b])
            or board_conflict(
                self.boards[a], self.boards[b], lambda: self.text(a), lambda: self.text(b)
            )
        ):
            return True
        if scope_conflict(self.scopes[a], self.scopes[b]):
            return True
        if title_a == title_b or _compare_titles(title_a, title_b)[0] is None:
            return False
        if _decoration_only(title_a, title_b, lambda: self.text(a), lambda: self.text(b)):
            return False
        if self.companies[a] == self.companies[b]:
            return True
        return not _named_by_agency(
            title_a, title_b, self.agencies[a], self.agencies[b],
            lambda: self.text(a), lambda: self.text(b),
        )  # fmt: skip

    def _must_stay_apart(self, ri: int, rj: int) -> bool:
        members = self.kept_apart.get(ri)
        if not members or rj not in self.kept_apart:
            return False
        for member in members:
            for other in self.apart[self.ids[member]]:
                index = self.index_of.get(other)
                if index is not None and self.find(index) == rj:
                    return True
        return False

    def language_of(self, i: int) -> str:
        """The language of item `i`'s description (descriptions.text_language), once."""
        found = self.text_languages.get(i)
        if found is None:
            found = self.text_languages[i] = text_language(self.text(i))
        return found

    def text(self, i: int) -> array[int]:
        found = self.texts[i]
        if isinstance(found, str):
            found = self.texts[i] = _description(found)
        return found

    def add(self, item: DedupeItem, *, compare: bool = True) -> int:
        """Index of the item; compared with its block's recent items when `compare`."""
        index = len(self.ids)
        company = normalise_company(item.company)
        title = _without_company(normalise_title(item.title), company)
        city, country = _place(item)
        self.ids.append(item.id)
        self.requisitions.append(requisition(item.title))
        self.years.append(item.years_min)
        self.terms.append(item.employment)
        self.boards.append(item.board)
        # A country is a scope too: "Remote (EMEA)" and "(US)" are two requisitions.
        self.scopes.append(open_to(item.remote_scope, country))
        if item.id in self.apart:
            self.index_of[item.id] = index
            self.kept_apart[index] = [index]
        self.titles.append(title)
        self.languages.append(translated(item.title))
        self.texts.append(item.description if item.words is None else item.words)
        self.parent.append(index)
        block = (company, _levels(title))
        # Where this item is filed, and where earlier items that could be the same job are.
        # A place-less item (remote anywhere, or unknown) may match any item of the company;
        # a country-only one any item in that country; a city one only its city's items
        # and the less specific ones. Either way round, one side looks the other up. Every
        # node looked in holds only items whose place fits this one's, and they hold
        # disjoint sets of items, so no pair is compared twice.
        places_filed: tuple[Hashable, ...]
        places_looked: tuple[Hashable, ...]
        if city:
            city_node = ("city", country, city.lower())
            places_filed = (city_node, country, "*")
            places_looked = (city_node, ("country only", country), "open")
        elif country:
            places_filed = (("country only", country), country, "*")
            places_looked = (country, "open")
        else:
            places_filed = ("open", "*")
            places_looked = ("*",)
        # A staffing agency's listing is often an employer's own text under the agency's
        # name: every listing is also filed by level and place whatever its company, and
        # an agency's listing is compared there with other companies' (an employer's with
        # the agencies'): the same duties rewritten (descriptions.agency_copy).
        levels = _levels(title)
        agency = is_agency(item.company)
        self.companies.append(company)
        self.agencies.append(agency)
        anyone, agencies = ("\x00anyone", levels), ("\x00agency", levels)
        filed: list[_Node] = [(*block, place) for place in places_filed]
        filed += [(*anyone, place) for place in places_filed]
        if agency:
            filed += [(*agencies, place) for place in places_filed]
        looked: list[_Node] = [(*block, place) for place in places_looked]
        across: list[_Node] = [
            (*(anyone if agency else agencies), place) for place in places_looked
        ]
        nodes = self.nodes
        if compare:
            # Every earlier item this one confirms with, the most alike first: a generic
            # "TPM | Bangalore" joins the team's posting its text is closest to, and once
            # joined, never a group holding a title it conflicts with ("Lending" and
            # "Payments" stay apart however the generic copy links them).
            found: list[tuple[float, int]] = []
            titles = self.titles
            for node in looked:
                for j in nodes.get(node, ()):
                    if self._titles_clash(j, index):
                        continue
                    if self.languages[j] != self.languages[index] and same_words(titles[j], title):
                        # One title translated, the other not: the texts are in two
                        # languages, and the same title at one company and place says it.
                        found.append((WORDS_MIN, j))
                        continue
                    superset = titles[j] != title and _compare_titles(titles[j], title)[2]
                    named = superset and added_words_named(
                        titles[j], title, functools.partial(self.text, j), lambda: self.text(index)
                    )
                    alike = _description_match(
                        self.text(j), self.text(index), strict=superset, named=named
                    )
                    if alike is not None:
                        found.append((alike, j))
                    elif self.language_of(j) != self.language_of(index):
                        # one employer's job, its texts in two languages (pair.same_job)
                        found.append((WORDS_MIN, j))
            for node in across:
                for j in nodes.get(node, ()):
                    if self.companies[j] == company or self._titles_clash(j, index):
                        continue  # its own company's were compared above
                    alike = agency_copy(self.text(j), self.text(index))
                    if alike is not None:
                        found.append((alike, j))
            # Joined later, all pairs at once, the most alike first: which of two clashing
            # groups a copy joins must not depend on which arrived first.
            self.pairs.extend((alike, j, index) for alike, j in found)
        for place in filed:
            queue = nodes.get(place)
            if queue is None:
                queue = nodes[place] = deque(maxlen=self.window)
            queue.append(index)
        return index

    def join_pairs(self) -> None:
        """Union the pairs found as if the items came in id order, each joining the copy
        it is most alike first: which of two groups that must stay apart a copy joins then
        depends on the ids, not on the order items were given in, and a night's new
        listings (the newest ids) join as a full regroup would have them join."""
        ids = self.ids

        def order(pair: tuple[float, int, int]) -> tuple[Any, float, Any]:
            alike, j, i = pair
            first, second = sorted((_id_order(ids[j]), _id_order(ids[i])))
            return (second, -alike, first)

        for _, j, i in sorted(self.pairs, key=order):
            self.union(j, i)
        self.pairs.clear()

    def groups(self) -> dict[ItemId, ItemId]:
        self.join_pairs()
        smallest: dict[int, ItemId] = {}
        for index, item_id in enumerate(self.ids):
            root = self.find(index)
            best = smallest.get(root)
            if best is None or _id_order(item_id) < _id_order(best):
                smallest[root] = item_id
        return {item_id: smallest[self.find(i)] for i, item_id in enumerate(self.ids)}


def group(
    items: Iterable[DedupeItem],
    *,
    window: int = WINDOW,
    apart: Iterable[tuple[ItemId, ItemId]] = (),
) -> dict[ItemId, ItemId]:
    """{listing id: group id}; the group id is the smallest id in the group.

    Pass items oldest first: each is compared with at most `window` of the most recent
    earlier items in each block it may share a job with. When no block overflows the
    window, the result does not depend on the order. Pairs in `apart` (a person said they
    are different jobs) never end in one group.
    """
    grouper = _Grouper(window=window, apart=apart)
    with collector_paused():
        for item in items:
            grouper.add(item)
        return grouper.groups()


def group_incremental(
    existing: Mapping[ItemId, ItemId],
    existing_items: Iterable[DedupeItem],
    new_items: Iterable[DedupeItem],
    *,
    window: int = WINDOW,
    apart: Iterable[tuple[ItemId, ItemId]] = (),
) -> dict[ItemId, ItemId]:
    """`group` for new items on top of an earlier result, without re-comparing old items.

    `existing` is an earlier `group` result for `existing_items` (oldest first). Returns
    the mapping for all items; a new item may join, or join together, existing groups.
    """
    grouper = _Grouper(window=window, apart=apart)
    first_of_group: dict[ItemId, int] = {}
    with collector_paused():
        for item in existing_items:
            index = grouper.add(item, compare=False)
            group_id = existing.get(item.id, item.id)
            if group_id in first_of_group:
                grouper.union(first_of_group[group_id], index, check_titles=False)
            else:
                first_of_group[group_id] = index
        for item in new_items:
            grouper.add(item)
        return grouper.groups()
