//! Reading one file: bytes -> text -> spanned TOML tree -> raw model, with every `syntax` and
//! `schema` finding of the file.

use crate::decode::{Decoder, Key, Value, span_of};
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::schema;
use crate::source::{FileId, FileKind, SourceFile};
use crate::span::{Sp, Span};
use std::path::PathBuf;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

/// Files above this size are not parsed unless goalc.toml's `max_file_bytes` says otherwise:
/// parsing needs about twenty times the file's size in memory, and no hand-written plan comes
/// near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub struct LoadedFile {
    pub id: FileId,
    pub source: SourceFile,
    /// `None` when the file could not be parsed at all, or once lowered.
    pub doc: Option<Doc>,
    /// A plan file in the workspace's shapes (see [`crate::lower`]).
    pub lowered: Option<crate::lower::Lowered>,
    pub diags: Vec<Diagnostic>,
    /// The TOML had errors: the doc is best-effort recovery, good for resolving references to
    /// it but not for judging it.
    pub has_syntax_errors: bool,
}

/// A file that could not be read is not a finding: the run cannot go on without its input.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

/// Reads and decodes the file at `path`, if it is a regular file of at most `max_bytes`.
pub fn load_path(
    id: FileId,
    path: PathBuf,
    name: String,
    max_bytes: u64,
) -> Result<LoadedFile, LoadError> {
    let kind = FileKind::of(&path);
    let io_err = |error| LoadError {
        path: path.clone(),
        error,
    };
    let meta = std::fs::metadata(&path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(io_err(std::io::Error::other("not a regular file")));
    }
    if meta.len() > max_bytes {
        let source = SourceFile::new(path, name, kind, Arc::from(""));
        let d = Diagnostic::error(
            "syntax",
            id,
            Span::default(),
            format!(
                "file is too large to read as a plan ({} bytes; the limit is {max_bytes})",
                meta.len()
            ),
        )
        .with_help("split the plan into several files, or raise `max_file_bytes` in goalc.toml");
        return Ok(LoadedFile {
            id,
            source,
            lowered: None,
            doc: None,
            diags: vec![d],
            has_syntax_errors: true,
        });
    }
    let bytes = std::fs::read(&path).map_err(io_err)?;
    Ok(load_bytes(id, path, name, kind, bytes))
}

/// Loads `paths` in parallel, file ids in order, and lowers each plan file for a workspace of
/// `levels`: the text of a path comes from `overlay` when it has it (standard input, an
/// editor's unsaved document), else from disk.
pub fn load_all(
    paths: &[PathBuf],
    name: impl Fn(&std::path::Path) -> String + Sync,
    max_bytes: u64,
    levels: &[String],
    overlay: impl Fn(&std::path::Path) -> Option<Vec<u8>> + Sync,
) -> Vec<Result<LoadedFile, LoadError>> {
    let mut all = Vec::with_capacity(paths.len());
    load_in_order(paths, name, max_bytes, levels, overlay, |file| {
        all.push(file)
    });
    all
}

