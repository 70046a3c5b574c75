//! Identifiers written the way people type them on a phone, beyond the usual forms the
//! structured patterns catch: emails and links spelled out ("jdoe at gmail dot com",
//! "rjones(at)yahoo(dot)ca", "facebook dot com slash …"), phone numbers in words, handles
//! named by their platform ("her insta is jaydee_22", "snap bossbabe_k", "u/…", "$cashtag"),
//! licence plates and case or file numbers after the word that introduces them, ages, and
//! dates without a year ("the 5th of may", "may 5th", "5 mai", "5/5", "le 12").

use std::sync::LazyLock;

use regex::Regex;

use super::ages::{
    AGE_CUES, NOT_AGE_AFTER, after_someone, bare_number, set_apart_in_a_note_about_someone,
    years_are_an_age,
};
use super::text::{Token, fold_plain};
use super::{Class, re};
use super::{ages, spelled};

const MONTHS: &str = r"(?:jan(?:uary|v(?:ier)?)?|feb(?:ruary)?|f[eé]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[eé]c(?:embre)?)";

/// Top-level domains an address spelled out ends with.
const TLDS: &str =
    r"(?:com|ca|org|net|fr|me|io|co|uk|us|info|qc|be|ch|ee|ly|gg|tv|app|link|page|site|xyz|to)";

/// Spelled-out separators: "at", "(at)", "[at]", "arobase"; "dot", "(dot)", "point".
const AT: &str = r"(?:\s*@\s*|\s*[(\[]\s*at\s*[)\]]\s*)";
/// A dot after "at" spelled as a word: written without spaces, or spelled.
const WORD_DOT: &str = r"(?:\.|\s*[(\[]\s*dot\s*[)\]]\s*|\s+(?:dot|point)\s+)";
const DOT: &str = r"(?:\s*\.\s*|\s*[(\[]\s*dot\s*[)\]]\s*|\s+(?:dot|point)\s+)";

