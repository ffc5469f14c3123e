"""Billing: invoices from completed sessions or retainers, Stripe or emailed invoices, payments, overdue
reminders and late fees, associate payouts. Pure rules in invoices.py / overdue.py / payments.py; the
shells (run.py, stripe_flow.py, automations.py) do the I/O through the gateway, Messages and Stripe."""
