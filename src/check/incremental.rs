//! A workspace kept between checks, for whatever checks again and again (the language server,
//! `check --watch`): it is told "this file now has this text", "this file changed on disk" or
//! "the editor let go of this file", and a check then re-reads and re-parses only those files.
//! Every file's loaded and lowered form is kept, keyed by a hash of its bytes; resolving,
//! evaluating and the rules run over the whole workspace each time, from those forms.
//!
//! The result of [`Live::check`] is the result of a cold check of the same files in the same
//! order ([`super::check_loaded`] after a fresh discovery); that of [`Live::check_run`], made by
//! [`Live::for_run`], is the command line's [`super::check`] with the same options: the tests
//! compare each pair after a sequence of edits.

use crate::base::date::Date;
use crate::base::timings;
use crate::load::config::{self, ConfigError};
use crate::load::discover;
use crate::load::{self, LoadedFile};
use crate::settings::Config;
use crate::source::{FileId, FileKind, SourceFile};
use crate::workspace::lower::{self, LoweredFile};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// One file as last read: the hash of its bytes, the id it was loaded under, and its loaded
/// and lowered form.
struct Entry {
    hash: u64,
    id: u32,
    lowered: LoweredFile,
    /// Why the file could not be read, for the run's notes (command-line runs only).
    note: Option<String>,
}

/// Where the time of the last [`Live::check`] went, and how much was read again.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// The workspace was walked again (the first check, a file created or deleted, a new
    /// goalc.toml).
    pub walked: bool,
    /// Files read (or taken from the editor) and parsed again.
    pub reparsed: usize,
    pub walk_ms: f64,
    pub load_ms: f64,
    pub resolve_ms: f64,
    pub evaluate_ms: f64,
    pub rules_ms: f64,
}

/// The workspace around a root folder, with the editor's unsaved text laid over the files.
pub struct Live {
    root: PathBuf,
    /// Walk the folder for files; without it only the files given text are checked (a folder
    /// no one keeps one workspace in, such as the home folder).
    walk: bool,
    /// The discovered root, the files in check order, the goalc.toml and the walk's notes.
    found_root: PathBuf,
    paths: Vec<PathBuf>,
    config_path: Option<PathBuf>,
    skipped: Vec<String>,
    /// The editor's text of open files, which wins over the disk.
    overlays: HashMap<PathBuf, Arc<str>>,
    cache: HashMap<PathBuf, Entry>,
    /// Files to read again from the overlay or the disk at the next check.
    dirty: HashSet<PathBuf>,
    rewalk: bool,
    /// What lowering depends on besides the file (the levels, the size limit): when it
    /// changes every file is lowered again.
    lowering_key: Option<u64>,
    config_error: Option<String>,
    /// Why the goalc.toml in force cannot be used, with its findings.
    config_problem: Option<ConfigProblem>,
    /// The bytes of the last goalc.toml that was valid: its settings stay in force while the
    /// current one is not (a typo must not move `as_of` to today and turn every goal stale).
    last_good: Option<(PathBuf, Vec<u8>)>,
    /// The command line's options, when this is a run of `check --watch`.
    run: Option<Run>,
    stats: Stats,
}

/// What a command-line run keeps between checks besides the files: its options and what they
/// name.
struct Run {
    opts: super::Options,
    cwd: PathBuf,
    scope: discover::Scope,
    in_scope: Vec<bool>,
    /// What the last walk depended on (root, goalc.toml, excludes): a change walks again.
    walk_key: Option<u64>,
}

/// A goalc.toml that cannot be used.
pub struct ConfigProblem {
    pub path: PathBuf,
    pub error: ConfigError,
    /// The last valid settings stay in force (else the defaults apply).
    pub kept: bool,
}

