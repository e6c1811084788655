//! The on-disk cache of URLs found OK: `<cache_dir>/online.json`, one JSON document
//! `{"version":1,"urls":{"<url>":{"status":200,"checked_at":<unix seconds>}}}`, sorted by URL.
//! Only OK results are stored (never failures, 429s or skipped URLs), entries older than the
//! max age are ignored and dropped, and the file is replaced atomically (temporary file in the
//! same folder, then rename). The folder gets a `.gitignore` of `*` and a `CACHEDIR.TAG`, so it
//! never shows up in `git status` or backups. A missing, unreadable or corrupt file is an empty
//! cache; a cache that cannot be written is silently not written (the check still ran).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

const FILE_NAME: &str = "online.json";
const VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Entry {
    status: u16,
    checked_at: u64,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    urls: BTreeMap<String, Entry>,
}

pub(crate) struct Cache {
    dir: PathBuf,
    urls: BTreeMap<String, Entry>,
    max_age: u64,
    now: u64,
    dirty: bool,
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Cache {
    pub(crate) fn load(dir: &Path, max_age: Duration, now: u64) -> Cache {
        let max_age = max_age.as_secs();
        let mut cache = Cache {
            dir: dir.to_path_buf(),
            urls: BTreeMap::new(),
            max_age,
            now,
            dirty: false,
        };
        // A FIFO, a huge or a corrupt file is no cache: start afresh (and rewrite it if we can).
        let text = match crate::files::read_text(&dir.join(FILE_NAME)) {
            Ok(text) => text,
            Err(e) => {
                cache.dirty = !e.is_not_found();
                return cache;
            }
        };
        match serde_json::from_str::<CacheFile>(&text) {
            Ok(file) if file.version == VERSION => {
                let before = file.urls.len();
                cache.urls = file
                    .urls
                    .into_iter()
                    .filter(|(_, e)| cache.is_fresh(e))
                    .collect();
                cache.dirty = cache.urls.len() != before;
            }
            _ => cache.dirty = true, // rewrite a corrupt or old file
        }
        cache
    }

    fn is_fresh(&self, e: &Entry) -> bool {
        e.checked_at <= self.now && self.now - e.checked_at < self.max_age
    }

    /// The status stored for a URL still within the max age.
    pub(crate) fn get(&self, url: &str) -> Option<u16> {
        self.urls
            .get(url)
            .filter(|e| self.is_fresh(e))
            .map(|e| e.status)
    }

    pub(crate) fn insert(&mut self, url: String, status: u16) {
        let entry = Entry {
            status,
            checked_at: self.now,
        };
        if self.urls.insert(url, entry) != Some(entry) {
            self.dirty = true;
        }
    }

    pub(crate) fn save(&self) {
        if self.dirty {
            let _ = self.write();
        }
    }

    fn write(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        for (name, text) in [
            (".gitignore", "# Created by postlint\n*\n"),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n\
                 # This file is a cache directory tag created by postlint.\n",
            ),
        ] {
            let path = self.dir.join(name);
            if !path.exists() {
                fs::write(path, text)?;
            }
        }
        let file = CacheFile {
            version: VERSION,
            urls: self.urls.clone(),
        };
        let json = serde_json::to_string(&file).map_err(io::Error::other)?;
        let tmp = self
            .dir
            .join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(json.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            fs::rename(&tmp, self.dir.join(FILE_NAME))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("postlint-cache-test-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn round_trip_and_expiry() {
        let dir = tmpdir("rt");
        let day = Duration::from_secs(86_400);
        let mut c = Cache::load(&dir, day, 1_000_000);
        assert_eq!(c.get("https://a.example/"), None);
        c.insert("https://a.example/".into(), 200);
        c.save();
        assert!(dir.join(".gitignore").exists());
        let c = Cache::load(&dir, day, 1_000_000 + 86_399);
        assert_eq!(c.get("https://a.example/"), Some(200));
        let c = Cache::load(&dir, day, 1_000_000 + 86_400);
        assert_eq!(c.get("https://a.example/"), None);
        // an entry from the future (clock went back) is not trusted
        let c = Cache::load(&dir, day, 999_999);
        assert_eq!(c.get("https://a.example/"), None);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn corrupt_file_is_an_empty_cache() {
        let dir = tmpdir("corrupt");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(FILE_NAME), "{not json").unwrap();
        let c = Cache::load(&dir, Duration::from_secs(60), 10);
        assert_eq!(c.get("x"), None);
        let _ = fs::remove_dir_all(&dir);
    }
}
