"""Running the skill on this machine: the text matcher, the chat, the HTTP server. Not deployed code paths."""
