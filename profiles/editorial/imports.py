"""Safe reading and writing of spreadsheet files for import and export.

- Limits: at most ``IMPORT_MAX_BYTES`` per file, ``IMPORT_MAX_ROWS`` rows per
  table and ``IMPORT_MAX_UNPACKED_BYTES`` inside an XLSX (a "zip bomb" is
  refused before it is unpacked). With these limits and linear text handling
  an import finishes well within the worker timeout (docs/benchmark.md).
- Formulas: CSV cells that a spreadsheet would run as a formula are written
  with a leading apostrophe (OWASP) and read back without it; XLSX cells are
  always written as text, never as formulas. A round trip returns every text
  unchanged.
- CSV with commas or with semicolons (as German spreadsheet programs save it).
- Uploads wait for the editor's confirmation in the database
  (``ImportUpload``), not in one container's /tmp, bound to the uploader.

Every problem is a ``ImportFileError`` with a German message.
"""

import contextvars
import csv
import io
import uuid
import zipfile
from datetime import timedelta

import tablib
from django.conf import settings
from django.utils import timezone
from import_export.formats import base_formats
from import_export.tmp_storages import BaseStorage

from profiles.text import escape_formula, unescape_formula


class ImportFileError(ValueError):
    """A file that may not or cannot be imported (German message)."""


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def _megabytes(number: int) -> str:
    return f"{number / 1_000_000:.1f}".replace(".", ",") + " MB"


def check_size(size: int, name: str = "Die Datei") -> None:
    if size > max_bytes():
        raise ImportFileError(
            f"{name} ist {_megabytes(size)} groß; höchstens {_megabytes(max_bytes())} "
            "sind erlaubt. Bitte in mehrere Dateien teilen."
        )


def check_rows(dataset: tablib.Dataset, table: str = "") -> None:
    where = f"Tabelle „{table}“: " if table else ""
    if dataset.height > max_rows():
        raise ImportFileError(
            f"{where}{dataset.height} Zeilen; höchstens {max_rows()} Zeilen je Datei sind "
            "erlaubt. Bitte in mehrere Dateien teilen."
        )


def check_xlsx(data: bytes) -> None:
    """Refuse a broken XLSX or one that unpacks to far more than its size (zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportFileError("Die Datei ist keine lesbare XLSX-Datei.") from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > 1000 or unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"Die XLSX-Datei entpackt sich auf {_megabytes(unpacked)}; höchstens "
            f"{_megabytes(settings.IMPORT_MAX_UNPACKED_BYTES)} sind erlaubt."
        )


def _cell_text(value):
    if isinstance(value, str):
        return unescape_formula(value)
    return value


def load_csv(text: str) -> tablib.Dataset:
    """A CSV table, separated by commas or semicolons; escaped formulas restored."""
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    dataset = tablib.Dataset()
    try:
        headers = next(rows)
    except StopIteration:
        return dataset
    except csv.Error as error:
        raise ImportFileError(f"Die CSV-Datei ist nicht lesbar: {error}.") from None
    dataset.headers = [header.strip() for header in headers]
    width = len(headers)
    try:
        for number, row in enumerate(rows, 2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise ImportFileError(
                    f"CSV-Zeile {number} hat {len(row)} statt {width} Spalten. Steht ein "
                    "Trennzeichen oder Anführungszeichen zu viel im Text?"
                )
            dataset.append([_cell_text(cell) for cell in row])
            if dataset.height > max_rows():
                check_rows(dataset)
    except csv.Error as error:
        raise ImportFileError(f"Die CSV-Datei ist nicht lesbar: {error}.") from None
    return dataset


def dump_csv(dataset: tablib.Dataset) -> str:
    """CSV with commas; cells that could run as formulas get a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.headers or [])
    for row in dataset:
        writer.writerow([escape_formula(cell) for cell in row])
    return buffer.getvalue()


