"""Every board with a contract, fed its own recorded `normal` responses with parts replaced by
hypothesis-made JSON (fields missing, null, of the wrong type, huge, deeply nested): the
fetch either works or raises the scraper's own error — never anything else, never a hang."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.errors import SourceError
from tests.conftest import FIXTURES
from tests.golden import run_fetch
from tests.test_board_contract import Server, contracts, load, source_for

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False)
    | st.text(max_size=50)
    | st.just("x" * 100_000)
)
# Mostly a scalar of the wrong type; sometimes a nested structure where a scalar was.
JSON_VALUES = SCALARS | st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def answering(board: str, routes: list[dict[str, Any]], target: int, body: bytes) -> Any:
    """The board's recorded server, but route `target` answers with `body`."""
    server = Server(board, routes)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = server(request)
        query = dict(request.url.params)
        if server.routes[target].matches(request.method, request.url.path, query, request.content):
            return httpx.Response(answer.status_code, content=body)
        return answer

    return handler


def json_boards() -> list[str]:
    """Boards whose normal case answers with JSON files."""
    found = []
    for board in contracts():
        files = [r.get("file", "") for r in load(board)["cases"]["normal"]["routes"]]
        if files and all(name.endswith(".json") for name in files):
            found.append(board)
    return found


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document a value could be replaced."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


def replaced(document: Any, where: tuple[Any, ...], new: Any) -> Any:
    if not where:
        return new
    head, *rest = where
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = replaced(document[head], tuple(rest), new)
    return copy


@pytest.mark.parametrize("board", json_boards())
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mangled_response_is_handled_or_a_source_error(board: str, data: st.DataObject) -> None:
    case = load(board)["cases"]["normal"]
    routes = [dict(route) for route in case["routes"]]
    target = data.draw(st.sampled_from(range(len(routes))), label="route")
    document = json.loads((FIXTURES / board / routes[target]["file"]).read_text())
    for _ in range(data.draw(st.integers(1, 6), label="how many changes")):
        places = paths(document)
        fields = [p for p in places if len(p) >= 3] or places  # a field of one posting, mostly
        where = data.draw(st.sampled_from(fields) | st.sampled_from(places), label="where")
        document = replaced(document, where, data.draw(JSON_VALUES, label="new value"))
    handler = answering(board, routes, target, json.dumps(document).encode())

    with contextlib.suppress(SourceError):  # a clear error naming what is wrong is fine
        run_fetch(source_for(board, case), handler)


WRONG = (None, 7, [], {"x": 1}, "x" * 5000)


@pytest.mark.parametrize("board", json_boards())
def test_every_field_of_the_wrong_type_is_handled_or_a_source_error(board: str) -> None:
    """Deterministic sweep: each field of each recorded response, in turn, set to each
    value of the wrong type."""
    case = load(board)["cases"]["normal"]
    routes = [dict(route) for route in case["routes"]]
    for target, route in enumerate(routes):
        document = json.loads((FIXTURES / board / route["file"]).read_text())
        for where in paths(document)[1:]:
            for wrong in WRONG:
                body = json.dumps(replaced(document, where, wrong)).encode()
                handler = answering(board, routes, target, body)
                try:
                    run_fetch(source_for(board, case), handler)
                except SourceError:
                    pass
                except Exception as e:  # noqa: BLE001  (the point: name the field and value)
                    raise AssertionError(
                        f"{board} {route['file']} {where} = {wrong!r:.40}: {e!r}"
                    ) from e
