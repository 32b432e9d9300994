//! A256CBC-HS512 content encryption (RFC 7518 §5.2.5).
//!
//! The 64-byte content encryption key is `MAC_KEY ‖ ENC_KEY` (32 bytes each). The
//! plaintext is encrypted with AES-256-CBC and PKCS#7 padding under `ENC_KEY`; the tag is
//! the first 32 bytes of `HMAC-SHA-512(MAC_KEY, AAD ‖ IV ‖ ciphertext ‖ AL)`, where `AL`
//! is the bit length of the AAD as a 64-bit big-endian integer.
//!
//! This file depends on external crates only, so the RFC 7518 Appendix B.3 test can
//! compile it on its own.

use aes::Aes256;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeEncrypt, KeyIvInit};
use hmac::digest::InvalidLength;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha512;

/// Length of the content encryption key in bytes.
pub(crate) const CEK_LEN: usize = 64;
/// Length of the initialisation vector in bytes.
pub(crate) const IV_LEN: usize = 16;
/// Length of the authentication tag in bytes.
pub(crate) const TAG_LEN: usize = 32;

/// Ciphertext and authentication tag of one encryption.
pub(crate) struct Sealed {
    pub(crate) ciphertext: Vec<u8>,
    pub(crate) tag: [u8; TAG_LEN],
}

/// Encrypts `plaintext` under `cek` and `iv`, authenticating `aad` as well.
///
/// Fails only if a cipher rejects a key length, which the fixed array sizes rule out.
pub(crate) fn seal(
    cek: &[u8; CEK_LEN],
    iv: &[u8; IV_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, InvalidLength> {
    let (mac_key, enc_key) = cek.split_at(CEK_LEN / 2);
    let ciphertext = cbc::Encryptor::<Aes256>::new_from_slices(enc_key, iv)?
        .encrypt_padded_vec::<Pkcs7>(plaintext);
    let tag = tag(mac_key, aad, iv, &ciphertext)?;
    Ok(Sealed { ciphertext, tag })
}

fn tag(
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<[u8; TAG_LEN], InvalidLength> {
    // The AAD of a compact JWE is far below 2^61 bytes, so the bit count fits a u64.
    let al = (aad.len() as u64).wrapping_mul(8).to_be_bytes();
    let full = <Hmac<Sha512> as KeyInit>::new_from_slice(mac_key)?
        .chain_update(aad)
        .chain_update(iv)
        .chain_update(ciphertext)
        .chain_update(al)
        .finalize()
        .into_bytes();
    let mut out = [0; TAG_LEN];
    for (dst, src) in out.iter_mut().zip(full.iter()) {
        *dst = *src;
    }
    Ok(out)
}
