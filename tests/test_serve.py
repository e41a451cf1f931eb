"""`recovery-guide serve` trusts nothing it receives: only POST / runs the skill; web pages, other host
names, non-JSON and malformed requests are answered with a 4xx; idle clients time out; threads are
bounded; it will not start with texting on; and, when asked to host for Alexa, it checks Alexa's
signature and timestamp (with a certificate chain these tests make)."""
from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import socket
import threading
import time

import pytest

from conftest import make_skill
from recovery_guide_local import server as server_module
from recovery_guide_local.envelopes import EnvelopeBuilder


@pytest.fixture
def serve(monkeypatch):
    """serve(**options) → port of a server on loopback, stopped after the test."""
    running = []

    def start(skill=None, **options):
        srv = server_module.make_server(skill or make_skill(), port=0, **options)
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        running.append(srv)
        return srv.server_address[1]
    yield start
    for srv in running:
        srv.shutdown()
        srv.server_close()


def post(port, body, headers=None, path="/", method="POST"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, payload


def raw(port, data: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            pass
    return b"".join(chunks)


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0


def test_a_launch_is_answered_on_post_slash(serve):
    port = serve()
    status, body = post(port, EnvelopeBuilder().launch())
    assert status == 200
    assert json.loads(body)["response"]["outputSpeech"]["ssml"].startswith("<speak>")


@pytest.mark.parametrize("path, method, expected", [
    ("/anything", "POST", 404), ("/x/..", "POST", 404), ("/?x=1", "POST", 404), ("/admin", "GET", 404),
    ("/", "PUT", 405), ("/", "DELETE", 405), ("/", "OPTIONS", 405), ("/", "BREW", 405),
])
def test_only_post_slash_runs_the_skill(serve, path, method, expected):
    status, _ = post(serve(), EnvelopeBuilder().launch(), path=path, method=method)
    assert status == expected


@pytest.mark.parametrize("origin, expected", [
    ("https://evil.example", 403), ("null", 403), ("http://127.0.0.1.evil.example", 403),
    ("http://localhost:3000", 200), ("http://127.0.0.1:8000", 200),
])
def test_a_web_page_elsewhere_cannot_drive_it(serve, origin, expected):
    status, _ = post(serve(), EnvelopeBuilder().launch(), headers={"Origin": origin})
    assert status == expected


def test_another_host_name_is_refused(serve):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1."""
    status, _ = post(serve(), EnvelopeBuilder().launch(), headers={"Host": "evil.example:8000"})
    assert status == 421


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
def test_non_json_bodies_are_refused(serve, content_type):
    status, _ = post(serve(), EnvelopeBuilder().launch(), headers={"Content-Type": content_type})
    assert status == 415


@pytest.mark.parametrize("head, body, expected", [
    (b"Content-Length: abc\r\n", b"{}", 400),
    (b"Content-Length: -5\r\n", b"{}", 400),
    (b"Content-Length: 1e3\r\n", b"{}", 400),
    (b"", b"", 411),
    (b"Transfer-Encoding: chunked\r\n", b"2\r\n{}\r\n0\r\n\r\n", 411),
    (b"Content-Length: 999999999\r\n", b"{}", 413),
    (b"Content-Length: 0\r\n", b"", 400),
])
def test_malformed_requests_get_a_4xx_reply_not_a_dropped_connection(serve, head, body, expected):
    port = serve()
    reply = raw(port, b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + head
                + b"\r\n" + body)
    assert status_of(reply) == expected


@pytest.mark.parametrize("body", [b"[" * 50000 + b"]" * 50000, b'{"a":' * 5000 + b"1" + b"}" * 5000,
                                  json.dumps({"request": json.loads("[" * 100 + "]" * 100)}).encode(),
                                  b"\xff\xfe not json", b"[1, 2]", b'"text"', b"null"])
def test_deep_or_broken_json_gets_a_400(serve, body):
    status, _ = post(serve(), body)
    assert status == 400


def test_an_oversized_body_gets_a_413(serve):
    status, _ = post(serve(), b"{" + b" " * (server_module.MAX_BODY + 10) + b"}")
    assert status == 413


def test_idle_and_slow_clients_time_out(serve, monkeypatch):
    monkeypatch.setattr(server_module, "IDLE_TIMEOUT_S", 0.5)
    port = serve()
    started = time.monotonic()
    assert raw(port, b"", wait=5) == b""                     # idle: closed without a word
    assert time.monotonic() - started < 3
    reply = raw(port, b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{", wait=5)
    assert status_of(reply) == 408                           # a body that never arrives


def test_threads_are_bounded(serve, monkeypatch):
    monkeypatch.setattr(server_module, "MAX_CONNECTIONS", 2)
    monkeypatch.setattr(server_module, "IDLE_TIMEOUT_S", 30)
    port = serve()
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(6)]
    time.sleep(0.5)
    assert threading.active_count() - before <= 2
    for sock in idle:
        sock.close()
    status, _ = post(port, EnvelopeBuilder().launch())       # served once the idle ones are gone
    assert status == 200


def test_it_refuses_to_start_with_texting_enabled(monkeypatch, capsys):
    with pytest.raises(server_module.TextingEnabled):
        server_module.make_server(make_skill(sms_enabled=True), port=0)
    from recovery_guide_local import cli
    monkeypatch.setenv("SMS_ENABLED", "true")
    monkeypatch.setenv("RECOVERY_GUIDE_STORE", "memory")
    monkeypatch.setattr(cli, "_skill", lambda: make_skill(sms_enabled=True), raising=False)
    assert cli.main(["serve", "--port", "0"]) == 2
    assert "SMS_ENABLED" in capsys.readouterr().err


def test_help_says_it_is_a_local_endpoint(capsys):
    from recovery_guide_local import cli
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "local endpoint" in out and "127.0.0.1" in out and "--verify-alexa" in out


# --- Alexa's signature, when hosting is asked for ---------------------------------------------------

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"


class Authority:
    """A root CA and an echo-api.amazon.com signing certificate, made for the test."""

    def __init__(self, name: str = "echo-api.amazon.com"):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        now = dt.datetime.now(dt.timezone.utc)
        self.root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Root CA")])
        self.root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
                     .public_key(self.root_key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                  key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                  key_cert_sign=True, crl_sign=True, encipher_only=False,
                                                  decipher_only=False), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.root_key.public_key()), critical=False)
                     .sign(self.root_key, hashes.SHA256()))
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.leaf = (x509.CertificateBuilder()
                     .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                     .issuer_name(root_name).public_key(self.key.public_key())
                     .serial_number(x509.random_serial_number())
                     .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=10))
                     .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                     .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                     .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                     .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root_key.public_key()),
                                    critical=False)
                     .sign(self.root_key, hashes.SHA256()))
        self.pem = self.leaf.public_bytes(serialization.Encoding.PEM) + self.root.public_bytes(serialization.Encoding.PEM)

    def sign(self, body: bytes) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        return base64.b64encode(self.key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


@pytest.fixture(scope="module")
def authority():
    return Authority()


def alexa_post(port, authority, *, age_s: float = 0, url: str = CERT_URL, tamper: bool = False, signer=None):
    envelope = EnvelopeBuilder().launch()
    envelope["request"]["timestamp"] = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=age_s)) \
        .strftime("%Y-%m-%dT%H:%M:%SZ")
    body = json.dumps(envelope).encode()
    signature = (signer or authority).sign(body)
    if tamper:
        body = body.replace(b"LaunchRequest", b"LaunchRequesT")
    return post(port, body, headers={"SignatureCertChainUrl": url, "Signature-256": signature,
                                     "Host": "my-tunnel.example"})


def verified_server(serve, authority, fetched=None):
    from recovery_guide_local.alexa_verify import AlexaVerifier

    def fetch(url):
        if fetched is not None:
            fetched.append(url)
        return authority.pem
    return serve(verify_alexa=True, verifier=AlexaVerifier(roots=[authority.root], fetch=fetch))


def test_hosted_for_alexa_a_signed_fresh_request_is_answered(serve, authority):
    fetched = []
    port = verified_server(serve, authority, fetched)
    assert alexa_post(port, authority)[0] == 200
    assert alexa_post(port, authority, age_s=140)[0] == 200
    assert fetched == [CERT_URL]          # the chain is fetched once and cached


@pytest.mark.parametrize("case", ["stale", "future", "tampered", "http", "other host", "other path",
                                  "path escape", "other port", "no signature"])
def test_hosted_for_alexa_anything_unproven_is_refused(serve, authority, case):
    port = verified_server(serve, authority)
    urls = {"http": "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
            "other host": "https://s3.evil.example/echo.api/echo-api-cert.pem",
            "other path": "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
            "path escape": "https://s3.amazonaws.com/echo.api/../invalid.pem",
            "other port": "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem"}
    if case == "no signature":
        status, _ = post(port, EnvelopeBuilder().launch(), headers={"Host": "my-tunnel.example"})
    else:
        status, _ = alexa_post(port, authority, age_s={"stale": 151, "future": -151}.get(case, 0),
                               url=urls.get(case, CERT_URL), tamper=case == "tampered")
    assert status == 400


def test_hosted_for_alexa_a_certificate_for_another_name_or_root_is_refused(serve, authority):
    from recovery_guide_local.alexa_verify import AlexaVerifier
    impostor = Authority(name="echo-api.evil.example")
    port = serve(verify_alexa=True, verifier=AlexaVerifier(roots=[impostor.root], fetch=lambda url: impostor.pem))
    assert alexa_post(port, impostor)[0] == 400
    stranger = Authority()   # the right name, but a root nobody trusts
    port = serve(verify_alexa=True, verifier=AlexaVerifier(roots=[authority.root], fetch=lambda url: stranger.pem))
    assert alexa_post(port, stranger)[0] == 400
