"""Planning in the web app: the care population forecast with its bands, costs, sufficiency
split and backtest; saved what-if scenarios compared with the base case; the authority's dated
unit-cost table (docs/planning-web.md)."""