/// [`load_all`], handing each file to `each` on the calling thread, in file order, as soon as
/// it and every file before it are loaded: the caller works on the first files while the
/// other cores load the rest. Workers take files in order, so they finish roughly in order.
/// The files handed over are the same whatever the scheduling, and so is their order.
pub fn load_in_order(
    paths: &[PathBuf],
    name: impl Fn(&std::path::Path) -> String + Sync,
    max_bytes: u64,
    levels: &[String],
    overlay: impl Fn(&std::path::Path) -> Option<Vec<u8>> + Sync,
    mut each: impl FnMut(Result<LoadedFile, LoadError>),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let load_one = |i: usize, path: &PathBuf| {
        let id = FileId(i as u32);
        let mut file = match overlay(path) {
            Some(bytes) => load_bytes(id, path.clone(), name(path), FileKind::of(path), bytes),
            None => load_path(id, path.clone(), name(path), max_bytes)?,
        };
        crate::lower::lower_loaded(&mut file, levels);
        Ok(file)
    };
    if rayon::current_thread_index().is_some() {
        // On a pool thread, waiting for the pool's tasks could wait forever: load, then hand over.
        use rayon::prelude::*;
        let all: Vec<_> = paths
            .par_iter()
            .enumerate()
            .map(|(i, path)| load_one(i, path))
            .collect();
        all.into_iter().for_each(each);
        return;
    }
    // Files are taken and handed over in blocks: a message per file would wake the calling
    // thread tens of thousands of times.
    const BLOCK: usize = 32;
    type Block = Vec<Result<LoadedFile, LoadError>>;
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Block)>();
    rayon::in_place_scope(|scope| {
        for _ in 0..rayon::current_num_threads().max(1) {
            let tx = tx.clone();
            let (next, load_one) = (&next, &load_one);
            scope.spawn(move |_| {
                loop {
                    let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                    let Some(block) = paths.get(start..(start + BLOCK).min(paths.len())) else {
                        break;
                    };
                    if block.is_empty() {
                        break;
                    }
                    let files = block
                        .iter()
                        .enumerate()
                        .map(|(k, path)| load_one(start + k, path))
                        .collect();
                    if tx.send((start / BLOCK, files)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Blocks that arrived before an earlier one, waiting for it.
        let mut early: Vec<Option<Block>> = Vec::new();
        let mut handed = 0;
        for (i, block) in rx {
            if i >= early.len() {
                early.resize_with(i + 1, || None);
            }
            if let Some(slot) = early.get_mut(i) {
                *slot = Some(block);
            }
            while let Some(block) = early.get_mut(handed).and_then(Option::take) {
                block.into_iter().for_each(&mut each);
                handed += 1;
            }
        }
    });
}

/// Decodes a file's bytes (read from disk, or standard input).
pub fn load_bytes(
    id: FileId,
    path: PathBuf,
    name: String,
    kind: FileKind,
    bytes: Vec<u8>,
) -> LoadedFile {
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(err.as_bytes()).into_owned(),
                Some(at),
            )
        }
    };
    // A byte-order mark is not content; dropping it keeps columns right on the first line.
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let source = SourceFile::new(path, name, kind, text.clone());
    if let Some(at) = utf8_error {
        let d = Diagnostic::error(
            "syntax",
            id,
            Span::new(at, at + 1),
            "file is not valid UTF-8 text",
        )
        .with_label("invalid byte")
        .with_help("plan files are TOML, which must be UTF-8; re-save the file as UTF-8");
        return LoadedFile {
            id,
            source,
            lowered: None,
            doc: None,
            diags: vec![d],
            has_syntax_errors: true,
        };
    }
    let (table, errors) = DeTable::parse_recoverable(&text);
    let mut diags = syntax_diagnostics(id, &text, &errors);
    if starts_with_second_bom(&text) {
        diags.push(
            Diagnostic::error("syntax", id, Span::new(0, 3), "a second byte-order mark")
                .with_label("byte-order mark")
                .with_help("a file may start with one byte-order mark at most; delete this one"),
        );
    }
    if errors.is_empty() {
        for span in malformed_integers(table.get_ref()) {
            diags.push(
                Diagnostic::error("syntax", id, span, "invalid integer")
                    .with_label("not a TOML integer")
                    .with_help("write the digits after a `0x`, `0o` or `0b` prefix, in ASCII"),
            );
        }
    }
    let has_syntax_errors = !diags.is_empty();
    let mut decoder = Decoder::new(id, text.clone());
    let doc = match kind {
        FileKind::Plan => Doc::Plan(decode_plan(&mut decoder, table.get_ref())),
        FileKind::Progress => Doc::Progress(decode_progress(&mut decoder, table.get_ref())),
    };
    // The tree recovered from broken TOML is a guess; judging its fields would mostly report
    // the damage again.
    if !has_syntax_errors {
        diags.append(&mut decoder.diags);
    }
    LoadedFile {
        id,
        source,
        lowered: None,
        doc: Some(doc),
        diags,
        has_syntax_errors,
    }
}

/// The text after the one byte-order mark dropped: a second one is not TOML.
fn starts_with_second_bom(text: &str) -> bool {
    text.starts_with('\u{feff}')
}

/// Integers the parser lets through though TOML forbids them (a bare `0x`, digits from other
/// scripts): every value they stand for would be a guess.
fn malformed_integers(root: &DeTable<'_>) -> Vec<Span> {
    let mut bad = Vec::new();
    let mut stack: Vec<&toml::Spanned<DeValue<'_>>> = root.values().collect();
    while let Some(value) = stack.pop() {
        match value.get_ref() {
            DeValue::Integer(i) if i128::from_str_radix(i.as_str(), i.radix()).is_err() => {
                bad.push(crate::decode::span_of(value));
            }
            DeValue::Array(items) => stack.extend(items.iter()),
            DeValue::Table(table) => stack.extend(table.values()),
            _ => {}
        }
    }
    bad.sort();
    bad
}

/// TOML errors as `syntax` findings. A table header that repeats `[goals.ID]` or
/// `[people.ID]` in one file is a `duplicate-id` with both places shown; the parser's follow-up
/// complaints about the keys of the repeated table are dropped.
fn syntax_diagnostics(id: FileId, text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut in_repeated_table = false;
    for err in errors {
        let range = err.span().unwrap_or(0..0);
        let span = Span::from_range(range.clone());
        // Bytes, not `str`: a span is not promised to fall on a character boundary.
        let line_start = text
            .as_bytes()
            .get(..range.start)
            .unwrap_or(text.as_bytes())
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = text[line_start..].lines().next().unwrap_or("");
        let header = header_path(line);
        if header.is_some() {
            in_repeated_table = false;
        }
        if err.message() == "duplicate key" {
            if let Some(path @ [kind, table_id]) = header.as_deref() {
                let what = match kind.as_str() {
                    "goals" => Some("goal"),
                    "people" => Some("person"),
                    _ => None,
                };
                if let Some(what) = what {
                    in_repeated_table = true;
                    let mut d = Diagnostic::error(
                        "duplicate-id",
                        id,
                        span,
                        format!("{what} `{table_id}` is defined twice"),
                    )
                    .with_label("defined again here")
                    .with_help(format!("{what} ids are unique in the workspace: rename one of them or merge the two tables"));
                    if let Some(first) = first_header(text, path, line_start) {
                        d = d.with_related(id, first, "first defined here");
                    }
                    if what == "goal" {
                        d.goal = Some(table_id.clone());
                    }
                    out.push(d);
                    continue;
                }
            }
            if in_repeated_table && header.is_none() {
                continue;
            }
        }
        out.push(
            Diagnostic::error("syntax", id, span, err.message().to_string())
                .with_label(err.message().to_string())
                .with_help("fix the TOML syntax; https://toml.io describes the format"),
        );
    }
    out
}

/// The dotted path of a `[a.b]` header line, keys unquoted; `None` for other lines.
fn header_path(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('[')?;
    let inner = inner.split('#').next()?.trim_end().strip_suffix(']')?;
    if inner.starts_with('[') {
        return None;
    }
    Some(
        inner
            .split('.')
            .map(|k| k.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            .collect(),
    )
}

/// The span of the id in the first `[segment.id]` header before `before`.
fn first_header(text: &str, path: &[String], before: usize) -> Option<Span> {
    let table_id = path.last()?;
    let mut offset = 0;
    for line in text.get(..before)?.split_inclusive('\n') {
        if header_path(line).as_deref() == Some(path) {
            let at = line.find(table_id.as_str()).unwrap_or(0);
            return Some(Span::new(offset + at, offset + at + table_id.len()));
        }
        offset += line.len();
    }
    None
}

// ---- plan files -------------------------------------------------------------------------

/// Framework fields and the framework they belong to.
const FRAMEWORK_FIELDS: &[(&str, Framework)] = &[
    ("skill", Framework::Mastery),
    ("mentor", Framework::Mastery),
    ("resources", Framework::Mastery),
    ("feedback", Framework::Mastery),
    ("milestones", Framework::Mastery),
    ("parties", Framework::Pact),
    ("commitments", Framework::Pact),
    ("agreed", Framework::Pact),
    ("type", Framework::Okr),
];

fn decode_plan(dec: &mut Decoder, root: &DeTable<'_>) -> PlanDoc {
    let mut doc = PlanDoc::default();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "$schema" => {
                dec.string("$schema", value);
            }
            "plan" => {
                if let Some(table) = dec.table("plan", value) {
                    doc.plan = Some(decode_plan_header(dec, span_of(value), table));
                }
            }
            "people" => {
                if let Some(table) = dec.table("people", value) {
                    doc.people.reserve_exact(table.len());
                    for (id, person) in table.iter() {
                        if let Some(p) = decode_person(dec, id, person) {
                            doc.people.push(p);
                        }
                    }
                }
            }
            "goals" => {
                if let Some(table) = dec.table("goals", value) {
                    // Exact: a vector's first growth step is four entries, and most plans
                    // hold one to three goals of a few hundred bytes each.
                    doc.goals.reserve_exact(table.len());
                    for (id, goal) in table.iter() {
                        if let Some(g) = decode_goal(dec, id, goal) {
                            doc.goals.push(g);
                        }
                    }
                }
            }
            "checkin" => {
                let d = dec.error(span_of(key), "check-ins belong in progress files");
                d.label = Some("`[[checkin]]` in a plan file".into());
                d.help = Some("move them to a file named `*.progress.toml`, or write them as `checkins = [...]` on the metric".into());
            }
            _ => dec.unknown_field(key, "a plan file", &schema::names(schema::PLAN_FILE)),
        }
    }
    if doc.plan.is_none() && !root.is_empty() {
        dec.missing(
            Span::new(0, 0),
            "[plan]",
            "this plan file",
            "[plan] with title, owner, start and end",
        );
    }
    doc
}

