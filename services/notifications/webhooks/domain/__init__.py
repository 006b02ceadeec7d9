"""The webhooks' domain: pure values and rules, no I/O."""
