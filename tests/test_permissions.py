"""Permission matrix, in the style of datasette's test_permissions: one table row per
(role, screen_share, action) with the expected answer, checked both through Access.allows and
through the place the data is actually read (data_access.reader)."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.access import PERMISSIONS, ROLES, Access, AccessDenied
from data_access.reader import read_rows
from data_access.schema import REGISTER_TABLES
from tests.page_checks import menu_pages

ACTIONS = ("read_rows", "read_persons", "import", "change_settings", "export_full", "export_anonymised", "view_audit",
           "manage_users", "filter_dienst", "choose_reference_date", "make_reports")

K, C, N = "korpsleiding", "integriteitscoordinator", "netwerk"
# (role, screen_share, action, allowed)
MATRIX = [
    (K, False, "read_rows", True),
    (K, False, "read_persons", True),
    (K, False, "import", False),
    (K, False, "change_settings", False),
    (K, False, "export_full", True),
    (K, False, "export_anonymised", True),
    (K, False, "view_audit", False),
    (K, False, "manage_users", False),
    (K, False, "filter_dienst", True),
    (K, False, "choose_reference_date", True),
    (K, False, "make_reports", True),
    (C, False, "read_rows", True),
    (C, False, "read_persons", True),
    (C, False, "import", True),
    (C, False, "change_settings", True),
    (C, False, "export_full", True),
    (C, False, "export_anonymised", True),
    (C, False, "view_audit", True),
    (C, False, "manage_users", True),
    (C, False, "filter_dienst", True),
    (C, False, "choose_reference_date", True),
    (C, False, "make_reports", True),
    (N, False, "read_rows", False),
    (N, False, "read_persons", False),
    (N, False, "import", False),
    (N, False, "change_settings", False),
    (N, False, "export_full", False),
    (N, False, "export_anonymised", True),
    (N, False, "view_audit", False),
    (N, False, "manage_users", False),
    (N, False, "filter_dienst", False),
    (N, False, "choose_reference_date", False),
    (N, False, "make_reports", False),
] + [
    # Screen-share mode: every role gets the netwerk view, whatever it may do otherwise.
    (role, True, action, action == "export_anonymised")
    for role in ROLES
    for action in ACTIONS
]


def test_matrix_covers_every_role_mode_and_action():
    assert {(r, s, a) for r, s, a, _ in MATRIX} == {(r, s, a) for r in ROLES for s in (False, True) for a in ACTIONS}
    assert set(PERMISSIONS) == set(ACTIONS)


@pytest.mark.parametrize("role,screen_share,action,allowed", MATRIX)
def test_permission(role, screen_share, action, allowed):
    access = Access(user="u", role=role, screen_share=screen_share)
    assert access.allows(action) is allowed
    if allowed:
        access.require(action)
    else:
        with pytest.raises(AccessDenied) as info:
            access.require(action)
        # Dutch message for the screen; in screen-share mode it says how to get the right back
        assert ("Schermdeling" in str(info.value)) == (screen_share and role in PERMISSIONS[action])


@pytest.fixture
def one_complaint(engine):
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["klachten"].insert().values(
                dossiernummer="KL-2025-0001",
                datum_ontvangst=dt.date(2025, 3, 1),
                kanaal="burger",
                categorie="geweld",
                dienst="Interventie",
                status="ontvangen",
                medewerker="Jan Peeters",
            )
        )
    return engine


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen_share", [False, True])
def test_read_rows_enforces_the_matrix(one_complaint, role, screen_share):
    access = Access(user="u", role=role, screen_share=screen_share)
    with one_complaint.connect() as conn:
        if access.allows("read_rows"):
            df = read_rows(conn, "klachten", access)
            assert df["medewerker"].tolist() == ["Jan Peeters"]
        else:
            with pytest.raises(AccessDenied, match="geaggregeerde|Schermdeling"):
                read_rows(conn, "klachten", access)


def test_unknown_action_and_role_are_errors():
    with pytest.raises(KeyError):
        Access(user="u", role=K).allows("delete_everything")
    with pytest.raises(ValueError, match="Onbekende rol"):
        Access(user="u", role="beheerder")


# --- role x page: which pages the menu offers (dashboard.shell.navigation, used by dashboard/app.py) ---

ALL = set(ROLES)
# page -> roles that get it outside screen-share mode; in screen-share mode only the pages
# without a person-revealing action stay, for every role.
PAGE_ROLES = {
    "overzicht": ALL,
    "klachten": ALL,
    "functioneringsnotas": ALL,
    "tuchtdossiers": ALL,
    "meldingen": ALL,
    "actieplan": ALL,
    "evaluatiecriteria": ALL,
    "risicoanalyse": ALL,  # the register names no person (registers.md §8)
    "export": ALL,  # the anonymised version is open to every role; the full one is checked on the page
    "gegevens": {C},
    "instellingen": {C},
    "gebruikers": {C},
    "audit": {C},
}
SCREEN_SHARE_PAGES = {"overzicht", "klachten", "functioneringsnotas", "tuchtdossiers", "meldingen", "actieplan",
                      "evaluatiecriteria", "risicoanalyse", "export"}
PAGE_MATRIX = [
    (page, role, screen_share, (page in SCREEN_SHARE_PAGES) if screen_share else role in roles)
    for page, roles in PAGE_ROLES.items()
    for role in ROLES
    for screen_share in (False, True)
]


@pytest.mark.parametrize("page,role,screen_share,visible", PAGE_MATRIX)
def test_page_permission(page, role, screen_share, visible):
    from dashboard.shell import navigation

    spec = navigation.BY_NAME.get(page)
    if spec is None or not spec.path.is_file():
        pytest.skip(f"page {page} not in the menu")
    shown = {s.name for s in menu_pages(Access("u", role, screen_share))}
    assert (page in shown) is visible


def test_page_matrix_covers_every_page_in_the_menu():
    from dashboard.shell import navigation

    assert {p.name for p in navigation.PAGES} <= set(PAGE_ROLES)
