//! The vault file: a SQLite database that holds only ids, nonces, ciphertext and key slots.
//!
//! This layer knows tables and bytes, never entries or keys in the clear. It refuses to touch a
//! file that is not a Tandem vault (checked by reading the header, before SQLite opens it), never
//! creates a vault over an existing file, and commits each write as one durable transaction
//! (WAL, `synchronous=FULL`).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::crypto::{KdfParams, SALT_LEN};
use crate::error::{Error, Result};
use crate::id::RecordId;

/// SQLite `application_id` of a Tandem vault: "TAND" in ASCII.
pub const APPLICATION_ID: i32 = 0x5441_4E44;
/// The schema version this build writes and reads (SQLite `user_version`).
pub const SCHEMA_VERSION: i64 = 4;
/// The record format version, bound into every record's associated data.
pub const RECORD_FORMAT: u16 = 1;

/// The migrations, in order: `MIGRATIONS[n]` takes schema version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the vault row, key slots, and one table per kind of record.
    "CREATE TABLE vault (
         singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
         vault_id BLOB NOT NULL CHECK (length(vault_id) = 16)
     );
     CREATE TABLE key_slots (
         name TEXT PRIMARY KEY,
         kdf TEXT NOT NULL,
         m_kib INTEGER, t INTEGER, p INTEGER,
         salt BLOB NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         wrapped BLOB NOT NULL
     );
     CREATE TABLE entries (
         id BLOB PRIMARY KEY NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         ciphertext BLOB NOT NULL
     );
     CREATE TABLE people (
         id BLOB PRIMARY KEY NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         ciphertext BLOB NOT NULL
     );",
    // 2: a record of every supervision summary the worker saved.
    "CREATE TABLE exports (
         id BLOB PRIMARY KEY NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         ciphertext BLOB NOT NULL
     );",
    // 3: forms the worker left half-written, kept until saved or discarded.
    "CREATE TABLE drafts (
         id BLOB PRIMARY KEY NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         ciphertext BLOB NOT NULL
     );",
    // 4: words the worker asked summaries always to remove.
    "CREATE TABLE words (
         id BLOB PRIMARY KEY NOT NULL,
         key_id INTEGER NOT NULL,
         nonce BLOB NOT NULL,
         ciphertext BLOB NOT NULL
     );",
];

/// The tables that hold encrypted records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Entries,
    People,
    Exports,
    Drafts,
    Words,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Entries => "entries",
            Table::People => "people",
            Table::Exports => "exports",
            Table::Drafts => "drafts",
            Table::Words => "words",
        }
    }

    fn upsert_sql(self) -> &'static str {
        macro_rules! upsert {
            ($t:literal) => {
                concat!(
                    "INSERT INTO ",
                    $t,
                    " (id, key_id, nonce, ciphertext) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(id) DO UPDATE SET key_id = excluded.key_id, \
                     nonce = excluded.nonce, ciphertext = excluded.ciphertext"
                )
            };
        }
        match self {
            Table::Entries => upsert!("entries"),
            Table::People => upsert!("people"),
            Table::Exports => upsert!("exports"),
            Table::Drafts => upsert!("drafts"),
            Table::Words => upsert!("words"),
        }
    }

    fn exists_sql(self) -> &'static str {
        match self {
            Table::Entries => "SELECT 1 FROM entries WHERE id = ?1",
            Table::People => "SELECT 1 FROM people WHERE id = ?1",
            Table::Exports => "SELECT 1 FROM exports WHERE id = ?1",
            Table::Drafts => "SELECT 1 FROM drafts WHERE id = ?1",
            Table::Words => "SELECT 1 FROM words WHERE id = ?1",
        }
    }

    fn delete_sql(self) -> &'static str {
        match self {
            Table::Entries => "DELETE FROM entries WHERE id = ?1",
            Table::People => "DELETE FROM people WHERE id = ?1",
            Table::Exports => "DELETE FROM exports WHERE id = ?1",
            Table::Drafts => "DELETE FROM drafts WHERE id = ?1",
            Table::Words => "DELETE FROM words WHERE id = ?1",
        }
    }

    /// A byte that binds a record to its table, so an entry cannot be replayed as a person.
    pub fn tag(self) -> u8 {
        match self {
            Table::Entries => b'E',
            Table::People => b'P',
            Table::Exports => b'X',
            Table::Drafts => b'D',
            Table::Words => b'W',
        }
    }
}

