#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `tokenization()` through the Rust SDK: a CSR becomes a certificate signed by the sandbox,
//! and card data by tokens or payments comes back encrypted for the certificate's key.

mod op_common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use onlinepayments::domain::{CreatePaymentRequest, CsrRequest};
use onlinepayments::merchant::tokenization::{
    GetCardDataByPaymentsParams, GetCardDataByTokensParams,
};
use op_common::{failure, merchant, merchant_as, req, sandbox, token_of};
use payments_testkit::TestCard;
use payments_testkit::onlinepayments::jwe::JweDecryptor;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::Verifier;
use rsa::{Oaep, PrivateKey, PublicKey};
use serde_json::json;
use sha2::Sha256;
use x509_cert::Certificate;
use x509_cert::der::{DecodePem, Encode};
use x509_cert::request::CertReq;

/// The merchant's detokenization key (PKCS#8; a test key).
const MERCHANT_KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCUH9rsW3e5+ttg
+ViAKSp4scGkzEYNuoy2CEWn4BBvv+5gitq40+6rDRcALZWwPOD5QfyR5lwTqok/
kwYmtDECwfaJXfUbf10xM3uEq08lQvOsKLwxUxT06UBRmEQct+omH72YrDwo/Yjy
+MGijraxNX/NZY3zlfy0vMq4E1NpLej4eXzdQ4w7t7eoRbMOZkReScEomC0a2l4E
F2OtZEi08ZsmfJNn834u2cSMZQSwsoBtvQpCaAwF8f3KFQD4y9z/YmvhKPIVUuzt
kYGW7OCd6NtdlV7EeT5knsgtpcY8dXZy+OViI0rf4pxXXOTT+npy1awqK1tR9CbQ
aiR21yiPAgMBAAECggEAOQ3yGgN7YPAe60HwFGGG4fl6ILusKiKWi5ExH2IfgqPX
smkZqYK8ljdTCjcExt8UOv5vRlWIVuzjs9CyWFsk266Rg0TlIgPThh2R8L65nB0n
VcNVBdy+ID3uD9/KMJOoxamJMpL5E0LhKtGlaDN3bFeylA+Pd2lo7scfgHq1MLgv
xzt57Lq3lTJ1GXvjgQcZmnDSwLL6lpQ+S8yXxNyUM0UxMSUiL2OQXh9ciLLW6bFX
0WfGwJxDoCjJbsMtZ7uJI8HVipg0gUTOdZj2l7nywdjqBvrMjgfvJ5HfMvhv9Rz8
P7sDR9i7GWkvbYrIMViYQxoCuf8X3vhcH6JH81Tz5QKBgQDIQPhsIerbJqhHw3EE
0mSdOPWyxUS27GYp1nTZpJw27kKk9K9mFLqbwreEilGHGUPGWG2rEvPXDNz47xez
eTbg8JNCdHQLu8IqYZvf9cAMu24m9LjaDFed+ctrfkda2DMNfXJdixZfOgAfnQ2a
JMvBrEipK6tDhBoz4d5AkK93CwKBgQC9W+al/kwg747B1JrdmEKXRj4QIIIacX/P
zMwoeJrzVB/LGJJmdeR8kS6zraWLGrkp0mHP4YDUkj7zthBsHE4X+o62GCLvp5qm
gIvcjaHvAmwkqKle7gG4b84BN8Wgoe8Q1GQ3uc2VgxZYk7r6oNCGH41xxtzDzHMU
mxcXx8h3DQKBgQDB71Hm/u4A8S412cwhfFRegyRHzo4ejVDfocamZKm49QPr1t/q
/5Y9dNTf8kjEiq49b7Q94mvtz5JNLtgIQxLnw3UJ/dfI6TxAaSlZOxmT+wzRg11m
Jl/QKXNclf4qt4ixvtS8TRAMhxJJi4L5zjraRKxV0WnaSBxMNKlWZAjaQwKBgHrH
ohAziS0553iq4Bea6GKp+wf97B41Rch5ZE9BlEb+XvcTYanp+1MB2CRNDa/ajgEe
Fqnx79TlVsgzXwaae9B0eCB+GfkG1fHsG8PQWhVdnr1OVzPkY10xsYN8pDn5hceF
z82KPlEZhF2+vFhR+aNdxhrl9LNIV74eqaSTt9npAoGAOvn0BlbXJQWdEp0BKfHA
DOp7mI27g34cLgf16fX5pIu5Qwy9U5KqRhdJclR16TEKduYKZ0NvQNZkFjQZkgaP
cGvAB7lFpZVjMFq0j/zLjhYfEjAWEbq3Pcu8ookq0i4bhCFz2vKFzYeE3YKUSSsY
NXeGkC4x6tOPjru2+vxH+Dw=
-----END PRIVATE KEY-----
";

