"""Leads and the sales pipeline: scoring, nurture, status, capture, deals, forecast."""
