"""Build-time tools: content loading, lint, compile, report, interaction models. Never imported on the request path."""