/// A CSR of `MERCHANT_KEY` as `openssl req -new -sha256` writes it.
const MERCHANT_CSR: &str = "\
-----BEGIN CERTIFICATE REQUEST-----
MIICiTCCAXECAQAwRDEeMBwGA1UEAwwVRGV0b2tlbml6YXRpb24gY2xpZW50MRUw
EwYDVQQKDAxFeGFtcGxlIFNob3AxCzAJBgNVBAYTAk5MMIIBIjANBgkqhkiG9w0B
AQEFAAOCAQ8AMIIBCgKCAQEAlB/a7Ft3ufrbYPlYgCkqeLHBpMxGDbqMtghFp+AQ
b7/uYIrauNPuqw0XAC2VsDzg+UH8keZcE6qJP5MGJrQxAsH2iV31G39dMTN7hKtP
JULzrCi8MVMU9OlAUZhEHLfqJh+9mKw8KP2I8vjBoo62sTV/zWWN85X8tLzKuBNT
aS3o+Hl83UOMO7e3qEWzDmZEXknBKJgtGtpeBBdjrWRItPGbJnyTZ/N+LtnEjGUE
sLKAbb0KQmgMBfH9yhUA+Mvc/2Jr4SjyFVLs7ZGBluzgnejbXZVexHk+ZJ7ILaXG
PHV2cvjlYiNK3+KcV1zk0/p6ctWsKitbUfQm0GokdtcojwIDAQABoAAwDQYJKoZI
hvcNAQELBQADggEBAHr1G0yZN485FamrNqDxa1gO6P14i8uQr8qVZHizUZVHa0xH
16SM41CJnYvh8OW3U9QlhlVgWV3tW7nm7P1AHHG1KqqPuGtYwH4b+JPxHbZfgjmi
gTO5/mdEcSGZsaSUClvgm6u8O+aaNzRHNuaw133B+3HnSlEKOfjQrP8we8fSEBmH
lBpCfcmMtD1iWT8kJDHt+IWFWLSSuLbRZbZQ4fRjyYS58Ez0Ee9PbfCNZdz7xyPJ
1HfY8TAmNhfyrdaP0QmpbQ1fryVcIPe0ISgAMR16nnGaTrcx690DlwolUc90S1Xf
OcR9VnIKs9SDniR+Tcl1BBxMWa317sf5higWVgY=
-----END CERTIFICATE REQUEST-----
";

/// A CSR of a P-256 key: not an RSA key.
const EC_CSR: &str = "\
-----BEGIN CERTIFICATE REQUEST-----
MIHPMHYCAQAwFDESMBAGA1UEAwwJRUMgY2xpZW50MFkwEwYHKoZIzj0CAQYIKoZI
zj0DAQcDQgAEWq+uwiApAB65Yu2Q9da/8ajbO54gJeR7l1hZeiYwm7GQ6KKula7p
iBY7To6+X/KbKy/j/qSN/JFHUKlYXC6cTKAAMAoGCCqGSM49BAMCA0kAMEYCIQDH
+81e3msaSth+xVzZ6tSEcHd7s+rPYHfn1xvwGZTNwAIhAOrMmMbBB3zEVSDTIVAy
eV7hcKfrKdm94tFZWudAR4GS
-----END CERTIFICATE REQUEST-----
";

