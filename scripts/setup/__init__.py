"""Base-as-code tooling behind `python -m scripts.setup_base`: match a base's schema to `schema/`, plan the
migration (pure), apply it through the Meta API, print what happens."""
