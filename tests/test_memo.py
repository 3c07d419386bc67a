"""dashboard.reads.memo: st.cache_data's contract (shared store, copy per caller, `_` arguments not in
the key, exceptions not cached, bounded), keyed on the plain arguments and their types."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.reads import memo

CALLS: list[tuple] = []


@memo.cached(max_entries=3)
def frame_of(url: str, version: int, year, _note: str = "") -> pd.DataFrame:
    CALLS.append((url, version, year, _note))
    return pd.DataFrame({"jaar": [year], "n": [version]})


@memo.cached(max_entries=8)
def failing(url: str) -> int:
    CALLS.append(("failing", url))
    raise RuntimeError("databank weg")


@pytest.fixture(autouse=True)
def _empty():
    memo.clear_all()
    CALLS.clear()
    yield
    memo.clear_all()


def test_computed_once_per_key_and_the_underscore_argument_is_not_part_of_it():
    first = frame_of("sqlite://a", 1, 2025, _note="eerste")
    again = frame_of("sqlite://a", 1, 2025, _note="tweede")
    assert CALLS == [("sqlite://a", 1, 2025, "eerste")]
    pd.testing.assert_frame_equal(first, again)
    frame_of("sqlite://a", 2, 2025)  # a new data version is a new key
    assert len(CALLS) == 2


def test_the_type_is_part_of_the_key():
    frame_of("sqlite://a", 1, 2025)
    frame_of("sqlite://a", 1, 2025.0)  # equal and hash-equal to 2025, but another argument
    frame_of("sqlite://a", 1, dt.date(2025, 1, 1))
    frame_of("sqlite://a", 1, dt.datetime(2025, 1, 1))
    assert [c[2] for c in CALLS] == [2025, 2025.0, dt.date(2025, 1, 1), dt.datetime(2025, 1, 1)]


def test_a_keyword_call_is_cached_too():
    frame_of("sqlite://a", 1, year=2025)
    frame_of("sqlite://a", 1, year=2025)
    assert len(CALLS) == 1


def test_each_caller_gets_its_own_copy():
    first = frame_of("sqlite://a", 1, 2025)
    first.loc[0, "n"] = 99
    first["extra"] = 1
    again = frame_of("sqlite://a", 1, 2025)
    assert list(again.columns) == ["jaar", "n"] and again.loc[0, "n"] == 1
    assert again is not frame_of("sqlite://a", 1, 2025)


def test_an_exception_is_not_cached():
    for _ in range(2):
        with pytest.raises(RuntimeError, match="databank weg"):
            failing("sqlite://a")
    assert CALLS == [("failing", "sqlite://a")] * 2


def test_least_recently_used_entry_goes_first():
    for year in (2021, 2022, 2023):
        frame_of("sqlite://a", 1, year)
    frame_of("sqlite://a", 1, 2021)  # used again: 2022 is now the oldest
    frame_of("sqlite://a", 1, 2024)  # a fourth entry pushes 2022 out
    assert len(frame_of) == 3
    CALLS.clear()
    frame_of("sqlite://a", 1, 2021)
    frame_of("sqlite://a", 1, 2022)
    assert [c[2] for c in CALLS] == [2022]


def test_an_unhashable_argument_is_a_programming_error():
    with pytest.raises(TypeError, match="frame_of: cached on plain, hashable arguments only"):
        frame_of("sqlite://a", 1, [2025])
    assert CALLS == []


def test_clear_all_empties_every_store():
    frame_of("sqlite://a", 1, 2025)
    memo.clear_all()
    frame_of("sqlite://a", 1, 2025)
    assert len(CALLS) == 2