static PATTERNS: LazyLock<Vec<(Class, Regex)>> = LazyLock::new(|| {
    vec![
        (
            Class::Email,
            re(&format!(
                r"(?i)\b[a-z0-9][a-z0-9._+-]*(?:\s+(?:dot|underscore|point|tiret)\s+[a-z0-9_-]+)*{AT}[a-z0-9-]+(?:{DOT}[a-z0-9-]+)*{DOT}{TLDS}\b"
            )),
        ),
        // With "at" spelled as a word, only a dot written without spaces, or spelled too,
        // joins the parts: "was at work. Co-workers helped" is a sentence, not an address.
        (
            Class::Email,
            re(&format!(
                r"(?i)\b[a-z0-9][a-z0-9._+-]*(?:\s+(?:dot|underscore|point|tiret)\s+[a-z0-9_-]+)*\s+(?:at|arobase)\s+[a-z0-9-]+(?:{WORD_DOT}[a-z0-9-]+)*{WORD_DOT}{TLDS}\b"
            )),
        ),
        (
            Class::Link,
            re(&format!(
                r"(?i)\b[a-z0-9-]+(?:\s+dot\s+|\s*\(dot\)\s*|\s+point\s+){TLDS}\b(?:(?:\s*/\s*|\s+slash\s+)(?:at\s+)?[\w.@-]+)*"
            )),
        ),
        (
            Class::Handle,
            re(
                r"(?i)(?:^|[\s(:])((?:u/|r/|@)[a-z0-9_][a-z0-9_.-]{1,30}|\$[a-z_][a-z0-9_.-]{1,30})",
            ),
        ),
        // Words joined by dots that make no domain, no number and no initials are a user
        // name: "storm.k.sandylake", "flo.rchbt", "kiki.xo.204".
        (
            Class::Handle,
            re(r"(?i)(?:^|[\s(:])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\b"),
        ),
        // A word joined by an underscore is a user name wherever it is: "sunnyside_dan".
        (
            Class::Handle,
            re(r"(?i)(?:^|[\s(:])([a-z0-9][a-z0-9.]*_(?:[a-z0-9_.]*[a-z0-9_])?)\b"),
        ),
        // Health and social insurance numbers and passports: the French NIR (15 digits), a
        // Québec RAMQ card (4 letters, 8 digits), passports (2 letters and 6–7 digits, or
        // 2 digits, 2 letters, 5 digits).
        (
            Class::IdNumber,
            re(r"\b[12]\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b"),
        ),
        (Class::IdNumber, re(r"(?i)\b[a-z]{4}\s?\d{4}\s?\d{4}\b")),
        (
            Class::IdNumber,
            re(r"\b(?:[A-Z]{2}\d{6,7}|\d{2}[A-Z]{2}\d{5})\b"),
        ),
        // After the word, any passport or card number: "passport T4829137".
        (
            Class::IdNumber,
            re(
                r"(?i)\b(?:passports?|passeports?|health\s+(?:card|number)|carte\s+soleil|insurance\s+number)[\s,]*(?:#|no\.?|n°|number|num[eé]ro|is|est|:)?\s*((?:(?-i:[A-Z]{1,3})\s?|[a-z]{1,3})?\d{3,10}(?:\s\d{3,6})?[a-z]?|[a-z0-9]*\d[a-z0-9]*[a-z][a-z0-9]*)\b",
            ),
        ),
        (
            Class::Phone,
            re(r"(?:\+33|0033)\s?\d(?:[\s.-]?\d{2}){4}\b|\b0\d(?:[\s.-]?\d{2}){4}\b"),
        ),
        (
            Class::Plate,
            re(
                r"(?i)\b(?:plates?|plaque|licen[cs]e(?:\s+plate)?|immatriculation|immatricul[ée]e?)\s*(?:#|no\.?|number|:)?\s*([a-z0-9]{1,4}(?:[\s-]?[a-z0-9]{1,4}){1,2})\b",
            ),
        ),
        (
            Class::CaseNumber,
            re(
                r"(?i)\b(?:file|case|claim|application|docket|dossier|ref(?:erence)?|r[eé]f[eé]rence|referral|occurrence|report|incident|ticket|matter|cause|num[eé]ro|signalement|r[eé]clamation|rg|r[ôo]le)\s*(?:#|no\.?|n°|number|num\.?|is|est|:)?\s*(#?[a-z]{0,3}[\s-]?\d[\d\s/-]{2,}\d[a-z]?(?:(?-i:\s[B-HJ-Z])\b)?|\d{2}[a-z]\d{3,})\b",
            ),
        ),
        // With a word between, a long number: "file is W308812456", "dossier d'immigration
        // V318840217", "récépissé 2024/008812".
        (
            Class::CaseNumber,
            re(
                r"(?i)\b(?:file|case|claim|dossier|r[eé]c[eé]piss[eé])(?:\s+(?:d['’]|de\s+|du\s+)?\p{L}+)?\s+(?:is\s+|est\s+|#\s?|n°\s?)?([a-z]{0,3}\d{4}/?\d{2,}[a-z]?(?:(?-i:\s[B-HJ-Z])\b)?)\b",
            ),
        ),
        (
            Class::CaseNumber,
            re(r"(?i)#\s?([a-z]{0,3}-?\d{4,}[a-z]?)\b"),
        ),
        // Reference numbers by their shape: letters and digits joined by dashes or a slash,
        // four digits or more ("RF-88812", "GO-2024-551902", "2024-MTL-0047", "23/04512").
        (
            Class::CaseNumber,
            re(
                r"\b(?:[A-Z]{1,4}-\d{2,4}-\d{3,}|[A-Z]{1,4}-\d{3,}-\d{2,}|[A-Z]{1,4}-\d{4,}|\d{4}-[A-Z]{2,4}-\d{3,}|\d{2}/\d{5}|[A-Z]{1,4}/\d{2,4}/\d{3,}|\d{2}/\d{3,}/[A-Z]|(?:19|20)\d{2}/\d{5,}|\d{6,}[A-Z]\d?)\b",
            ),
        ),
        // Letter groups, then digit groups, joined by dashes ("NB-FC-2023-0412",
        // "RGA-CR-2024-1187", "TB3-04521"), a court's dotted reference
        // ("CH.55.L3.004512/23"), one letter and six digits or more ("A7723419").
        (
            Class::CaseNumber,
            re(
                r"\b(?:[A-Z]{1,4}\d?-)+(?:[A-Z]{1,4}-)*\d{2,}(?:-\d{2,})*\b|\b[A-Z]{2}\.\d{2}\.[A-Z0-9]{2}\.\d{4,}(?:/\d{2,4})?|\b[A-Z]\d{6,9}\b",
            ),
        ),
        // Licence plates by their shape, in capitals: French (AB-123-CD), Ontario and Québec
        // (ABCD 123, GDB 4471), Québec (F45 KLM), British (LD21 XYZ).
        (Class::Plate, re(r"(?i)\b[a-z]{2}[\s-]\d{3}[\s-][a-z]{2}\b")),
        // Swiss plates, the canton and its number ("GE 348112", "VD 512447"), and plates
        // written digits first ("672 JTR").
        (
            Class::Plate,
            re(
                r"\b(?:AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH)\s?\d{3,6}\b",
            ),
        ),
        (Class::Plate, re(r"\b\d{3}\s?[A-Z]{3}\b")),
        // British Columbia's letters and digits in two threes ("BC4 82K"), a Swiss number
        // written in two ("GE 482 117"), a province or territory before the plate ("NB GKT
        // 221", "NWT 7B 4412").
        (
            Class::Plate,
            re(
                r"\b[A-Z]{2}\d\s?\d{2}[A-Z]\b|\b(?:AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH)\s\d{3}\s\d{3}\b|\b(?:NB|NS|PE|PEI|NL|QC|ON|MB|SK|AB|BC|YT|NT|NWT|NU)\s(?:[A-Z]{3}\s?\d{3,4}|\d[A-Z]{1,2}\s\d{2,4})\b",
            ),
        ),
        // Four letters that make no word and three digits, as typed: "her bfs car cwrt 448".
        (Class::Plate, re(r"(?i)\b([a-z]{4}[\s-]?\d{3})\b")),
        (
            Class::Plate,
            re(
                r"\b(?:[A-Z]{3,4}[\s-]?\d{3,4}|[A-Z]\d{2}\s?[A-Z]{3}|[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]{2}\s\d{5})\b",
            ),
        ),
        (
            Class::Age,
            re(
                r"(?i)\b(\d{1,3}\s*(?:y/?o|yo|yrs?\s+old|years?\s+old|-?\s*years?-old|-?yr-old|ans|an|balais|berges|piges))\b",
            ),
        ),
        (
            Class::Age,
            re(
                r"(?i)\b(?:he's|she's|hes|shes|they're|he\s+is|she\s+is|is|turned|turns|turning|aged?|age\s+of|just|almost|nearly|barely)\s+(?:only\s+|just\s+)?(\d{1,2})\b",
            ),
        ),
        // A guess at an age, set apart: "a new kid, maybe 19, sleeping" (not "around 11
        // tonight").
        (
            Class::Age,
            re(
                r"(?i)\b(?:maybe|about|around|like|environ|genre)\s+([1-9]\d)\s*(?:,|\.|$|yo\b|y/o|ans\b)",
            ),
        ),
        // Ages in words ("he's sixty-five", "elle a quarante ans") and "at 14 he…".
        (
            Class::Age,
            re(
                r"(?i)\b(?:he's|she's|hes|shes|they're|is|turned|turns|turning|aged?|almost|nearly)\s+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b",
            ),
        ),
        (
            Class::Age,
            re(
                r"(?i)\b((?:onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|soixante-dix|quatre-vingts?|quatre-vingt-dix)(?:-(?:et-un|un|deux|trois|quatre|cinq|six|sept|huit|neuf))?\s+ans)\b",
            ),
        ),
        // An age set apart by commas after someone: "Caleb, 19, aged out of care", "Ana
        // Ferreira, sixty-three, passport…" (checked against the word before the comma).
        (
            Class::Age,
            re(
                r"(?i),\s*((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|[1-9]\d?)\s*(?:,|$|\.\s|\s+(?:and|n|et|pis)\b)",
            ),
        ),
        (
            Class::Age,
            re(r"(?i)\b(?:at|à)\s+(\d{1,2})\s+(?:he|she|they|il|elle|ils|elles|i|j)\b"),
        ),
        // "met Oluwaseun (71) at the lunch": a number in brackets after a name.
        (Class::Age, re(r"(?:^|\s)\p{Lu}\p{Ll}+\s*\(([1-9]\d)\)")),
        // "she'll be 41,", "would have been 60 today".
        (
            Class::Age,
            re(
                r"(?i)\b(?:be|been)\s+([1-9]\d)\s*(?:[,.;!?]|$|\s+(?:today|tomorrow|next|this|on|in)\b)",
            ),
        ),
        // "il a 14, j'ai prévenu l'éduc", "both 17, flagged", "he was sixty-two".
        (
            Class::Age,
            re(r"(?i)\b(?:il|elle|iel)\s+a\s+(?:juste\s+|seulement\s+)?(\d{1,2})\s*(?:[,.;!?]|$)"),
        ),
        (Class::Age, re(r"(?i)\bboth\s+(\d{1,2})\s*(?:[,.;!?]|$)")),
        (
            Class::Age,
            re(
                r"(?i)\b(?:he|she|they)\s+(?:was|were)\s+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|[1-9]\d)\s*(?:[,.;!?]|$)",
            ),
        ),
        // A name, then a number and what people do: "Felix 17 wants", "Destiny Bear 17 from"
        // (checked against the word before).
        (
            Class::Age,
            re(
                r"(?:^|\s)\p{Lu}\p{Ll}+\s+(1[0-9]|[2-9]\d)\s+(?:from|wants|is|was|has|came|needs|and|says|de|veut|est|vient|dort|a)\b",
            ),
        ),
        // "17a et déjà à la rue", "il a 19a": Québec's short "ans", at the start of a clause
        // or after "a".
        (Class::Age, re(r"(?i)(?:^|[,.;:!?]\s*|\ba\s+)(\d{1,2}a)\b")),
        (
            Class::Date,
            re(&format!(
                r"(?i)\b(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th|er|e)?\s+(?:of\s+)?{MONTHS}\b\.?(?:,?\s+\d{{4}}\b)?"
            )),
        ),
        (
            Class::Date,
            re(&format!(
                r"(?i)\b{MONTHS}\.?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
            )),
        ),
        (Class::Date, re(r"\b([0-3]?\d/[0-3]?\d)\b(?:[^/]|$)")),
        (Class::Date, re(r"(?i)\bthe\s+[1-3]?\d(?:st|nd|rd|th)\b")),
        (Class::Date, re(r"(?i)\b(le\s+[1-3]?\d(?:er)?)\b")),
        // A day and a month with a dot, as the Swiss and the Belgians write them: "le 25.11",
        // "depuis le 3.2".
        (
            Class::Date,
            re(r"(?i)\b(?:le|du|au|depuis\s+le)\s+([0-3]?\d\.[01]?\d)\b(?:[^.\d]|$)"),
        ),
        // Belgian plates ("2-ABK-771") and mobile numbers ("0470 12 34 56").
        (Class::Plate, re(r"\b\d-[A-Z]{3}-\d{3}\b")),
        (
            Class::Phone,
            re(r"\b04\d{2}[\s.]?\d{2}[\s.]?\d{2}[\s.]?\d{2}\b"),
        ),
        // Dossier numbers with dots ("8.234.567"), and long runs of digit groups ("798412 31
        // 20240118"): twelve digits or more, more than any phone number.
        (Class::CaseNumber, re(r"\b\d{1,3}\.\d{3}\.\d{3}\b")),
        (
            Class::IdNumber,
            re(r"\b\d{4,}(?:\s\d{2,}){1,3}(?:\s[A-Z]\b)?"),
        ),
        // Dashed numbers of four digits first ("UCI 1104-4718-22"): a phone's start with three.
        (Class::IdNumber, re(r"\b\d{4}-\d{4}-\d{2,4}\b")),
    ]
});

