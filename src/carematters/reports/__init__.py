"""Renderers: reports made from engine results only (HTML, PDF, XLSX, SVG charts)."""
