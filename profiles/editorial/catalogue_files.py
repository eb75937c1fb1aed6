"""Whole-catalogue files: one file (XLSX, JSON) or directory (CSV) with three tables.

- XLSX: one workbook, one sheet per table (Handlungsfelder, Steckbriefe,
  Praxisbeispiele);
- JSON: one object {"handlungsfelder": [...], "steckbriefe": [...],
  "praxisbeispiele": [...]}, each a list of rows;
- CSV: a directory with handlungsfelder.csv, steckbriefe.csv,
  praxisbeispiele.csv, or a single CSV file named after its table.
"""

import json
from pathlib import Path

import tablib

from profiles.editorial.imports import (
    ImportFileError,
    check_rows,
    check_size,
    dump_csv,
    load_csv,
    read_xlsx,
    write_xlsx,
)
from profiles.editorial.resources import TABLES

SHEET_TITLES = {
    "handlungsfelder": "Handlungsfelder",
    "steckbriefe": "Steckbriefe",
    "praxisbeispiele": "Praxisbeispiele",
}
FORMATS = ["csv", "xlsx", "json"]


class CatalogueFileError(Exception):
    """A file that cannot be read as catalogue tables (German message)."""


def guess_format(path: Path) -> str:
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise CatalogueFileError(
        f"Format von „{path.name}“ unbekannt: bitte --format csv, xlsx oder json angeben."
    )


def export_datasets() -> dict[str, tablib.Dataset]:
    return {table: resource().export() for table, resource in TABLES}


def write_catalogue(path: Path, file_format: str) -> list[Path]:
    """Write the whole catalogue; returns the files written."""
    datasets = export_datasets()
    if file_format != "csv":
        path.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "csv":
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for table, dataset in datasets.items():
            target = path / f"{table}.csv"
            target.write_text(dump_csv(dataset), encoding="utf-8")
            written.append(target)
        return written
    if file_format == "json":
        data = {table: json.loads(dataset.export("json")) for table, dataset in datasets.items()}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return [path]
    if file_format == "xlsx":
        sheets = [(SHEET_TITLES[table], dataset) for table, dataset in datasets.items()]
        path.write_bytes(write_xlsx(sheets))
        return [path]
    raise CatalogueFileError(f"Unbekanntes Format „{file_format}“.")


def _dataset_from_rows(rows, table) -> tablib.Dataset:
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise CatalogueFileError(f"Tabelle „{table}“: erwartet eine Liste von Zeilen (Objekten).")
    dataset = tablib.Dataset()
    headers = []
    for row in rows:
        headers.extend(key for key in row if key not in headers)
    dataset.headers = headers
    for row in rows:
        dataset.append([row.get(header) for header in headers])
    return dataset


def _read(file: Path) -> bytes:
    check_size(file.stat().st_size, f"„{file.name}“")
    return file.read_bytes()


def read_catalogue(path: Path, file_format: str, table: str | None = None):
    """Read {table: Dataset} from a catalogue file or directory."""
    tables = [name for name, _resource in TABLES]
    if table is not None and table not in tables:
        raise CatalogueFileError(f"Unbekannte Tabelle „{table}“ (erlaubt: {', '.join(tables)}).")
    if not path.exists():
        raise CatalogueFileError(f"„{path}“ gibt es nicht.")
    try:
        if file_format == "csv":
            files = (
                {name: path / f"{name}.csv" for name in tables if (path / f"{name}.csv").exists()}
                if path.is_dir()
                else {table or path.stem.lower(): path}
            )
            unknown = [name for name in files if name not in tables]
            if unknown:
                raise CatalogueFileError(
                    f"Welche Tabelle ist „{path.name}“? Bitte --tabelle angeben "
                    f"({', '.join(tables)})."
                )
            return {name: load_csv(_read(file).decode("utf-8-sig")) for name, file in files.items()}
        if file_format == "json":
            data = json.loads(_read(path).decode("utf-8"))
            if isinstance(data, list):
                if table is None:
                    raise CatalogueFileError(
                        "Die JSON-Datei enthält nur eine Liste: bitte --tabelle angeben."
                    )
                return {table: _dataset_from_rows(data, table)}
            if not isinstance(data, dict):
                raise CatalogueFileError("Die JSON-Datei muss ein Objekt mit Tabellen sein.")
            unknown = [name for name in data if name not in tables]
            if unknown:
                raise CatalogueFileError(f"Unbekannte Tabellen: {', '.join(unknown)}.")
            datasets = {name: _dataset_from_rows(rows, name) for name, rows in data.items()}
            for name, dataset in datasets.items():
                check_rows(dataset, name)
            return datasets
        if file_format == "xlsx":
            sheets = read_xlsx(_read(path))
            by_title = {title.lower(): name for name, title in SHEET_TITLES.items()}
            datasets = {}
            for title, sheet in sheets:
                name = by_title.get((title or "").lower())
                if name is None and table is not None and len(sheets) == 1:
                    name = table
                if name is None:
                    raise CatalogueFileError(
                        f"Unbekanntes Tabellenblatt „{title}“ "
                        f"(erwartet: {', '.join(SHEET_TITLES.values())})."
                    )
                datasets[name] = sheet
            return datasets
    except CatalogueFileError:
        raise
    except ImportFileError as error:
        raise CatalogueFileError(str(error)) from error
    except Exception as error:
        # json, csv, openpyxl and tablib each raise their own errors for broken files.
        raise CatalogueFileError(
            f"„{path.name}“ ist keine lesbare {file_format.upper()}-Datei: {error}"
        ) from error
    raise CatalogueFileError(f"Unbekanntes Format „{file_format}“.")


def describe_errors(table: str, result) -> list[str]:
    """German lines naming each failed row and column."""
    lines = []
    for row_number, errors in result.row_errors():
        for error in errors:
            lines.append(f"{table}, Zeile {row_number}: {error.error}")
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            for message in messages:
                lines.append(f"{table}, Zeile {invalid.number}, Spalte „{column}“: {message}")
        for message in invalid.non_field_specific_errors:
            lines.append(f"{table}, Zeile {invalid.number}: {message}")
    for error in result.base_errors:
        lines.append(f"{table}: {error.error}")
    return lines
