//! Full-text search over the unlocked vault, held only in memory.
//!
//! Every searchable field of an entry is folded (lower case, accents removed) into one segment
//! of a single byte buffer. A query term matches where it starts a word, so "hous" finds
//! "Housing" and "cafe" finds "Café". Scanning one contiguous buffer with a SIMD substring search
//! is faster at 100,000 entries than maintaining an inverted index, costs nothing to keep up to
//! date on every save, and never touches disk: the buffer is wiped when the vault locks.

use memchr::memmem;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use zeroize::Zeroizing;

/// Appends `text` to `out`, lower-cased and without accents. Control characters become spaces,
/// so the segment separator (a zero byte) can never appear inside a segment.
pub fn fold_into(text: &str, out: &mut Vec<u8>) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII, most of any journal, are folded byte by byte without decoding.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        out.extend(bytes[i..i + run].iter().map(|&b| {
            if b.is_ascii_control() {
                b' '
            } else {
                b.to_ascii_lowercase()
            }
        }));
        i += run;
        if i < bytes.len() {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is on a character boundary");
            fold_char(c, out);
            i += c.len_utf8();
        }
    }
}

/// Folds one non-ASCII character: decomposed, combining marks dropped, lower-cased.
fn fold_char(c: char, out: &mut Vec<u8>) {
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if l.is_control() {
                out.push(b' ');
            } else {
                let mut buf = [0u8; 4];
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    });
}

/// `text` folded as the index folds it.
pub fn fold(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out);
    String::from_utf8(out).expect("folding keeps UTF-8 valid")
}

/// A byte that continues a word: letters and digits, and any byte of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A parsed query: every term must match. Words match as prefixes of words; a "quoted phrase"
/// matches as a whole, also from the start of a word. A term also matches the vocabulary codes
/// whose label, in any language Tandem speaks, it would match ("work" finds contacts about
/// `employment`, labelled "Work"; "travail" finds them too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
    /// For each term, the codes it stands for through their labels.
    codes: Vec<Vec<String>>,
}

/// Every vocabulary label, folded, with the code it labels: what query terms are matched
/// against to find the codes they stand for.
static LABELS: std::sync::LazyLock<Vec<(Vec<u8>, String)>> = std::sync::LazyLock::new(|| {
    let mut out = Vec::new();
    for (field, codes) in crate::vocab::fields() {
        for code in codes {
            for lang in crate::i18n::Language::ALL {
                let label = crate::i18n::label(*lang, field, code);
                out.push((fold(&label).into_bytes(), code.to_string()));
            }
        }
    }
    out
});

/// Shortest term that also stands for the codes whose labels it matches: shorter ones ("de",
/// "en", "mon") are everyday words that would match whole kinds, and each code is another pass
/// over the search buffer.
const MIN_LABEL_TERM: usize = 4;

/// The codes whose label has a word starting with `term`.
fn codes_for(term: &str) -> Vec<String> {
    if term.chars().count() < MIN_LABEL_TERM {
        return Vec::new();
    }
    let finder = memmem::Finder::new(term.as_bytes());
    let mut codes: Vec<String> = LABELS
        .iter()
        // A code that starts with the term is found by the term itself ("housing" finds
        // `housing_support`), so it would only cost another pass.
        .filter(|(label, code)| !code.starts_with(term) && word_start_match(&finder, label))
        .map(|(_, code)| code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

impl Query {
    /// Splits what was typed into folded terms. Surrounding punctuation is ignored.
    pub fn parse(text: &str) -> Query {
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = fold(part.trim());
                if !phrase.is_empty() {
                    terms.push(phrase);
                }
            } else {
                for word in part.split_whitespace() {
                    let folded = fold(word);
                    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
                    if !trimmed.is_empty() {
                        terms.push(trimmed.to_string());
                    }
                }
            }
        }
        // The longest term is usually the rarest: scanning for it first leaves the fewest
        // candidates for the others.
        terms.sort_by_key(|t: &String| std::cmp::Reverse(t.len()));
        terms.dedup();
        let codes = terms.iter().map(|t| codes_for(t)).collect();
        Query { terms, codes }
    }

    /// Each term with the codes it also stands for: the patterns any one of which matches it.
    fn patterns(&self) -> impl Iterator<Item = Vec<&[u8]>> + '_ {
        self.terms.iter().zip(&self.codes).map(|(term, codes)| {
            std::iter::once(term.as_bytes())
                .chain(codes.iter().map(|c| c.as_bytes()))
                .collect()
        })
    }

    /// True when nothing searchable was typed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The folded terms.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }
}

