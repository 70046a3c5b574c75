//! Writing a summary out: JSON (the schema in docs/summary-schema.md) or a self-contained HTML
//! report (no scripts, no external resources, charts as inline SVG, printable on A4 and Letter),
//! saved through a temporary file, fsync and rename so a crash never leaves half a report.

use std::io::Write;
use std::path::Path;

use super::aggregate::{CONTACT_FIELDS, PublishedCounts};
use super::document::Summary;
use super::record::Format;
use crate::error::{Error, Result};
use crate::i18n::{Language, label, t};

/// The summary as pretty JSON.
pub fn json(summary: &Summary) -> String {
    serde_json::to_string_pretty(summary).expect("a summary always serializes")
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A horizontal bar chart of one distribution; withheld cells are drawn as such, never as zero.
fn chart(lang: Language, path: &str, field: &str, counts: &PublishedCounts) -> String {
    let title = t(lang, &format!("summary.dist.{path}"), &[]);
    let rows: Vec<(String, Option<u64>)> = counts
        .codes
        .iter()
        .zip(&counts.published.cells)
        .filter(|(_, c)| **c != Some(0))
        .map(|(code, c)| (label(lang, field, code), *c))
        .collect();
    if rows.is_empty() {
        return format!(
            "<section><h3>{}</h3><p class=\"none\">{}</p></section>",
            esc(&title),
            esc(&t(lang, "report.none", &[]))
        );
    }
    let withheld = esc(&t(lang, "summary.withheld_cell", &[]));
    let max = rows.iter().filter_map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let height = rows.len() * 22 + 4;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 600 {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&title)
    );
    for (i, (name, value)) in rows.iter().enumerate() {
        let y = i * 22 + 2;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 14,
            esc(name)
        ));
        match value {
            Some(v) => svg.push_str(&format!(
                "<rect x=\"230\" y=\"{y}\" width=\"{:.1}\" height=\"16\" fill=\"#1d5b8f\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{v}</text>",
                (*v as f64 / max) * 300.0,
                236.0 + (*v as f64 / max) * 300.0,
                y + 13
            )),
            None => svg.push_str(&format!(
                "<text x=\"230\" y=\"{}\" font-size=\"12\" font-style=\"italic\">{withheld}</text>",
                y + 13
            )),
        }
    }
    svg.push_str("</svg>");
    let total = counts
        .published
        .total
        .map_or(withheld.clone(), |t| t.to_string());
    format!(
        "<section><h3>{}</h3>{svg}<p class=\"total\">{}: {total}</p></section>",
        esc(&title),
        esc(&t(lang, "summary.total", &[]))
    )
}

