//! Durable save latency, one entry at a time into vaults of 1k, 10k and 100k entries, reported
//! as percentiles (criterion reports means and medians, not tails). Each save is one committed
//! transaction with synchronous=FULL. Run with `cargo bench -p tandem-core --bench save_latency`.

mod common;

use std::time::Instant;

use tandem_core::entry::EntryDraft;
use tandem_core::synth::Corpus;

const SAVES: usize = 1_000;

fn main() {
    // `cargo bench` passes --bench; a name filter may follow. Run only when not filtered out.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(filter) = args.iter().find(|a| !a.starts_with('-'))
        && !"save_latency".contains(filter.as_str())
    {
        return;
    }
    let mut corpus = Corpus::new(1234);
    for n in [1_000, 10_000, 100_000] {
        let mut vault = common::vault_with(n);
        // Load the entries first, as the app has them in memory while unlocked.
        vault.load_entries().unwrap();
        let mut times = Vec::with_capacity(SAVES);
        let mut ids = Vec::with_capacity(SAVES);
        for _ in 0..SAVES {
            let draft = EntryDraft::from_value(corpus.entry(), None, false).unwrap();
            let start = Instant::now();
            ids.push(vault.add_entry(draft).unwrap());
            times.push(start.elapsed());
        }
        times.sort();
        let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "save_latency/{n}: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({SAVES} saves)",
            pct(0.50).as_secs_f64() * 1e3,
            pct(0.90).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
        );
        // Leave the shared vault at its nominal size for the other benchmarks.
        for id in ids {
            vault.purge_entry(&id).unwrap();
        }
    }
}
