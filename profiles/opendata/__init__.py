"""Open data: downloads of the published catalogue and the read-only JSON API."""