impl Live {
    /// A workspace around `root`, walked at the first check when `walk`.
    pub fn new(root: PathBuf, walk: bool) -> Self {
        Live {
            found_root: root.clone(),
            root,
            walk,
            paths: Vec::new(),
            config_path: None,
            skipped: Vec::new(),
            overlays: HashMap::new(),
            cache: HashMap::new(),
            dirty: HashSet::new(),
            rewalk: true,
            lowering_key: None,
            config_error: None,
            config_problem: None,
            last_good: None,
            run: None,
            stats: Stats::default(),
        }
    }

    /// The command line's check with `opts` (run from `cwd`), kept for checking again: each
    /// [`Live::check_run`] finds what [`super::check`] would, reading only what changed.
    pub fn for_run(opts: &super::Options, cwd: &Path) -> Self {
        let mut live = Live::new(cwd.to_path_buf(), true);
        live.run = Some(Run {
            opts: super::Options {
                stdin: None,
                ..opts.clone()
            },
            cwd: cwd.to_path_buf(),
            scope: discover::Scope::default(),
            in_scope: Vec::new(),
            walk_key: None,
        });
        live
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder the files were last found under (the workspace root), and the goalc.toml in
    /// force: what a watcher watches.
    pub fn found(&self) -> (&Path, Option<&Path>) {
        (&self.found_root, self.config_path.as_deref())
    }

    /// Whether `path` is one of the workspace's files as last found.
    pub fn knows(&self, path: &Path) -> bool {
        self.cache.contains_key(path) || self.paths.iter().any(|p| p == path)
    }

    /// Files may have come, gone or been replaced without a word about each (a folder moved in,
    /// out or swapped, an ignore file edited): the next check walks again and reads every file
    /// again (unchanged bytes are not parsed again).
    pub fn layout_changed(&mut self) {
        self.all_changed();
    }

    /// Whether a file of the workspace lies under `path` (a folder, or what was one).
    pub fn holds_under(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| p.starts_with(path) && p != path)
    }

    /// The editor holds `path` with this text.
    pub fn set_text(&mut self, path: PathBuf, text: Arc<str>) {
        // A workspace file not seen yet (a new, unsaved one) joins at a walk; any other file
        // the editor holds (goalc.toml, a random TOML) is no plan and walks nothing.
        let plan = path
            .file_name()
            .is_some_and(|n| discover::is_workspace_file(&n.to_string_lossy()));
        if plan && !self.cache.contains_key(&path) && !self.paths.contains(&path) {
            self.rewalk = true;
        }
        if self.is_config(&path) {
            self.rewalk = true;
        }
        self.dirty.insert(path.clone());
        self.overlays.insert(path, text);
    }

    /// The editor let go of `path`: its text is the disk's again (or it is gone).
    pub fn drop_text(&mut self, path: &Path) {
        if self.overlays.remove(path).is_some() {
            self.disk_changed(path);
        }
    }

    /// `path` changed on disk: created, written or deleted. A file the editor holds keeps the
    /// editor's text.
    pub fn disk_changed(&mut self, path: &Path) {
        if self.is_config(path) {
            // A new, changed or deleted goalc.toml moves the root, the excludes, the levels.
            self.rewalk = true;
            return;
        }
        let known = self.cache.contains_key(path);
        let exists = path.is_file();
        if known != exists {
            self.rewalk = true;
        }
        self.dirty.insert(path.to_path_buf());
    }

    /// Everything may have changed on disk (a client that cannot watch files saved one).
    pub fn all_changed(&mut self) {
        self.rewalk = true;
        self.dirty.extend(self.paths.iter().cloned());
    }

    /// Why the goalc.toml in force could not be used (the last valid one, or the defaults, are
    /// used instead).
    pub fn config_error(&self) -> Option<&str> {
        self.config_error.as_deref()
    }

    /// The same, with the file's findings.
    pub fn config_problem(&self) -> Option<&ConfigProblem> {
        self.config_problem.as_ref()
    }

