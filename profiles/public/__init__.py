"""The public site: pages, browsing, comparison, sharing, feeds and sitemaps."""