/// Marks a slot with no live segment.
const NONE: u32 = u32::MAX;

/// The in-memory search buffer. Entries are known by their slot number in the vault's entry
/// cache, so results can be sorted without hashing ids.
#[derive(Default)]
pub struct SearchIndex {
    /// Folded segments, each followed by a zero byte. Wiped on drop.
    hay: Zeroizing<Vec<u8>>,
    /// Start offset of each segment in `hay`.
    starts: Vec<usize>,
    /// The slot each segment belongs to; `NONE` once replaced or removed.
    owners: Vec<u32>,
    /// The live segment of each slot, or `NONE`.
    segment_of: Vec<u32>,
    live: usize,
    /// Bytes held by dead segments, to know when compacting pays off.
    dead_bytes: usize,
}

/// Folds `pieces` into one segment appended to `out` (terminated by a zero byte). Workers build
/// segments in parallel with this and hand them to [`SearchIndex::append`].
pub fn build_segment<'a>(pieces: impl IntoIterator<Item = &'a str>, out: &mut Vec<u8>) {
    for piece in pieces {
        fold_into(piece, out);
        out.push(b' ');
    }
    out.push(0);
}

impl SearchIndex {
    /// An empty index with room for about `bytes` of text, so loading a vault does not leave
    /// stale copies behind while the buffer grows.
    pub fn with_capacity(bytes: usize, entries: usize) -> Self {
        SearchIndex {
            hay: Zeroizing::new(Vec::with_capacity(bytes)),
            starts: Vec::with_capacity(entries),
            owners: Vec::with_capacity(entries),
            segment_of: Vec::with_capacity(entries),
            live: 0,
            dead_bytes: 0,
        }
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Indexes (or re-indexes) the entry in `slot` from its searchable pieces.
    pub fn insert<'a>(&mut self, slot: u32, pieces: impl IntoIterator<Item = &'a str>) {
        let mut segment = Zeroizing::new(Vec::with_capacity(512));
        build_segment(pieces, &mut segment);
        self.append(slot, &segment, &[segment.len() as u32]);
    }

    /// Appends segments built by [`build_segment`]: `lens[i]` bytes of `buf` for slot
    /// `first_slot + i`, replacing whatever those slots had.
    pub fn append(&mut self, first_slot: u32, buf: &[u8], lens: &[u32]) {
        let segments: Vec<(u32, u32)> = lens
            .iter()
            .enumerate()
            .map(|(i, &len)| (first_slot + i as u32, len))
            .collect();
        self.append_slots(buf, &segments);
    }

    /// Appends segments built by [`build_segment`] for arbitrary slots: `(slot, len)` pairs
    /// taking consecutive bytes of `buf`.
    pub fn append_slots(&mut self, buf: &[u8], segments: &[(u32, u32)]) {
        self.reserve(buf.len());
        let mut offset = self.hay.len();
        self.hay.extend_from_slice(buf);
        for &(slot, len) in segments {
            self.remove(slot);
            if self.segment_of.len() <= slot as usize {
                self.segment_of.resize(slot as usize + 1, NONE);
            }
            self.segment_of[slot as usize] = self.owners.len() as u32;
            self.starts.push(offset);
            self.owners.push(slot);
            self.live += 1;
            offset += len as usize;
        }
    }

    /// Forgets the entry in `slot`.
    pub fn remove(&mut self, slot: u32) {
        let Some(seg) = self.segment_of.get(slot as usize).copied() else {
            return;
        };
        if seg == NONE {
            return;
        }
        let seg = seg as usize;
        self.segment_of[slot as usize] = NONE;
        self.owners[seg] = NONE;
        self.live -= 1;
        self.dead_bytes += self.segment_end(seg) - self.starts[seg];
        if self.dead_bytes > 1 << 20 && self.dead_bytes * 4 > self.hay.len() {
            self.compact();
        }
    }

    /// Grows the buffer by hand so the old allocation is wiped rather than left behind.
    fn reserve(&mut self, extra: usize) {
        if self.hay.len() + extra > self.hay.capacity() {
            let cap = (self.hay.capacity() * 2)
                .max(self.hay.len() + extra)
                .max(4096);
            let mut bigger = Zeroizing::new(Vec::with_capacity(cap));
            bigger.extend_from_slice(&self.hay);
            self.hay = bigger;
        }
    }

