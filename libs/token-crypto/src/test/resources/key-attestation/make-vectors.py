#!/usr/bin/env python3
"""Made the fixed key attestation vectors in this directory once, with Python's 'cryptography' package,
independently of the Java code. Running it again makes new keys and new files: the vectors are pinned by the
tests and must never change; this script only records how they were made.

Everything is valid from 2025-01-01; the tests verify at 2026-06-01T00:00:00Z."""
import base64
import datetime
import hashlib
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ObjectIdentifier

CSN = "0A1B2C3D4E5F6071"
OTHER_CSN = "0A1B2C3D4E5F6072"
ATTESTATION_EKU = ObjectIdentifier("1.3.6.1.4.1.99999.2.1")
PROPERTIES = ["generated-on-token", "not-exportable"]
UTC = datetime.timezone.utc
FROM = datetime.datetime(2025, 1, 1, tzinfo=UTC)


def name(*parts):
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts])


def pem(certificate):
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def write(file, text):
    with open(file, "w") as out:
        out.write(text)


def ca(common_name):
    key = ec.generate_private_key(ec.SECP384R1())
    subject = name((NameOID.COMMON_NAME, common_name), (NameOID.ORGANIZATION_NAME, "Test Bank"), (NameOID.COUNTRY_NAME, "HU"))
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(FROM)
                   .not_valid_after(datetime.datetime(2085, 1, 1, tzinfo=UTC))
                   .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                   .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
                   .sign(key, hashes.SHA384()))
    return key, certificate


def device(issuer_key, issuer, csn, public_key, not_before=FROM, not_after=datetime.datetime(2075, 1, 1, tzinfo=UTC),
           eku=ATTESTATION_EKU, is_ca=False, digital_signature=True, serial_in_subject=True):
    parts = [(NameOID.COMMON_NAME, "Token " + csn)]
    if serial_in_subject:
        parts.append((NameOID.SERIAL_NUMBER, csn))
    parts += [(NameOID.ORGANIZATION_NAME, "Test Bank"), (NameOID.COUNTRY_NAME, "HU")]
    return (x509.CertificateBuilder().subject_name(name(*parts)).issuer_name(issuer.subject).public_key(public_key)
            .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature, False, not digital_signature, False, False, False, False, False, False),
                           critical=True)
            .add_extension(x509.ExtendedKeyUsage([eku]), critical=True)
            .sign(issuer_key, hashes.SHA384()))


def key_sha256(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def tbs(csn, purpose, key_hash):
    return b"\x00".join([b"TP-KEY-ATTESTATION-V1", csn.encode(), purpose.encode(), key_hash.encode(),
                         ",".join(PROPERTIES).encode()])


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def statement(device_key, device_certificate, csn, purpose, key_hash):
    signature = device_key.sign(tbs(csn, purpose, key_hash), ec.ECDSA(hashes.SHA256()))
    return {"format": "tp-key-attestation-v1", "csn": csn, "purpose": purpose, "publicKeySha256": key_hash,
            "keyProperties": PROPERTIES, "signature": b64url(signature), "deviceCertificate": pem(device_certificate)}


factory_key, factory = ca("Test Bank Token Factory CA")
untrusted_key, untrusted = ca("Test Bank Token Factory CA")  # same name, another key: not the pinned CA
device_key = ec.generate_private_key(ec.SECP256R1())
other_device_key = ec.generate_private_key(ec.SECP256R1())
attested = ec.generate_private_key(ec.SECP256R1()).public_key()
other = ec.generate_private_key(ec.SECP256R1()).public_key()

write("factory-ca.pem", pem(factory))
write("device-key.pem", device_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()).decode())
device_certificate = device(factory_key, factory, CSN, device_key.public_key())
write("device.pem", pem(device_certificate))
write("attested-key.pem", attested.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
write("other-key.pem", other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
write("untrusted-device.pem", pem(device(untrusted_key, untrusted, CSN, device_key.public_key())))
write("expired-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(),
                                       not_before=datetime.datetime(2020, 1, 1, tzinfo=UTC),
                                       not_after=datetime.datetime(2021, 1, 1, tzinfo=UTC))))
write("not-yet-valid-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(),
                                             not_before=datetime.datetime(2090, 1, 1, tzinfo=UTC),
                                             not_after=datetime.datetime(2095, 1, 1, tzinfo=UTC))))
write("client-auth-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(),
                                           eku=ObjectIdentifier("1.3.6.1.5.5.7.3.2"))))
write("ca-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(), is_ca=True)))
write("key-agreement-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(), digital_signature=False)))
write("no-serial-number-device.pem", pem(device(factory_key, factory, CSN, device_key.public_key(), serial_in_subject=False)))
other_device = device(factory_key, factory, OTHER_CSN, other_device_key.public_key())
write("other-token-device.pem", pem(other_device))

attested_hash = key_sha256(attested)
write("tbs.hex", tbs(CSN, "LOGIN", attested_hash).hex() + "\n")
genuine = statement(device_key, device_certificate, CSN, "LOGIN", attested_hash)
write("statement.json", json.dumps(genuine, indent=2) + "\n")
write("other-token-statement.json",
      json.dumps(statement(other_device_key, other_device, OTHER_CSN, "LOGIN", key_sha256(other)), indent=2) + "\n")

# A device key that signs for a CSN not its own: what a compromised token or factory could do.
write("statement-naming-another-csn.json",
      json.dumps(statement(device_key, device_certificate, OTHER_CSN, "LOGIN", attested_hash), indent=2) + "\n")

signature = bytearray(base64.urlsafe_b64decode(genuine["signature"] + "=="))
signature[-1] ^= 0x01
write("flipped-signature.txt", b64url(bytes(signature)) + "\n")
write("other-key-sha256.txt", key_sha256(other) + "\n")