/// The summary as one HTML page with everything inline, in `lang`. Its sentences are the ones
/// the app's preview shows (the same catalogue keys), so the file reads as the preview did.
pub fn html(summary: &Summary, lang: Language) -> String {
    let s = summary;
    let tr = |key: &str| esc(&t(lang, key, &[]));
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>{}</h1><p class=\"period\">{}</p>",
        tr("summary.title"),
        esc(&t(
            lang,
            "summary.period",
            &[
                ("first", s.first_week.clone()),
                ("last", s.last_week.clone()),
                ("k", s.k.to_string()),
            ]
        ))
    ));
    body.push_str(&format!(
        "<section class=\"statement\"><h2>{}</h2><ul>",
        tr("summary.contains")
    ));
    body.push_str(&format!(
        "<li>{}</li>",
        esc(&t(
            lang,
            "summary.contains_counts",
            &[("n", s.withheld.suppressed_cells.to_string())]
        ))
    ));
    body.push_str(&format!(
        "<li>{}</li>",
        esc(&t(
            lang,
            "summary.contains_words",
            &[
                (
                    "n",
                    (s.narratives.len() + s.agenda.iter().filter(|a| a.text.is_some()).count())
                        .to_string()
                ),
                (
                    "removed",
                    s.withheld.removed.values().sum::<usize>().to_string()
                ),
                ("unshared", s.withheld.unshared_entries.to_string()),
            ]
        ))
    ));
    body.push_str(&format!("<li>{}</li>", tr("summary.contains_people")));
    let left_out: Vec<String> = [
        ("words", s.included.words),
        ("agenda", s.included.agenda),
        ("wellbeing", s.included.wellbeing),
    ]
    .into_iter()
    .filter(|(_, included)| !included)
    .map(|(part, _)| t(lang, &format!("summary.part.{part}"), &[]))
    .collect();
    if !left_out.is_empty() {
        body.push_str(&format!(
            "<li>{}</li>",
            esc(&t(
                lang,
                "summary.left_out",
                &[("parts", left_out.join(", "))]
            ))
        ));
    }
    body.push_str("</ul></section>");
    if !s.agenda.is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2><ul class=\"agenda\">",
            tr("summary.agenda")
        ));
        for a in &s.agenda {
            body.push_str(&format!(
                "<li><strong>{}</strong> ({}){}</li>",
                esc(&match a.category {
                    Some(c) => label(lang, "category", c),
                    None => label(lang, "kind", a.kind),
                }),
                esc(&a.week),
                a.text
                    .as_deref()
                    .map(|t| format!(": {}", esc(t)))
                    .unwrap_or_default()
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!("<h2>{}</h2>", tr("summary.counts")));
    body.push_str(&chart(lang, "entries_by_kind", "kind", &s.entries_by_kind));
    body.push_str(&format!(
        "<p>{}: {}</p>",
        tr("summary.contact_minutes"),
        s.contact_minutes
            .map_or(tr("summary.withheld_cell"), |m| m.to_string())
    ));
    for field in CONTACT_FIELDS {
        if let Some(c) = s.contacts.get(field) {
            body.push_str(&chart(lang, &format!("contacts.{field}"), field, c));
        }
    }
    body.push_str(&chart(lang, "moment_themes", "themes", &s.moment_themes));
    body.push_str(&chart(lang, "moment_values", "values", &s.moment_values));
    body.push_str(&chart(
        lang,
        "boundaries_open",
        "category",
        &s.boundaries_open,
    ));
    body.push_str(&chart(
        lang,
        "boundaries_resolved",
        "category",
        &s.boundaries_resolved,
    ));
    body.push_str(&format!("<h2>{}</h2>", tr("summary.wellbeing")));
    if !s.included.wellbeing {
        body.push_str(&format!(
            "<p class=\"none\">{}</p>",
            tr("summary.wellbeing_left_out")
        ));
    } else if s.wellbeing.is_empty() {
        body.push_str(&format!(
            "<p class=\"none\">{}</p>",
            tr("report.no_wellbeing")
        ));
    } else {
        body.push_str(&format!(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            tr("summary.week"),
            tr("field.mood"),
            tr("field.energy"),
            tr("field.stress")
        ));
        let cell = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1}"));
        for w in &s.wellbeing {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&w.week),
                cell(w.mood),
                cell(w.energy),
                cell(w.stress)
            ));
        }
        body.push_str("</tbody></table>");
    }
    if !s.narratives.is_empty() {
        body.push_str(&format!("<h2>{}</h2>", tr("summary.narratives")));
        for n in &s.narratives {
            body.push_str(&format!(
                "<article><p class=\"meta\">{} · {}{}</p><p>{}</p></article>",
                esc(&n.week),
                esc(&label(lang, "kind", n.kind)),
                n.person
                    .as_deref()
                    .map(|p| format!(" · {}", esc(p)))
                    .unwrap_or_default(),
                esc(&n.text)
            ));
        }
    }
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        lang.code(),
        esc(&t(
            lang,
            "report.doc_title",
            &[
                ("first", s.first_week.clone()),
                ("last", s.last_week.clone())
            ]
        ))
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#1f2328}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}h3{font-size:1rem}\
.statement{background:#f3f1ea;padding:.5rem 1rem;border-left:4px solid #1d5b8f}.none,.total,.meta,.period{color:#4b535d}\
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .75rem;text-align:left}\
article{border-left:3px solid #999;padding-left:.75rem;margin:1rem 0}section,article,tr{break-inside:avoid}\
@page{size:auto;margin:15mm}@media print{body{margin:0;max-width:none}}";

/// The bytes of `summary` as a file in `format` (a report in `lang`), encrypted with age when
/// `to` is given.
pub fn render(
    summary: &Summary,
    format: Format,
    lang: Language,
    to: Option<&AgeTo>,
) -> Result<Vec<u8>> {
    let text = match format {
        Format::Json => json(summary),
        Format::Html => html(summary, lang),
    };
    match to {
        Some(to) => encrypt(text.as_bytes(), to),
        None => Ok(text.into_bytes()),
    }
}

/// Saves `contents` at `path`: written to a temporary file beside it, flushed to disk, then
/// renamed over any old file, so the path holds either the old file or the whole new one.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        context: format!("cannot write {}", path.display()),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("out", "not_a_file_name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e: std::io::Error| {
        let _ = std::fs::remove_file(&tmp);
        match e.raw_os_error() {
            Some(28) => Error::DiskFull, // ENOSPC
            _ => io(e),
        }
    })
}

