"""Custom integrations (the folder Home Assistant loads them from)."""