/// Names of identity cards written before their number, which is not a plate: "OHIP 4567…".
const ID_CARDS: &[&str] = &[
    "ohip", "ssn", "sin", "phn", "phin", "nas", "ramq", "nir", "hcn", "nam", "amc", "mcp", "msp",
    "avs", "niss", "uci", "iec", "yhc", "fps", "mdph", "caf",
];

/// Words before "le 12" that make it a bus, a line or a count rather than a day.
const NOT_DAY_BEFORE: &[&str] = &[
    "pris", "prend", "prendre", "bus", "autobus", "ligne", "métro", "metro", "sur",
];

/// Words after "le 12" that make it something other than a day ("le 12 mai" is caught whole;
/// "le 505" is a bus).
fn day_number_ok(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start().to_lowercase();
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let before = text[..start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    // "le 25.11" is read whole by another pattern; "le 14h30" is an hour.
    let runs_on = text[end..].starts_with(['.', ':', 'h'])
        && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
    !after.starts_with(|c: char| c.is_ascii_digit() || "%$/".contains(c))
        && !runs_on
        && (!["à", "a", "avec", "h", "min", "ans", "de", "du"].contains(&next)
            || AT_TIME.is_match(&after))
        && !MONTH_WORD.is_match(next)
        && !NOT_DAY_BEFORE.contains(&before.as_str())
}

/// Digits that go on in pairs after a match: the rest of a phone number.
static RUNS_ON_IN_PAIRS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:[\s.]\d{2}[\s.]\d{2}|[\s-]\d{3}[\s-]\d{3}|-\d{2,4}-\d{2,}|\.\d{4})\b")
});