fn decode_plan_header(dec: &mut Decoder, span: Span, table: &DeTable<'_>) -> PlanHeader {
    let mut plan = PlanHeader {
        span,
        title: None,
        owner: None,
        team: None,
        start: None,
        end: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "title" => plan.title = dec.string(name, value),
            "owner" => plan.owner = dec.string(name, value),
            "team" => plan.team = dec.string(name, value),
            "start" => plan.start = dec.date(name, value),
            "end" => plan.end = dec.date(name, value),
            _ => dec.unknown_field(key, "`[plan]`", &schema::names(schema::PLAN)),
        }
    }
    let present = |k: &str| table.iter().any(|(key, _)| key.get_ref() == k);
    for (field, example) in [
        ("title", "title = \"Learning & Development 2026\""),
        ("owner", "owner = \"maria\""),
        ("start", "start = 2026-01-01"),
        ("end", "end = 2026-12-31"),
    ] {
        if !present(field) {
            dec.missing(span, field, "the plan", example);
        }
    }
    plan
}

fn decode_person(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<PersonDef> {
    let table = dec.table(&format!("people.{}", key.get_ref()), value)?;
    let id = dec.id(key, "person")?;
    let mut person = PersonDef {
        id,
        name: None,
        team: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "name" => person.name = dec.string(name, value),
            "team" => person.team = dec.string(name, value),
            _ => dec.unknown_field(key, "a person", &schema::names(schema::PERSON)),
        }
    }
    Some(person)
}

