"""The page list: which pages exist, in which section, and who may open them.

A page is listed only when its file exists under pages/ (pages are written in parallel; a missing
one must never break the app) and when the role allows it. Every page checks access again itself
(components.require).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data_access.access import Access
from dashboard.theme import REGISTER_ICONS

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "pages"


@dataclass(frozen=True)
class PageSpec:
    name: str  # file stem under pages/ and URL path
    title: str
    section: str
    action: str | None = None  # a data_access.access.PERMISSIONS action the page needs

    @property
    def path(self) -> Path:
        return PAGES_DIR / f"{self.name}.py"

    @property
    def icon(self) -> str | None:
        return REGISTER_ICONS.get(self.name)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overzicht", "Overzicht", "Overzicht"),
    PageSpec("klachten", "Klachten", "Registers"),
    PageSpec("functioneringsnotas", "Functioneringsnota's", "Registers"),
    PageSpec("tuchtdossiers", "Tuchtdossiers", "Registers"),  # in full on the page itself
    PageSpec("meldingen", "Meldingen integriteit", "Registers"),
    PageSpec("actieplan", "Actieplan", "Beleid"),
    PageSpec("evaluatiecriteria", "Evaluatiecriteria", "Beleid"),
    PageSpec("export", "Jaarexport", "Beleid", action="export_anonymised"),
    PageSpec("gegevens", "Gegevens", "Beheer", action="import"),
    PageSpec("instellingen", "Instellingen", "Beheer", action="change_settings"),
    PageSpec("audit", "Auditlogboek", "Beheer", action="view_audit"),
)
BY_NAME = {p.name: p for p in PAGES}


def visible_pages(access: Access) -> dict[str, list[PageSpec]]:
    """Section -> the pages this access may open whose file exists, in menu order."""
    sections: dict[str, list[PageSpec]] = {}
    for page in PAGES:
        if not page.path.is_file():
            continue
        if page.action is not None and not access.allows(page.action):
            continue
        sections.setdefault(page.section, []).append(page)
    return sections
