//! Writing a summary out: JSON (the schema in docs/summary-schema.md) or a self-contained HTML
//! report (no scripts, no external resources, charts as inline SVG, printable on A4 and Letter),
//! saved through a temporary file, fsync and rename so a crash never leaves half a report.

use std::io::Write;
use std::path::Path;

use super::document::Summary;
use super::record::Format;
use super::report::{Block, Cell, Report, Row, Table};
use crate::error::{Error, Result};
use crate::i18n::Language;

/// The summary as pretty JSON.
pub fn json(summary: &Summary) -> String {
    serde_json::to_string_pretty(summary).expect("a summary always serializes")
}

/// `text` made safe to place in HTML text or an attribute.
pub(crate) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn cell(c: &Cell) -> String {
    if c.withheld {
        format!("<span class=\"withheld\">{}</span>", esc(&c.text))
    } else {
        esc(&c.text)
    }
}

/// A bar for a count, as a share of its table's largest; hidden from screen readers, which
/// read the count beside it.
fn bar(c: &Cell) -> String {
    match c.bar {
        Some(share) => format!(
            "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{:.1}\" height=\"10\"/></svg>",
            share * 100.0
        ),
        None => String::new(),
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str(&format!(
        "<table><caption>{}</caption><thead><tr>",
        esc(&t.caption)
    ));
    for c in &t.columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(c)));
    }
    out.push_str("</tr></thead>");
    let row = |out: &mut String, r: &Row| {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th>", esc(&r.head)));
        // A count's bar sits in its own cell, after the number screen readers read.
        for c in &r.cells {
            out.push_str(&format!("<td>{}{}</td>", cell(c), bar(c)));
        }
        out.push_str("</tr>");
    };
    out.push_str("<tbody>");
    for r in &t.rows {
        row(out, r);
    }
    out.push_str("</tbody>");
    if let Some(total) = &t.total {
        out.push_str("<tfoot>");
        row(out, total);
        out.push_str("</tfoot>");
    }
    out.push_str("</table>");
}

/// The summary as one HTML page with everything inline, in `lang`. It is drawn from the same
/// [`Report`] as the app's preview, so the file says what the preview said.
pub fn html(summary: &Summary, lang: Language) -> String {
    html_of(&Report::of_summary(summary, lang))
}

/// A report as one HTML page: no scripts, no external resources, printable.
pub fn html_of(r: &Report) -> String {
    let mut body = format!(
        "<h1>{}</h1><p class=\"period\">{}</p><section class=\"statement\">",
        esc(&r.title),
        esc(&r.period)
    );
    if let Some(h) = &r.statement.heading {
        body.push_str(&format!("<h2>{}</h2>", esc(h)));
    }
    body.push_str("<ul>");
    for line in &r.statement.lines {
        body.push_str(&format!("<li>{}</li>", esc(line)));
    }
    body.push_str("</ul></section>");
    for section in &r.sections {
        body.push_str(&format!("<section><h2>{}</h2>", esc(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Note { text } => {
                    body.push_str(&format!("<p class=\"none\">{}</p>", esc(text)))
                }
                Block::Figure { label, value } => {
                    body.push_str(&format!("<p>{}: {}</p>", esc(label), cell(value)))
                }
                Block::Agenda { items } => {
                    body.push_str("<ul class=\"agenda\">");
                    for a in items {
                        body.push_str(&format!(
                            "<li><strong>{}</strong> <span class=\"week\">{}</span>",
                            esc(&a.title),
                            esc(&a.week)
                        ));
                        if let Some(text) = &a.text {
                            body.push_str(&format!("<p>{}</p>", esc(text)));
                        }
                        body.push_str("</li>");
                    }
                    body.push_str("</ul>");
                }
                Block::Table(t) => table(&mut body, t),
                Block::Quotes { items } => {
                    for q in items {
                        body.push_str(&format!(
                            "<article><p class=\"meta\">{}</p><p>{}</p></article>",
                            esc(&q.meta),
                            esc(&q.text)
                        ));
                    }
                }
            }
        }
        body.push_str("</section>");
    }
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        r.lang,
        esc(&r.doc_title)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#1f2328}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}\
.statement{background:#f3f1ea;padding:.5rem 1rem;border-left:4px solid #1d5b8f}.statement h2{border:0;margin-top:.5rem}\
.none,.meta,.period,.week,.withheld{color:#4b535d}.withheld{font-style:italic}.week{margin-left:.5rem}\
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}\
td,th{border:1px solid #999;padding:.25rem .75rem;text-align:left}tbody th{font-weight:400}\
.bar{width:8rem;height:.8em;fill:#1d5b8f;margin-left:.5rem;vertical-align:middle}\
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