    /// Where the time of the last check went.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    fn is_config(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|n| n == crate::settings::FILE_NAME)
            || self.config_path.as_deref() == Some(path)
    }

    /// Checks the workspace as it is now, reading again only what changed.
    pub fn check(&mut self) -> super::Checked {
        let mut stats = Stats::default();
        let start = Instant::now();
        if self.rewalk {
            timings::stage("live-walk", || self.walk_again());
            stats.walked = true;
        }
        stats.walk_ms = ms(start);
        let (config, error) = self.load_config();
        self.config_error = error.as_ref().map(|p| match &p.error {
            ConfigError::Io(path, e) => format!("cannot read {}: {e}", path.display()),
            ConfigError::Invalid { source, .. } => {
                format!("invalid configuration in {}", source.name)
            }
        });
        self.config_problem = error;
        let as_of = config.as_of.unwrap_or_else(Date::today);
        let (workspace, structural) = self.load_and_resolve(config, as_of, None, &mut stats);
        let checked =
            super::finish_checked(workspace, structural, self.skipped.clone(), &mut stats);
        self.stats = stats;
        checked
    }

    /// Reads and lowers what changed (all again when the levels or the size limit did), then
    /// resolves the kept forms in file order, with suggestions only in `suggest_in` when given.
    fn load_and_resolve(
        &mut self,
        config: Config,
        as_of: Date,
        suggest_in: Option<Vec<bool>>,
        stats: &mut Stats,
    ) -> (
        crate::workspace::Workspace,
        Vec<crate::diagnostic::Diagnostic>,
    ) {
        let key = crate::workspace::index::hash_of((&config.levels, config.max_file_bytes));
        if self.lowering_key != Some(key) {
            self.cache.clear();
            self.lowering_key = Some(key);
        }
        let start = Instant::now();
        stats.reparsed = timings::stage("live-load", || self.load_changed(&config));
        stats.load_ms = ms(start);
        let start = Instant::now();
        let mut resolution =
            crate::workspace::resolve::Resolution::new(config, as_of, self.found_root.clone());
        if let Some(in_scope) = suggest_in {
            resolution.suggest_only_in(in_scope);
        }
        timings::stage("live-resolve", || {
            // The resolver takes its files by value: copied on every core, defined in order.
            use rayon::prelude::*;
            let copies: Vec<LoweredFile> = self
                .paths
                .par_iter()
                .filter_map(|path| self.cache.get(path).map(|e| e.lowered.clone()))
                .collect();
            for lowered in copies {
                resolution.add_lowered(lowered);
            }
        });
        let resolved = timings::stage("live-link", || resolution.finish());
        stats.resolve_ms = ms(start);
        resolved
    }

    /// Walks the root again for the workspace's files; the open documents that are workspace
    /// files join them, after the walked ones, in path order.
    fn walk_again(&mut self) {
        self.rewalk = false;
        let found = if self.walk {
            discover::discover(std::slice::from_ref(&self.root), None, None, &self.root).ok()
        } else {
            None
        };
        let (root, paths, config_path, skipped) = match found {
            Some(f) => (f.root, f.files, f.config, f.skipped),
            None => (self.root.clone(), Vec::new(), None, Vec::new()),
        };
        self.take_walk(root, paths, config_path, skipped);
    }

    /// Makes a walk's files the workspace's, with the open documents that are workspace files
    /// after them; what is kept of files no longer there is dropped.
    fn take_walk(
        &mut self,
        root: PathBuf,
        mut paths: Vec<PathBuf>,
        config_path: Option<PathBuf>,
        skipped: Vec<String>,
    ) {
        let walked: HashSet<&PathBuf> = paths.iter().collect();
        let mut extra: Vec<PathBuf> = self
            .overlays
            .keys()
            .filter(|p| !walked.contains(p))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| discover::is_workspace_file(&n.to_string_lossy()))
            })
            .cloned()
            .collect();
        extra.sort();
        paths.extend(extra);
        let keep: HashSet<&PathBuf> = paths.iter().collect();
        self.cache.retain(|p, _| keep.contains(p));
        self.dirty.retain(|p| keep.contains(p));
        self.found_root = root;
        self.config_path = config_path;
        self.skipped = skipped;
        self.paths = paths;
    }

    /// [`Live::check`] for a command-line run made by [`Live::for_run`]: what
    /// [`super::check`] with its options returns now, the same error when the run cannot
    /// happen (a named path gone, a goalc.toml that cannot be used, no plan file).
    pub fn check_run(&mut self) -> Result<super::Checked, super::RunError> {
        let Some(mut run) = self.run.take() else {
            return Ok(self.check());
        };
        let result = self.check_with(&mut run);
        self.run = Some(run);
        result
    }

    fn check_with(&mut self, run: &mut Run) -> Result<super::Checked, super::RunError> {
        use super::RunError;
        let mut stats = Stats::default();
        let start = Instant::now();
        let (opts, cwd) = (&run.opts, run.cwd.as_path());
        // Finding the root and goalc.toml is a few system calls, and goalc.toml is small: both
        // are done again every time, as a cold check does them.
        let located = discover::locate(&opts.paths, opts.config.as_deref(), None, cwd)?;
        let (config, walk) = super::run_settings(located.config.as_deref(), opts, cwd)?;
        let key = crate::workspace::index::hash_of((
            &located.root,
            &located.config,
            &walk.exclude,
            walk.no_ignore,
        ));
        if self.rewalk || run.walk_key != Some(key) {
            let found = timings::stage("live-walk", || located.walk(&walk))?;
            self.rewalk = false;
            stats.walked = true;
            run.in_scope = found.in_scope();
            run.scope = found.scope;
            run.walk_key = Some(key);
            self.take_walk(found.root, found.files, found.config, found.skipped);
        }
        stats.walk_ms = ms(start);
        // What a watcher of the root never hears of: a named file or folder outside it, or a
        // file reached through a symlink, whose target may change anywhere. Read again each time.
        let unwatched: Vec<PathBuf> = self
            .paths
            .iter()
            .filter(|p| {
                !p.starts_with(&self.found_root)
                    || std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
            })
            .cloned()
            .collect();
        self.dirty.extend(unwatched);
        let has_plan = self.paths.iter().any(|p| FileKind::of(p) == FileKind::Plan);
        if !has_plan {
            let under = match opts.paths.as_slice() {
                [one] => discover::display_name(&cwd.join(one), cwd),
                _ => discover::display_name(&self.found_root, cwd),
            };
            return Err(RunError::NoPlanFiles {
                under: if under.is_empty() { ".".into() } else { under },
                misnamed: super::misnamed_plans(&self.found_root, cwd),
            });
        }
        let as_of = opts.as_of.or(config.as_of).unwrap_or_else(Date::today);
        let suggest_in = Some(run.in_scope.clone());
        let (workspace, structural) = self.load_and_resolve(config, as_of, suggest_in, &mut stats);
        let mut skipped = self.skipped.clone();
        skipped.extend(
            self.paths
                .iter()
                .filter_map(|p| self.cache.get(p).and_then(|e| e.note.clone())),
        );
        let found = discover::Discovery {
            root: self.found_root.clone(),
            config: self.config_path.clone(),
            files: self.paths.clone(),
            scope: run.scope.clone(),
            skipped,
        };
        let start = Instant::now();
        let checked =
            super::finish_run(workspace, structural, found, run.opts.since.as_deref(), cwd);
        stats.rules_ms = ms(start);
        self.stats = stats;
        checked
    }

    /// goalc.toml read again (it is small), from the editor's text when it is open: one that
    /// cannot be used gives the last valid settings (or the defaults), and why.
    fn load_config(&mut self) -> (Config, Option<ConfigProblem>) {
        let Some(path) = self.config_path.clone() else {
            self.last_good = None;
            return (Config::default(), None);
        };
        let name = discover::display_name(&path, &self.found_root);
        let bytes = match self.overlays.get(&path) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => match crate::base::fsio::read_regular(&path, crate::settings::MAX_FILE_BYTES) {
                Ok(crate::base::fsio::Bounded::Bytes(bytes)) => Ok(bytes),
                Ok(crate::base::fsio::Bounded::TooLarge(len)) => Err(ConfigError::Io(
                    path.clone(),
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("{len} bytes is too large for a configuration"),
                    ),
                )),
                Err(e) => Err(ConfigError::Io(path.clone(), e)),
            },
        };
        let outcome = bytes.and_then(|bytes| {
            config::from_bytes(&path, name, bytes.clone(), crate::rules::thresholds)
                .map(|c| (c, bytes))
        });
        match outcome {
            Ok((config, bytes)) => {
                self.last_good = Some((path, bytes));
                (config, None)
            }
            Err(error) => {
                let kept = self.last_good.as_ref().and_then(|(p, bytes)| {
                    let name = discover::display_name(p, &self.found_root);
                    config::from_bytes(p, name, bytes.clone(), crate::rules::thresholds).ok()
                });
                let problem = ConfigProblem {
                    path,
                    error,
                    kept: kept.is_some(),
                };
                (kept.unwrap_or_default(), Some(problem))
            }
        }
    }

    /// Reads and lowers the files that changed, are new, or moved to another position (their
    /// id is in everything they hold); the count.
    fn load_changed(&mut self, config: &Config) -> usize {
        let todo: Vec<(u32, &PathBuf)> = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| (i as u32, p))
            .filter(|(i, p)| {
                self.dirty.contains(*p) || self.cache.get(*p).is_none_or(|e| e.id != *i)
            })
            .collect();
        // The command line names files from where it runs; the editor from the root.
        let (root, overlays, levels) = match &self.run {
            Some(run) => (&run.cwd, &self.overlays, &config.levels),
            None => (&self.found_root, &self.overlays, &config.levels),
        };
        let scoped = |id: u32| {
            self.run
                .as_ref()
                .map(|run| run.in_scope.get(id as usize).copied().unwrap_or(false))
        };
        let max_bytes = config.max_file_bytes;
        use rayon::prelude::*;
        let read: Vec<(PathBuf, Option<Entry>)> = todo
            .par_iter()
            .map(|&(id, path)| {
                let previous = self.cache.get(path);
                let place = Place {
                    id,
                    path,
                    root,
                    scoped: scoped(id),
                };
                let entry = read_one(&place, overlays, max_bytes, levels, previous);
                (path.clone(), entry)
            })
            .collect();
        let count = read.iter().filter(|(_, e)| e.is_some()).count();
        for (path, entry) in read {
            if let Some(entry) = entry {
                self.cache.insert(path, entry);
            }
        }
        self.dirty.clear();
        count
    }
}