fn decode_goal(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<GoalDef> {
    let table = dec.table(&format!("goals.{}", key.get_ref()), value)?;
    let id = dec.id(key, "goal")?;
    let header = id.span;
    let mut g = GoalDef {
        id,
        title: None,
        framework: None,
        level: None,
        owner: None,
        start: None,
        due: None,
        aligns_to: None,
        weight: None,
        allow: Vec::new(),
        review: None,
        mastery: None,
        pact: None,
        okr_type: None,
        metrics: Vec::new(),
    };
    let mut framework_fields: Vec<(&str, Span, Framework)> = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if let Some((_, fw)) = FRAMEWORK_FIELDS.iter().find(|(f, _)| *f == name) {
            framework_fields.push((name, span_of(key), *fw));
        }
        match name {
            "title" => g.title = dec.string(name, value),
            "framework" => {
                g.framework = dec.keyword(name, value, Framework::parse, Framework::NAMES)
            }
            "level" => g.level = dec.string(name, value),
            "owner" => g.owner = dec.string(name, value),
            "start" => g.start = dec.date(name, value),
            "due" => g.due = dec.date(name, value),
            "aligns_to" => g.aligns_to = dec.strings(name, value, true),
            "weight" => g.weight = dec.number_in(name, value, 0.0, f64::MAX),
            "allow" => {
                g.allow = dec
                    .strings(name, value, false)
                    .map(|s| s.value)
                    .unwrap_or_default()
            }
            "review" => g.review = dec.keyword(name, value, Cadence::parse, Cadence::NAMES),
            "skill" => g.mastery_mut().skill = dec.string(name, value),
            "mentor" => g.mastery_mut().mentor = dec.string(name, value),
            "resources" => g.mastery_mut().resources = dec.strings(name, value, false),
            "feedback" => {
                g.mastery_mut().feedback = dec.keyword(name, value, Cadence::parse, Cadence::NAMES)
            }
            "milestones" => {
                if let Some(items) = dec.tables(name, value) {
                    let list = items
                        .into_iter()
                        .map(|(span, t)| decode_milestone(dec, span, t))
                        .collect();
                    g.mastery_mut().milestones = Some(Sp::new(list, span_of(value)));
                }
            }
            "parties" => g.pact_mut().parties = dec.strings(name, value, false),
            "commitments" => {
                if let Some(table) = dec.table(name, value) {
                    let mut list = Vec::new();
                    for (who, what) in table.iter() {
                        let who = Sp::new(dec.text(who.get_ref()), span_of(who));
                        if let Some(text) = dec.string(&format!("commitments.{}", who.value), what)
                        {
                            list.push((who, text));
                        }
                    }
                    g.pact_mut().commitments = Some(Sp::new(list, span_of(value)));
                }
            }
            "agreed" => g.pact_mut().agreed = dec.date(name, value),
            "type" => g.okr_type = dec.keyword(name, value, OkrType::parse, OkrType::NAMES),
            "metrics" => {
                if let Some(table) = dec.table(name, value) {
                    g.metrics.reserve_exact(table.len());
                    for (id, metric) in table.iter() {
                        if let Some(m) = decode_metric(dec, id, metric) {
                            g.metrics.push(m);
                        }
                    }
                }
            }
            _ => dec.unknown_field(key, "a goal", &schema::names(schema::GOAL)),
        }
    }
    let framework = g.framework.as_ref().map_or(Framework::Hard, |f| f.value);
    for (field, span, wanted) in framework_fields {
        if wanted != framework {
            let d = dec.error(
                span,
                format!(
                    "`{field}` belongs to {} goals, but this goal is {}",
                    wanted.as_str(),
                    framework.as_str()
                ),
            );
            d.label = Some(format!("{} field", wanted.as_str()));
            d.help = Some(format!(
                "set `framework = \"{}\"` on the goal, or remove `{field}`",
                wanted.as_str()
            ));
            d.goal = Some(g.id.value.to_string());
        }
    }
    if g.title.is_none() && !table.iter().any(|(k, _)| k.get_ref() == "title") {
        dec.missing(
            header,
            "title",
            &format!("goal `{}`", g.id.value),
            "title = \"Certify 90 % of staff on the new ERP\"",
        );
    }
    if g.owner.is_none() && !table.iter().any(|(k, _)| k.get_ref() == "owner") {
        dec.missing(
            header,
            "owner",
            &format!("goal `{}`", g.id.value),
            "owner = \"maria\"",
        );
    }
    Some(g)
}

