"""Earning rules: the pure engine that turns a purchase into points (see rules.proto)."""
