"""The plain style the stand-alone HTML reports share (GOV.UK colours, no external files), so a
report opened from disk or printed looks the same as its siblings."""

#: Page and headings.
BASE_HEAD_CSS = """
body{font-family:Arial,sans-serif;color:#0b0c0c;margin:2em;max-width:1100px}
h1{font-size:2em}h2{border-top:2px solid #1d70b8;padding-top:.5em;margin-top:2em}
"""

#: Page, headings, tables and charts; each report adds its own few rules after it.
BASE_CSS = BASE_HEAD_CSS + """
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.4em;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{display:inline-block;margin:.5em;vertical-align:top}svg{max-width:100%;height:auto}
"""