fn decode_metric(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<MetricDef> {
    let table = dec.table(&format!("metrics.{}", key.get_ref()), value)?;
    let id = dec.id(key, "metric")?;
    let mut m = MetricDef {
        id,
        title: None,
        unit: None,
        baseline: None,
        target: None,
        weight: None,
        contributes_to: None,
        checkins: Vec::new(),
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "title" => m.title = dec.string(name, value),
            "unit" => m.unit = dec.string(name, value),
            "baseline" => m.baseline = dec.number(name, value),
            "target" => m.target = dec.number(name, value),
            "weight" => m.weight = dec.number_in(name, value, 0.0, f64::MAX),
            "contributes_to" => m.contributes_to = dec.string(name, value),
            "checkins" => {
                if let Some(items) = dec.tables(name, value) {
                    m.checkins = items
                        .into_iter()
                        .map(|(span, t)| decode_checkin(dec, span, t, false))
                        .collect();
                }
            }
            _ => dec.unknown_field(key, "a metric", &schema::names(schema::METRIC)),
        }
    }
    Some(m)
}

fn decode_checkin(
    dec: &mut Decoder,
    span: Span,
    table: &DeTable<'_>,
    in_progress_file: bool,
) -> CheckinDef {
    let mut c = CheckinDef {
        span,
        metric: None,
        date: None,
        value: None,
        note: None,
        confidence: None,
    };
    let fields = schema::names(if in_progress_file {
        schema::PROGRESS_CHECKIN
    } else {
        schema::CHECKIN
    });
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "metric" if in_progress_file => c.metric = dec.string(name, value),
            "date" => c.date = dec.date(name, value),
            "value" => c.value = dec.number(name, value),
            "note" => c.note = dec.string(name, value),
            "confidence" => c.confidence = dec.number_in(name, value, 0.0, 1.0),
            _ => dec.unknown_field(key, "a check-in", &fields),
        }
    }
    let present = |k: &str| table.iter().any(|(key, _)| key.get_ref() == k);
    if in_progress_file && !present("metric") {
        dec.missing(
            span,
            "metric",
            "this check-in",
            "metric = \"erp-fluency.certified\"",
        );
    }
    if !present("date") {
        dec.missing(span, "date", "this check-in", "date = 2026-04-01");
    }
    if !present("value") {
        dec.missing(span, "value", "this check-in", "value = 44");
    }
    c
}

