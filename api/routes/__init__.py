"""One router module per resource; api/index.py includes them."""
