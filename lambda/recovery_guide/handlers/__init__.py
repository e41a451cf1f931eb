"""Request handlers, split by what the person is doing. Each module exposes HANDLERS."""
