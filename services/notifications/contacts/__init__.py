"""Contacts: the service's copy of members' contact data, fed by the members' events."""
