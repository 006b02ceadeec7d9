"""Outbound webhooks: subscriptions, the public event catalogue, signed deliveries."""