/// A CSR of `MERCHANT_KEY` signed with SHA-1.
const SHA1_CSR: &str = "\
-----BEGIN CERTIFICATE REQUEST-----
MIICWzCCAUMCAQAwFjEUMBIGA1UEAwwLU0hBMSBjbGllbnQwggEiMA0GCSqGSIb3
DQEBAQUAA4IBDwAwggEKAoIBAQCUH9rsW3e5+ttg+ViAKSp4scGkzEYNuoy2CEWn
4BBvv+5gitq40+6rDRcALZWwPOD5QfyR5lwTqok/kwYmtDECwfaJXfUbf10xM3uE
q08lQvOsKLwxUxT06UBRmEQct+omH72YrDwo/Yjy+MGijraxNX/NZY3zlfy0vMq4
E1NpLej4eXzdQ4w7t7eoRbMOZkReScEomC0a2l4EF2OtZEi08ZsmfJNn834u2cSM
ZQSwsoBtvQpCaAwF8f3KFQD4y9z/YmvhKPIVUuztkYGW7OCd6NtdlV7EeT5knsgt
pcY8dXZy+OViI0rf4pxXXOTT+npy1awqK1tR9CbQaiR21yiPAgMBAAGgADANBgkq
hkiG9w0BAQUFAAOCAQEAQB6knPwar/fHE2ve5omarK6RP9N1m3job1G84ceP1abp
en/chVj01C6v2IgseR4qzZKWO5oMVrUmQbIpzc2fI/5suMLANhhBbyvVkwYUeuLa
GMqwq+GPQizW7RVKriHCfoKbHmV0ETDxX/t9RP9nSiB1+xpjE85j0ArMkasqSrjc
C6y9c3wyMMyBdRowwHr44mvf07brP8rM2jGEr2sRuRffLn//ywD25lf7nV12xiKh
7N2v8wDFIcjaP7AanQ4+29efXDk+z5zdpG9YhKfgO7ez7Fv9pQ4/qp/s1+yTpfc4
4HSHiEsE3+jO3HMKGHNgx429VxCi/OTVqIb8HGV/ww==
-----END CERTIFICATE REQUEST-----
";

fn csr(pem: Option<&str>) -> CsrRequest {
    req(pem.map_or_else(|| json!({}), |p| json!({ "csr": p })))
}

/// A CSR whose last signature byte is flipped.
fn tampered_csr() -> String {
    let body: String = MERCHANT_CSR
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let mut der = STANDARD.decode(body).unwrap();
    *der.last_mut().unwrap() ^= 1;
    let b64 = STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE REQUEST-----\n{}\n-----END CERTIFICATE REQUEST-----\n",
        lines.join("\n")
    )
}

fn decrypt(encrypted: &str) -> String {
    let key = PrivateKey::from_pkcs8_pem(MERCHANT_KEY).unwrap();
    let plain = key
        .decrypt(Oaep::<Sha256>::new(), &STANDARD.decode(encrypted).unwrap())
        .unwrap();
    String::from_utf8(plain).unwrap()
}

#[tokio::test]
async fn a_csr_becomes_a_certificate_signed_by_the_sandbox() {
    let sb = sandbox(None).await;
    let tokenization = merchant(&sb).tokenization();
    let response = tokenization
        .create_certificate(&csr(Some(MERCHANT_CSR)), None)
        .await
        .unwrap();
    assert!(response.certificate_id.is_some_and(|id| !id.is_empty()));
    let pem = response.signed_certificate.unwrap();
    let certificate = Certificate::from_pem(pem.as_bytes()).unwrap();
    let request = CertReq::from_pem(MERCHANT_CSR.as_bytes()).unwrap();
    let tbs = certificate.tbs_certificate();
    assert_eq!(tbs.subject(), &request.info.subject);
    assert_eq!(tbs.subject_public_key_info(), &request.info.public_key);
    assert!(
        tbs.issuer()
            .to_string()
            .contains("payments-testkit sandbox detokenization CA")
    );
    // Signed with the sandbox's key (the public key the client API publishes).
    let platform = JweDecryptor::sandbox().unwrap();
    let public =
        PublicKey::from_public_key_der(&STANDARD.decode(platform.public_key()).unwrap()).unwrap();
    let signature = Signature::try_from(certificate.signature().raw_bytes()).unwrap();
    VerifyingKey::<Sha256>::new(public)
        .verify(&tbs.to_der().unwrap(), &signature)
        .unwrap();

    // No CSR, a truncated one (as in the official SDK's tests), a tampered signature, an EC
    // key, a SHA-1 signature, another merchant.
    let truncated = "-----BEGIN CERTIFICATE REQUEST-----\nMIICljCCAX4CAQAwDQYJKoZIhvcNAQEBBQAwDTELMAkGA1UEAwwCQ0EwggEiMA0G\n-----END CERTIFICATE REQUEST-----";
    let e = tokenization
        .create_certificate(&csr(None), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("PARAMETER_NOT_FOUND_IN_REQUEST".into()),
            Some("csr".into())
        )
    );
    for bad in [
        truncated.to_owned(),
        tampered_csr(),
        EC_CSR.to_owned(),
        SHA1_CSR.to_owned(),
    ] {
        let e = tokenization
            .create_certificate(&csr(Some(&bad)), None)
            .await
            .unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some("INVALID_VALUE".into()),
                Some("csr".into())
            ),
            "{bad}"
        );
    }
    let e = merchant_as(&sb, "OTHER")
        .tokenization()
        .create_certificate(&csr(Some(MERCHANT_CSR)), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 403);
    sb.shutdown().await;
}

