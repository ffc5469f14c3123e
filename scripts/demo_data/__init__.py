"""A deterministic demo business for `python -m scripts.seed_demo` (every email address on .example)."""
