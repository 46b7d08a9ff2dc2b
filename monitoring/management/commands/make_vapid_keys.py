"""Print a new VAPID key pair for Web Push reminders, in the form the settings expect."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Command(BaseCommand):
    help = (
        "Print VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY for Web Push (keep the private one secret)."
    )

    def handle(self, *args, **options):
        private = ec.generate_private_key(ec.SECP256R1())
        raw_private = private.private_numbers().private_value.to_bytes(32, "big")
        public = private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.stdout.write(f"VAPID_PUBLIC_KEY={b64url(public)}")
        self.stdout.write(f"VAPID_PRIVATE_KEY={b64url(raw_private)}")
        self.stdout.write("VAPID_SUBJECT=mailto:you@example.org")
