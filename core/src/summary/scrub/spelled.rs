//! Phone numbers and handles typed as words: "four one six, five five five…", "her insta is
//! jaydee_22", "snap bossbabe_k". Found word by word, since no pattern reads number words or
//! knows which words name a platform.

use super::text::{Token, fold_plain};

/// Number words in English and French, with the digits they stand for.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("oh", "0"),
    ("o", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("un", "1"),
    ("deux", "2"),
    ("trois", "3"),
    ("quatre", "4"),
    ("cinq", "5"),
    ("sept", "7"),
    ("huit", "8"),
    ("neuf", "9"),
    ("dix", "10"),
    ("onze", "11"),
    ("douze", "12"),
    ("treize", "13"),
    ("quatorze", "14"),
    ("quinze", "15"),
    ("seize", "16"),
    ("vingt", "20"),
    ("trente", "30"),
    ("quarante", "40"),
    ("cinquante", "50"),
    ("soixante", "60"),
    ("septante", "70"),
    ("huitante", "80"),
    ("octante", "80"),
    ("nonante", "90"),
    ("double", ""),
    ("triple", ""),
];

fn digits_of(word: &str) -> Option<usize> {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) {
        return Some(word.len());
    }
    // "trente-quatre", "dix-sept": each part a number word.
    // "cinq-zéro-six": digits joined one by one are as many digits.
    let parts: Vec<&str> = word.split('-').collect();
    let mut n = 0;
    let mut one_by_one = true;
    for p in &parts {
        let (_, d) = NUMBER_WORDS.iter().find(|(w, _)| w == p)?;
        n += d.len();
        one_by_one &= d.len() == 1;
    }
    Some(if parts.len() > 1 && !one_by_one { 2 } else { n })
}

/// Phone numbers said in words or mixed ("four one six five five five oh one nine nine",
/// "six four seven, five five five, two two three four", "zéro six douze…"): seven digits or
/// more in a row of number words and digit groups.
pub(super) fn phones_in_words(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        let mut digits = 0;
        let mut words = 0;
        while let Some(t) = tokens.get(j) {
            let gap_ok = j == i
                || text[tokens[j - 1].end..t.start]
                    .chars()
                    .all(|c| c.is_whitespace() || ",-.".contains(c));
            let Some(d) = gap_ok.then(|| digits_of(&t.folded)).flatten() else {
                break;
            };
            if !t.folded.chars().all(|c| c.is_ascii_digit()) {
                words += 1;
            }
            digits += d;
            j += 1;
        }
        if digits >= 7 && words >= 3 {
            out.push((tokens[i].start, tokens[j - 1].end));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a platform where handles live is named in the few words around bytes `at..end`
/// ("follow leah.beads.art", "son insta de cuisine pepper.cuisine", "tere.walks on insta"):
/// there, words joined by dots are a user name.
pub(super) fn platform_near(tokens: &[Token], at: usize, end: usize) -> bool {
    let platform = |t: &&Token| {
        let w = t.folded.as_str();
        PLATFORMS.contains(&w) && !matches!(w, "user" | "handle" | "signal" | "threads")
    };
    let after: Vec<&Token> = tokens.iter().filter(|t| t.start >= end).take(3).collect();
    // "follow" only right before it: "will follow up tmrw.called her" is no handle.
    let before: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.end <= at)
        .rev()
        .take(4)
        .collect();
    before.first().is_some_and(|t| t.folded == "follow")
        || before.iter().any(platform)
        || after.iter().any(platform)
}

/// Words that name where a handle lives.
const PLATFORMS: &[&str] = &[
    "messenger",
    "insta",
    "instagram",
    "ig",
    "snap",
    "snapchat",
    "sc",
    "tiktok",
    "twitter",
    "discord",
    "reddit",
    "twitch",
    "fb",
    "facebook",
    "cashapp",
    "venmo",
    "gamertag",
    "psn",
    "xbox",
    "telegram",
    "whatsapp",
    "kik",
    "handle",
    "username",
    "user",
    "pseudo",
    "youtube",
    "threads",
    "bluesky",
    "signal",
    "onlyfans",
    "linkedin",
    "tinder",
    "grindr",
    "hinge",
    "bumble",
];

/// Words between a platform and its handle that are not the handle.
const HANDLE_FILLER: &[&str] = &[
    "is", "her", "his", "their", "my", "as", "at", "on", "me", "hers", "handle", "name", "c'est",
    "c", "cest", "est", "son", "sa", "le", "la", "called", "under", "it's", "its", "account",
    "compte", "add", "follow", "shes", "she's", "hes", "he's", "theyre", "they're", "it", "shares",
];

/// The handle named after a platform: the first word after it, within four, that is no
/// everyday word, or that holds a digit, an underscore, a dot or a "#".
pub(super) fn handles_after_platforms(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !PLATFORMS.contains(&t.folded.as_str()) {
            continue;
        }
        for next in tokens.iter().skip(i + 1).take(4) {
            if HANDLE_FILLER.contains(&next.folded.as_str()) {
                continue;
            }
            // "j'ai", "d'une": French words, not handles.
            if next.own_start != next.start {
                break;
            }
            // The handle runs on through dots, underscores and "#1234".
            let mut end = next.end;
            let rest = &text[end..];
            let more = rest
                .char_indices()
                .take_while(|(_, c)| c.is_alphanumeric() || "._#-".contains(*c))
                .last()
                .map_or(0, |(at, c)| at + c.len_utf8());
            end += more;
            let handle = &text[next.start..end];
            let marked =
                handle.contains(['_', '.', '#']) || handle.chars().any(|c| c.is_ascii_digit());
            let rare = super::lexicon::lookup(&fold_plain(handle)).word_zipf() < 3.0;
            if marked || rare {
                out.push((next.start, end.min(text.len())));
            }
            break;
        }
    }
    out
}
