//! Rows of cells, one row per metric, as CSV and Excel both hold them: the contract's
//! columns, read into goals. Every complaint names the file, the row and the column, as a
//! spreadsheet shows them.

use super::model::{Checkin, Goal, Import, Kind, Metric, Unique, slug, valid_id};
use crate::base::date::Date;
use crate::base::suggest::did_you_mean;
use crate::model::Framework;
use std::collections::HashMap;

/// One cell, as the source typed it.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// An Excel serial day number from a cell formatted as a date.
    Serial(f64),
}

/// A sheet of rows: CSV records or an Excel range.
pub trait Table {
    fn header(&self) -> Vec<String>;
    /// The rows below the header.
    fn rows(&self) -> usize;
    /// The row's number as the user's spreadsheet shows it (the header is row 1).
    fn row_number(&self, row: usize) -> usize;
    fn width(&self, row: usize) -> usize;
    fn cell(&self, row: usize, col: usize) -> Cell<'_>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    Goal,
    Title,
    Framework,
    Level,
    Owner,
    Team,
    Start,
    Due,
    AlignsTo,
    Metric,
    MetricTitle,
    Kind,
    Unit,
    Baseline,
    Target,
    Current,
    CurrentDate,
    Min,
    Max,
}

/// The contract's columns, in the order export writes them; `min` and `max` (a range's
/// bounds) come after, written only when a range needs them.
pub const COLUMNS: &[(&str, Col)] = &[
    ("goal", Col::Goal),
    ("title", Col::Title),
    ("framework", Col::Framework),
    ("level", Col::Level),
    ("owner", Col::Owner),
    ("team", Col::Team),
    ("start", Col::Start),
    ("due", Col::Due),
    ("aligns_to", Col::AlignsTo),
    ("metric", Col::Metric),
    ("metric_title", Col::MetricTitle),
    ("kind", Col::Kind),
    ("unit", Col::Unit),
    ("baseline", Col::Baseline),
    ("target", Col::Target),
    ("current", Col::Current),
    ("current_date", Col::CurrentDate),
    ("min", Col::Min),
    ("max", Col::Max),
];

const GOAL_COLS: [Col; 8] = [
    Col::Title,
    Col::Framework,
    Col::Level,
    Col::Owner,
    Col::Team,
    Col::Start,
    Col::Due,
    Col::AlignsTo,
];

const METRIC_COLS: [Col; 10] = [
    Col::Metric,
    Col::MetricTitle,
    Col::Kind,
    Col::Unit,
    Col::Baseline,
    Col::Target,
    Col::Current,
    Col::CurrentDate,
    Col::Min,
    Col::Max,
];

const NUMERIC: [Col; 5] = [Col::Baseline, Col::Target, Col::Current, Col::Min, Col::Max];

fn name(col: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(_, c)| *c == col)
        .map_or("?", |(n, _)| n)
}

/// A goal column's value, compared across the rows of one goal.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Date(Date),
    List(Vec<String>),
}

impl Value {
    fn show(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::List(l) => l.join("; "),
        }
    }
}

struct Reader<'t, T: Table> {
    table: &'t T,
    file: &'t str,
    cols: HashMap<Col, usize>,
    decimal_comma: HashMap<Col, bool>,
}

