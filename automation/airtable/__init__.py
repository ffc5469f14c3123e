"""The Airtable gateway: one client, one choke point for HTTP, typed records in and out."""

from automation.airtable.gateway import Gateway
from automation.airtable.schema_map import SchemaMap
from automation.airtable.transport import RetryPolicy

__all__ = ["Gateway", "RetryPolicy", "SchemaMap"]
