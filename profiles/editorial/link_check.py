"""Check that source addresses still answer: for editors, run by ``manage.py check_sources``.

Each distinct URL is asked once with HEAD; servers that refuse HEAD (405, 501, some 403)
or drop the connection on it are asked again with GET, of which only the status line and
headers are read. At most ``workers`` requests run at once, each with a timeout, so a
slow or hanging server cannot stall the whole run. Redirects are followed (urllib's
default, up to its limit); the final status decides.
"""

import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

USER_AGENT = "Steckbrief-Katalog Quellenpruefung (+https://github.com/)"
# HEAD answers that say "try GET" rather than "gone".
RETRY_WITH_GET = {403, 405, 406, 429, 500, 501, 502, 503}


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None  # final HTTP status, None if no answer
    method: str  # the method that gave the final answer
    error: str = ""  # a short German reason when not ok

    @property
    def reason(self) -> str:
        if self.ok:
            return f"HTTP {self.status}"
        return self.error or f"HTTP {self.status}"


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _reason(error: Exception) -> str:
    if isinstance(error, urllib.error.URLError):
        error = error.reason if isinstance(error.reason, Exception) else error
    if isinstance(error, TimeoutError | socket.timeout):
        return "Zeitüberschreitung"
    if isinstance(error, socket.gaierror):
        return "Adresse nicht auflösbar"
    if isinstance(error, ConnectionRefusedError):
        return "Verbindung abgelehnt"
    if isinstance(error, ValueError):
        return "ungültige Adresse"
    return f"keine Antwort ({type(error).__name__})"


def check_url(url: str, timeout: float = 10.0) -> LinkResult:
    """HEAD, then GET if the server will not answer HEAD usefully."""
    if not url.lower().startswith(("http://", "https://")):
        return LinkResult(url, False, None, "", "keine http(s)-Adresse")
    try:
        status = _request(url, "HEAD", timeout)
    except Exception as error:  # noqa: BLE001 - any failure: try GET before giving up
        head_error = error
        status = None
    else:
        head_error = None
        if status < 400:
            return LinkResult(url, True, status, "HEAD")
        if status not in RETRY_WITH_GET:
            return LinkResult(url, False, status, "HEAD")
    if isinstance(head_error, TimeoutError | socket.timeout) or (
        isinstance(head_error, urllib.error.URLError)
        and isinstance(head_error.reason, TimeoutError | socket.timeout | socket.gaierror)
    ):
        return LinkResult(url, False, None, "HEAD", _reason(head_error))
    try:
        status = _request(url, "GET", timeout)
    except Exception as error:  # noqa: BLE001
        return LinkResult(url, False, None, "GET", _reason(error))
    return LinkResult(url, status < 400, status, "GET")


def check_urls(urls, *, workers: int = 8, timeout: float = 10.0) -> list[LinkResult]:
    """Check each distinct URL once, at most ``workers`` at a time; results in input order."""
    distinct = list(dict.fromkeys(urls))
    if not distinct:
        return []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda url: check_url(url, timeout), distinct))
