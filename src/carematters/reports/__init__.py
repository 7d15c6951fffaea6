"""Renderers: reports built from engine results only (HTML, PDF, SVG charts)."""
