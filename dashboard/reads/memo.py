"""The dashboard's cache for reads and figures: `st.cache_data`'s contract, keyed in microseconds.

    @memo.cached(max_entries=256)
    def report_for(url: str, version: int, year: int, ...): ...

Like st.cache_data: one store per function, shared by every session of the process; an argument
whose name starts with `_` is not part of the key; an exception is not cached; every caller gets
its own copy (the result is kept pickled and unpickled per call), so a caller that changes what
it got cannot change what the next one gets; `max_entries` bounds the store (least recently used
out first).

Unlike st.cache_data, the key is the arguments themselves, with their types: every cached read
here is keyed on small plain values (database url, data version, year, dates, dienst, view key,
see dashboard/reads/data.py), never on a DataFrame. Streamlit hashes each argument through its own
hasher and inspects the function's signature on every call: about 0.3 ms a call, and a page makes
±30 of them on every rerun (bench/README.md). An argument that cannot be a dict key is a
programming error (TypeError), not something to hash by content.

clear_all() empties every store (dashboard.reads.data.clear_caches calls it; the tests and the
benchmark's cold runs use that).
"""

from __future__ import annotations

import functools
import inspect
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_STORES: list[_Memo] = []


class _Memo:
    def __init__(self, fn: Callable, max_entries: int) -> None:
        self._fn = fn
        self._max_entries = max_entries
        self._store: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        parameters = list(inspect.signature(fn).parameters.values())
        self._positional = tuple(i for i, p in enumerate(parameters) if not p.name.startswith("_"))
        self._name = f"{fn.__module__}.{fn.__qualname__}"
        functools.update_wrapper(self, fn)

    def _key(self, args: tuple, kwargs: dict) -> tuple:
        hashed = [args[i] for i in self._positional if i < len(args)]
        hashed += [kwargs[k] for k in sorted(kwargs) if not k.startswith("_")]
        key = (tuple(sorted(k for k in kwargs if not k.startswith("_"))), *((type(v), v) for v in hashed))
        try:
            hash(key)
        except TypeError:
            raise TypeError(f"{self._name}: cached on plain, hashable arguments only") from None
        return key

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        key = self._key(args, kwargs)
        with self._lock:
            blob = self._store.get(key)
            if blob is not None:
                self._store.move_to_end(key)
        if blob is not None:
            return pickle.loads(blob)
        value = self._fn(*args, **kwargs)
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._store[key] = blob
            self._store.move_to_end(key)
            while len(self._store) > self._max_entries:
                self._store.popitem(last=False)
        return pickle.loads(blob)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()

    def __len__(self) -> int:
        return len(self._store)


def cached(*, max_entries: int) -> Callable[[Callable], _Memo]:
    """The decorator (see the module docstring)."""

    def decorate(fn: Callable) -> _Memo:
        memo = _Memo(fn, max_entries)
        _STORES.append(memo)
        return memo

    return decorate


def clear_all() -> None:
    """Empties every store of every cached function."""
    for memo in _STORES:
        memo.clear()
