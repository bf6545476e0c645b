//! Finding the workspace: its root, its goalc.toml, its files, and which of them the user
//! asked about.

use crate::settings;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use rustc_hash::FxHashSet as HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

#[derive(Debug)]
pub struct Discovery {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    /// Every file of the workspace, absolute, in a deterministic order, each file once.
    pub files: Vec<PathBuf>,
    /// What the user named: findings are reported for these files and folders only.
    pub scope: Scope,
    /// Things skipped on the way (unreadable folders, symlink loops), for a note on stderr.
    pub skipped: Vec<String>,
}

impl Discovery {
    /// Per file of [`Discovery::files`]: whether the user asked about it.
    pub fn in_scope(&self) -> Vec<bool> {
        self.files.iter().map(|p| self.scope.contains(p)).collect()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Scope {
    files: HashSet<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Scope {
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains(path) || self.dirs.iter().any(|d| path.starts_with(d))
    }
}

#[derive(Debug)]
pub enum DiscoverError {
    Missing(PathBuf),
    /// A path the user named that is neither a folder nor a regular file (a FIFO, a device).
    NotAFile(PathBuf),
    Config(PathBuf, std::io::Error),
    /// An `exclude` glob that does not compile.
    Glob(String, String),
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscoverError::Missing(p) => write!(f, "path does not exist: {}", p.display()),
            DiscoverError::NotAFile(p) => {
                write!(f, "not a regular file or a folder: {}", p.display())
            }
            DiscoverError::Config(p, e) => {
                write!(f, "cannot read configuration {}: {e}", p.display())
            }
            DiscoverError::Glob(glob, e) => write!(f, "invalid `exclude` glob `{glob}`: {e}"),
        }
    }
}

/// `.` and `..` removed without touching the file system, so names stay as the user wrote them.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The name shown for a file: relative to `cwd` when inside it, with `/` separators.
pub fn display_name(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    let parts: Vec<String> = shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.join("/");
    if path.is_absolute() && !path.starts_with(cwd) {
        // `components()` of an absolute path starts with the root; keep it readable.
        path.to_string_lossy().replace('\\', "/")
    } else if name.is_empty() {
        ".".into()
    } else {
        name
    }
}

pub fn is_workspace_file(name: &str) -> bool {
    name.ends_with(".plan.toml") || name.ends_with(".progress.toml")
}

/// How the walk picks files, beside the fixed skips (hidden folders, `target/`).
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Read no ignore file: `.gitignore`, `.ignore` and the global git excludes.
    pub no_ignore: bool,
    /// Globs (goalc.toml's `exclude` and `extend-exclude`) of files and folders to skip, matched
    /// against the path relative to the workspace root and against the name alone.
    pub exclude: Vec<String>,
}

/// What was named and where the workspace is, before any folder is walked: the settings of
/// goalc.toml (which may exclude folders) are read between the two steps.
#[derive(Debug)]
pub struct Located {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    /// Absolute paths as named, and whether each is a folder.
    named: Vec<(PathBuf, bool)>,
    /// What the search for goalc.toml passed over, for a note.
    notes: Vec<String>,
}

/// Resolves `paths` (relative to `cwd`) into a workspace, walked with the default options.
pub fn discover(
    paths: &[PathBuf],
    config_override: Option<&Path>,
    stdin_path: Option<&Path>,
    cwd: &Path,
) -> Result<Discovery, DiscoverError> {
    locate(paths, config_override, stdin_path, cwd)?.walk(&WalkOptions::default())
}

