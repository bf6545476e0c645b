//! Writing output files atomically: a reader sees the old file or the whole new one, never
//! half a report. Never over an input of the run, and never by replacing what is not a regular
//! file: a device, FIFO or socket is written into, a symlink keeps pointing where it did.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_output(path, |w| w.write_all(contents))
}

/// The first of `inputs` that `output` would overwrite: the same file by device and inode
/// (hard links, symlinks, any spelling), or by canonical path.
pub fn input_clash<'a>(output: &Path, inputs: &'a [PathBuf]) -> Option<&'a Path> {
    let target = std::fs::metadata(output).ok();
    let canonical = resolve_link(output).and_then(|p| canonical_parent(&p));
    inputs
        .iter()
        .find(|input| {
            let same_inode = match (&target, std::fs::metadata(input)) {
                (Some(a), Ok(b)) => same_file(a, &b),
                _ => false,
            };
            same_inode
                || canonical
                    .as_ref()
                    .is_some_and(|c| canonical_parent(input).as_ref() == Some(c))
        })
        .map(PathBuf::as_path)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// A path whose folder is canonical: the file itself need not exist.
fn canonical_parent(path: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(path) {
        return Some(c);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).ok().map(|d| d.join(name))
}

/// Where a chain of symlinks ends, even when its last link dangles; `None` for a loop.
fn resolve_link(path: &Path) -> Option<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&at).ok()?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Some(at),
        }
    }
    None
}

/// Writes an output file: straight into a device, FIFO or socket (replacing one would break the
/// system or its reader), else atomically, next to the end of any symlink so the link stays.
pub fn write_output<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory").into(),
            );
        }
        // No truncation: a device has nothing to truncate and a FIFO cannot be.
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        out.flush()?;
        return Ok(());
    }
    let target = resolve_link(path)
        .ok_or_else(|| std::io::Error::other("too many levels of symbolic links"))?;
    write_atomic_with(&target, write)
}

/// Streams `write` into a temporary file beside `path` and renames it into place only when
/// `write` succeeds; on any error the old file is left as it was.
pub fn write_atomic_with<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let tmp = stage(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes many files, each atomically: a batch at a time into temporary files, flushed to
/// disk and renamed into place by many threads at once (one flush after another costs a disk
/// round trip each, which dominates writing thousands of small files; concurrent ones share
/// round trips). A file that replaces another is renamed only once its own bytes are on disk.
/// On an error, files already renamed stay; the rest are left as they were.
pub fn write_atomic_all<'a>(
    files: &'a [(PathBuf, &[u8])],
) -> Result<(), (&'a Path, std::io::Error)> {
    // Bounded, so that a batch's open files stay well under any descriptor limit.
    const BATCH: usize = 256;
    const FLUSHERS: usize = 32;
    for batch in files.chunks(BATCH) {
        let mut staged = Vec::with_capacity(batch.len());
        for (path, contents) in batch {
            // Only a file that replaces another needs its bytes on disk before the rename: a
            // crash can then leave the old file or the new one, never an empty one. A new file
            // replaces nothing, and its input is still there to write it again.
            let replaces = path.symlink_metadata().is_ok();
            let mut tmp = stage(path).map_err(|e| (path.as_path(), e))?;
            tmp.write_all(contents).map_err(|e| (path.as_path(), e))?;
            staged.push((tmp, path.as_path(), replaces));
        }
        let per_thread = staged.len().div_ceil(FLUSHERS).max(1);
        let mut parts = Vec::new();
        while !staged.is_empty() {
            let rest = staged.split_off(staged.len().min(per_thread));
            parts.push(std::mem::replace(&mut staged, rest));
        }
        // Renaming over an existing file waits for the disk as well, so the renames are
        // spread over the same threads, each after the flushes of its part.
        std::thread::scope(|scope| {
            let workers: Vec<_> = parts
                .into_iter()
                .map(|part| {
                    scope.spawn(move || {
                        for (tmp, path, _) in part.iter().filter(|(_, _, replaces)| *replaces) {
                            tmp.as_file().sync_all().map_err(|e| (*path, e))?;
                        }
                        for (tmp, path, _) in part {
                            tmp.persist(path).map_err(|e| (path, e.error))?;
                        }
                        Ok(())
                    })
                })
                .collect();
            workers.into_iter().try_for_each(|w| {
                w.join().unwrap_or_else(|_| {
                    Err((
                        Path::new(""),
                        std::io::Error::other("a writing thread failed"),
                    ))
                })
            })
        })?;
    }
    Ok(())
}

/// An empty temporary file beside `path`, with the mode `path` will have.
fn stage(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".goalc-").suffix(".tmp");
    // A temporary file is private (0600); the file it becomes should be whatever a plain
    // write would give: the replaced file's mode, or 0666 less the umask.
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    builder.tempfile_in(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_files_are_not_private_and_replaced_files_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomic(&path, b"one").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "a new report is readable by others (umask allowing)"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn many_files_are_written_whole_across_batches() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = (0..600)
            .map(|i| {
                (
                    dir.path().join(format!("{i}.toml")),
                    format!("n = {i}\n").into_bytes(),
                )
            })
            .collect();
        let refs: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.clone(), b.as_slice()))
            .collect();
        write_atomic_all(&refs).unwrap();
        for (path, bytes) in &files {
            assert_eq!(&std::fs::read(path).unwrap(), bytes);
        }
        let mode = std::fs::metadata(&files[0].0).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0);
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}

/// What [`read_regular`] found.
#[derive(Debug)]
pub enum Bounded {
    Bytes(Vec<u8>),
    /// Larger than the limit: the size the file reported (or at least the limit + 1).
    TooLarge(u64),
}

/// Reads a regular file of at most `limit` bytes. The file is opened first and then asked what
/// it is, so a path swapped between a check and the read cannot slip a FIFO or a device in; a
/// FIFO is opened without blocking, then refused.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Bounded> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer would wait forever.
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > limit {
        return Ok(Bounded::TooLarge(meta.len()));
    }
    read_bounded(file, limit)
}

/// Reads at most `limit` bytes of `reader` (standard input, a file that may grow while read).
pub fn read_bounded(reader: impl Read, limit: u64) -> std::io::Result<Bounded> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Bounded::TooLarge(bytes.len() as u64));
    }
    Ok(Bounded::Bytes(bytes))
}