def write_xlsx(sheets: list[tuple[str, tablib.Dataset]]) -> bytes:
    """An XLSX workbook whose text cells are text, never formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, dataset in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append(list(dataset.headers or []))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for row in dataset:
            sheet.append(["" if value is None else value for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    # openpyxl marks text starting with "=" as a formula; text it stays.
                    cell.data_type = "s"
                    if "\n" in cell.value:
                        cell.alignment = wrap
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> list[tuple[str, tablib.Dataset]]:
    """The sheets of an XLSX as (title, Dataset), within the limits."""
    from openpyxl import load_workbook

    check_size(len(data))
    check_xlsx(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        raise ImportFileError(
            f"Die Datei ist keine lesbare XLSX-Datei ({type(error).__name__})."
        ) from None
    sheets = []
    try:
        for sheet in book.worksheets:
            dataset = tablib.Dataset()
            rows = sheet.iter_rows(values_only=True)
            headers = next(rows, None)
            if headers is None:
                sheets.append((sheet.title, dataset))
                continue
            while headers and headers[-1] is None:
                headers = headers[:-1]
            dataset.headers = ["" if h is None else str(h).strip() for h in headers]
            width = len(dataset.headers)
            for row in rows:
                values = list(row[:width]) + [None] * (width - len(row))
                if all(value is None or value == "" for value in values):
                    continue
                dataset.append(values)
                if dataset.height > max_rows():
                    check_rows(dataset, sheet.title)
            sheets.append((sheet.title, dataset))
    finally:
        book.close()
    return sheets


# Formats for the admin's import/export (django-import-export) --------------


class SafeCSV(base_formats.CSV):
    """CSV with the limits, semicolon detection and formula escaping above."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            check_size(len(in_stream))
            try:
                in_stream = in_stream.decode(self.encoding or "utf-8-sig")
            except UnicodeDecodeError:
                raise ImportFileError(
                    "Die CSV-Datei ist nicht UTF-8-kodiert. Bitte als „CSV UTF-8“ speichern."
                ) from None
        check_size(len(in_stream.encode("utf-8")))
        return load_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        return dump_csv(dataset)


class SafeXLSX(base_formats.XLSX):
    """XLSX whose text cells are text (never formulas), read within the limits."""

    def create_dataset(self, in_stream):
        sheets = read_xlsx(in_stream)
        return sheets[0][1] if sheets else tablib.Dataset()

    def export_data(self, dataset, **kwargs):
        return write_xlsx([(dataset.title or "Tabelle", dataset)])


class SafeJSON(base_formats.JSON):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            check_size(len(in_stream))
            in_stream = in_stream.decode(self.encoding or "utf-8")
        check_size(len(in_stream.encode("utf-8")))
        try:
            dataset = super().create_dataset(in_stream, **kwargs)
        except Exception as error:  # noqa: BLE001 - json and tablib errors
            raise ImportFileError(
                f"Die Datei ist keine lesbare JSON-Liste von Zeilen ({type(error).__name__})."
            ) from None
        check_rows(dataset)
        return dataset


# Uploads between preview and confirmation -----------------------------------

# The editor who uploads or confirms, set by the admin around its import views.
current_user = contextvars.ContextVar("import_user", default=None)


class DatabaseStorage(BaseStorage):
    """django-import-export's temporary storage, in the database (ImportUpload).

    Names are random; a name that does not exist, belongs to another editor or
    is older than IMPORT_UPLOAD_MAX_AGE_HOURS reads as ``ImportFileError``.
    """

    def save(self, data):
        from profiles.models import ImportUpload

        if isinstance(data, str):
            data = data.encode("utf-8")
        cutoff = timezone.now() - timedelta(hours=settings.IMPORT_UPLOAD_MAX_AGE_HOURS)
        ImportUpload.objects.filter(created__lt=cutoff).delete()
        self.name = uuid.uuid4().hex
        user = current_user.get()
        ImportUpload.objects.create(
            name=self.name,
            user=user if getattr(user, "is_authenticated", False) else None,
            data=data,
        )

    def _upload(self):
        from profiles.models import ImportUpload

        cutoff = timezone.now() - timedelta(hours=settings.IMPORT_UPLOAD_MAX_AGE_HOURS)
        upload = ImportUpload.objects.filter(
            name=str(self.name or "")[:64], created__gte=cutoff
        ).first()
        user = current_user.get()
        if upload is None or (upload.user_id is not None and upload.user_id != user.pk):
            raise ImportFileError(
                "Die hochgeladene Datei ist nicht mehr vorhanden (abgelaufen, schon "
                "importiert oder nicht Ihre). Bitte die Datei erneut hochladen."
            )
        return upload

    def read(self):
        data = bytes(self._upload().data)
        if self.read_mode == "r":
            return data.decode(self.encoding or "utf-8")
        return data

    def remove(self):
        from profiles.models import ImportUpload

        ImportUpload.objects.filter(name=str(self.name or "")[:64]).delete()