/// Who can open an encrypted summary.
pub enum AgeTo {
    /// Anyone with this passphrase (age's scrypt recipient).
    Passphrase(zeroize::Zeroizing<String>),
    /// The holder of the secret key for this age public key (`age1…`).
    Recipient(String),
}

fn recipient(key: &str) -> Result<age::x25519::Recipient> {
    key.trim()
        .parse()
        .map_err(|_| Error::invalid("age_recipient", "not_an_age_recipient"))
}

impl AgeTo {
    /// Checks the passphrase's length or the public key's form, so a front door can refuse
    /// them before asking where to save (or unlocking anything).
    pub fn check(&self) -> Result<()> {
        match self {
            AgeTo::Passphrase(p) if p.chars().count() < crate::vault::MIN_PASSPHRASE_CHARS => {
                Err(Error::invalid("age_passphrase", "passphrase_too_short")
                    .with("min", crate::vault::MIN_PASSPHRASE_CHARS))
            }
            AgeTo::Passphrase(_) => Ok(()),
            AgeTo::Recipient(key) => recipient(key).map(drop),
        }
    }
}

/// Encrypts `contents` as an age file (binary, age-encryption.org/v1), which `age` and `rage`
/// open.
pub fn encrypt(contents: &[u8], to: &AgeTo) -> Result<Vec<u8>> {
    let encryptor = match to {
        AgeTo::Passphrase(p) => {
            to.check()?;
            age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(
                p.as_str().to_owned(),
            ))
        }
        AgeTo::Recipient(key) => {
            let recipient = recipient(key)?;
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|_| Error::invalid("age_recipient", "not_an_age_recipient"))?
        }
    };
    let mut out = Vec::with_capacity(contents.len() + 256);
    let io = |source| Error::Io {
        context: "cannot encrypt the summary".into(),
        source,
    };
    let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
    writer.write_all(contents).map_err(io)?;
    writer.finish().map_err(io)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn decrypt(file: &[u8], identity: &dyn age::Identity) -> Vec<u8> {
        let d = age::Decryptor::new(file).unwrap();
        let mut r = d.decrypt(std::iter::once(identity)).unwrap();
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn an_encrypted_summary_opens_with_the_supervisors_key_or_the_passphrase_only() {
        let supervisor = age::x25519::Identity::generate();
        let public = supervisor.to_public().to_string();
        let file = encrypt(
            b"{\"format\":\"tandem-summary\"}",
            &AgeTo::Recipient(public),
        )
        .unwrap();
        assert!(file.starts_with(b"age-encryption.org/v1"));
        assert_eq!(
            decrypt(&file, &supervisor),
            b"{\"format\":\"tandem-summary\"}"
        );
        let stranger = age::x25519::Identity::generate();
        let d = age::Decryptor::new(&file[..]).unwrap();
        assert!(
            d.decrypt(std::iter::once(&stranger as &dyn age::Identity))
                .is_err()
        );

        let pass = AgeTo::Passphrase(zeroize::Zeroizing::new("supervision words".into()));
        let file = encrypt(b"report", &pass).unwrap();
        let id = age::scrypt::Identity::new(age::secrecy::SecretString::from(
            "supervision words".to_owned(),
        ));
        assert_eq!(decrypt(&file, &id), b"report");
    }

    #[test]
    fn a_malformed_recipient_or_short_passphrase_is_refused_by_name() {
        let e = encrypt(b"x", &AgeTo::Recipient("age1nope".into())).unwrap_err();
        assert!(e.to_string().contains("age_recipient"), "{e}");
        let e = encrypt(
            b"x",
            &AgeTo::Passphrase(zeroize::Zeroizing::new("short".into())),
        )
        .unwrap_err();
        assert!(e.to_string().contains("age_passphrase"), "{e}");
    }
}