/// The words that say a plate follows: "plate AA 9462", "immatriculée 4521 ZX 69".
static PLATE_SAID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:plates?|plaque|licen[cs]e(?:\s+plate)?|immatriculation|immatricul[ée]e?)\s*(?:#|no\.?|number|:)?\s*$",
    )
});

/// "le 14 à 9h": a day, then the hour.
static AT_TIME: LazyLock<Regex> = LazyLock::new(|| re(r"^[àa]\s+\d{1,2}\s?h"));

static MONTH_WORD: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^{MONTHS}\.?$")));

/// Where `pattern` matches `text`: its first group where it has one, else the whole match.
/// Patterns without a group are run without captures, which is several times faster.
pub fn matches<'a>(
    pattern: &'a Regex,
    text: &'a str,
) -> Box<dyn Iterator<Item = (usize, usize)> + 'a> {
    if pattern.captures_len() > 1 {
        Box::new(pattern.captures_iter(text).map(|caps| {
            let m = caps.get(1).unwrap_or_else(|| caps.get(0).unwrap());
            (m.start(), m.end())
        }))
    } else {
        Box::new(pattern.find_iter(text).map(|m| (m.start(), m.end())))
    }
}

/// The patterns' word boundaries are ASCII's (for speed), so a match can stop inside a word at
/// a letter beyond ASCII. A match cut so is none ("78 apr" of "78 après"); an email,
/// a link or a handle is widened to the whole word ("hélène@gmail.com", not "hélè[email]").
pub(super) fn whole_word(text: &str, s: usize, e: usize, class: Class) -> Option<(usize, usize)> {
    let accented = |c: char| !c.is_ascii() && c.is_alphabetic();
    if !(text[..s].ends_with(accented) || text[e..].starts_with(accented)) {
        return Some((s, e));
    }
    match class {
        Class::Email | Class::Link | Class::Handle => {
            let part = |c: char| c.is_alphanumeric() || "._-+".contains(c);
            let s = text[..s].trim_end_matches(part).len();
            let e = e
                + (text[e..].len()
                    - text[e..]
                        .trim_start_matches(|c: char| c.is_alphanumeric())
                        .len());
            Some((s, e))
        }
        // "dé[bat d]'équipe": anything else cut inside a word is no match.
        _ => None,
    }
}

