"""Session notes: the coach's raw notes drafted into a summary, action items and model links."""
