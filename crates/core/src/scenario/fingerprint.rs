//! The content fingerprint: which packs a score was computed against.
//!
//! Equal fingerprints mean answers can be re-scored and compared exactly, so a results
//! file carries it (`results::export`) and a library keeps it up to date (`load`'s
//! `Library::build` and `add_pack`, `drill bundle`). It lives with the model because it is a
//! function of the packs alone: everything that needs it is above the model, so none of
//! them needs another to compute it.
//!
//! Hand-written FNV-1a over the packs' canonical JSON: a few lines, no crate worth a
//! dependency.

use super::Pack;

/// FNV-1a over the packs' canonical JSON, as `Library::build` and `drill bundle` compute it.
pub fn fingerprint(packs: &[Pack]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for pack in packs {
        let json = serde_json::to_string(pack).unwrap_or_default();
        for byte in json.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
