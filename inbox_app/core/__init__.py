"""Domain rules with no Qt and no I/O: kinds, identities, sentiment, priority, import records."""
