"""The web app and JSON API: ``create_app(db)``, served by ``storytrace serve``."""

from .app import create_app

__all__ = ["create_app"]
