"""The web UI (``onrecord serve``): pages and a JSON API over the store, read-only."""

from onrecord.web.app import create_app

__all__ = ["create_app"]