/// Finds the workspace root and its goalc.toml for `paths` (relative to `cwd`). `config`
/// replaces the goalc.toml found by walking up from the first path, but not the root: that
/// stays the folder of the discovered goalc.toml, else the folder given, so a shared config
/// elsewhere pulls in no sibling plans.
///
/// `stdin_path` names a file whose text comes from standard input: it need not exist, and it is
/// the only file reported.
pub fn locate(
    paths: &[PathBuf],
    config_override: Option<&Path>,
    stdin_path: Option<&Path>,
    cwd: &Path,
) -> Result<Located, DiscoverError> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut notes: Vec<String> = Vec::new();
    let mut named = Vec::with_capacity(paths.len());
    if let Some(p) = stdin_path {
        named.push((normalize(&cwd.join(p)), false));
    } else {
        for p in paths {
            let abs = normalize(&cwd.join(p));
            let meta = std::fs::metadata(&abs).map_err(|_| DiscoverError::Missing(p.clone()))?;
            if !meta.is_dir() && !meta.is_file() {
                return Err(DiscoverError::NotAFile(p.clone()));
            }
            named.push((abs, meta.is_dir()));
        }
    }
    let first_dir = match named.first() {
        Some((p, true)) => p.clone(),
        Some((p, false)) => p
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
        None => cwd.to_path_buf(),
    };
    let found = find_config_noting(&first_dir, &mut notes);
    let root = found
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| first_dir.clone(), Path::to_path_buf);
    let config = match config_override {
        Some(c) => {
            let abs = normalize(&cwd.join(c));
            if !abs.is_file() {
                return Err(DiscoverError::Config(
                    c.to_path_buf(),
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
                ));
            }
            Some(abs)
        }
        None => found,
    };
    Ok(Located {
        root,
        config,
        named,
        notes,
    })
}

impl Located {
    /// Walks the workspace root and the named folders outside it. A named file is read whatever
    /// the ignore files and `exclude` say: the user asked for it.
    pub fn walk(self, opts: &WalkOptions) -> Result<Discovery, DiscoverError> {
        let Located {
            root,
            config,
            named,
            notes,
        } = self;
        let exclude = Arc::new(build_exclude(&opts.exclude, &root)?);
        let mut files = Vec::new();
        let mut skipped = notes;
        // Paths found by one walk that follows no symlink are distinct files; anything else (a
        // symlink, a second walk, a named file) may reach a file twice, and then files are told
        // apart by where their symlinks lead, which costs system calls per file.
        let mut ambiguous = walk(&root, opts, &exclude, &mut files, &mut skipped);
        let mut scope = Scope::default();
        for (path, is_dir) in &named {
            // goalc.toml applies to every file of its workspace, so naming it (as a pre-commit
            // hook does when it changes) checks them all.
            if !*is_dir && path.file_name().is_some_and(|n| n == settings::FILE_NAME) {
                if let Some(dir) = path.parent() {
                    scope.dirs.push(dir.to_path_buf());
                }
                continue;
            }
            if *is_dir {
                if !path.starts_with(&root) {
                    walk(path, opts, &exclude, &mut files, &mut skipped);
                    ambiguous = true;
                }
                scope.dirs.push(path.clone());
            } else {
                files.push(path.clone());
                ambiguous = true;
                scope.files.insert(path.clone());
            }
        }
        if ambiguous {
            // The same file reached twice (through a symlink, or named and discovered) is read
            // once, where it was first reached.
            let mut seen = HashSet::default();
            files.retain(|path| seen.insert(identity(path)));
        }
        files.sort_by_key(|p| sort_key(p, &root));
        Ok(Discovery {
            root,
            config,
            files,
            scope,
            skipped,
        })
    }
}

/// `exclude` globs, matched relative to the workspace root.
#[derive(Debug)]
struct Exclude {
    root: PathBuf,
    globs: GlobSet,
}

impl Exclude {
    fn matches(&self, path: &Path, walked: &Path) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        let rel = path
            .strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix(walked))
            .unwrap_or(path);
        self.globs.is_match(rel) || path.file_name().is_some_and(|n| self.globs.is_match(n))
    }
}

