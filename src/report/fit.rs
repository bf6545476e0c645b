//! The Markdown report that fits where it goes: GitHub drops a job summary (and refuses a
//! comment) over 1 MiB, so past [`MARKDOWN_LIMIT`] the report keeps its summary, its sections
//! about the plan as a whole and the tables by level and team, lists as many goals as fit, top
//! level first, and says how many it left out and how to get them.

use super::build::{Shared, build_with};
use super::render::{Format, RenderFailure, render};
use super::site::{LeftOut, PEOPLE_LIMIT};
use super::{Filters, Report};
use crate::check::Checked;
use rustc_hash::FxHashSet;
use std::io::Write;

/// The most bytes of the built-in Markdown report: under GitHub's 1 MiB (1,048,576 bytes),
/// with room for the table of findings the Action writes above it.
pub const MARKDOWN_LIMIT: usize = 1_000_000;

/// Goals listed, top level first, when the whole report does not fit.
const KEEP_GOALS: usize = 1_000;

/// Past this many shown goals the whole report cannot fit (a goal takes at least a row of its
/// level's table and one of the key results), so it is not tried.
const NEVER_FITS: usize = 8_000;

/// The built-in Markdown report of `filters`, at most `limit` bytes; ids beside names when
/// `show_ids`.
pub fn markdown(
    checked: &Checked,
    filters: &Filters,
    limit: usize,
    show_ids: bool,
) -> Result<Vec<u8>, RenderFailure> {
    let shared = Shared::new(checked).with_show_ids(show_ids);
    let report = build_with(checked, filters, &shared, None);
    let shown = report.summary.goals + report.summary.context_goals;
    if shown <= NEVER_FITS
        && let Some(bytes) = attempt(report, limit)?
    {
        return Ok(bytes);
    }
    // The goals that fit, then none, then a cut at a line: each only when the one before is
    // still too large.
    for keep in [Some(KEEP_GOALS), None] {
        let mut report = build_with(checked, filters, &shared, None);
        trim(&mut report, keep);
        if let Some(bytes) = attempt(report, limit)? {
            return Ok(bytes);
        }
    }
    let mut report = build_with(checked, filters, &shared, None);
    trim(&mut report, None);
    let mut out = Vec::new();
    render(report, Format::Md, None, &mut out)?;
    Ok(cut(out, limit))
}

/// Renders `report`, or gives up as soon as it passes `limit` bytes.
fn attempt(report: Report<'_>, limit: usize) -> Result<Option<Vec<u8>>, RenderFailure> {
    let mut out = Capped {
        bytes: Vec::new(),
        limit,
        over: false,
    };
    match render(report, Format::Md, None, &mut out) {
        Ok(_) => Ok(Some(out.bytes)),
        Err(_) if out.over => Ok(None),
        Err(e) => Err(e),
    }
}

/// Keeps the first `keep` goals of the level tables (top level first, none when `None`), the
/// cards' key results and findings of those goals only, and leaves out a People table too long
/// for a summary; with `None`, the lists of claims and other findings too.
fn trim(report: &mut Report<'_>, keep: Option<usize>) {
    let shown = report.summary.goals + report.summary.context_goals;
    let mut room = keep.unwrap_or(0);
    let mut kept: FxHashSet<String> = FxHashSet::default();
    for level in &mut report.by_level {
        let take = level.goals.len().min(room);
        level.goals.truncate(take);
        room -= take;
        kept.extend(level.goals.iter().map(|g| g.node.clone()));
    }
    report.by_level.retain(|l| !l.goals.is_empty());
    report.goals.retain(|g| kept.contains(&g.node));
    let mut left_out = LeftOut {
        goals: shown - kept.len(),
        people: 0,
        limit: MARKDOWN_LIMIT,
        kept: kept.len(),
        lists: false,
    };
    if report.people.len() > PEOPLE_LIMIT || keep.is_none() {
        left_out.people = report.people.len();
        report.people = Vec::new();
    }
    if keep.is_none() {
        left_out.lists = !report.findings.is_empty() || !report.claims.is_empty();
        report.findings = Vec::new();
        report.claims = Vec::new();
        if let Some(changes) = &mut report.changes {
            changes.goals = Vec::new();
        }
    }
    report.left_out = Some(left_out);
}

/// The report cut at the last line that fits, with a line saying so: only when even the
/// summary and its tables are larger than the limit (thousands of teams or levels).
fn cut(mut bytes: Vec<u8>, limit: usize) -> Vec<u8> {
    const NOTE: &[u8] = b"\n\n**The report is cut here**: it is larger than a job summary holds. \
`goalc report --site DIR` writes it whole, on a page per team and per person.\n";
    if bytes.len() <= limit {
        return bytes;
    }
    let room = limit.saturating_sub(NOTE.len());
    let end = bytes
        .get(..room)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        .unwrap_or(0);
    bytes.truncate(end);
    bytes.extend_from_slice(NOTE);
    bytes
}

/// A buffer that refuses to grow past its limit, so that a report far too large is not
/// rendered whole only to be thrown away.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.over = true;
            return Err(std::io::Error::other("over the limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
