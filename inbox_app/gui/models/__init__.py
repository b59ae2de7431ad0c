"""Qt item models over the store's immutable rows."""