fn build_exclude(globs: &[String], root: &Path) -> Result<Exclude, DiscoverError> {
    let mut set = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_end_matches('/');
        let built = GlobBuilder::new(glob)
            .literal_separator(true)
            .build()
            .map_err(|e| DiscoverError::Glob(glob.to_string(), e.kind().to_string()))?;
        set.add(built);
    }
    let globs = set
        .build()
        .map_err(|e| DiscoverError::Glob(String::new(), e.to_string()))?;
    Ok(Exclude {
        root: root.to_path_buf(),
        globs,
    })
}

/// Files under the root sort by their relative path, then any named from elsewhere.
fn sort_key(path: &Path, root: &Path) -> (bool, String) {
    match path.strip_prefix(root) {
        Ok(rel) => (false, rel.to_string_lossy().replace('\\', "/")),
        Err(_) => (true, path.to_string_lossy().into_owned()),
    }
}

/// What makes two paths the same file: where they lead once every symlink is followed. (Hard
/// links stay two files, as two directory entries that happen to share their content.)
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Adds the workspace files under `dir`; true if the walk followed a symlink.
fn walk(
    dir: &Path,
    opts: &WalkOptions,
    exclude: &Arc<Exclude>,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<String>,
) -> bool {
    let mut followed = false;
    let honour = !opts.no_ignore;
    let filter = Arc::clone(exclude);
    let walked = dir.to_path_buf();
    // Hidden folders and `target/` are skipped by name, as before the ignore files were read;
    // hidden files are not (a plan may be named `.team.plan.toml`).
    let walker = WalkBuilder::new(dir)
        .follow_links(true)
        .hidden(false)
        .parents(honour)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .require_git(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if is_dir
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') || n == "target")
            {
                return false;
            }
            !filter.matches(e.path(), &walked)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                followed |= e.path_is_symlink();
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_some_and(|t| t.is_file()) && is_workspace_file(&name) {
                    files.push(e.into_path());
                }
            }
            Err(err) => skipped.push(describe(&err)),
        }
    }
    followed
}

/// A note for something the walk could not read.
fn describe(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Loop { .. } => format!("{}: symlink loop, not followed", path.display()),
            ignore::Error::Io(e) => format!("{}: {e}", path.display()),
            other => format!("{}: {}", path.display(), describe(other)),
        },
        ignore::Error::Loop { child, .. } => {
            format!("{}: symlink loop, not followed", child.display())
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err)
        }
        other => other.to_string(),
    }
}

/// The goalc.toml that governs `start`: the nearest one in `start` or a folder above it. As
/// git's `safe.directory` does, the search stops at a folder owned by another user: a shared
/// folder (`/tmp`) or another user's home cannot plant settings in someone else's run.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    find_config_noting(start, &mut Vec::new())
}

/// [`find_config`], noting a goalc.toml it did not read because of its folder's owner.
fn find_config_noting(start: &Path, notes: &mut Vec<String>) -> Option<PathBuf> {
    let me = current_uid();
    for dir in start.ancestors() {
        if me.is_some() && owner(dir).is_some_and(|owner| Some(owner) != me) {
            if let Some(ignored) = dir
                .ancestors()
                .map(|d| d.join(settings::FILE_NAME))
                .find(|c| c.is_file())
            {
                notes.push(format!(
                    "{}: its folder is owned by another user (pass --config to use it)",
                    ignored.display()
                ));
            }
            return None;
        }
        let candidate = dir.join(settings::FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    None
}

#[cfg(unix)]
fn owner(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| m.uid())
}

#[cfg(not(unix))]
fn owner(_: &Path) -> Option<u32> {
    None
}

/// The user this process runs as: the owner of `/proc/self`, or else of a file it creates.
fn current_uid() -> Option<u32> {
    static UID: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *UID.get_or_init(|| {
        owner(Path::new("/proc/self")).or_else(|| {
            let file = tempfile::NamedTempFile::new().ok()?;
            owner(file.path())
        })
    })
}
