"""`recovery-guide serve`: the skill as an HTTP endpoint on 127.0.0.1, for Alexa client emulators.

POST / takes a request envelope and returns the response envelope. It binds loopback only: it is a
development endpoint, not a public web service (which would also have to verify Alexa's request
signatures and timestamps).
"""
from __future__ import annotations

import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from recovery_guide.app import ForeignSkillError, RecoveryGuide

log = logging.getLogger(__name__)
MAX_BODY = 256 * 1024


def make_server(skill: RecoveryGuide, port: int = 8000) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            if length <= 0 or length > MAX_BODY:
                return self._send(400 if length <= 0 else 413, {"error": "a JSON request envelope is required"})
            try:
                event = json.loads(self.rfile.read(length))
                if not isinstance(event, dict):
                    raise ValueError("not an object")
            except ValueError:
                return self._send(400, {"error": "the body is not a JSON object"})
            try:
                return self._send(200, skill.invoke(event))
            except ForeignSkillError:
                return self._send(403, {"error": "this endpoint serves another skill"})

        def do_GET(self):  # noqa: N802
            self._send(200 if self.path in ("/", "/health") else 404, {"skill": "Recovery Guide", "post": "/"})

        def _send(self, status: int, body: dict):
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):   # request lines only, never bodies
            log.debug("http %s", fmt % args)

    class Server(ThreadingHTTPServer):
        # The default listen backlog (5) drops connections when an emulator or load test opens many at once.
        request_queue_size = 64
        daemon_threads = True
        block_on_close = False   # stopping must not wait for idle keep-alive connections

    return Server(("127.0.0.1", port), Handler)
