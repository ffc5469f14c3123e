"""What the coach sees: the new-lead notice, the daily brief (pure rules beside thin jobs)."""
