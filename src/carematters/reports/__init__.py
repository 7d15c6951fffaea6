"""Renderers: tables, charts, spreadsheets and documents made from engine results only."""
