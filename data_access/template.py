"""The empty workbook people fill in: one sheet per register with its headers, dropdowns for
enum and ja/nee columns, date and percentage formats, a frozen header row, and a sheet "Uitleg"
that explains every column. Everything is generated from registers.py (and the conditional
requirements from validation.RULES), so the template cannot drift from the import.

It is written in the current language (i18n.current(), `python -m data_access template --lang
fr`): the French template has the same sheets, columns, lists and explanation, in the same order,
with the French words of data_access.register_terms ("Plaintes", "date de réception", "oui"/"non",
"Explication", "Listes"), which the importer reads back to the same stored values.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from data_access import register_terms as terms
from data_access.registers import REGISTERS, Column, Register
from data_access.validation import RULES, RequiredIf
from data_access.workbook import EXPLANATION_SHEET, LISTS_SHEET
from i18n import N_, _, pgettext

LAST_ROW = 1_048_576  # validations and formats cover the whole column
DATE_FORMAT = "DD/MM/YYYY"
PCT_FORMAT = "0%"
TYPE_LABELS = {
    "text": N_("tekst"),
    "date": N_("datum"),
    "int": N_("geheel getal"),
    "number": N_("getal"),
    "pct": N_("percentage"),
    "enum": N_("keuzelijst"),
    "bool": N_("ja/nee"),
}
FORMS = {
    "date": N_("een Excel-datum, of tekst dd/mm/jjjj, d/m/jjjj of jjjj-mm-dd"),
    "int": N_("bv. 2025"),
    "number": N_("decimale komma of punt, bv. 12,5"),
    "pct": N_("45, 45%, 45,5 of een cel met percentage-opmaak"),
    "bool": N_("ja of nee (ook j/n, x/leeg, 1/0); een lege cel is nee"),
}

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="C00000")


def write_template(out) -> None:
    """Writes the template to `out`: a path or a binary file object, in the current language."""
    wb = Workbook()
    explanation = wb.active
    explanation.title = pgettext("sheet", EXPLANATION_SHEET)
    lists = wb.create_sheet(pgettext("sheet", LISTS_SHEET))
    list_ranges = _write_lists(lists)
    lists.sheet_state = "hidden"
    for register in REGISTERS:
        _write_register_sheet(wb.create_sheet(terms.sheet_name(register)), register, list_ranges)
    _write_explanation(explanation)
    wb.move_sheet(lists, offset=len(wb.sheetnames))  # last, out of the way
    wb.save(out)


def _write_lists(ws) -> dict[tuple[str, ...], str]:
    """One column per distinct value list on the hidden sheet (in the current language); returns
    canonical list -> range formula."""
    ranges: dict[tuple[str, ...], str] = {}
    for register in REGISTERS:
        for column in register.columns:
            canonical = terms.choices(column)
            if not canonical or canonical in ranges:
                continue
            j = len(ranges) + 1
            letter = get_column_letter(j)
            ws.cell(row=1, column=j, value=f"{terms.sheet_name(register)} - {terms.header(column)}")
            values = terms.values(column)
            for i, value in enumerate(values, start=2):
                ws.cell(row=i, column=j, value=value).data_type = "s"
            ranges[canonical] = f"{_sheet_reference(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _sheet_reference(title: str) -> str:
    """A sheet name as a formula names it: quoted when it is more than letters and digits."""
    return title if title.isalnum() else "'" + title.replace("'", "''") + "'"


def _write_register_sheet(ws, register: Register, list_ranges: dict[tuple[str, ...], str]) -> None:
    for j, column in enumerate(register.columns, start=1):
        letter = get_column_letter(j)
        header = terms.header(column)
        cell = ws.cell(row=1, column=j, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        dimension = ws.column_dimensions[letter]
        dimension.width = _width(column)
        cells = f"{letter}2:{letter}{LAST_ROW}"
        if column.type == "date":
            dimension.number_format = DATE_FORMAT
            _validate(ws, cells, DataValidation(
                type="date", operator="between", formula1="DATE(1900,1,1)", formula2="DATE(2100,12,31)",
                error=_("Vul een datum in (dd/mm/jjjj)."), errorTitle=header,
            ))
        elif column.type == "pct":
            dimension.number_format = PCT_FORMAT
        elif column.type == "int":
            _validate(ws, cells, DataValidation(type="whole", operator="between", formula1="-2147483647",
                                                formula2="2147483647", error=_("Vul een geheel getal in."),
                                                errorTitle=header))
        elif column.type in ("enum", "bool"):
            _validate(ws, cells, DataValidation(
                type="list", formula1=list_ranges[terms.choices(column)], allow_blank=True,
                error=_("Kies een waarde uit de lijst: {values}.").format(values=", ".join(terms.values(column))),
                errorTitle=header,
            ))
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"


def _validate(ws, cells: str, validation: DataValidation) -> None:
    validation.showErrorMessage = True
    validation.add(cells)
    ws.add_data_validation(validation)


def _width(column: Column) -> float:
    if column.free_text:
        return 50
    longest = max([len(terms.header(column)), *(len(v) for v in terms.values(column) if column.type == "enum")],
                  default=0)
    return min(max(longest + 3, 14 if column.type == "date" else 12), 40)


def requirement(register: Register, column: Column) -> str:
    """'ja (sleutel)', 'ja', 'als status afgesloten is' or 'nee', for the explanation."""
    if column.key:
        return _("ja (sleutel)")
    if column.required:
        return terms.value("ja")
    conditions = [
        _("als {header} {values} is").format(header=terms.header(register.column(rule.when)),
                                             values=_(" of ").join(terms.value(v) for v in rule.values))
        for rule in RULES.get(register.name, ())
        if isinstance(rule, RequiredIf) and rule.column == column.name
    ]
    return "; ".join(conditions) or terms.value("nee")


def _write_explanation(ws) -> None:
    ws["A1"] = _("Sjabloon registers integriteitsbeleid")
    ws["A1"].font = Font(bold=True, size=14)
    intro = _(
        "Vul elk register in op het blad met zijn naam; de eerste rij bevat de kolomkoppen. Rode koppen zijn "
        "verplicht. Lege rijen en extra kolommen worden genegeerd. Bij het inlezen wordt elke rij gecontroleerd: "
        "is er één fout, dan wordt niets weggeschreven en krijgt u de lijst van alle fouten (blad, rij, kolom). "
        "Een rij met een bestaande sleutel werkt de bestaande rij bij; rijen die in het bestand ontbreken, "
        "blijven bewaard. Kolommen met persoonsgegevens zijn enkel zichtbaar voor wie personen mag zien."
    )
    ws["A2"] = intro
    ws.merge_cells("A2:G2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 75
    headers = (_("Blad"), _("Kolom"), _("Type"), _("Verplicht"), _("Toegelaten waarden"), _("Regel"),
               _("Persoonsgegeven"))
    for j, text in enumerate(headers, start=1):
        cell = ws.cell(row=4, column=j, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    row = 5
    for register in REGISTERS:
        for column in register.columns:
            values = ", ".join(terms.values(column)) if column.values else _(FORMS[column.type]) if column.type in FORMS else ""
            for j, text in enumerate((terms.sheet_name(register), terms.header(column), _(TYPE_LABELS[column.type]),
                                      requirement(register, column), values, _(column.help) if column.help else "",
                                      terms.value("ja" if column.personal else "nee")), start=1):
                cell = ws.cell(row=row, column=j, value=text)
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    for letter, width in zip("ABCDEFG", (22, 26, 13, 22, 50, 60, 16)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
