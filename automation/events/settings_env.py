"""The deployment configuration, with a missing variable turned into a clear ConfigError (HTTP 503)."""

from __future__ import annotations

from pydantic import ValidationError

from automation.config import Config, get_config
from automation.errors import ConfigError


def config() -> Config:
    """get_config(), but naming the missing or invalid variables instead of a pydantic traceback."""
    try:
        return get_config()
    except ValidationError as exc:
        names = sorted({str(e["loc"][0]).upper() for e in exc.errors() if e.get("loc")})
        raise ConfigError("environment variables missing or invalid: " + ", ".join(names)) from None
