"""Rewriting the XML parts of an .xlsx file the way another, equally valid writer could have
written them: attributes in another order, other namespace prefixes, single quotes, indented,
cells and rows without their r reference, the strict OOXML namespaces. The meaning stays the
same; only the bytes change. Used by the tests that check that an import does not depend on them.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

from data_access.sheet_xml import column_index

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT = {MAIN: "http://purl.oclc.org/ooxml/spreadsheetml/main",
          RELATIONSHIPS: "http://purl.oclc.org/ooxml/officeDocument/relationships"}
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def rewrite_parts(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The same zip with each member's content replaced by change(name, content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, change(item.filename, src.read(item.filename)))
    return out.getvalue()


def is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def parse(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        uri, local = tag[1:].split("}", 1)
        return uri, local
    return None, tag


def write(root: ElementTree.Element, *, order: Callable[[list], list] = list,
          prefixes: dict[str, str | None] | None = None, quote: str = '"', indent: bool = False) -> bytes:
    """The tree as XML bytes, written by hand so that every choice is the caller's: `order`
    arranges each element's (name, value) attribute pairs, `prefixes` maps namespace -> prefix
    (None: the default namespace; others get ns0, ns1, ...), `quote` encloses attribute values,
    `indent` puts each element on its own line where the content is elements only."""
    prefixes = {MAIN: None, **(prefixes or {})}
    used: dict[str, str | None] = {}

    def prefix(uri: str, attribute: bool = False) -> str:
        if uri == _XML_NS:
            return "xml:"
        if uri not in used:
            chosen = prefixes.get(uri, f"ns{len(used)}")
            used[uri] = chosen
        chosen = used[uri]
        if chosen is None:
            if attribute:  # an attribute is only in a namespace with a prefix
                used[uri] = chosen = f"ns{len(used)}"
                return chosen + ":"
            return ""
        return chosen + ":"

    def name(tag: str, attribute: bool = False) -> str:
        uri, local = _split(tag)
        return local if uri is None else prefix(uri, attribute) + local

    def text(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def attribute_value(value: str) -> str:
        return (text(value).replace(quote, "&quot;" if quote == '"' else "&apos;")
                .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))

    def element(elem: ElementTree.Element, depth: int) -> str:
        attributes = order([(name(k, True), v) for k, v in elem.attrib.items()])
        head = name(elem.tag) + "".join(f" {k}={quote}{attribute_value(v)}{quote}" for k, v in attributes)
        children = list(elem)
        if not children and not elem.text:
            return f"<{head}/>"
        inner = text(elem.text or "")
        pad = (indent and children and not (elem.text or "").strip()
               and all(not (c.tail or "").strip() for c in children))
        for child in children:
            if pad:
                inner += "\n" + "  " * (depth + 1)
            inner += element(child, depth + 1) + ("" if pad else text(child.tail or ""))
        if pad:
            inner += "\n" + "  " * depth
        return f"<{head}>{inner}</{name(elem.tag)}>"

    body = element(root, 0)
    declarations = "".join(
        f" xmlns={quote}{uri}{quote}" if p is None else f" xmlns:{p}={quote}{uri}{quote}" for uri, p in used.items()
    )
    first_end = next(i for i, ch in enumerate(body) if ch in " />")
    body = body[:first_end] + declarations + body[first_end:]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


# --- attribute orders ---------------------------------------------------------------------------


def reversed_order(items: list) -> list:
    return items[::-1]


def by_name(items: list) -> list:
    return sorted(items)


def shuffled(seed: int) -> Callable[[list], list]:
    rng = random.Random(seed)

    def order(items: list) -> list:
        items = list(items)
        rng.shuffle(items)
        return items

    return order


# --- cell references ----------------------------------------------------------------------------


def _ref(ref: str) -> tuple[int, int]:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits), column_index(ref[: len(ref) - len(digits)])


def drop_references(root: ElementTree.Element, *, fill_gaps: bool = False) -> ElementTree.Element:
    """Leaves out r="..." where the position follows from the order: a row right after the
    previous one, a cell right after the previous cell of its row. With `fill_gaps`, a skipped
    cell becomes an empty <c/> so that no r is needed at all."""
    previous_row = 0
    for row in root.iter(f"{{{MAIN}}}row"):
        number = int(row.get("r", previous_row + 1))
        if number == previous_row + 1:
            row.attrib.pop("r", None)
        previous_row = number
        previous_column = -1
        cells = list(row)
        for cell in cells:
            _, column = _ref(cell.get("r")) if cell.get("r") else (number, previous_column + 1)
            if fill_gaps:
                at = list(row).index(cell)
                for k in range(column - previous_column - 1):
                    row.insert(at + k, ElementTree.Element(f"{{{MAIN}}}c"))
            if fill_gaps or column == previous_column + 1:
                cell.attrib.pop("r", None)
            previous_column = column
    return root


def move_namespace(root: ElementTree.Element, new: str | None, old: str = MAIN) -> ElementTree.Element:
    """Every element of namespace `old` put in namespace `new` (None: no namespace). Not valid
    OOXML any more, but calamine still reads it: it matches elements by local name."""
    for element in root.iter():
        if element.tag.startswith(f"{{{old}}}"):
            local = element.tag.split("}", 1)[1]
            element.tag = local if new is None else f"{{{new}}}{local}"
    return root


def to_strict(content: bytes) -> bytes:
    """The strict OOXML namespaces (ISO 29500 Strict) instead of the transitional ones."""
    for old, new in STRICT.items():
        content = content.replace(old.encode(), new.encode())
    return content
