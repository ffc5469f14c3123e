"""Sign SendGrid Event Webhook posts the way SendGrid does (ECDSA P-256, SHA-256, timestamp + body)."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


class SendGridSigner:
    def __init__(self) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())
        der = self._key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.public_key = base64.b64encode(der).decode()  # what the SendGrid dashboard shows

    def headers(self, body: bytes, timestamp: int) -> dict[str, str]:
        signature = self._key.sign(str(timestamp).encode() + body, ec.ECDSA(hashes.SHA256()))
        return {
            "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
            "X-Twilio-Email-Event-Webhook-Timestamp": str(timestamp),
        }
