//! The content encryption against RFC 7518 Appendix B.3 (AES_256_CBC_HMAC_SHA_512).
//!
//! The module is compiled from the crate's source file, so the test reaches the function
//! the `Encryptor` calls, without widening the public API.
#![cfg(feature = "encryption")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../src/encryption/content.rs"]
#[allow(dead_code)]
mod content;

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

const P: &[u8] = b"A cipher system must not be required to be secret, and it must be able to fall \
                   into the hands of the enemy without inconvenience";
const A: &[u8] = b"The second principle of Auguste Kerckhoffs";

#[test]
fn a256cbc_hs512_matches_rfc_7518_appendix_b3() {
    let k: [u8; 64] = std::array::from_fn(|i| i as u8);
    let iv: [u8; 16] = hex("1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04")
        .try_into()
        .unwrap();
    let e = hex(
        "4a ff aa ad b7 8c 31 c5 da 4b 1b 59 0d 10 ff bd 3d d8 d5 d3 02 42 35 26 91 2d a0 37 ec bc c7 bd
         82 2c 30 1d d6 7c 37 3b cc b5 84 ad 3e 92 79 c2 e6 d1 2a 13 74 b7 7f 07 75 53 df 82 94 10 44 6b
         36 eb d9 70 66 29 6a e6 42 7e a7 5c 2e 08 46 a1 1a 09 cc f5 37 0d c8 0b fe cb ad 28 c7 3f 09 b3
         a3 b7 5e 66 2a 25 94 41 0a e4 96 b2 e2 e6 60 9e 31 e6 e0 2c c8 37 f0 53 d2 1f 37 ff 4f 51 95 0b
         be 26 38 d0 9d d7 a4 93 09 30 80 6d 07 03 b1 f6",
    );
    let t = hex(
        "4d d3 b4 c0 88 a7 f4 5c 21 68 39 64 5b 20 12 bf 2e 62 69 a8 c5 6a 81 6d bc 1b 26 77 61 95 5b c5",
    );
    // The RFC's AL for 42 bytes of AAD is 0x150 bits.
    assert_eq!(A.len() * 8, 0x150);

    let sealed = content::seal(&k, &iv, A, P).unwrap();
    assert_eq!(sealed.ciphertext, e);
    assert_eq!(sealed.tag.as_slice(), t.as_slice());
    assert_eq!(sealed.tag.len(), content::TAG_LEN);
}

#[test]
fn the_tag_depends_on_every_input() {
    let k: [u8; 64] = std::array::from_fn(|i| i as u8);
    let iv = [7u8; 16];
    let base = content::seal(&k, &iv, A, P).unwrap();
    let mut k2 = k;
    k2[0] ^= 1; // MAC key only: same ciphertext, other tag
    let other_mac = content::seal(&k2, &iv, A, P).unwrap();
    assert_eq!(other_mac.ciphertext, base.ciphertext);
    assert_ne!(other_mac.tag, base.tag);
    let mut k3 = k;
    k3[63] ^= 1; // AES key only: other ciphertext
    assert_ne!(
        content::seal(&k3, &iv, A, P).unwrap().ciphertext,
        base.ciphertext
    );
    assert_ne!(
        content::seal(&k, &iv, b"The second principle", P)
            .unwrap()
            .tag,
        base.tag
    );
    // PKCS#7 always pads: 16 bytes of plaintext give two blocks.
    assert_eq!(
        content::seal(&k, &iv, A, &[0; 16])
            .unwrap()
            .ciphertext
            .len(),
        32
    );
}
