"""The editors' desk: admin, publishing workflow, history, review and imports."""
