//! Synthetic entries for benchmarks and load tests: plausible peer-work journal text, all four
//! kinds, deterministic for a given seed. Nothing here describes real people.

use chrono::{Duration, TimeZone, Utc};
use serde_json::{Value, json};

const WORDS: &[&str] = &[
    "walked",
    "together",
    "to",
    "the",
    "food",
    "bank",
    "and",
    "talked",
    "about",
    "housing",
    "forms",
    "waiting",
    "list",
    "felt",
    "heard",
    "when",
    "shared",
    "my",
    "own",
    "story",
    "of",
    "recovery",
    "coffee",
    "outside",
    "clinic",
    "appointment",
    "went",
    "well",
    "nervous",
    "at",
    "first",
    "laughed",
    "bus",
    "late",
    "again",
    "phone",
    "call",
    "check",
    "in",
    "after",
    "weekend",
    "plan",
    "next",
    "steps",
    "group",
    "meeting",
    "community",
    "kitchen",
    "court",
    "date",
    "moved",
    "benefits",
    "office",
    "application",
    "support",
    "letter",
    "doctor",
    "pharmacy",
    "naloxone",
    "kit",
    "shelter",
    "bed",
    "tonight",
    "family",
    "visit",
    "hopeful",
    "tired",
    "long",
    "day",
    "boundaries",
    "text",
    "message",
    "late",
    "night",
    "asked",
    "for",
    "money",
    "said",
    "no",
    "kindly",
    "gardening",
    "project",
    "art",
    "class",
    "job",
    "interview",
    "resume",
    "practice",
    "library",
    "computer",
    "email",
    "landlord",
    "repairs",
    "heat",
    "winter",
    "coat",
    "shoes",
    "lunch",
    "park",
    "bench",
    "quiet",
    "listening",
    "trust",
    "growing",
    "slowly",
    "celebrated",
    "small",
    "win",
    "thirty",
    "days",
    "milestone",
];

const PEOPLE: &[&str] = &[
    "A.B.", "C.D.", "E.F.", "G.H.", "J.K.", "L.M.", "N.P.", "Q.R.",
];

/// A deterministic generator of entries as JSON (the shape `tandem add` and `import` take).
pub struct Corpus {
    state: u64,
    n: u64,
}

impl Corpus {
    /// A generator; the same seed gives the same entries.
    pub fn new(seed: u64) -> Self {
        Corpus {
            state: seed | 1,
            n: 0,
        }
    }

    fn next_u64(&mut self) -> u64 {
        // xorshift64*: fast and good enough to vary benchmark data.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }

    /// Text of about `words` words.
    pub fn text(&mut self, words: usize) -> String {
        let mut out = String::with_capacity(words * 7);
        for i in 0..words {
            if i > 0 {
                out.push(if i % 12 == 0 { '.' } else { ' ' });
                if i % 12 == 0 {
                    out.push(' ');
                }
            }
            out.push_str(self.pick(WORDS));
        }
        out.push('.');
        out
    }

    /// The next entry, with `"kind"`, spread over the three years before 2026-11-01.
    pub fn entry(&mut self) -> Value {
        self.n += 1;
        let start = Utc.with_ymd_and_hms(2023, 11, 1, 8, 0, 0).unwrap();
        let minutes = (self.next_u64() % (3 * 365 * 24 * 60)) as i64;
        let at = (start + Duration::minutes(minutes)).to_rfc3339();
        // About 50 words: a typical quick note after a contact.
        let words = 30 + (self.next_u64() % 40) as usize;
        let text = self.text(words);
        let person = self.pick(PEOPLE);
        match self.n % 10 {
            0..=5 => json!({
                "kind": "contact", "occurred_at": at, "text": text, "person": person,
                "duration_min": 10 + self.next_u64() % 80,
                "mode": self.pick(&["in_person", "phone", "text_message", "video"]),
                "setting": self.pick(&["community", "office", "street_outreach", "shelter"]),
                "domains": [self.pick(&["housing", "income", "mental_health", "social_connection"])],
                "activities": [self.pick(&["listening", "accompaniment", "resource_linkage"])],
                "tags": [self.pick(&["outreach", "drop-in", "follow-up"])],
            }),
            6 | 7 => json!({
                "kind": "moment", "occurred_at": at, "text": text,
                "themes": [self.pick(&["relatedness", "trust", "getting_it", "role_modeling"])],
                "values": [self.pick(&["hopeful", "empathetic", "mutual_reciprocal"])],
                "why_it_mattered": self.text(12),
            }),
            8 => json!({
                "kind": "boundary", "occurred_at": at, "text": text,
                "category": self.pick(&["self_disclosure", "out_of_hours_contact", "triggering"]),
                "intensity": 1 + self.next_u64() % 5,
                "bring_to_supervision": self.next_u64().is_multiple_of(2),
            }),
            _ => json!({
                "kind": "wellbeing", "occurred_at": at, "text": self.text(10),
                "mood": 1 + self.next_u64() % 5, "energy": 1 + self.next_u64() % 5,
                "stress": 1 + self.next_u64() % 5, "sleep_hours": 5 + self.next_u64() % 4,
            }),
        }
    }

    /// `count` entries as JSON Lines.
    pub fn jsonl(&mut self, count: usize) -> String {
        let mut out = String::with_capacity(count * 600);
        for _ in 0..count {
            out.push_str(&self.entry().to_string());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::EntryDraft;

    #[test]
    fn every_generated_entry_is_valid_input() {
        let mut corpus = Corpus::new(7);
        for _ in 0..200 {
            let e = corpus.entry();
            EntryDraft::from_value(e.clone(), None, false)
                .unwrap_or_else(|err| panic!("{err}: {e}"));
        }
        assert_eq!(Corpus::new(3).jsonl(5), Corpus::new(3).jsonl(5));
    }
}
