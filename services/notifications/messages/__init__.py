"""Messages: sending, the delivery rules, dispatch over the channels, bulk sends, the
scheduled sends and the messages other services' events call for."""
