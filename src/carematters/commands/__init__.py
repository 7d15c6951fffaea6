"""Sub-commands of the `carematters` CLI: one module each, with a `register(app)` function."""
