"""carematters: the corporate parent's system for children in care."""

__version__ = "0.1.0"
