//! Shared set-up for the benchmarks: vaults of a given size built from the synthetic corpus,
//! kept under target/bench-vaults so repeated runs skip the import.

use std::path::PathBuf;

use tandem_core::Vault;
use tandem_core::synth::Corpus;

pub const PASS: &str = "benchmark passphrase";

/// A vault holding `n` synthetic entries, built on first use.
pub fn vault_with(n: usize) -> Vault {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-vaults");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{n}.tandem"));
    if !path.exists() {
        let (mut vault, _) = Vault::create(&path, PASS).unwrap();
        let mut corpus = Corpus::new(42);
        // Import in slices so the build itself does not need the whole corpus in memory twice.
        let mut left = n;
        while left > 0 {
            let take = left.min(10_000);
            vault.import_jsonl(&corpus.jsonl(take)).unwrap();
            left -= take;
        }
    }
    Vault::open(&path, PASS).unwrap()
}