/// How a key slot derives its key-encryption key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKdf {
    Argon2id(KdfParams),
    HkdfSha256,
}

/// A wrapped copy of the data key.
#[derive(Debug, Clone)]
pub struct KeySlot {
    pub name: &'static str,
    pub kdf: SlotKdf,
    pub salt: [u8; SALT_LEN],
    pub key_id: u32,
    pub nonce: Vec<u8>,
    pub wrapped: Vec<u8>,
}

/// The slot unlocked by the passphrase.
pub const PASSPHRASE_SLOT: &str = "passphrase";
/// The slot unlocked by the recovery key.
pub const RECOVERY_SLOT: &str = "recovery";

/// One encrypted row, as read from a record table.
pub struct RawRecord {
    pub id: Vec<u8>,
    pub key_id: i64,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// An open vault file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    vault_id: [u8; 16],
    schema_version: i64,
}

fn io_error(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// Reads the first 100 bytes of `path` and checks they are a SQLite header carrying Tandem's
/// application id. Nothing is written; SQLite never sees a file that fails this.
pub fn check_header(path: &Path) -> Result<()> {
    let not_vault = |reason: &str| Error::NotAVault {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoVault(path.to_path_buf()));
        }
        Err(e) => return Err(io_error(format!("cannot read {}", path.display()))(e)),
    };
    if !meta.is_file() {
        return Err(not_vault("it is not a regular file"));
    }
    if meta.len() == 0 {
        return Err(not_vault("the file is empty"));
    }
    let mut header = [0u8; 100];
    let mut file = File::open(path).map_err(io_error(format!("cannot read {}", path.display())))?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(io_error(format!("cannot read {}", path.display()))(e)),
        }
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(not_vault("it is not a database file"));
    }
    let app_id = i32::from_be_bytes(header[68..72].try_into().expect("4 bytes"));
    if app_id != APPLICATION_ID {
        return Err(not_vault("it is a database made by another program"));
    }
    if meta.len() < 4096 {
        return Err(Error::Damaged {
            detail: format!("{} is shorter than any vault (truncated?)", path.display()),
        });
    }
    Ok(())
}

fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(io_error(format!("cannot create {}", path.display())))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // WAL with FULL sync: a commit is on disk before it returns, and a crash mid-write leaves the
    // last committed state. secure_delete overwrites freed pages, so purged ciphertext is gone.
    // Memory-mapped reads save a copy per page when unlock reads every record; the file holds
    // only ciphertext, so nothing sensitive is mapped.
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(format!(
            "the vault could not use write-ahead logging (got {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON;
         PRAGMA mmap_size=1073741824; PRAGMA cache_size=-32768;",
    )?;
    Ok(())
}

impl Store {
    /// Creates a new vault file at `path`, which must not exist, holding `vault_id` and `slots`.
    ///
    /// The database is built under a temporary name in the same folder and then linked into
    /// place, which fails if anything appeared at `path` meanwhile: an existing file is never
    /// replaced, and a failed creation leaves no half-made vault behind.
    pub fn create(path: &Path, vault_id: [u8; 16], slots: &[KeySlot]) -> Result<Store> {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path
            .file_name()
            .ok_or_else(|| Error::invalid("vault", "not_a_file_name"))?;
        let mut tmp_name = file_name.to_os_string();
        tmp_name.push(format!(".creating-{}", &RecordId::random().to_hex()[..8]));
        let tmp = dir.join(tmp_name);

        let built = (|| -> Result<()> {
            // Create the file ourselves, readable by its owner only; SQLite gives its WAL and
            // shared-memory files the same permissions.
            create_private_file(&tmp)?;
            let mut conn = Connection::open_with_flags(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            configure(&conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for m in MIGRATIONS {
                tx.execute_batch(m)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.execute(
                "INSERT INTO vault (singleton, vault_id) VALUES (1, ?1)",
                [&vault_id[..]],
            )?;
            for slot in slots {
                put_slot(&tx, slot)?;
            }
            tx.commit()?;
            conn.close().map_err(|(_, e)| Error::from(e))?;
            Ok(())
        })();
        let linked = built.and_then(|()| match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::AlreadyExists(path.to_path_buf()))
            }
            Err(e) => Err(io_error(format!("cannot create {}", path.display()))(e)),
        });
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = tmp.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        linked?;
        if let Ok(d) = File::open(&dir) {
            // Make the new directory entry durable too; not every platform allows this.
            let _ = d.sync_all();
        }
        Store::open(path)
    }

