"""Alexa's request signature and timestamp, checked as Amazon requires of a skill hosted as a web service.

`recovery-guide serve` is a local endpoint and does not need this. When it is asked to host the skill
for Alexa (`serve --verify-alexa`, behind an HTTPS tunnel or proxy), every request must show:

* a `SignatureCertChainUrl` header: https, host s3.amazonaws.com, a path under /echo.api/, port 443
  if any (compared after normalising the path, so "/echo.api/../" does not pass);
* a certificate chain at that URL whose signing certificate is valid now, names echo-api.amazon.com,
  and chains to a trusted root;
* a `Signature-256` header: the base64 RSA (PKCS#1 v1.5) SHA-256 signature of the raw body, made with
  that certificate's key;
* a request `timestamp` within 150 seconds of now.

The `cryptography` package does the X.509 and RSA work (a dev dependency: the Lambda path never
imports this module). The trust store and the certificate fetcher can be given, so tests run offline
with a key pair they make.
"""
from __future__ import annotations

import base64
import datetime as dt
import posixpath
import threading
from urllib.parse import urlsplit

TOLERANCE_S = 150
SIGNING_NAME = "echo-api.amazon.com"


class VerificationError(Exception):
    """The request does not prove it comes from Alexa (the message says which check failed)."""


def check_cert_url(url: str | None) -> None:
    if not url:
        raise VerificationError("no SignatureCertChainUrl")
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL is not https")
    if (parts.hostname or "").lower() != "s3.amazonaws.com":
        raise VerificationError("certificate URL host is not s3.amazonaws.com")
    try:
        port = parts.port
    except ValueError:
        raise VerificationError("certificate URL port is invalid") from None
    if port not in (None, 443):
        raise VerificationError("certificate URL port is not 443")
    path = posixpath.normpath(parts.path or "/")
    if not path.startswith("/echo.api/"):
        raise VerificationError("certificate URL path is not under /echo.api/")


def _default_fetch(url: str) -> bytes:
    import urllib.request
    with urllib.request.urlopen(url, timeout=3) as response:   # noqa: S310 - the URL was checked above
        return response.read(64 * 1024)


def _system_roots():
    import ssl

    from cryptography import x509
    paths = ssl.get_default_verify_paths()
    with open(paths.cafile or paths.openssl_cafile, "rb") as fh:
        return x509.load_pem_x509_certificates(fh.read())


class AlexaVerifier:
    def __init__(self, *, roots=None, fetch=None, now=None, tolerance_s: int = TOLERANCE_S):
        self._roots = roots
        self._fetch = fetch or _default_fetch
        self._now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self._tolerance = tolerance_s
        self._chains: dict = {}
        self._lock = threading.Lock()

    def verify(self, headers, body: bytes, event: dict) -> None:
        """Raise VerificationError unless the request is Alexa's, signed and fresh."""
        self._check_timestamp(event)
        url = headers.get("SignatureCertChainUrl")
        check_cert_url(url)
        signature = headers.get("Signature-256")
        if not signature:
            raise VerificationError("no Signature-256")
        try:
            raw = base64.b64decode(signature, validate=True)
        except ValueError:
            raise VerificationError("Signature-256 is not base64") from None
        leaf = self._signing_cert(url)
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing key is not RSA")
        try:
            key.verify(raw, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise VerificationError("signature does not match the body") from None

    def _check_timestamp(self, event: dict) -> None:
        stamp = (event.get("request") or {}).get("timestamp") if isinstance(event.get("request"), dict) else None
        if not isinstance(stamp, str):
            raise VerificationError("no request timestamp")
        try:
            when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            raise VerificationError("unreadable request timestamp") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        if abs((self._now() - when).total_seconds()) > self._tolerance:
            raise VerificationError("request timestamp is not within 150 seconds")

    def _signing_cert(self, url: str):
        with self._lock:
            chain = self._chains.get(url)
        if chain is None:
            from cryptography import x509
            try:
                chain = x509.load_pem_x509_certificates(self._fetch(url))
            except Exception as exc:  # noqa: BLE001 - unreachable, not PEM: either way not verified
                raise VerificationError(f"certificate chain unavailable ({type(exc).__name__})") from None
            with self._lock:
                self._chains[url] = chain
        leaf, intermediates = chain[0], chain[1:]
        now = self._now()
        if not (leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc):
            raise VerificationError("signing certificate is not valid now")
        from cryptography import x509
        from cryptography.x509.verification import PolicyBuilder, Store, VerificationError as ChainError
        roots = self._roots if self._roots is not None else _system_roots()
        verifier = PolicyBuilder().store(Store(list(roots))).time(now).build_server_verifier(
            x509.DNSName(SIGNING_NAME))
        try:
            verifier.verify(leaf, intermediates)
        except ChainError as exc:
            raise VerificationError(f"certificate chain not trusted for {SIGNING_NAME}: {exc}") from None
        return leaf
