//! Owns how the app's JSON files reach the disk: one writer at a time per file (an OS lock on a
//! `.lock` file beside it, so threads and a second instance alike wait), a unique temporary
//! file fsynced and renamed over the old one, the folder fsynced after, files 0600 in folders
//! 0700, and a damaged file set aside (`.damaged-<time>`) and said rather than read as empty.
//! Only contents that cannot be read as the file's format count as damage, and only under the
//! lock: a file that cannot be read at all (too many open files, an I/O error, no permission)
//! is an error for the caller to say and retry, never a file to set aside.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What reading a file found.
#[derive(Debug)]
pub enum Read<T> {
    Found(T),
    Missing,
    /// The file could not be read as JSON of the expected shape: it was renamed to this path.
    SetAside(PathBuf),
}

/// One JSON file of the app.
#[derive(Debug, Clone)]
pub struct JsonFile {
    path: PathBuf,
}

/// Creates `dir` (and its parents) and keeps it to its owner: the app's folders hold a
/// customer's invoices and payments.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` the safe way: a unique temporary file in the same folder (0600),
/// fsynced, renamed over `path`, then the folder fsynced so the rename itself survives a crash.
/// The folder must exist; its permissions are the caller's (the app's own folders are made
/// with [`private_dir`]; a folder the person chose is left as it is).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // tempfile creates the file 0600 with a random name: two writers never share it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".")
        .suffix(".partial")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// The name a damaged file is kept under.
fn damaged_name(path: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.damaged-{stamp}"))
}

/// Renames a damaged file aside; answers where it went. A rename that fails is an error: the
/// damaged file then stays where it is, never overwritten.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let kept = damaged_name(path);
    std::fs::rename(path, &kept)?;
    Ok(kept)
}

/// What the bytes on disk are, before any decision about them.
enum OnDisk<T> {
    Found(T),
    Missing,
    Unreadable,
}

fn read_as<T: DeserializeOwned>(path: &Path) -> std::io::Result<OnDisk<T>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(e) => return Err(e),
    };
    Ok(match serde_json::from_slice(&bytes) {
        Ok(v) => OnDisk::Found(v),
        Err(_) => OnDisk::Unreadable,
    })
}

impl JsonFile {
    pub fn new(path: PathBuf) -> JsonFile {
        JsonFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Holds the file's lock until dropped.
    fn lock(&self) -> std::io::Result<File> {
        if let Some(dir) = self.path.parent() {
            private_dir(dir)?;
        }
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lock = options.open(self.path.with_file_name(format!("{name}.lock")))?;
        lock.lock()?;
        Ok(lock)
    }

    /// Reads the file. A writer renames a whole new file into place, so a reader sees the old
    /// or the new one, never half of one: reading needs no lock. Contents that are not the
    /// format are looked at again under the lock and set aside there; an I/O error is answered
    /// as it is (nothing is set aside for it).
    pub fn read<T: DeserializeOwned>(&self) -> std::io::Result<Read<T>> {
        match read_as(&self.path)? {
            OnDisk::Found(v) => Ok(Read::Found(v)),
            OnDisk::Missing => Ok(Read::Missing),
            OnDisk::Unreadable => {
                let _lock = self.lock()?;
                self.read_locked()
            }
        }
    }

    /// Reads the file while its lock is held: damaged contents are set aside here.
    fn read_locked<T: DeserializeOwned>(&self) -> std::io::Result<Read<T>> {
        Ok(match read_as(&self.path)? {
            OnDisk::Found(v) => Read::Found(v),
            OnDisk::Missing => Read::Missing,
            OnDisk::Unreadable => Read::SetAside(set_aside(&self.path)?),
        })
    }

    /// Replaces the file with `value`.
    pub fn write<T: Serialize>(&self, value: &T) -> std::io::Result<()> {
        let _lock = self.lock()?;
        write_atomically(&self.path, &serde_json::to_vec(value)?)
    }

    /// Reads, changes and writes the file as one step: no other writer (thread or process) runs
    /// in between, so nothing another writer added is lost. A damaged file is set aside and
    /// `change` starts from the default; where it went is answered beside `change`'s answer.
    pub fn update<T, R>(
        &self,
        change: impl FnOnce(&mut T) -> R,
    ) -> std::io::Result<(R, Option<PathBuf>)>
    where
        T: Serialize + DeserializeOwned + Default,
    {
        self.update_if(|value| (change(value), true))
    }

    /// [`JsonFile::update`] where `change` also says whether anything is to be written (a
    /// check and a change made as one step: nothing is written when the check refuses).
    pub fn update_if<T, R>(
        &self,
        change: impl FnOnce(&mut T) -> (R, bool),
    ) -> std::io::Result<(R, Option<PathBuf>)>
    where
        T: Serialize + DeserializeOwned + Default,
    {
        let _lock = self.lock()?;
        let (mut value, set_aside) = match self.read_locked::<T>()? {
            Read::Found(v) => (v, None),
            Read::Missing => (T::default(), None),
            Read::SetAside(kept) => (T::default(), Some(kept)),
        };
        let (answer, write) = change(&mut value);
        if write || set_aside.is_some() {
            write_atomically(&self.path, &serde_json::to_vec(&value)?)?;
        }
        Ok((answer, set_aside))
    }

    /// Sets the file aside under its lock (its contents are not what the caller can read).
    pub fn set_aside(&self) -> std::io::Result<PathBuf> {
        let _lock = self.lock()?;
        set_aside(&self.path)
    }

    /// Removes the file (and its lock file); a missing file is not an error.
    pub fn remove(&self) -> std::io::Result<()> {
        let lock = self.lock()?;
        let removed = match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
        drop(lock);
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = std::fs::remove_file(self.path.with_file_name(format!("{name}.lock")));
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn concurrent_updates_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = Arc::new(JsonFile::new(dir.path().join("data/list.json")));
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let file = Arc::clone(&file);
                std::thread::spawn(move || {
                    for i in 0..25 {
                        file.update(|v: &mut Vec<u32>| v.push(t * 100 + i)).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let Ok(Read::Found(mut all)) = file.read::<Vec<u32>>() else {
            panic!("the file is there");
        };
        all.sort();
        assert_eq!(all.len(), 200);
        all.dedup();
        assert_eq!(all.len(), 200);
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_damaged_file_is_set_aside_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        std::fs::write(&path, b"[1, 2").unwrap();
        let file = JsonFile::new(path.clone());
        let ((), kept) = file.update(|v: &mut Vec<u32>| v.push(3)).unwrap();
        let kept = kept.expect("said");
        assert_eq!(std::fs::read(&kept).unwrap(), b"[1, 2");
        assert!(kept.to_string_lossy().contains("x.json.damaged-"));
        assert!(matches!(file.read::<Vec<u32>>(), Ok(Read::Found(v)) if v == vec![3]));
    }

    #[cfg(unix)]
    #[test]
    fn files_are_0600_in_folders_0700() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("app");
        let file = JsonFile::new(folder.join("s.json"));
        file.write(&vec![1u8]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(file.path()), 0o600);
        assert_eq!(mode(&folder.join("s.json.lock")), 0o600);
    }
}
