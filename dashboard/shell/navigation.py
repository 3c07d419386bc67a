"""The page list: which pages exist, in which section, and who may open them.

A page exists when its file exists under pages/ (a missing one must never break the app). The
menu lists the pages the role may open (`visible_pages`); the app registers the others too, hidden
from the menu (`existing_pages`), so that a link to one of them opens the page, which then says in
Dutch that this role may not see it (components.require), instead of Streamlit's English "Page not
found". Every page checks access itself; dashboard/app.py logs opening such a page as a refusal
("geweigerd", `refusal`), not as a page view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.style.theme import REGISTER_ICONS
from data_access.access import Access, AccessDenied
from i18n import N_

ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = ROOT / "pages"


@dataclass(frozen=True)
class PageSpec:
    name: str  # file stem under pages/ and URL path
    title: str  # Dutch, marked for the catalogs: shown with i18n._ (dashboard/app.py)
    section: str  # the same
    action: str | None = None  # a data_access.access.PERMISSIONS action the page needs

    @property
    def path(self) -> Path:
        return PAGES_DIR / f"{self.name}.py"

    @property
    def icon(self) -> str | None:
        return REGISTER_ICONS.get(self.name)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overzicht", N_("Overzicht"), N_("Overzicht")),
    PageSpec("klachten", N_("Klachten"), N_("Registers")),
    PageSpec("functioneringsnotas", N_("Functioneringsnota's"), N_("Registers")),
    PageSpec("tuchtdossiers", N_("Tuchtdossiers"), N_("Registers")),  # in full on the page itself
    PageSpec("meldingen", N_("Meldingen integriteit"), N_("Registers")),
    PageSpec("actieplan", N_("Actieplan"), N_("Beleid")),
    PageSpec("evaluatiecriteria", N_("Evaluatiecriteria"), N_("Beleid")),
    PageSpec("risicoanalyse", N_("Risicoanalyse"), N_("Beleid")),
    PageSpec("export", N_("Export en rapporten"), N_("Beleid"), action="export_anonymised"),
    PageSpec("gegevens", N_("Gegevens"), N_("Beheer"), action="import"),
    PageSpec("instellingen", N_("Instellingen"), N_("Beheer"), action="change_settings"),
    PageSpec("gebruikers", N_("Gebruikers"), N_("Beheer"), action="manage_users"),
    PageSpec("audit", N_("Auditlogboek"), N_("Beheer"), action="view_audit"),
)
BY_NAME = {p.name: p for p in PAGES}


def existing_pages() -> list[PageSpec]:
    """Every page whose file exists, in menu order."""
    return [page for page in PAGES if page.path.is_file()]


def refusal(page: PageSpec, access: Access) -> str | None:
    """None when `access` may open the page, else the Dutch reason it may not (the message
    components.require shows on the page, e.g. during screen sharing the screen-share one)."""

    if page.action is None:
        return None
    try:
        access.require(page.action)
    except AccessDenied as exc:
        return str(exc)
    return None


def visible_pages(access: Access) -> dict[str, list[PageSpec]]:
    """Section -> the pages this access may open whose file exists, in menu order."""
    sections: dict[str, list[PageSpec]] = {}
    for page in existing_pages():
        if page.action is not None and not access.allows(page.action):
            continue
        sections.setdefault(page.section, []).append(page)
    return sections
