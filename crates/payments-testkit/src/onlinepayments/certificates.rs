//! Detokenization certificates: a merchant sends a PKCS#10 CSR of an RSA key, the sandbox
//! checks its signature and issues an X.509 certificate for it (signed by the sandbox's key,
//! issuer `CN=payments-testkit sandbox detokenization CA`); card numbers are then returned
//! encrypted for that key.

use std::str::FromStr;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::Verifier;
use rsa::{Oaep, PublicKey};
use sha2::Sha256;
use x509_cert::TbsCertificate;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::der::{DecodePem, Encode, EncodePem, pem::LineEnding};
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::request::CertReq;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoRef;
use x509_cert::time::Validity;

use super::jwe::JweDecryptor;

/// The issuer of every detokenization certificate.
pub const ISSUER: &str = "CN=payments-testkit sandbox detokenization CA,O=payments-testkit";

/// `sha256WithRSAEncryption`, the CSR signature the sandbox verifies.
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";

/// Why a CSR was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum CsrError {
    #[error("the csr is not a PEM certificate request")]
    Malformed,
    #[error("the csr key is not an RSA key")]
    NotRsa,
    #[error("the csr is not signed with sha256WithRSAEncryption")]
    Algorithm,
    #[error("the csr signature does not verify")]
    Signature,
    #[error("the certificate could not be issued: {0}")]
    Issue(String),
}

/// Issues certificates with the CSR's subject under [`ISSUER`].
struct Profile {
    subject: Name,
    issuer: Name,
}

impl BuilderProfile for Profile {
    fn get_issuer(&self, _: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _: SubjectPublicKeyInfoRef<'_>,
        _: SubjectPublicKeyInfoRef<'_>,
        _: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(Vec::new())
    }
}

/// Verifies a PEM CSR and issues its certificate: returns the CSR's RSA public key and the
/// certificate in PEM.
pub(super) fn issue(
    platform: &JweDecryptor,
    csr_pem: &str,
) -> Result<(PublicKey, String), CsrError> {
    let csr = CertReq::from_pem(csr_pem.trim().as_bytes()).map_err(|_| CsrError::Malformed)?;
    let spki_der = csr
        .info
        .public_key
        .to_der()
        .map_err(|_| CsrError::Malformed)?;
    let key = PublicKey::try_from(
        SubjectPublicKeyInfoRef::try_from(spki_der.as_slice()).map_err(|_| CsrError::Malformed)?,
    )
    .map_err(|_| CsrError::NotRsa)?;
    if csr.algorithm.oid.to_string() != SHA256_WITH_RSA {
        return Err(CsrError::Algorithm);
    }
    let info = csr.info.to_der().map_err(|_| CsrError::Malformed)?;
    let signature =
        Signature::try_from(csr.signature.raw_bytes()).map_err(|_| CsrError::Signature)?;
    VerifyingKey::<Sha256>::new(key.clone())
        .verify(&info, &signature)
        .map_err(|_| CsrError::Signature)?;
    let issuer = Name::from_str(ISSUER).map_err(|e| CsrError::Issue(e.to_string()))?;
    let profile = Profile {
        subject: csr.info.subject.clone(),
        issuer,
    };
    // A positive random serial (the top bit cleared).
    let mut serial = *uuid::Uuid::new_v4().as_bytes();
    if let Some(first) = serial.first_mut() {
        *first &= 0x7f;
    }
    let serial = SerialNumber::new(&serial).map_err(|e| CsrError::Issue(e.to_string()))?;
    let validity = Validity::from_now(Duration::from_secs(365 * 24 * 3600))
        .map_err(|e| CsrError::Issue(e.to_string()))?;
    let builder = CertificateBuilder::new(profile, serial, validity, csr.info.public_key.clone())
        .map_err(|e| CsrError::Issue(e.to_string()))?;
    let signer = SigningKey::<Sha256>::new(platform.private_key().clone());
    let certificate = builder
        .build::<_, Signature>(&signer)
        .map_err(|e| CsrError::Issue(e.to_string()))?;
    let pem = certificate
        .to_pem(LineEnding::LF)
        .map_err(|e| CsrError::Issue(e.to_string()))?;
    Ok((key, pem))
}

/// `encryptedCardNumber`: base64 of the card number encrypted with RSA-OAEP (SHA-256) for
/// the certificate's key.
pub(super) fn encrypt_card_number(key: &PublicKey, card_number: &str) -> Option<String> {
    key.encrypt(
        &mut getrandom::SysRng,
        Oaep::<Sha256>::new(),
        card_number.as_bytes(),
    )
    .ok()
    .map(|c| STANDARD.encode(c))
}
