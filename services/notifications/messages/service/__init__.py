"""The messages' use cases: sending (Messenger), dispatching (Dispatcher), the delivery
settings (policy), bulk sends, the scheduled sends and the delivery log."""
