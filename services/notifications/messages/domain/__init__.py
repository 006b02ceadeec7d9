"""The messages' domain, pure: a message and its plan (message), a delivery and what it
hands its channel (delivery), the rules every delivery follows (rules), what an attempt
writes (attempts), bulk sends (bulk), the scheduled sends (scheduled), and what the use
cases need from elsewhere (sources)."""
