"""The embedded Oxigraph store: where it lives, how it is built, and what can be asked of it."""
