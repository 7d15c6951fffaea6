"""Renderers: charts (SVG), HTML fragments and workbooks, made from engine results only."""
