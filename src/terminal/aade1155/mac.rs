//! The `/Q` MAC, off by default: its algorithm is not public and the published MACs could not
//! be reproduced (mydata.md §3.3). This is the likely design, ISO 9797-1 MAC algorithm 3.

use des::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use des::{Des, TdesEde2};

/// A 16-byte key from 32 hex digits.
pub fn parse_key(hex_text: &str) -> Option<[u8; 16]> {
    hex::decode(hex_text.trim()).ok()?.try_into().ok()
}

/// Retail MAC: DES-CBC under K1 over zero-padded `data`, then the last block decrypted under
/// K2 and encrypted under K1; the first 4 bytes as 8 uppercase hex digits. Unverified.
pub fn retail_mac(key: &[u8; 16], data: &[u8]) -> Option<String> {
    let k1 = Des::new_from_slice(&key[..8]).ok()?;
    let k2 = Des::new_from_slice(&key[8..]).ok()?;
    let mut state = Block::<Des>::default();
    let padded_len = data.len().div_ceil(8).max(1) * 8;
    let mut padded = data.to_vec();
    padded.resize(padded_len, 0);
    for chunk in padded.chunks_exact(8) {
        for (s, d) in state.iter_mut().zip(chunk) {
            *s ^= d;
        }
        k1.encrypt_block(&mut state);
    }
    k2.decrypt_block(&mut state);
    k1.encrypt_block(&mut state);
    Some(hex::encode_upper(&state[..4]))
}

/// Two-key 3DES-ECB of one block (the simulator decrypts `MAC_K` with it).
pub fn tdes_ecb(key: &[u8; 16], data: &[u8], encrypt: bool) -> Option<Vec<u8>> {
    let c = TdesEde2::new_from_slice(key).ok()?;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks(8) {
        let mut block = Block::<TdesEde2>::default();
        block.get_mut(..chunk.len())?.copy_from_slice(chunk);
        if encrypt {
            c.encrypt_block(&mut block);
        } else {
            c.decrypt_block(&mut block);
        }
        out.extend_from_slice(&block);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn des_known_answer_and_the_retail_shape() {
        // The classic DES example: key 133457799BBCDFF1, 0123456789ABCDEF -> 85E813540F0AB405.
        let key = parse_key("133457799BBCDFF1133457799BBCDFF1").unwrap();
        let plain = hex::decode("0123456789ABCDEF").unwrap();
        // With K1 = K2 the retail MAC of one block is plain DES of it.
        assert_eq!(retail_mac(&key, &plain).unwrap(), "85E81354");
        assert_eq!(hex::encode_upper(tdes_ecb(&key, &plain, true).unwrap()), "85E813540F0AB405");
        let mk = parse_key("ABCDEF01234567899876543210ABCDEF").unwrap();
        let enc = tdes_ecb(&mk, &hex::decode("7E0269C147A7C328F46E497841CD5823").unwrap(), true).unwrap();
        assert_eq!(hex::encode_upper(&enc), "8FF79564430DD13EF06B5F199278FADC");
        let m = retail_mac(&mk, b"A/S001008/F2500:978:2").unwrap();
        assert_eq!(m.len(), 8);
        assert_ne!(m, retail_mac(&mk, b"A/S001008/F2501:978:2").unwrap());
    }
}
