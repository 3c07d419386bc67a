"""Command line: python -m data_access {init,import,template,user} ...

Each subcommand lives in the module named for what it does; this file only dispatches.
Exit codes: 0 success, 1 refused input (messages printed), 2 usage or unreachable database.
"""

from __future__ import annotations

import sys

from data_access.cli import add_lang_argument
from data_access.db import DatabaseUnavailable, connect, describe_url
from data_access.importer import cli_import
from data_access.template import write_template
from data_access.users import cli_user_add
from i18n import _, language
from i18n.cli import parser as cli_parser


def main(argv: list[str] | None = None) -> int:
    parser = cli_parser(prog="python -m data_access", description="Registers integriteitsbeleid")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", help="databank aanmaken of bijwerken (schema)")
    p.add_argument("--database-url")

    p = sub.add_parser("import", help="een Excel-werkmap inlezen")
    p.add_argument("file")
    p.add_argument("--database-url")
    p.add_argument("--dry-run", action="store_true", help="enkel controleren, niets wegschrijven")
    p.add_argument("--user", default=None, help="naam voor het importlogboek (standaard: de systeemgebruiker)")
    add_lang_argument(p, "taal van de meldingen")

    p = sub.add_parser("template", help="een leeg sjabloon met alle registers schrijven")
    p.add_argument("out")
    add_lang_argument(p, "taal van het sjabloon")

    p = sub.add_parser("user", help="lokale gebruikers beheren")
    user_sub = p.add_subparsers(dest="user_command", required=True)
    pa = user_sub.add_parser("add", help="gebruiker toevoegen (wachtwoord via standaardinvoer)")
    pa.add_argument("name")
    pa.add_argument("--role", required=True)
    pa.add_argument("--database-url")
    pa.add_argument("--oidc", action="store_true", help="account zonder wachtwoord, aanmelden via de organisatie (OIDC)")

    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None)

    try:
        if args.command == "init":
            engine = connect(args.database_url)
            print(f"Databank klaar: {describe_url(engine.url)}")
            return 0
        if args.command == "import":
            return cli_import(args.file, database_url=args.database_url, dry_run=args.dry_run, user=args.user, lang=lang)
        if args.command == "template":
            with language(lang):
                write_template(args.out)
                print(_("Sjabloon geschreven: {file}").format(file=args.out))
            return 0
        if args.command == "user":
            return cli_user_add(args.name, role=args.role, database_url=args.database_url, oidc=args.oidc)
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