    fn segment_end(&self, seg: usize) -> usize {
        self.starts.get(seg + 1).copied().unwrap_or(self.hay.len())
    }

    fn compact(&mut self) {
        let mut fresh = SearchIndex::with_capacity(self.hay.len() - self.dead_bytes, self.live);
        for (seg, &owner) in self.owners.iter().enumerate() {
            if owner != NONE {
                let bytes = &self.hay[self.starts[seg]..self.segment_end(seg)];
                fresh.append(owner, bytes, &[bytes.len() as u32]);
            }
        }
        *self = fresh;
    }

    /// The slots of the entries matching every term of `query`, in no particular order.
    pub fn search(&self, query: &Query) -> Vec<u32> {
        let mut patterns = query.patterns();
        let Some(first) = patterns.next() else {
            return Vec::new();
        };
        let rest: Vec<Vec<memmem::Finder>> = patterns
            .map(|alts| alts.into_iter().map(memmem::Finder::new).collect())
            .collect();
        let mut out = Vec::new();
        let hay = &self.hay[..];
        // The first term is scanned for over the whole buffer, once per pattern it stands for;
        // the other terms are only checked inside the segments it found.
        for pattern in first {
            let finder = memmem::Finder::new(pattern);
            let mut pos = 0;
            while let Some(found) = finder.find(&hay[pos..]) {
                let at = pos + found;
                if at > 0 && is_word_byte(hay[at - 1]) {
                    pos = at + 1;
                    continue;
                }
                // The segment holding `at`: the last start at or before it.
                let seg = self.starts.partition_point(|&s| s <= at) - 1;
                let end = self.segment_end(seg);
                let owner = self.owners[seg];
                if owner != NONE {
                    let segment = &hay[self.starts[seg]..end];
                    if rest
                        .iter()
                        .all(|alts| alts.iter().any(|f| word_start_match(f, segment)))
                    {
                        out.push(owner);
                    }
                }
                // One match per entry is enough: jump to the next segment.
                pos = end;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// True when every term of `query` starts a word in `pieces`, folded as the index folds them.
/// For one-off searches that do not build the index.
pub fn matches<'a>(query: &Query, pieces: impl IntoIterator<Item = &'a str>) -> bool {
    let mut segment = Zeroizing::new(Vec::with_capacity(1024));
    build_segment(pieces, &mut segment);
    query.patterns().all(|alts| {
        alts.iter()
            .any(|p| word_start_match(&memmem::Finder::new(p), &segment))
    })
}

/// A cheap first test on text that contains everything searchable about an entry (its stored
/// JSON): `false` means the entry cannot match, `true` that it may.
pub fn may_match(query: &Query, text: &str) -> bool {
    let mut folded = Zeroizing::new(Vec::with_capacity(text.len()));
    fold_into(text, &mut folded);
    query
        .patterns()
        .all(|alts| alts.iter().any(|p| memmem::find(&folded, p).is_some()))
}

/// Where the words of `query` match in `text`, as `(start, end)` offsets in UTF-16 code units
/// (how the web UI indexes its strings), sorted and merged: what the UI marks in a search
/// result. Matching is the index's: folded, from the start of a word.
pub fn marks(query: &Query, text: &str) -> Vec<(usize, usize)> {
    if query.terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let mut folded = Zeroizing::new(Vec::with_capacity(text.len()));
    // For each folded byte, the UTF-16 span of the character it came from.
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    let mut at = 0;
    for c in text.chars() {
        let before = folded.len();
        let mut buf = [0u8; 4];
        fold_into(c.encode_utf8(&mut buf), &mut folded);
        let span = (at, at + c.len_utf16());
        origin.extend(std::iter::repeat_n(span, folded.len() - before));
        at += c.len_utf16();
    }
    let mut ranges = Vec::new();
    for term in &query.terms {
        let finder = memmem::Finder::new(term.as_bytes());
        let mut pos = 0;
        while let Some(found) = finder.find(&folded[pos..]) {
            let start = pos + found;
            let end = start + term.len();
            if start == 0 || !is_word_byte(folded[start - 1]) {
                ranges.push((origin[start].0, origin[end - 1].1));
            }
            pos = start + 1;
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

fn word_start_match(finder: &memmem::Finder, segment: &[u8]) -> bool {
    let mut pos = 0;
    while let Some(found) = finder.find(&segment[pos..]) {
        let at = pos + found;
        if at == 0 || !is_word_byte(segment[at - 1]) {
            return true;
        }
        pos = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> (SearchIndex, Vec<u32>) {
        let mut idx = SearchIndex::default();
        let slots: Vec<u32> = (0..texts.len() as u32).collect();
        for (slot, t) in slots.iter().zip(texts) {
            idx.insert(*slot, [*t]);
        }
        (idx, slots)
    }

    #[test]
    fn matches_are_case_and_accent_insensitive_prefixes() {
        let (idx, ids) = index(&["Met at the CAFÉ near Élise's shelter", "housing forms"]);
        assert_eq!(idx.search(&Query::parse("cafe")), vec![ids[0]]);
        assert_eq!(idx.search(&Query::parse("elis")), vec![ids[0]]);
        assert_eq!(idx.search(&Query::parse("Hous")), vec![ids[1]]);
        // Prefix of a word, not the middle of one.
        assert!(idx.search(&Query::parse("ousing")).is_empty());
    }

    #[test]
    fn every_term_must_match_and_phrases_stay_together() {
        let (idx, ids) = index(&["walk to the food bank", "bank holiday walk", "food"]);
        let mut hits = idx.search(&Query::parse("walk bank"));
        hits.sort();
        let mut want = vec![ids[0], ids[1]];
        want.sort();
        assert_eq!(hits, want);
        assert_eq!(idx.search(&Query::parse("\"food bank\"")), vec![ids[0]]);
    }

    #[test]
    fn replaced_and_removed_entries_are_not_found() {
        let (mut idx, ids) = index(&["old words", "other"]);
        idx.insert(ids[0], ["new words"]);
        assert!(idx.search(&Query::parse("old")).is_empty());
        assert_eq!(idx.search(&Query::parse("new")), vec![ids[0]]);
        idx.remove(ids[0]);
        assert!(idx.search(&Query::parse("words")).is_empty());
        assert_eq!(idx.len(), 1);
    }

    #[test]
    fn compaction_keeps_live_entries_findable() {
        let mut idx = SearchIndex::default();
        let keep = 0;
        idx.insert(keep, ["keeper"]);
        for slot in 1..3000 {
            idx.insert(slot, [&"filler text ".repeat(50) as &str]);
            idx.remove(slot);
        }
        assert!(idx.hay.len() < 1 << 21, "dead segments were compacted away");
        assert_eq!(idx.search(&Query::parse("keep")), vec![keep]);
    }

    #[test]
    fn folding_handles_mixed_scripts_and_control_characters() {
        assert_eq!(fold("Ça VA\tbien, Zoë! ÉLAN"), "ca va bien, zoe! elan");
        assert_eq!(fold("Straße ΣΟΦΊΑ"), "straße σοφια");
        assert_eq!(fold("a\u{0}b"), "a b");
    }

    #[test]
    fn words_find_the_codes_their_labels_name_in_either_language() {
        let (idx, ids) = index(&["employment follow up", "housing", "a word about work"]);
        let mut hits = idx.search(&Query::parse("work"));
        hits.sort();
        assert_eq!(hits, vec![ids[0], ids[2]], "Work labels employment");
        assert_eq!(idx.search(&Query::parse("travail")), vec![ids[0]]);
        assert_eq!(idx.search(&Query::parse("logement")), vec![ids[1]]);
        assert!(matches(&Query::parse("work"), ["employment"]));
        assert!(may_match(
            &Query::parse("work"),
            "{\"domains\":[\"employment\"]}"
        ));
    }

    #[test]
    fn marks_land_on_what_was_written_in_utf16_offsets() {
        let q = Query::parse("cafe elis");
        // "Élise" starts after "Met at the Café, " (17 UTF-16 units).
        assert_eq!(
            marks(&q, "Met at the Café, Élise said"),
            vec![(11, 15), (17, 21)]
        );
        assert_eq!(marks(&Query::parse("ise"), "Élise"), vec![]);
        assert_eq!(marks(&Query::parse("ok"), "😀 ok"), vec![(3, 5)]);
        assert_eq!(marks(&Query::parse("walk wal"), "walk"), vec![(0, 4)]);
    }

    #[test]
    fn empty_query_matches_nothing() {
        let (idx, _) = index(&["anything"]);
        assert!(Query::parse("  \"\" ... ").is_empty());
        assert!(idx.search(&Query::parse("")).is_empty());
    }
}
