"""Templates: the words of every message type, per language and channel, versioned."""