#[tokio::test]
async fn card_data_by_tokens_and_payments_is_encrypted_for_the_certificate() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let tokenization = m.tokenization();
    let visa = token_of(&m, TestCard::VisaSuccess.number()).await;
    let mc = token_of(&m, TestCard::MastercardSuccess.number()).await;
    let by_tokens = GetCardDataByTokensParams::default()
        .add_tokens(visa.clone())
        .add_tokens(mc.clone());

    // Before a certificate exists the platform has no key to encrypt for.
    let e = tokenization
        .get_card_data_by_tokens(&by_tokens, None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).2.as_deref(),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );
    tokenization
        .create_certificate(&csr(Some(MERCHANT_CSR)), None)
        .await
        .unwrap();

    let cards = tokenization
        .get_card_data_by_tokens(&by_tokens, None)
        .await
        .unwrap()
        .tokens
        .unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].token.as_deref(), Some(visa.as_str()));
    assert_eq!(cards[0].card_brand.as_deref(), Some("VISA"));
    assert_eq!(cards[0].card_expiry_date.as_deref(), Some("1230"));
    assert_eq!(cards[0].card_holder_name.as_deref(), Some("Wile E. Coyote"));
    assert_eq!(
        decrypt(cards[0].encrypted_card_number.as_deref().unwrap()),
        TestCard::VisaSuccess.number()
    );
    assert_eq!(cards[1].card_brand.as_deref(), Some("MasterCard"));
    assert_eq!(
        decrypt(cards[1].encrypted_card_number.as_deref().unwrap()),
        TestCard::MastercardSuccess.number()
    );

    let payment: CreatePaymentRequest = req(json!({
        "cardPaymentMethodSpecificInput": {"token": visa},
        "order": {"amountOfMoney": {"amount": 1200, "currencyCode": "EUR"}},
    }));
    let payment_id = m
        .payments()
        .create_payment(&payment, None)
        .await
        .unwrap()
        .payment
        .unwrap()
        .id
        .unwrap();
    let by_payments = GetCardDataByPaymentsParams::default().add_payments(payment_id.clone());
    let cards = tokenization
        .get_card_data_by_payments(&by_payments, None)
        .await
        .unwrap()
        .tokens
        .unwrap();
    assert_eq!(cards[0].payment_id.as_deref(), Some(payment_id.as_str()));
    assert_eq!(cards[0].token.as_deref(), Some(visa.as_str()));
    assert_eq!(
        decrypt(cards[0].encrypted_card_number.as_deref().unwrap()),
        TestCard::VisaSuccess.number()
    );

    // Unknown ids are 404, none at all 400.
    let e = tokenization
        .get_card_data_by_tokens(
            &GetCardDataByTokensParams::default().add_tokens("non-existent-token-xyz"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    let e = tokenization
        .get_card_data_by_payments(
            &GetCardDataByPaymentsParams::default().add_payments("non-existent-payment"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    let e = tokenization
        .get_card_data_by_tokens(&GetCardDataByTokensParams::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("tokens"));
    let e = tokenization
        .get_card_data_by_payments(&GetCardDataByPaymentsParams::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("payments"));
    sb.shutdown().await;
}
