"""Structured logs: one JSON object per line.

Used by Django's LOGGING and by gunicorn (gunicorn.conf.py). For gunicorn's
access log it writes the request's fields (method, path, status, duration ...)
instead of the Apache-style text line.
"""

import json
import logging
from datetime import UTC, datetime

# gunicorn's access-log atoms and the names we log them under.
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "h": "remote_addr",
    "f": "referer",
    "a": "user_agent",
    "H": "protocol",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["event"] = "request"
            atoms = record.args
            for atom, field in ACCESS_FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "", "-"):
                    # gunicorn escapes quotes for its text format; JSON does its own.
                    entry[field] = value.replace('\\"', '"') if isinstance(value, str) else value
            entry["status"] = int(atoms.get("s", 0) or 0)
            entry["duration_ms"] = round(int(atoms.get("D", 0) or 0) / 1000, 2)
            forwarded_for = atoms.get("{x-forwarded-for}i")
            if forwarded_for not in (None, "-"):
                entry["forwarded_for"] = forwarded_for
        else:
            entry["message"] = record.getMessage()
            status = getattr(record, "status_code", None)
            if status is not None:
                entry["status"] = status
            request = getattr(record, "request", None)
            if request is not None and hasattr(request, "path"):
                entry["method"] = getattr(request, "method", None)
                entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)
