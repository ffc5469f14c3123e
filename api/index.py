"""The FastAPI app Vercel serves (every path is rewritten to it) and a Mangum handler for AWS Lambda.

Import stays light: no OpenAI, Stripe, SendGrid or Slack SDK is loaded here (they are imported where used).
"""

from __future__ import annotations

import warnings

from fastapi import FastAPI
from mangum import Mangum

from api import errors, logs
from api.routes import (
    airtable,
    cron,
    health,
    leads,
    messages,
    reports,
    schedule,
    sendgrid_inbound,
    stripe,
    triggers,
)

app = FastAPI(title="Leadership OS", docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None)
errors.install(app)
logs.install()  # no secret or signed-link token in an access log line
# messages: POST /api/webhooks/sendgrid, GET/POST /api/unsubscribe; leads: POST /api/leads;
# sendgrid_inbound: POST /api/webhooks/sendgrid-inbound; schedule: GET/POST /api/survey,
# POST /api/webhooks/calendly; reports: GET /api/dashboard, GET /api/associate.
for module in (
    airtable,
    triggers,
    cron,
    stripe,
    health,
    messages,
    leads,
    sendgrid_inbound,
    schedule,
    reports,
):
    app.include_router(module.router)

# lifespan="off": Mangum would otherwise run the app's lifespan on every invocation. Its constructor asks
# asyncio for an event loop the deprecated way (a DeprecationWarning on 3.12 outside a running loop).
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    handler = Mangum(app, lifespan="off")
