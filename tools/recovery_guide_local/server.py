"""`recovery-guide serve`: the skill as an HTTP endpoint on 127.0.0.1, for Alexa client emulators.

A local endpoint, not a hosted web service. POST / takes a request envelope (JSON) and returns the
response envelope; GET / and GET /health say it is up. Everything else is refused with a 4xx:

* other paths: 404; other methods: 405;
* a request from a web page (an `Origin` header that is not loopback) or for another host name
  (`Host` not 127.0.0.1/localhost: DNS rebinding): 403 and 421;
* a body that is not `application/json`: 415; no or unreadable `Content-Length`, chunked bodies:
  411 or 400; a body over 256 KB: 413; not JSON, not an object, nested deeper than 64: 400;
* a client that sends nothing for 10 s: 408 (or the idle connection is closed).

At most 32 connections are served at once (more wait in the listen queue), so idle clients cannot
make it start a thread each. It refuses to start with texting enabled (SMS_ENABLED=true): a local
endpoint must never be able to send texts.

If it is ever put in front of Alexa (behind an HTTPS tunnel or proxy), start it with
`verify_alexa=True` (`serve --verify-alexa`): then every request must carry Alexa's signature and a
fresh timestamp (tools/recovery_guide_local/alexa_verify.py), and the Host check gives way to it.
"""
from __future__ import annotations

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from recovery_guide.app import ForeignSkillError, RecoveryGuide

log = logging.getLogger(__name__)
MAX_BODY = 256 * 1024
MAX_DEPTH = 64
IDLE_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 32
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class TextingEnabled(Exception):
    """serve refuses to run with SMS_ENABLED=true."""


def _depth(value) -> int:
    """How deeply a parsed JSON value nests (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]")[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _is_loopback_origin(origin: str) -> bool:
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(origin.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and host in ("127.0.0.1", "localhost", "::1")


def make_server(skill: RecoveryGuide, port: int = 8000, *, verify_alexa: bool = False,
                verifier=None) -> ThreadingHTTPServer:
    if skill.config.sms_enabled:
        raise TextingEnabled("recovery-guide serve is a local endpoint: it will not run with SMS_ENABLED=true")
    if verify_alexa and verifier is None:
        from .alexa_verify import AlexaVerifier
        verifier = AlexaVerifier()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = IDLE_TIMEOUT_S       # idle keep-alive connections and slow bodies are closed

        def do_POST(self):  # noqa: N802 - http.server's naming
            if not self._allowed():
                return
            if self.path != "/":
                return self._refuse(404, "POST a request envelope to /")
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type != "application/json":
                return self._refuse(415, "the body must be application/json")
            if self.headers.get("Transfer-Encoding"):
                return self._refuse(411, "send the body with a Content-Length")
            raw_length = self.headers.get("Content-Length")
            if raw_length is None:
                return self._refuse(411, "a Content-Length is required")
            if not raw_length.strip().isdigit():
                return self._refuse(400, "the Content-Length is not a number")
            length = int(raw_length)
            if length == 0:
                return self._refuse(400, "a JSON request envelope is required")
            if length > MAX_BODY:
                return self._refuse(413, "the body is too large")
            try:
                body = self.rfile.read(length)
            except (socket.timeout, TimeoutError):
                return self._refuse(408, "the body did not arrive in time")
            if len(body) < length:
                return self._refuse(400, "the body is shorter than its Content-Length")
            try:
                event = json.loads(body)
            except (ValueError, RecursionError):
                return self._refuse(400, "the body is not JSON")
            if not isinstance(event, dict):
                return self._refuse(400, "the body is not a JSON object")
            if _depth(event) > MAX_DEPTH:
                return self._refuse(400, "the JSON is nested too deeply")
            if verifier is not None:
                from .alexa_verify import VerificationError
                try:
                    verifier.verify(self.headers, body, event)
                except VerificationError as exc:
                    log.warning("alexa_verification_failed reason=%s", exc)
                    return self._refuse(400, "the request is not verifiably from Alexa")
            try:
                return self._send(200, skill.invoke(event))
            except ForeignSkillError:
                return self._send(403, {"error": "this endpoint serves another skill"})

        def do_GET(self):  # noqa: N802
            if not self._allowed():
                return
            self._send(200 if self.path in ("/", "/health") else 404, {"skill": "Recovery Guide", "post": "/"})

        def _method_not_allowed(self):
            self._refuse(405, "only POST / (and GET / to check it is up)")

        do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_TRACE = do_CONNECT = _method_not_allowed

        def send_error(self, code, message=None, explain=None):
            # http.server answers unknown methods with 501 and odd versions with 505: a client's
            # mistake, so a 4xx.
            if code == 501:
                code = 405
            elif code >= 500:
                code = 400
            super().send_error(code, message, explain)

        def _allowed(self) -> bool:
            origin = self.headers.get("Origin")
            if origin is not None and not _is_loopback_origin(origin):
                self._refuse(403, "cross-origin requests are refused: this is a local endpoint")
                return False
            if verifier is None:
                host = _host_name(self.headers.get("Host") or "")
                if host not in LOOPBACK_NAMES and host != "::1":
                    self._refuse(421, "this endpoint answers to 127.0.0.1 and localhost only")
                    return False
            return True

        def _refuse(self, status: int, message: str):
            self.close_connection = True    # the rest of what the client sent is not read
            self._send(status, {"error": message})

        def _send(self, status: int, body: dict):
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):   # request lines only, never bodies
            log.debug("http %s", fmt % args)

    slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    class Server(ThreadingHTTPServer):
        # The default listen backlog (5) drops connections when an emulator or load test opens many at once.
        request_queue_size = 64
        daemon_threads = True
        block_on_close = False   # stopping must not wait for idle keep-alive connections

        def process_request(self, request, client_address):
            slots.acquire()       # at most MAX_CONNECTIONS threads; others wait in the listen queue
            try:
                super().process_request(request, client_address)
            except BaseException:
                slots.release()
                raise

        def process_request_thread(self, request, client_address):
            try:
                super().process_request_thread(request, client_address)
            finally:
                slots.release()

    return Server(("127.0.0.1", port), Handler)