impl<T: Table> Reader<'_, T> {
    fn raw(&self, row: usize, col: Col) -> Cell<'_> {
        match self.cols.get(&col) {
            Some(&c) => match self.table.cell(row, c) {
                Cell::Text(t) if t.trim().is_empty() => Cell::Empty,
                other => other,
            },
            None => Cell::Empty,
        }
    }

    fn err(&self, row: usize, col: Col, what: String) -> String {
        format!(
            "{}: row {}, column `{}`: {what}",
            self.file,
            self.table.row_number(row),
            name(col)
        )
    }

    fn text(&self, row: usize, col: Col) -> Option<String> {
        match self.raw(row, col) {
            Cell::Empty => None,
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) | Cell::Serial(n) => Some(super::write::number(n)),
        }
    }

    fn id(&self, row: usize, col: Col, what: &str) -> Result<Option<String>, String> {
        match self.text(row, col) {
            Some(id) if !valid_id(&id) => Err(self.err(
                row,
                col,
                format!("`{id}` is not a valid {what} id (no dots, blanks or control characters)"),
            )),
            other => Ok(other),
        }
    }

    fn number(&self, row: usize, col: Col) -> Result<Option<f64>, String> {
        let value = match self.raw(row, col) {
            Cell::Empty => return Ok(None),
            Cell::Number(n) | Cell::Serial(n) => Some(n),
            Cell::Text(t) => {
                let t = t.trim();
                let t = t.strip_suffix('%').map_or(t, str::trim_end);
                if self.decimal_comma.get(&col).copied().unwrap_or(false) {
                    t.replace(',', ".").parse::<f64>().ok()
                } else {
                    t.parse::<f64>().ok()
                }
            }
        };
        match value {
            Some(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.err(
                row,
                col,
                format!("`{}` is not a number", self.shown(row, col)),
            )),
        }
    }

    fn shown(&self, row: usize, col: Col) -> String {
        self.text(row, col).unwrap_or_default()
    }

    fn date(&self, row: usize, col: Col) -> Result<Option<Date>, String> {
        let date = match self.raw(row, col) {
            Cell::Empty => return Ok(None),
            Cell::Number(n) | Cell::Serial(n) => excel_serial(n),
            Cell::Text(t) => text_date(t.trim()),
        };
        match date {
            Some(d) => Ok(Some(d)),
            None => Err(self.err(
                row,
                col,
                format!(
                    "`{}` is not a date (write YYYY-MM-DD, or use a date cell)",
                    self.shown(row, col)
                ),
            )),
        }
    }

    fn keyword(&self, row: usize, col: Col, names: &[&str]) -> Result<Option<String>, String> {
        let Some(text) = self.text(row, col) else {
            return Ok(None);
        };
        let lower = text.to_lowercase();
        if names.contains(&lower.as_str()) {
            return Ok(Some(lower));
        }
        let hint = did_you_mean(&lower, names.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        Err(self.err(
            row,
            col,
            format!(
                "`{text}` is not one of {}{hint}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }

    fn goal_value(&self, row: usize, col: Col, levels: &[&str]) -> Result<Option<Value>, String> {
        Ok(match col {
            Col::Start | Col::Due => self.date(row, col)?.map(Value::Date),
            Col::Framework => self.keyword(row, col, Framework::NAMES)?.map(Value::Text),
            Col::Level => self.keyword(row, col, levels)?.map(Value::Text),
            Col::Owner => self.id(row, col, "person")?.map(Value::Text),
            Col::AlignsTo => {
                let Some(text) = self.text(row, col) else {
                    return Ok(None);
                };
                let mut list = Vec::new();
                for id in text
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                {
                    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
                        return Err(self.err(
                            row,
                            col,
                            format!("`{id}` is not a goal id (separate ids with `;`)"),
                        ));
                    }
                    list.push(id.to_string());
                }
                (!list.is_empty()).then_some(Value::List(list))
            }
            _ => self.text(row, col).map(Value::Text),
        })
    }
}

/// `YYYY-MM-DD` (a time after it is ignored), or an Excel serial number written as text.
fn text_date(t: &str) -> Option<Date> {
    if let Some(d) = Date::parse(t) {
        return Some(d);
    }
    if let Some(head) = t.get(..10)
        && matches!(t.as_bytes().get(10), Some(b'T' | b' '))
    {
        return Date::parse(head);
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return excel_serial(t.parse().ok()?);
    }
    None
}

/// An Excel serial day number (1900 date system) as a date; its time of day is dropped.
pub fn excel_serial(n: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let days = n.floor() as i32;
    // Excel counts a 29 February 1900 that never was: serials before it are a day later.
    let epoch = if days < 60 {
        Date::from_ymd(1899, 12, 31)?
    } else {
        Date::from_ymd(1899, 12, 30)?
    };
    Some(epoch.add_days(days))
}

/// The header's columns, case-insensitive; an unknown or repeated column is an error.
fn columns(header: &[String], file: &str) -> Result<HashMap<Col, usize>, String> {
    let mut cols = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let h = raw.trim().trim_start_matches('\u{feff}').to_lowercase();
        if h.is_empty() {
            continue;
        }
        let Some((_, col)) = COLUMNS.iter().find(|(n, _)| *n == h) else {
            let hint = did_you_mean(&h, COLUMNS.iter().map(|(n, _)| *n))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "{file}: unknown column `{}`{hint}; the columns are {}",
                raw.trim(),
                COLUMNS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        if cols.insert(*col, i).is_some() {
            return Err(format!(
                "{file}: the column `{h}` appears twice in the header"
            ));
        }
    }
    for required in [Col::Goal, Col::Title, Col::Owner] {
        if !cols.contains_key(&required) {
            return Err(format!(
                "{file}: no `{}` column; `goal`, `title` and `owner` are required",
                name(required)
            ));
        }
    }
    Ok(cols)
}

struct GoalRows {
    goal: Goal,
    /// Per goal column: the row (index) that gave it, for a conflict's message.
    set_by: HashMap<Col, (usize, Value)>,
    first_row: usize,
    metric_rows: HashMap<String, usize>,
    metric_ids: Unique,
}

/// Reads the goals of `table`. `levels` are the workspace's, top first.
pub fn read<T: Table>(table: &T, file: &str, levels: &[String]) -> Result<Import, String> {
    let cols = columns(&table.header(), file)?;
    let width = table.header().len();
    // A column is read with a decimal comma when it has commas and no point anywhere.
    let mut decimal_comma = HashMap::new();
    for col in NUMERIC {
        let Some(&c) = cols.get(&col) else { continue };
        let (mut comma, mut point) = (false, false);
        for row in 0..table.rows() {
            if let Cell::Text(t) = table.cell(row, c) {
                comma |= t.contains(',');
                point |= t.contains('.');
            }
        }
        decimal_comma.insert(col, comma && !point);
    }
    let r = Reader {
        table,
        file,
        cols,
        decimal_comma,
    };
    let level_names: Vec<&str> = levels.iter().map(String::as_str).collect();
    let mut goals: Vec<GoalRows> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for row in 0..table.rows() {
        if table.width(row) > width {
            let extra = (width..table.width(row))
                .any(|c| !matches!(table.cell(row, c), Cell::Empty | Cell::Text("")));
            if extra {
                return Err(format!(
                    "{file}: row {} has {} cells but the header has {width} columns",
                    table.row_number(row),
                    table.width(row)
                ));
            }
        }
        let any = (0..table.width(row)).any(|c| match table.cell(row, c) {
            Cell::Empty => false,
            Cell::Text(t) => !t.trim().is_empty(),
            _ => true,
        });
        if !any {
            continue;
        }
        let Some(id) = r.id(row, Col::Goal, "goal")? else {
            return Err(r.err(row, Col::Goal, "empty: every row names its goal".into()));
        };
        let at = match by_id.get(&id) {
            Some(&at) => at,
            None => {
                by_id.insert(id.clone(), goals.len());
                goals.push(GoalRows {
                    goal: Goal {
                        id: id.clone(),
                        title: String::new(),
                        framework: None,
                        level: None,
                        owner: String::new(),
                        team: None,
                        start: None,
                        due: None,
                        period: None,
                        aligns_to: Vec::new(),
                        aligns_elsewhere: Vec::new(),
                        weight: None,
                        score: None,
                        metrics: Vec::new(),
                    },
                    set_by: HashMap::new(),
                    first_row: row,
                    metric_rows: HashMap::new(),
                    metric_ids: Unique::default(),
                });
                goals.len() - 1
            }
        };
        let Some(g) = goals.get_mut(at) else { continue };
        for col in GOAL_COLS {
            let Some(value) = r.goal_value(row, col, &level_names)? else {
                continue;
            };
            if let Some((first, old)) = g.set_by.get(&col) {
                if *old != value {
                    return Err(format!(
                        "{file}: rows {} and {} both give goal `{id}` a `{}`, and they differ: `{}` and `{}`",
                        table.row_number(*first),
                        table.row_number(row),
                        name(col),
                        old.show(),
                        value.show()
                    ));
                }
                continue;
            }
            match (&value, col) {
                (Value::Text(t), Col::Title) => g.goal.title = t.clone(),
                (Value::Text(t), Col::Framework) => g.goal.framework = Some(t.clone()),
                (Value::Text(t), Col::Level) => g.goal.level = Some(t.clone()),
                (Value::Text(t), Col::Owner) => g.goal.owner = t.clone(),
                (Value::Text(t), Col::Team) => g.goal.team = Some(t.clone()),
                (Value::Date(d), Col::Start) => g.goal.start = Some(*d),
                (Value::Date(d), Col::Due) => g.goal.due = Some(*d),
                (Value::List(l), Col::AlignsTo) => g.goal.aligns_to = l.clone(),
                _ => {}
            }
            g.set_by.insert(col, (row, value));
        }
        if let (Some(s), Some(d)) = (g.goal.start, g.goal.due)
            && d < s
        {
            let col = g.set_by.get(&Col::Due).map_or(row, |(r, _)| *r);
            return Err(r.err(
                col,
                Col::Due,
                format!("{d} is before the goal's start, {s}"),
            ));
        }
        if METRIC_COLS
            .iter()
            .all(|c| matches!(r.raw(row, *c), Cell::Empty))
        {
            continue;
        }
        let metric = read_metric(&r, row, g)?;
        g.goal.metrics.push(metric);
    }
    let mut out = Import::default();
    for g in goals {
        if g.goal.title.is_empty() {
            return Err(r.err(
                g.first_row,
                Col::Title,
                format!("goal `{}` has no title on any of its rows", g.goal.id),
            ));
        }
        if g.goal.owner.is_empty() {
            return Err(r.err(
                g.first_row,
                Col::Owner,
                format!("goal `{}` has no owner on any of its rows", g.goal.id),
            ));
        }
        out.goals.push(g.goal);
    }
    let ids: std::collections::HashSet<&str> = out.goals.iter().map(|g| g.id.as_str()).collect();
    let mut missing: Vec<&str> = out
        .goals
        .iter()
        .flat_map(|g| g.aligns_to.iter())
        .map(|a| a.split('.').next().unwrap_or(a))
        .filter(|a| !ids.contains(a))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        let notes = format!(
            "`aligns_to` names goals that are not in {file}: {} (`goalc check` reports them unless another file of the workspace defines them)",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        out.notes.push(notes);
    }
    Ok(out)
}

fn read_metric<T: Table>(
    r: &Reader<'_, T>,
    row: usize,
    g: &mut GoalRows,
) -> Result<Metric, String> {
    let title = r.text(row, Col::MetricTitle);
    let id = match r.id(row, Col::Metric, "metric")? {
        Some(id) => {
            if let Some(&first) = g.metric_rows.get(&id) {
                return Err(format!(
                    "{}: rows {} and {} both define metric `{id}` of goal `{}` (one row per metric)",
                    r.file,
                    r.table.row_number(first),
                    r.table.row_number(row),
                    g.goal.id
                ));
            }
            g.metric_ids.reserve(&id);
            id
        }
        None => g
            .metric_ids
            .take(&slug(title.as_deref().unwrap_or(""), "metric")),
    };
    g.metric_rows.insert(id.clone(), row);
    let mut m = Metric::new(id);
    m.title = title;
    m.kind = r
        .keyword(row, Col::Kind, Kind::NAMES)?
        .and_then(|k| Kind::parse(&k));
    m.unit = r.text(row, Col::Unit);
    m.baseline = r.number(row, Col::Baseline)?;
    m.target = r.number(row, Col::Target)?;
    m.min = r.number(row, Col::Min)?;
    m.max = r.number(row, Col::Max)?;
    let kind = m.kind.unwrap_or(Kind::Number);
    let refuse = |col: Col, present: bool| -> Result<(), String> {
        if present {
            Err(r.err(
                row,
                col,
                format!("a {} metric takes no `{}`", kind.as_str(), name(col)),
            ))
        } else {
            Ok(())
        }
    };
    match kind {
        Kind::Deliverable => {
            refuse(Col::Unit, m.unit.is_some())?;
            refuse(Col::Baseline, m.baseline.is_some())?;
            refuse(Col::Target, m.target.is_some())?;
            refuse(Col::Min, m.min.is_some())?;
            refuse(Col::Max, m.max.is_some())?;
        }
        Kind::Range => {
            refuse(Col::Baseline, m.baseline.is_some())?;
            refuse(Col::Target, m.target.is_some())?;
            if let (Some(lo), Some(hi)) = (m.min, m.max)
                && lo > hi
            {
                return Err(r.err(
                    row,
                    Col::Max,
                    format!("the range's max {} is below its min {}", hi, lo),
                ));
            }
        }
        Kind::Number => {
            refuse(Col::Min, m.min.is_some())?;
            refuse(Col::Max, m.max.is_some())?;
        }
    }
    let current = r.number(row, Col::Current)?;
    let date = r.date(row, Col::CurrentDate)?;
    match (current, date) {
        (Some(value), Some(date)) => m.checkins.push(Checkin {
            date,
            value: Some(value),
            status: None,
            score: None,
        }),
        (Some(_), None) => {
            return Err(r.err(
                row,
                Col::CurrentDate,
                "empty, but `current` is set: a value needs the date it was measured".into(),
            ));
        }
        (None, Some(_)) => {
            return Err(r.err(row, Col::Current, "empty, but `current_date` is set".into()));
        }
        (None, None) => {}
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_and_text_dates() {
        assert_eq!(excel_serial(46022.0).unwrap().to_string(), "2025-12-31");
        assert_eq!(excel_serial(61.0).unwrap().to_string(), "1900-03-01");
        assert_eq!(excel_serial(59.0).unwrap().to_string(), "1900-02-28");
        assert_eq!(
            text_date("2026-03-31T00:00:00").unwrap().to_string(),
            "2026-03-31"
        );
        assert!(text_date("31/13/2026").is_none());
        assert!(excel_serial(0.0).is_none());
    }
}
