"""The in-app inbox: a channel, and what the member reads in the app."""
