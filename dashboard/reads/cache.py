"""`cached`: st.cache_data keyed on the language as well as the arguments.

Every cached read and figure of the dashboard goes through this decorator, so a value computed
for a French page (a KPI's name, a chart's title, a "<5" note) is never served to a Dutch one:
the current language (i18n.current()) is one more, keyword, argument of the cached function,
and the function runs inside that language (i18n.language), whatever thread computes it.

    @cached(max_entries=256)
    def report_for(url, version, year, ...): ...

The wrapped function keeps its name, module and source for Streamlit's cache identity
(functools.wraps), so two cached functions never share a cache, and data.clear_caches()
(st.cache_data.clear()) empties these like any other.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

import i18n

LANGUAGE_ARGUMENT = "i18n_language"  # a keyword argument: Streamlit names it by its key and hashes it


def cached(**options: Any) -> Callable[[Callable], Callable]:
    """st.cache_data(show_spinner=False, **options), keyed on the current language too."""
    options.setdefault("show_spinner", False)

    def decorate(function: Callable) -> Callable:
        def in_language(*args, i18n_language: str, **kwargs):
            with i18n.language(i18n_language):
                return function(*args, **kwargs)

        functools.update_wrapper(in_language, function)  # Streamlit's cache identity: name, module, source
        cached_function = st.cache_data(**options)(in_language)

        @functools.wraps(function)
        def call(*args, **kwargs):
            return cached_function(*args, **kwargs, **{LANGUAGE_ARGUMENT: i18n.current()})

        call.clear = cached_function.clear  # type: ignore[attr-defined]
        return call

    return decorate
