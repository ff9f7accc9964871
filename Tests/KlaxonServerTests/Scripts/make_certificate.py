"""Makes a self-signed certificate and its key (PEM) for the HTTPS tests, with Python's `cryptography` (an
implementation independent of BoringSSL). Usage: make_certificate.py CERT KEY NAME [--expired | --mismatched]
  --expired      the certificate's validity ended yesterday
  --mismatched   KEY is not the certificate's key"""
import datetime
import ipaddress
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

cert_path, key_path, name = sys.argv[1:4]
expired = "--expired" in sys.argv
mismatched = "--mismatched" in sys.argv

key = ec.generate_private_key(ec.SECP256R1())
now = datetime.datetime.now(datetime.timezone.utc)
subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
not_before, not_after = (now - datetime.timedelta(days=30), now - datetime.timedelta(days=1)) if expired else (
    now - datetime.timedelta(hours=1), now + datetime.timedelta(days=30))
certificate = (
    x509.CertificateBuilder()
    .subject_name(subject).issuer_name(subject).public_key(key.public_key())
    .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
    .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    .sign(key, hashes.SHA256())
)
if mismatched:
    key = ec.generate_private_key(ec.SECP256R1())
with open(cert_path, "wb") as f:
    f.write(certificate.public_bytes(serialization.Encoding.PEM))
with open(key_path, "wb") as f:
    f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
