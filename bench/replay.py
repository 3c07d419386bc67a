"""The Streamlit floor of a page: the exact messages a page sent on a warm run, sent again by a
script that computes nothing (bench/replay_page.py). The benchmark measures a page's warm run
against this replay, which tells what the dashboard's own code adds to what Streamlit needs to
show those elements (the one-line page is the issue's reference; this one is the floor).

    with capture() as messages:
        at.run()                 # a warm run of the page
    use(messages)                # then run bench/replay_page.py under AppTest in this process
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

MESSAGES: list[ForwardMsg] = []


@contextmanager
def capture() -> Iterator[list[bytes]]:
    """Collects every message the script run enqueues (elements, blocks, widgets, navigation,
    page info), serialised, in order."""
    messages: list[bytes] = []
    original = ScriptRunContext.enqueue

    def recording(self, msg: ForwardMsg) -> None:
        messages.append(msg.SerializeToString())
        original(self, msg)

    ScriptRunContext.enqueue = recording
    try:
        yield messages
    finally:
        ScriptRunContext.enqueue = original


# Elements that carry an id for selections, shown here without one (on_select="ignore").
_DISPLAY_WITH_ID = {"plotly_chart", "arrow_data_frame", "vega_lite_chart", "deck_gl_json_chart"}


def is_widget(msg: ForwardMsg) -> bool:
    """An input (selectbox, date input, toggle, button, ...): its element carries a widget id."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return False
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if not kind or kind in _DISPLAY_WITH_ID:
        return False
    inner = getattr(element, kind)
    return bool("id" in inner.DESCRIPTOR.fields_by_name and inner.id)


def use(messages: list[bytes]) -> int:
    """Keeps `messages`, parsed once, for replay(): all but the widgets' (a widget sent without
    being registered has no state for the next run; leaving them out only lowers the floor).
    Returns how many were left out."""
    parsed = []
    for blob in messages:
        msg = ForwardMsg()
        msg.ParseFromString(blob)
        parsed.append(msg)
    MESSAGES[:] = [msg for msg in parsed if not is_widget(msg)]
    return len(parsed) - len(MESSAGES)


def replay(ctx: ScriptRunContext) -> None:
    """Sends the kept messages again. The same objects every run: parsing them anew would add
    deserialisation to the floor (±1 ms of ±3,7 for Overzicht); enqueueing only sets metadata
    that is the same on every run."""
    for msg in MESSAGES:
        ctx.enqueue(msg)