fn decode_milestone(dec: &mut Decoder, span: Span, table: &DeTable<'_>) -> MilestoneDef {
    let mut m = MilestoneDef {
        span,
        title: None,
        level: None,
        due: None,
        done: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "title" => m.title = dec.string(name, value),
            "level" => {
                m.level = match value.get_ref() {
                    DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                        Ok(n @ 1..=5) => Some(Sp::new(n as u8, span_of(value))),
                        _ => {
                            let d = dec.error(
                                span_of(value),
                                "`level` must be a proficiency level from 1 to 5",
                            );
                            d.label = Some("out of range".into());
                            None
                        }
                    },
                    _ => {
                        let d = dec.error(span_of(value), "`level` must be an integer from 1 to 5");
                        d.label = Some("expected an integer".into());
                        None
                    }
                }
            }
            "due" => m.due = dec.date(name, value),
            "done" => m.done = dec.date(name, value),
            _ => dec.unknown_field(key, "a milestone", &schema::names(schema::MILESTONE)),
        }
    }
    if !table.iter().any(|(k, _)| k.get_ref() == "title") {
        dec.missing(
            span,
            "title",
            "this milestone",
            "title = \"Leads a review unaided\"",
        );
    }
    m
}

// ---- progress files ---------------------------------------------------------------------

