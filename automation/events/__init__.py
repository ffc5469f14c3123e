"""Events in: Airtable webhook payloads, trigger calls and cron jobs turned into automation runs.

Modules: `payloads` (payload JSON -> record events, pure), `ordering` (automation dependency order, pure),
`signing` (MAC and shared-secret checks, pure), `secretbox` (encryption of secrets kept in System State),
`catalog` (the loaded automations), `runner` (runs automations on records), `state` (webhook state and the
per-webhook lease in System State), `webhook` (ping processing), `context` and `runs` (the run record).
"""
