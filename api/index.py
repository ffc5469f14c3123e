"""The FastAPI app Vercel serves (every path is rewritten to it) and a Mangum handler for AWS Lambda.

Import stays light: no OpenAI, Stripe, SendGrid or Slack SDK is loaded here (they are imported where used).
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings

from fastapi import FastAPI
from mangum import Mangum

from api import errors
from api.routes import airtable, cron, health, stripe, triggers

# Routers of other capabilities, included once their module exists (issues 5 and 6).
CAPABILITY_ROUTERS = (
    "api.routes.messages",  # POST /api/webhooks/sendgrid, GET/POST /api/unsubscribe
    "api.routes.leads",  # POST /api/leads
    "api.routes.sendgrid_inbound",  # POST /api/webhooks/sendgrid-inbound
)

app = FastAPI(title="Leadership OS", docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None)
errors.install(app)
for module in (airtable, triggers, cron, stripe, health):
    app.include_router(module.router)
for name in CAPABILITY_ROUTERS:
    if importlib.util.find_spec(name) is not None:
        app.include_router(importlib.import_module(name).router)

# lifespan="off": Mangum would otherwise run the app's lifespan on every invocation. Its constructor asks
# asyncio for an event loop the deprecated way (a DeprecationWarning on 3.12 outside a running loop).
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    handler = Mangum(app, lifespan="off")
