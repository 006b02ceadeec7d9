"""The webhooks' use cases."""