    /// Opens an existing vault file. Nothing is written: a wrong passphrase, a foreign file or a
    /// newer format leave the file as it was.
    pub fn open(path: &Path) -> Result<Store> {
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if schema_version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                found: schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if schema_version < 1 {
            return Err(Error::Damaged {
                detail: "it has no Tandem tables".into(),
            });
        }
        let id: Vec<u8> = conn
            .query_row("SELECT vault_id FROM vault WHERE singleton = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::Damaged {
                detail: "its vault record is missing".into(),
            })?;
        let vault_id = id.try_into().map_err(|_| Error::Damaged {
            detail: "its vault id is malformed".into(),
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            vault_id,
            schema_version,
        })
    }

    /// Brings an older vault up to [`SCHEMA_VERSION`]. Called only after a successful unlock, so
    /// a wrong passphrase never changes the file.
    pub fn migrate(&mut self) -> Result<()> {
        if self.schema_version == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for m in &MIGRATIONS[self.schema_version as usize..] {
            tx.execute_batch(m)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        self.schema_version = SCHEMA_VERSION;
        Ok(())
    }

    /// The vault's random id, bound into every record.
    pub fn vault_id(&self) -> &[u8; 16] {
        &self.vault_id
    }

    /// Where the vault file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads a key slot.
    pub fn slot(&self, name: &'static str) -> Result<KeySlot> {
        let row = self
            .conn
            .query_row(
                "SELECT kdf, m_kib, t, p, salt, key_id, nonce, wrapped FROM key_slots WHERE name = ?1",
                [name],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<u32>>(1)?,
                        r.get::<_, Option<u32>>(2)?,
                        r.get::<_, Option<u32>>(3)?,
                        r.get::<_, Vec<u8>>(4)?,
                        r.get::<_, u32>(5)?,
                        r.get::<_, Vec<u8>>(6)?,
                        r.get::<_, Vec<u8>>(7)?,
                    ))
                },
            )
            .optional()?;
        let damaged = |what: &str| Error::Damaged {
            detail: format!("its {name} key slot {what}"),
        };
        let (kdf, m, t, p, salt, key_id, nonce, wrapped) =
            row.ok_or_else(|| damaged("is missing"))?;
        let kdf = match (kdf.as_str(), m, t, p) {
            ("argon2id", Some(m_kib), Some(t), Some(p)) => {
                SlotKdf::Argon2id(KdfParams { m_kib, t, p })
            }
            ("hkdf-sha256", ..) => SlotKdf::HkdfSha256,
            _ => return Err(damaged("names an unknown key derivation")),
        };
        Ok(KeySlot {
            name,
            kdf,
            salt: salt
                .try_into()
                .map_err(|_| damaged("has a malformed salt"))?,
            key_id,
            nonce,
            wrapped,
        })
    }

    /// Replaces key slots in one transaction (passphrase change, new recovery key).
    pub fn put_slots(&mut self, slots: &[KeySlot]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for slot in slots {
            put_slot(&tx, slot)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every row of a record table, in storage order.
    pub fn records(&self, table: Table) -> Result<Vec<RawRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, key_id, nonce, ciphertext FROM {}",
            table.name()
        ))?;
        let rows = stmt.query_map([], raw_record)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The ids of every row of a record table, without reading the records.
    pub fn ids(&self, table: Table) -> Result<Vec<RecordId>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT id FROM {}", table.name()))?;
        let rows = stmt.query_map([], |r| {
            Ok(match r.get_ref(0)? {
                rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
                _ => Vec::new(),
            })
        })?;
        let mut ids = Vec::new();
        for row in rows {
            // A malformed id cannot be asked for by prefix anyway; the scan reports it as damaged.
            if let Some(id) = RecordId::from_slice(&row?) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Every row of a record table, handed to `each` in batches of `size` as they are read.
    pub fn records_in_batches(
        &self,
        table: Table,
        size: usize,
        mut each: impl FnMut(Vec<RawRecord>),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, key_id, nonce, ciphertext FROM {}",
            table.name()
        ))?;
        let mut rows = stmt.query([])?;
        let mut batch = Vec::with_capacity(size);
        while let Some(row) = rows.next()? {
            batch.push(raw_record(row)?);
            if batch.len() == size {
                each(std::mem::replace(&mut batch, Vec::with_capacity(size)));
            }
        }
        if !batch.is_empty() {
            each(batch);
        }
        Ok(())
    }

    /// One row of a record table.
    pub fn record(&self, table: Table, id: &RecordId) -> Result<Option<RawRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, key_id, nonce, ciphertext FROM {} WHERE id = ?1",
            table.name()
        ))?;
        Ok(stmt
            .query_row([&id.as_bytes()[..]], raw_record)
            .optional()?)
    }

    /// True when a row with this id exists in `table`.
    pub fn contains(&self, table: Table, id: &RecordId) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name()))?;
        Ok(stmt.exists([&id.as_bytes()[..]])?)
    }

    /// Applies `writes` in one durable transaction: either all are on disk when this returns
    /// `Ok`, or none are.
    pub fn write(&mut self, writes: &[Write]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        apply(&tx, writes)?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` inside one durable transaction: what it applies through the [`TxWriter`] is on
    /// disk when this returns `Ok`, and nothing is if `f` (or the commit) fails.
    pub fn write_with<T>(&mut self, f: impl FnOnce(&TxWriter) -> Result<T>) -> Result<T> {
        let writer = TxWriter {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
        };
        let out = f(&writer)?;
        writer.tx.commit()?;
        Ok(out)
    }

    /// Direct access for tests that tamper with the file as an attacker would.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// An open write transaction, for [`Store::write_with`].
pub struct TxWriter<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl TxWriter<'_> {
    /// Applies writes inside the transaction.
    pub fn apply(&self, writes: &[Write]) -> Result<()> {
        apply(&self.tx, writes)
    }

    /// True when a row with this id exists, counting this transaction's own writes.
    pub fn contains(&self, table: Table, id: &RecordId) -> Result<bool> {
        let mut stmt = self.tx.prepare_cached(table.exists_sql())?;
        Ok(stmt.exists([&id.as_bytes()[..]])?)
    }
}

fn apply(tx: &rusqlite::Transaction, writes: &[Write]) -> Result<()> {
    for w in writes {
        match w {
            Write::Put {
                table,
                id,
                key_id,
                nonce,
                ciphertext,
            } => {
                let mut stmt = tx.prepare_cached(table.upsert_sql())?;
                stmt.execute(params![&id.as_bytes()[..], key_id, &nonce[..], ciphertext])?;
            }
            Write::Delete { table, id } => {
                let mut stmt = tx.prepare_cached(table.delete_sql())?;
                stmt.execute([&id.as_bytes()[..]])?;
            }
        }
    }
    Ok(())
}

/// One change inside a [`Store::write`] transaction.
pub enum Write {
    Put {
        table: Table,
        id: RecordId,
        key_id: u32,
        nonce: [u8; 24],
        ciphertext: Vec<u8>,
    },
    Delete {
        table: Table,
        id: RecordId,
    },
}

/// Reads a record row without trusting its column types: a row someone rewrote with text or
/// numbers must come out as a damaged record, not stop the whole vault from loading.
fn raw_record(row: &rusqlite::Row) -> rusqlite::Result<RawRecord> {
    use rusqlite::types::ValueRef;
    let bytes = |i: usize| -> rusqlite::Result<Vec<u8>> {
        Ok(match row.get_ref(i)? {
            ValueRef::Blob(b) | ValueRef::Text(b) => b.to_vec(),
            _ => Vec::new(),
        })
    };
    Ok(RawRecord {
        id: bytes(0)?,
        key_id: match row.get_ref(1)? {
            ValueRef::Integer(k) => k,
            _ => -1,
        },
        nonce: bytes(2)?,
        ciphertext: bytes(3)?,
    })
}

fn put_slot(conn: &Connection, slot: &KeySlot) -> Result<()> {
    let (kdf, m, t, p) = match slot.kdf {
        SlotKdf::Argon2id(k) => ("argon2id", Some(k.m_kib), Some(k.t), Some(k.p)),
        SlotKdf::HkdfSha256 => ("hkdf-sha256", None, None, None),
    };
    conn.execute(
        "INSERT INTO key_slots (name, kdf, m_kib, t, p, salt, key_id, nonce, wrapped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(name) DO UPDATE SET kdf = excluded.kdf, m_kib = excluded.m_kib,
           t = excluded.t, p = excluded.p, salt = excluded.salt, key_id = excluded.key_id,
           nonce = excluded.nonce, wrapped = excluded.wrapped",
        params![
            slot.name,
            kdf,
            m,
            t,
            p,
            &slot.salt[..],
            slot.key_id,
            &slot.nonce[..],
            &slot.wrapped[..]
        ],
    )?;
    Ok(())
}
