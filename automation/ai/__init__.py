"""AI drafting through the OpenAI SDK (imported lazily: a cold start that drafts nothing never loads it)."""
