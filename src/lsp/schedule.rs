//! Checking off the message loop: edits are gathered while the user types (debounced), handed
//! to a worker thread that keeps the incremental workspace ([`crate::check::incremental`]),
//! and the worker's result comes back with the diagnostics that changed. Requests meanwhile
//! are answered from the last check, except on a document whose latest edits are not in it
//! yet: a position there means the new text, so such a request waits for the check that has
//! it (a bounded while).

use super::analysis;
use super::diagnostics::lsp_diagnostic;
use crate::check::Checked;
use crate::check::incremental::Live;
use crossbeam_channel::{Receiver, Sender};
use lsp_types::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Edits closer together than this are checked together: a burst of changes (a paste, a
/// client replaying edits) costs one check.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(15);
/// Typing that never pauses is still checked this often.
pub(super) const MAX_DELAY: Duration = Duration::from_millis(250);
/// How long a request on a document with unchecked edits waits before it is answered from the
/// last check.
pub(super) const REQUEST_WAIT: Duration = Duration::from_millis(2000);

/// What happened to a file since the last check.
pub(super) enum Change {
    /// The editor's text of an open document.
    Text(PathBuf, Arc<str>),
    /// The editor closed it: the disk's text again.
    Closed(PathBuf),
    /// Changed, created or deleted on disk.
    Disk(PathBuf),
    /// Anything may have changed on disk.
    AllDisk,
}

pub(super) struct Batch {
    pub root: PathBuf,
    pub changes: Vec<Change>,
    /// The open documents' versions, for the diagnostics published.
    pub versions: HashMap<PathBuf, i32>,
    /// Open documents edited in this batch: their list is published even when unchanged, so the
    /// editor knows the version is checked.
    pub always: HashSet<PathBuf>,
    pub seq: u64,
}

pub(super) struct Outcome {
    pub checked: Arc<Checked>,
    pub publish: Vec<(PathBuf, Arc<Vec<Diagnostic>>, Option<i32>)>,
    /// A goalc.toml that just became unusable: said once, until it is valid again.
    pub show: Option<String>,
    pub seq: u64,
}

/// The worker thread's end of the channels.
pub(super) struct Worker {
    pub to: Sender<Batch>,
    pub from: Receiver<Outcome>,
}

impl Worker {
    pub(super) fn start() -> Worker {
        let (to, batches) = crossbeam_channel::unbounded::<Batch>();
        let (done, from) = crossbeam_channel::unbounded::<Outcome>();
        std::thread::spawn(move || work(&batches, &done));
        Worker { to, from }
    }
}

fn work(batches: &Receiver<Batch>, done: &Sender<Outcome>) {
    let mut live: Option<Live> = None;
    let mut published: HashMap<PathBuf, Arc<Vec<Diagnostic>>> = HashMap::new();
    let mut shown = false;
    for batch in batches {
        let live = match &mut live {
            Some(l) if l.root() == batch.root => l,
            slot => slot.insert(Live::new(
                batch.root.clone(),
                !analysis::walks_too_much(&batch.root),
            )),
        };
        for change in batch.changes {
            match change {
                Change::Text(path, text) => live.set_text(path, text),
                Change::Closed(path) => live.drop_text(&path),
                Change::Disk(path) => live.disk_changed(&path),
                Change::AllDisk => live.all_changed(),
            }
        }
        let checked = live.check();
        let config = live.config_problem().map(|p| {
            let name = crate::load::discover::display_name(&p.path, live.root());
            let (list, message) = super::config::problem(p, &name);
            (p.path.clone(), list, message)
        });
        let show = match (&config, shown) {
            (Some((_, _, message)), false) => Some(message.clone()),
            _ => None,
        };
        shown = config.is_some();
        let config = config.map(|(path, list, _)| (path, list));
        let publish = changed_diagnostics(&checked, config, &mut published, &batch.always)
            .into_iter()
            .map(|(path, list)| {
                let version = batch.versions.get(&path).copied();
                (path, list, version)
            })
            .collect();
        let outcome = Outcome {
            checked: Arc::new(checked),
            publish,
            show,
            seq: batch.seq,
        };
        if done.send(outcome).is_err() {
            return;
        }
    }
}

/// The files whose diagnostics differ from what the client has (`published`, updated), and
/// those in `always`; a file gone from the workspace gets an empty list.
fn changed_diagnostics(
    checked: &Checked,
    config: Option<(PathBuf, Vec<Diagnostic>)>,
    published: &mut HashMap<PathBuf, Arc<Vec<Diagnostic>>>,
    always: &HashSet<PathBuf>,
) -> Vec<(PathBuf, Arc<Vec<Diagnostic>>)> {
    let mut by_file: HashMap<u32, Vec<Diagnostic>> = HashMap::new();
    for d in &checked.diagnostics {
        by_file
            .entry(d.file.0)
            .or_default()
            .push(lsp_diagnostic(checked, d));
    }
    let mut out = Vec::new();
    let mut now: HashMap<PathBuf, Arc<Vec<Diagnostic>>> = HashMap::new();
    // goalc.toml's own problem, when it has one: published like a file's findings, and
    // cleared the same way once it is fixed.
    if let Some((path, list)) = config {
        let list = Arc::new(list);
        let before = published.get(&path).map_or(&[][..], |l| l.as_slice());
        if before != list.as_slice() || always.contains(&path) {
            out.push((path.clone(), Arc::clone(&list)));
        }
        now.insert(path, list);
    }
    for (i, file) in checked.workspace.files.iter().enumerate() {
        let list = Arc::new(by_file.remove(&(i as u32)).unwrap_or_default());
        let before = published.get(&file.path).map_or(&[][..], |l| l.as_slice());
        if before != list.as_slice() || always.contains(&file.path) {
            out.push((file.path.clone(), Arc::clone(&list)));
        }
        if !list.is_empty() {
            now.insert(file.path.clone(), list);
        }
    }
    let mut gone: Vec<&PathBuf> = published.keys().filter(|p| !now.contains_key(*p)).collect();
    gone.sort();
    for path in gone {
        if !out.iter().any(|(p, _)| p == path) {
            out.push((path.clone(), Arc::new(Vec::new())));
        }
    }
    *published = now;
    out
}

/// The message loop's side: what is waiting to be checked, and whether a check runs.
#[derive(Default)]
pub(super) struct Schedule {
    /// Open documents edited since the last batch (their text is taken when it goes).
    pub edited: HashSet<PathBuf>,
    pub other: Vec<Change>,
    pub first_change: Option<Instant>,
    pub last_change: Option<Instant>,
    /// A check is running; the next waits for it.
    pub busy: bool,
    /// Numbers every change; a check covers the changes up to its number.
    pub seq: u64,
    pub checked_seq: u64,
    /// Per document, the number of its last change.
    pub doc_seq: HashMap<PathBuf, u64>,
    /// Check now, without waiting for the typing to pause (a request waits for it).
    pub urgent: bool,
}

impl Schedule {
    pub(super) fn note(&mut self, path: Option<&PathBuf>) {
        self.seq += 1;
        let now = Instant::now();
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
        if let Some(p) = path {
            self.doc_seq.insert(p.clone(), self.seq);
        }
    }

    pub(super) fn pending(&self) -> bool {
        !self.edited.is_empty() || !self.other.is_empty()
    }

    /// Whether the next batch should go now.
    pub(super) fn due(&self, now: Instant) -> bool {
        if self.busy || !self.pending() {
            return false;
        }
        let quiet = self
            .last_change
            .is_none_or(|t| now.duration_since(t) >= DEBOUNCE);
        let long = self
            .first_change
            .is_some_and(|t| now.duration_since(t) >= MAX_DELAY);
        self.urgent || quiet || long
    }

    /// How long the loop may sleep before a batch falls due.
    pub(super) fn wait(&self, now: Instant) -> Option<Duration> {
        if self.busy || !self.pending() {
            return None;
        }
        let by_quiet = self
            .last_change
            .map(|t| (t + DEBOUNCE).saturating_duration_since(now));
        let by_long = self
            .first_change
            .map(|t| (t + MAX_DELAY).saturating_duration_since(now));
        match (by_quiet, by_long) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the last check has every change of `path`.
    pub(super) fn fresh(&self, path: &PathBuf) -> bool {
        self.doc_seq
            .get(path)
            .is_none_or(|&s| s <= self.checked_seq)
    }
}
