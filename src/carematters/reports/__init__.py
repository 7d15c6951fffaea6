"""Renderers: HTML, XLSX, CSV (and charts) built from engine results only."""
