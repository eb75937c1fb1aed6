"""Docker HEALTHCHECK: GET /healthz on this container, exit 0 on 200 "ok".

Sends the first ALLOWED_HOSTS entry as Host, so Django's host check passes.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
if host in {"", "*"}:
    host = "localhost"
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (fixed URL)
        sys.exit(0 if response.status == 200 and response.read() == b"ok" else 1)
except Exception as error:  # noqa: BLE001 (any failure means unhealthy)
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