/// A match, as the filters below read it.
struct Found<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> Found<'a> {
    fn as_str(&self) -> &'a str {
        &self.text[self.start..self.end]
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// The word after byte `at`, lower case, without the punctuation around it ("$" and "%" kept).
pub(super) fn word_after(text: &str, at: usize) -> String {
    text[at..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '$' && c != '%'))
        .unwrap_or("")
        .to_lowercase()
}

/// Every identifier found in `text`, as (start, end, class), in no particular order.
pub fn find(text: &str, tokens: &[Token]) -> Vec<(usize, usize, Class)> {
    let mut out = Vec::new();
    for (class, pattern) in PATTERNS.iter() {
        for (start, end) in matches(pattern, text) {
            let Some((start, end)) = whole_word(text, start, end, *class) else {
                continue;
            };
            let m = Found { start, end, text };
            match class {
                // An age in words needs no check on its number.
                // A run of digit groups is a number of a file only when it is longer than any
                // phone number.
                Class::IdNumber
                    if m.as_str().contains(' ')
                        && m.as_str().chars().all(|c| c.is_ascii_digit() || c == ' ')
                        && m.as_str().chars().filter(char::is_ascii_digit).count() < 12 =>
                {
                    continue;
                }
                // Dotted words are a user name when one part is no word or holds a digit, and
                // no initials: "flo.rchbt", "kiki.xo.204", not "J.B." nor "ok.see".
                Class::Handle if !m.as_str().contains(['@', '_', '$', '/']) => {
                    let parts: Vec<String> = m.as_str().split('.').map(fold_plain).collect();
                    // A part holding a digit, or no word and no phone word ("back.tmrw" is two
                    // words run together by a missing space).
                    let odd = |p: &String| {
                        p.chars().any(|c| c.is_ascii_digit())
                            || (p.chars().count() >= 3
                                && super::lexicon::lookup(p).word_zipf() == 0.0
                                && !super::cues::is_abbreviation(p))
                    };
                    if m.as_str().chars().count() < 6
                        || !parts.iter().any(|p| p.chars().count() >= 3)
                        || !(parts.iter().any(odd)
                            || spelled::platform_near(tokens, m.start(), m.end()))
                    {
                        continue;
                    }
                }
                // "info at tinyurl.com/rentfix22" is a link, not an address to write to.
                Class::Email if text[m.end()..].starts_with('/') => continue,
                // A bare number or number word set apart by commas is an age only after
                // someone's name or a word with a capital.
                Class::Age
                    if text[..m.start()].trim_end().ends_with(',')
                        && bare_number(m.as_str())
                        && !after_someone(text, tokens, m.start())
                        && !set_apart_in_a_note_about_someone(
                            text,
                            tokens,
                            m.start(),
                            m.as_str(),
                        ) =>
                {
                    continue;
                }
                Class::Age if m.as_str().starts_with(|c: char| c.is_alphabetic()) => {
                    // "depuis quinze ans" is how long, not how old; "was twenty minutes late".
                    let next = word_after(text, m.end());
                    if NOT_AGE_AFTER.contains(&next.as_str()) {
                        continue;
                    }
                    if m.as_str().ends_with("ans")
                        && !years_are_an_age(text, m.start(), m.end(), &next)
                    {
                        continue;
                    }
                }
                Class::Age => {
                    let n: u32 = m
                        .as_str()
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                        .parse()
                        .unwrap_or(0);
                    let next = word_after(text, m.end());
                    // Right after a capitalised word, the word must be a name: "Felix 17
                    // wants", not "Highway 17 from" nor "Room 12 is".
                    let before = text[..m.start()]
                        .split_whitespace()
                        .next_back()
                        .unwrap_or("");
                    if bare_number(m.as_str())
                        && before.starts_with(char::is_uppercase)
                        && before.chars().all(char::is_alphabetic)
                        && !AGE_CUES.contains(&before.to_lowercase().as_str())
                    {
                        let lex = super::lexicon::lookup(&fold_plain(before));
                        if !lex.is_name() || lex.word_zipf() >= 5.5 {
                            continue;
                        }
                    }
                    // A number that runs on ("03/15/1988", "10:30", "2.5") is no age.
                    let runs_on = text[m.end()..].starts_with(['/', '-', ':', '.', ','])
                        && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
                    if n == 0 || n > 110 || runs_on || NOT_AGE_AFTER.contains(&next.as_str()) {
                        continue;
                    }
                    if (m.as_str().ends_with("ans") || m.as_str().ends_with(" an"))
                        && !years_are_an_age(text, m.start(), m.end(), &next)
                    {
                        continue;
                    }
                }
                // "the 2nd thursday" of every month is a day of the week, not a date.
                Class::Date
                    if m.as_str().to_lowercase().starts_with("the ")
                        && super::cues::is_weekday(&word_after(text, m.end())) =>
                {
                    continue;
                }
                Class::Date
                    if m.as_str().starts_with(['l', 'L'])
                        && !day_number_ok(text, m.start(), m.end()) =>
                {
                    continue;
                }
                // "le 25.11" is a day and a month; "au 1.5 ml", "du 0.5" are doses.
                Class::Date
                    if m.as_str().contains('.')
                        && m.as_str().chars().all(|c| c.is_ascii_digit() || c == '.')
                        && m.as_str().split('.').count() == 2 =>
                {
                    let (d, mo) = m.as_str().split_once('.').unwrap_or(("0", "0"));
                    let (d, mo): (u32, u32) = (d.parse().unwrap_or(0), mo.parse().unwrap_or(0));
                    if !(1..=31).contains(&d)
                        || !(1..=12).contains(&mo)
                        || NOT_AGE_AFTER.contains(&word_after(text, m.end()).as_str())
                    {
                        continue;
                    }
                }
                Class::Date if m.as_str().contains('/') => {
                    let (d, mo) = m.as_str().split_once('/').unwrap_or(("0", "0"));
                    let (d, mo): (u32, u32) = (d.parse().unwrap_or(0), mo.parse().unwrap_or(0));
                    // Day first, or month first when the day cannot be a month: "3/14".
                    // "12/20" is a mark out of twenty.
                    if mo == 20 && d <= 20 {
                        continue;
                    }
                    let (d, mo) = if mo > 12 && d <= 12 { (mo, d) } else { (d, mo) };
                    // "4/10" is a score out of ten far more often than the 4th of October.
                    if !(1..=31).contains(&d)
                        || !(1..=12).contains(&mo)
                        || m.as_str() == "24/7"
                        || (mo == 10 && d <= 10)
                    {
                        continue;
                    }
                }
                Class::Plate | Class::CaseNumber => {
                    // The letters before the first digit: "OHIP" of "OHIP 4567…".
                    let lead = m.as_str().split(|c: char| !c.is_alphabetic()).next();
                    let letters = super::text::letters(lead.unwrap_or(""));
                    // A file number has four digits or more: "cause 24/7" is no file. Letters
                    // and a year are a period or a programme: "CERB-2020", "T4-2023".
                    let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
                    let tail: String = m
                        .as_str()
                        .rsplit(|c: char| !c.is_ascii_digit())
                        .next()
                        .unwrap_or("")
                        .to_string();
                    if *class == Class::CaseNumber
                        && digits <= 5
                        && tail.len() == 4
                        && (tail.starts_with("19") || tail.starts_with("20"))
                        && m.as_str().starts_with(|c: char| c.is_ascii_uppercase())
                    {
                        continue;
                    }
                    if digits == 0
                        || (*class == Class::CaseNumber && digits < 4)
                        || (*class == Class::Plate
                            && m.as_str()
                                .split(|c: char| !c.is_alphabetic())
                                .any(|w| ID_CARDS.contains(&w.to_lowercase().as_str())))
                    {
                        continue;
                    }
                    // Said to be a plate ("plate AA 9462"): no word filter applies.
                    let keyed = *class == Class::Plate && PLATE_SAID.is_match(&text[..m.start()]);
                    // "100 CAD": money, not a plate.
                    let all_letters = super::text::letters(m.as_str());
                    if *class == Class::Plate
                        && !keyed
                        && (matches!(all_letters.as_str(), "cad" | "usd" | "eur" | "chf" | "gbp")
                            || super::cues::ACRONYMS_SET.contains(all_letters.as_str())
                            || super::cues::is_abbreviation(&all_letters))
                    {
                        continue;
                    }
                    // "GSM 0470 12 34 56", "UCI 1104-4718-22": the digits run on, as a phone's
                    // or a file's.
                    if *class == Class::Plate && RUNS_ON_IN_PAIRS.is_match(&text[m.end()..]) {
                        continue;
                    }
                    // Lower-case letters make a plate only when they make no word: "cwrt 448",
                    // not "room 448" or "sent 100".
                    if *class == Class::Plate
                        && !keyed
                        && !m
                            .as_str()
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(|c| c.is_uppercase())
                        && letters.len() == 4
                        && (super::lexicon::lookup(&letters).word_zipf() > 0.0
                            || super::lexicon::lookup(&letters).is_name()
                            || super::cues::is_abbreviation(&letters))
                    {
                        continue;
                    }
                }
                _ => {}
            }
            out.push((m.start(), m.end(), *class));
        }
    }
    // An age said again: "Rocky is 62 and sleeps in a doorway. 62!!"
    let again = ages::said_again(text, &out);
    out.extend(again);
    out.extend(
        spelled::phones_in_words(text, tokens)
            .into_iter()
            .map(|(s, e)| (s, e, Class::Phone)),
    );
    out.extend(
        spelled::handles_after_platforms(text, tokens)
            .into_iter()
            .map(|(s, e)| (s, e, Class::Handle)),
    );
    out
}

#[cfg(test)]
#[path = "identifiers_tests.rs"]
mod tests;
