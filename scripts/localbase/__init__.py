"""A local double of Airtable's Web API (records, meta, webhooks) for the demo and the tests.

Start it with ``python -m scripts.localbase``; in tests use ``scripts.localbase.testing.LocalBaseServer``.
It imports nothing from the product (automation/, api/, schema/).
"""