/// Which file is read, and how it is named and reported.
struct Place<'a> {
    id: u32,
    path: &'a Path,
    /// The folder names are relative to.
    root: &'a Path,
    /// For a command-line run, whether the user named the file: one that cannot be read is then
    /// a finding, as in a cold check. `None` for the editor, which checks it empty.
    scoped: Option<bool>,
}

/// Loads and lowers the file at `path` as file `id`, from the editor's text or the disk; `None`
/// when its bytes are those already kept under the same id.
fn read_one(
    place: &Place<'_>,
    overlays: &HashMap<PathBuf, Arc<str>>,
    max_bytes: u64,
    levels: &[String],
    previous: Option<&Entry>,
) -> Option<Entry> {
    let Place { id, path, root, .. } = *place;
    let file_id = FileId(id);
    let name = discover::display_name(path, root);
    let bytes = match overlays.get(path) {
        Some(text) => Ok(crate::base::fsio::Bounded::Bytes(text.as_bytes().to_vec())),
        None => crate::base::fsio::read_regular(path, max_bytes),
    };
    let (hash, loaded) = match bytes {
        Ok(crate::base::fsio::Bounded::Bytes(bytes)) => {
            let hash = crate::workspace::index::hash_of((bytes.as_slice(), 0u8));
            if previous.is_some_and(|e| e.hash == hash && e.id == id) {
                return None;
            }
            let loaded = if bytes.len() as u64 > max_bytes {
                load::too_large(
                    file_id,
                    path.to_path_buf(),
                    name,
                    bytes.len() as u64,
                    max_bytes,
                )
            } else {
                load::load_bytes(file_id, path.to_path_buf(), name, FileKind::of(path), bytes)
            };
            (hash, loaded)
        }
        Ok(crate::base::fsio::Bounded::TooLarge(len)) => (
            crate::workspace::index::hash_of((len, 1u8)),
            load::too_large(file_id, path.to_path_buf(), name, len, max_bytes),
        ),
        // A file the command line cannot read: as a cold check has it (a finding when named,
        // else a note), read again at every check.
        Err(error) if place.scoped.is_some() => {
            let scoped = place.scoped == Some(true);
            let vanished = error.kind() == std::io::ErrorKind::NotFound;
            let note = (vanished || !scoped).then(|| format!("{name}: {error}"));
            let error = load::LoadError {
                path: path.to_path_buf(),
                error,
            };
            let file = load::unreadable(file_id, &error, name, scoped && !vanished);
            return Some(Entry {
                hash: crate::workspace::index::hash_of(((), 3u8)),
                id,
                lowered: lower::lower_loaded(file, levels),
                note,
            });
        }
        // A file that vanished or cannot be read between the walk and now: empty, as the
        // editor's check has always had it.
        Err(_) => (
            crate::workspace::index::hash_of(((), 2u8)),
            LoadedFile {
                id: file_id,
                source: SourceFile::new(
                    path.to_path_buf(),
                    name,
                    FileKind::of(path),
                    Arc::from(""),
                ),
                doc: None,
                diags: Vec::new(),
                has_syntax_errors: false,
            },
        ),
    };
    Some(Entry {
        hash,
        id,
        lowered: lower::lower_loaded(loaded, levels),
        note: None,
    })
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The example workspace, copied where it can be changed.
    fn workspace() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning");
        copy(&from, dir.path());
        let root = discover::normalize(dir.path());
        (dir, root)
    }

    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// A check from nothing: a new workspace with the same editor text.
    fn cold(root: &Path, overlays: &[(PathBuf, Arc<str>)]) -> super::super::Checked {
        let mut live = Live::new(root.to_path_buf(), true);
        for (path, text) in overlays {
            live.set_text(path.clone(), text.clone());
        }
        live.check()
    }

    fn same(a: &super::super::Checked, b: &super::super::Checked, step: &str) {
        let paths = |c: &super::super::Checked| {
            c.workspace
                .files
                .iter()
                .map(|f| f.path.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(a), paths(b), "{step}: the files differ");
        assert_eq!(a.diagnostics, b.diagnostics, "{step}: the findings differ");
        assert_eq!(a.workspace.goals.len(), b.workspace.goals.len(), "{step}");
    }

    #[test]
    fn an_edit_reparses_only_that_file() {
        let (_dir, root) = workspace();
        let mut live = Live::new(root.clone(), true);
        let first = live.check();
        let files = first.workspace.files.len();
        assert!(files > 5);
        assert!(live.stats().walked);
        assert_eq!(live.stats().reparsed, files);

        let team = root.join("teams/learning.plan.toml");
        let text = fs::read_to_string(&team).unwrap();
        let typo = text.replacen(
            "aligns_to = \"erp-ready-workforce\"",
            "aligns_to = \"erp-ready-workforse\"",
            1,
        );
        assert_ne!(typo, text);
        live.set_text(team.clone(), Arc::from(typo.as_str()));
        let edited = live.check();
        assert!(!live.stats().walked);
        assert_eq!(live.stats().reparsed, 1);
        assert!(
            edited
                .diagnostics
                .iter()
                .any(|d| d.message.contains("erp-ready-workforse"))
        );

        // the same text again reads nothing new; nor does a check with no change
        live.set_text(team, Arc::from(typo.as_str()));
        live.check();
        assert_eq!(live.stats().reparsed, 0);
        live.check();
        assert_eq!(live.stats().reparsed, 0);

        // a file written on disk is read when told of, and only it
        let aiko = root.join("people/aiko.plan.toml");
        let aiko_text = fs::read_to_string(&aiko).unwrap();
        fs::write(
            &aiko,
            aiko_text.replace("compliance-refresh", "compliance-refreshed"),
        )
        .unwrap();
        live.disk_changed(&aiko);
        let on_disk = live.check();
        assert_eq!(live.stats().reparsed, 1);
        assert!(
            on_disk
                .diagnostics
                .iter()
                .any(|d| d.message.contains("compliance-refreshed"))
        );
    }

    #[test]
    fn after_a_sequence_of_edits_the_result_is_a_cold_checks() {
        let (_dir, root) = workspace();
        let mut live = Live::new(root.clone(), true);
        let mut overlays: Vec<(PathBuf, Arc<str>)> = Vec::new();
        same(&live.check(), &cold(&root, &overlays), "start");

        let team = root.join("teams/learning.plan.toml");
        let text = fs::read_to_string(&team).unwrap();
        let typo: Arc<str> = Arc::from(
            text.replacen(
                "aligns_to = \"erp-ready-workforce\"",
                "aligns_to = [\"nowhere\"]",
                1,
            )
            .as_str(),
        );
        live.set_text(team.clone(), typo.clone());
        overlays.push((team.clone(), typo));
        same(&live.check(), &cold(&root, &overlays), "an edit");

        // a new file early in the order moves every later file's id; it repeats a goal id
        let new = root.join("people/aaa.plan.toml");
        fs::write(
            &new,
            "[plan]\ntitle = \"A\"\nowner = \"aiko\"\n\n[goals.aiko-microlearning]\ntitle = \"Ship 3 modules by June\"\nowner = \"aiko\"\n",
        )
        .unwrap();
        live.disk_changed(&new);
        let created = live.check();
        assert!(
            created
                .diagnostics
                .iter()
                .any(|d| d.rule == crate::catalog::RuleId::DuplicateId)
        );
        same(&created, &cold(&root, &overlays), "a file created");

        // a deleted file, and a half-typed one in the editor
        let zofia = root.join("people/zofia.plan.toml");
        fs::remove_file(&zofia).unwrap();
        live.disk_changed(&zofia);
        same(&live.check(), &cold(&root, &overlays), "a file deleted");
        let nadia = root.join("people/nadia.plan.toml");
        let half: Arc<str> = Arc::from(
            format!(
                "{}\n[goals.half\ntitle = \"",
                fs::read_to_string(&nadia).unwrap()
            )
            .as_str(),
        );
        live.set_text(nadia.clone(), half.clone());
        overlays.push((nadia.clone(), half));
        same(&live.check(), &cold(&root, &overlays), "a half-typed file");

        // a progress file rewritten, and goalc.toml changed (another as-of date, no levels)
        let q2 = root.join("progress/2026-q2.progress.toml");
        let q2_text = fs::read_to_string(&q2).unwrap();
        fs::write(
            &q2,
            q2_text.replacen("date = 2026-04-30", "date = 2027-04-30", 1),
        )
        .unwrap();
        live.disk_changed(&q2);
        same(&live.check(), &cold(&root, &overlays), "a progress file");
        let config = root.join("goalc.toml");
        fs::write(&config, "as_of = 2026-09-30\n").unwrap();
        live.disk_changed(&config);
        same(&live.check(), &cold(&root, &overlays), "goalc.toml");

        // the editor lets go: the disk's text again; a 50 MB text is one finding, not a parse
        live.drop_text(&team);
        overlays.retain(|(p, _)| p != &team);
        same(&live.check(), &cold(&root, &overlays), "a document closed");
        let huge: Arc<str> = Arc::from("# x\n".repeat(50 << 18).as_str());
        live.set_text(nadia.clone(), huge.clone());
        overlays.retain(|(p, _)| p != &nadia);
        overlays.push((nadia.clone(), huge));
        let big = live.check();
        assert!(
            big.diagnostics
                .iter()
                .any(|d| d.message.contains("too large"))
        );
        same(&big, &cold(&root, &overlays), "a 50 MB document");

        // with nothing in the editor, the command line's own check agrees
        live.drop_text(&nadia);
        let ours = live.check();
        let opts = super::super::Options {
            paths: vec![root.clone()],
            ..Default::default()
        };
        let cli = super::super::check(&opts, &root).unwrap();
        assert_eq!(ours.diagnostics, cli.diagnostics);
    }

    #[test]
    fn a_command_line_run_reads_again_only_what_changed_and_finds_what_a_cold_run_does() {
        use crate::catalog::RuleId;
        use crate::settings::RuleLevel;
        let (_dir, root) = workspace();
        let opts = super::super::Options {
            paths: vec![PathBuf::from("teams"), PathBuf::from("people")],
            as_of: Some(Date::parse("2026-06-15").unwrap()),
            rule_levels: vec![(RuleId::OffPace, RuleLevel::Error)],
            ..Default::default()
        };
        let cold = |step: &str, live: &super::super::Checked| {
            let cli = super::super::check(&opts, &root).unwrap();
            assert_eq!(live.diagnostics, cli.diagnostics, "{step}");
            assert_eq!(live.in_scope, cli.in_scope, "{step}");
            assert_eq!(live.skipped, cli.skipped, "{step}");
            assert_eq!(live.inputs, cli.inputs, "{step}");
        };
        let mut live = Live::for_run(&opts, &root);
        let first = live.check_run().unwrap();
        cold("start", &first);
        let files = first.workspace.files.len();
        assert!(live.stats().walked);
        assert_eq!(live.stats().reparsed, files);

        let lena = root.join("progress/2026-q2.progress.toml");
        let text = fs::read_to_string(&lena).unwrap();
        fs::write(
            &lena,
            text.replacen(
                "date = 2026-06-09\nvalue = 25",
                "date = 2026-06-09\nvalue = 2",
                1,
            ),
        )
        .unwrap();
        live.disk_changed(&lena);
        let edited = live.check_run().unwrap();
        assert!(!live.stats().walked);
        assert_eq!(live.stats().reparsed, 1);
        assert!(edited.diagnostics.iter().any(|d| d.rule == RuleId::OffPace));
        cold("a progress file", &edited);

        // a file that cannot be read is a note outside the scope, as in a cold run
        let q1 = root.join("progress/2026-q1.progress.toml");
        fs::remove_file(&q1).unwrap();
        fs::create_dir(&q1).unwrap();
        live.disk_changed(&q1);
        cold("a file that is a folder now", &live.check_run().unwrap());

        // goalc.toml is read at every check; a named folder gone is the cold run's error
        let config = root.join("goalc.toml");
        let text = fs::read_to_string(&config).unwrap();
        fs::write(&config, format!("{text}\noff-pace = \"off\"\n")).unwrap();
        cold("goalc.toml", &live.check_run().unwrap());
        fs::write(&config, "as_of = [").unwrap();
        assert!(matches!(
            live.check_run(),
            Err(super::super::RunError::Config(_))
        ));
        fs::write(&config, text).unwrap();
        fs::rename(root.join("teams"), root.join("teams-old")).unwrap();
        assert!(matches!(
            live.check_run(),
            Err(super::super::RunError::Discover(_))
        ));
        fs::rename(root.join("teams-old"), root.join("teams")).unwrap();
        live.layout_changed();
        cold("the folder back", &live.check_run().unwrap());
    }
}