fn decode_progress(dec: &mut Decoder, root: &DeTable<'_>) -> ProgressDoc {
    let mut doc = ProgressDoc::default();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "$schema" => {
                dec.string("$schema", value);
            }
            "checkin" => {
                if let Some(items) = dec.tables("checkin", value) {
                    doc.checkins = items
                        .into_iter()
                        .map(|(span, t)| decode_checkin(dec, span, t, true))
                        .collect();
                }
            }
            "plan" | "goals" | "people" => {
                let d = dec.error(span_of(key), "progress files hold check-ins only");
                d.label = Some("plan content in a progress file".into());
                d.help = Some("move it to a `*.plan.toml` file".into());
            }
            _ => dec.unknown_field(
                key,
                "a progress file",
                &schema::names(schema::PROGRESS_FILE),
            ),
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_handed_over_in_order_with_their_errors_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..300 {
            let path = dir.path().join(format!("f{i:03}.plan.toml"));
            // one path in fifty does not exist
            if i % 50 != 7 {
                std::fs::write(&path, format!("[goals.g{i}]\ntitle = \"Goal {i}\"\n")).unwrap();
            }
            paths.push(path);
        }
        let levels = vec!["team".to_string(), "individual".to_string()];
        let mut seen = Vec::new();
        load_in_order(
            &paths,
            |p| p.display().to_string(),
            MAX_FILE_BYTES,
            &levels,
            |_| None,
            |file| seen.push(file.map(|f| (f.id, f.lowered.map(|l| l.goals.len())))),
        );
        assert_eq!(seen.len(), 300);
        for (i, got) in seen.iter().enumerate() {
            match got {
                Ok((id, goals)) => {
                    assert_ne!(i % 50, 7);
                    assert_eq!((*id, *goals), (FileId(i as u32), Some(1)));
                }
                Err(e) => assert_eq!(e.path, paths[i]),
            }
        }
        assert_eq!(seen.iter().filter(|f| f.is_err()).count(), 6);
    }

    fn load(text: &str, kind: FileKind) -> LoadedFile {
        load_bytes(
            FileId(0),
            "t.toml".into(),
            "t.toml".into(),
            kind,
            text.as_bytes().to_vec(),
        )
    }

    fn rules(file: &LoadedFile) -> Vec<(&'static str, String)> {
        file.diags
            .iter()
            .map(|d| (d.rule, d.message.clone()))
            .collect()
    }

    const PLAN: &str =
        "[plan]\ntitle = \"P\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n";

    #[test]
    fn every_goal_field_is_accepted() {
        for field in crate::schema::names(crate::schema::GOAL) {
            let framework = FRAMEWORK_FIELDS
                .iter()
                .find(|(f, _)| *f == field)
                .map_or("hard", |(_, fw)| fw.as_str());
            let text = format!(
                "{PLAN}[goals.g]\ntitle = \"t\"\nowner = \"o\"\nframework = \"{framework}\"\n{field} = 1\n"
            );
            let file = load(&text, FileKind::Plan);
            assert!(
                file.diags
                    .iter()
                    .all(|d| !d.message.contains("unknown field")),
                "{field}: {:?}",
                rules(&file)
            );
        }
    }

    #[test]
    fn reports_every_problem_not_just_the_first() {
        let text = format!(
            "{PLAN}[goals.g]\ntitel = \"t\"\nowner = 3\ndue = \"2026-02-01\"\nframework = \"hrad\"\n[goals.g.metrics.m]\ntarget = nan\n"
        );
        let file = load(&text, FileKind::Plan);
        let messages: Vec<String> = file
            .diags
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(
            messages[0].contains("unknown field `titel`")
                && messages[0].contains("did you mean `title`")
        );
        assert!(messages[1].contains("`owner` must be a string, found an integer"));
        assert!(
            messages[2].contains("`due` must be a date")
                && messages[2].contains("`due = 2026-02-01`")
        );
        assert!(messages[3].contains("did you mean \"hard\""));
        assert!(messages[4].contains("finite number"));
        assert!(messages[5].contains("no `title`"));
    }

    #[test]
    fn bom_and_crlf_read_like_plain_files() {
        let text = format!("\u{feff}{}", PLAN.replace('\n', "\r\n"));
        let file = load(&text, FileKind::Plan);
        assert!(file.diags.is_empty(), "{:?}", rules(&file));
        let Some(Doc::Plan(doc)) = file.doc else {
            panic!()
        };
        let title = doc.plan.unwrap().title.unwrap();
        assert_eq!(file.source.slice(title.span), "\"P\"");
    }

    #[test]
    fn repeated_goal_table_is_a_duplicate_id() {
        let text = format!("{PLAN}[goals.a]\ntitle = \"A\"\n\n[goals.a]\ntitle = \"B\"\n");
        let file = load(&text, FileKind::Plan);
        assert_eq!(
            rules(&file),
            vec![("duplicate-id", "goal `a` is defined twice".to_string())]
        );
        let related = &file.diags[0].related[0];
        assert_eq!(file.source.slice(related.span), "a");
        assert!(related.span.start < file.diags[0].span.start);
    }

    #[test]
    fn binary_junk_is_a_syntax_finding() {
        let file = load_bytes(
            FileId(0),
            "x".into(),
            "x".into(),
            FileKind::Plan,
            vec![0xff, 0xfe, 0, 1, 2],
        );
        assert_eq!(file.diags[0].rule, "syntax");
        let file = load("\0\0[[[", FileKind::Plan);
        assert!(file.diags.iter().all(|d| d.rule == "syntax") && !file.diags.is_empty());
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let text = format!("x = {}{}", "[".repeat(50_000), "]".repeat(50_000));
        let file = load(&text, FileKind::Plan);
        assert!(file.diags.iter().any(|d| d.rule == "syntax"));
    }
}
