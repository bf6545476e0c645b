//! Lark (Feishu) OKR: the open API's answer for a user's OKRs, one response or many.
//!
//! The response does not say whose OKRs it holds; the owner comes from an element's
//! `user_id`, else `--owner`, else the file's stem.

use super::model::{Checkin, Goal, Import, Kind, Metric, Period, Person, Unique, slug, valid_id};
use super::write::{half_period, quarter_period, year_period};
use crate::base::date::Date;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// The code Lark answers with when the caller may not read the OKRs asked for.
const NO_PERMISSION: i64 = 1_001_002;

/// Lark sends ids and times as strings, and some clients turn them into numbers.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
enum StrNum {
    Str(String),
    Int(i64),
    Float(f64),
}

impl StrNum {
    fn text(&self) -> String {
        match self {
            StrNum::Str(s) => s.clone(),
            StrNum::Int(i) => i.to_string(),
            StrNum::Float(f) => super::write::number(*f),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            StrNum::Str(s) => s.trim().parse().ok(),
            StrNum::Int(i) => Some(*i as f64),
            StrNum::Float(f) => Some(*f),
        }
    }

    /// Milliseconds since the epoch, read as a UTC day; 0 is Lark's "not set".
    fn date(&self) -> Option<Date> {
        let ms = self.number()?;
        if ms <= 0.0 || !ms.is_finite() {
            return None;
        }
        let days = (ms / 86_400_000.0).floor();
        if days > 2_000_000.0 {
            return None;
        }
        Date::from_ymd(1970, 1, 1).map(|epoch| epoch.add_days(days as i32))
    }
}

#[derive(Debug, Deserialize)]
struct Response {
    code: i64,
    #[serde(default)]
    msg: String,
    data: Option<Data>,
}

#[derive(Debug, Deserialize)]
struct Data {
    #[serde(default)]
    okr_list: Vec<Okr>,
}

#[derive(Debug, Deserialize)]
struct Okr {
    name: Option<String>,
    #[serde(default)]
    objective_list: Vec<Objective>,
}

#[derive(Debug, Deserialize)]
struct Objective {
    id: Option<StrNum>,
    content: Option<String>,
    deadline: Option<StrNum>,
    score: Option<f64>,
    weight: Option<f64>,
    #[serde(default)]
    mentioned_user_list: Vec<User>,
    #[serde(default)]
    aligned_objective_list: Vec<Aligned>,
    #[serde(default)]
    kr_list: Vec<KeyResult>,
}

#[derive(Debug, Deserialize)]
struct KeyResult {
    content: Option<String>,
    deadline: Option<StrNum>,
    kr_weight: Option<f64>,
    score: Option<f64>,
    progress_rate: Option<ProgressRate>,
    progress_rate_percent_last_updated_time: Option<StrNum>,
    #[serde(default)]
    mentioned_user_list: Vec<User>,
}

#[derive(Debug, Deserialize)]
struct ProgressRate {
    percent: Option<f64>,
    status: Option<StrNum>,
}

#[derive(Debug, Deserialize)]
struct Aligned {
    id: StrNum,
    owner: Option<User>,
}

#[derive(Debug, Deserialize)]
struct User {
    open_id: Option<String>,
    user_id: Option<String>,
}

impl User {
    fn id(&self) -> Option<String> {
        self.user_id
            .as_ref()
            .or(self.open_id.as_ref())
            .filter(|s| valid_id(s))
            .cloned()
    }
}

/// An aligned objective's Lark id and its owner's id.
type AlignedTo = (String, Option<String>);

/// One user's response, with the owner it was asked for when the input says so.
struct Element {
    owner: Option<String>,
    response: Value,
    /// "element 3 of the array" or "line 4", for messages about it.
    place: Option<String>,
}

fn elements(bytes: &[u8], file: &str) -> Result<Vec<Element>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let invalid = |e: serde_json::Error| {
        format!(
            "{file} is not valid JSON: {} (line {}, column {})",
            strip_position(&e),
            e.line(),
            e.column()
        )
    };
    let mut values: Vec<(Value, Option<String>)> = Vec::new();
    if first == Some(&b'[') {
        let all: Value = serde_json::from_slice(bytes).map_err(invalid)?;
        if let Value::Array(items) = all {
            for (i, v) in items.into_iter().enumerate() {
                values.push((v, Some(format!("element {} of the array", i + 1))));
            }
        }
    } else {
        let stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
        for (i, v) in stream.enumerate() {
            values.push((v.map_err(invalid)?, Some(format!("value {}", i + 1))));
        }
        if values.len() == 1
            && let Some(v) = values.first_mut()
        {
            v.1 = None;
        }
    }
    if values.is_empty() {
        return Err(format!("{file} holds no JSON value"));
    }
    let mut out = Vec::new();
    for (value, place) in values {
        match value {
            Value::Object(mut map) if map.contains_key("response") && !map.contains_key("code") => {
                let owner = match map.remove("user_id") {
                    Some(Value::String(s)) => Some(s),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                };
                let response = map.remove("response").unwrap_or(Value::Null);
                out.push(Element {
                    owner,
                    response,
                    place,
                });
            }
            other => out.push(Element {
                owner: None,
                response: other,
                place,
            }),
        }
    }
    Ok(out)
}

/// serde_json's message without the position it appends, which the caller words itself.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text.get(..at).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// A period from an OKR's name: `2026 H1`, `2026 Q3`, `2026`, else the objectives' deadlines.
fn period(name: &str, deadlines: &[Date]) -> Period {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|w| w.parse::<i32>().ok());
    let part = |prefix: char, max: u32| {
        words.iter().find_map(|w| {
            let n: u32 = w.strip_prefix(prefix)?.parse().ok()?;
            (1..=max).contains(&n).then_some(n)
        })
    };
    let mut p = match year {
        Some(y) => match (part('h', 2), part('q', 4)) {
            (Some(h), _) => half_period(y, h),
            (None, Some(q)) => quarter_period(y, q),
            (None, None) => year_period(y),
        },
        None => {
            let last = deadlines.iter().max().copied();
            let first = deadlines.iter().min().copied();
            super::write::derive_period(first, last, last.map_or(1970, |d| d.ymd().0))
        }
    };
    if !name.trim().is_empty() {
        p.title = name.trim().to_string();
    }
    p
}

fn status(code: Option<&StrNum>) -> Option<&'static str> {
    match code?.text().as_str() {
        "0" => Some("on-track"),
        "1" => Some("at-risk"),
        "2" => Some("off-track"),
        _ => None,
    }
}

pub fn read(
    bytes: &[u8],
    file: &str,
    stem_owner: Option<&str>,
    levels: &[String],
) -> Result<Import, String> {
    let mut import = Import::default();
    let mut goal_ids = Unique::default();
    // Lark objective id -> goal id, to resolve alignments once every response is read.
    let mut by_lark_id: HashMap<String, String> = HashMap::new();
    let mut pending: Vec<(usize, Vec<AlignedTo>)> = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    for element in elements(bytes, file)? {
        let at = |path: &str| match &element.place {
            Some(place) => format!("{file}, {place}: field `{path}`"),
            None => format!("{file}: field `{path}`"),
        };
        if let Value::Object(map) = &element.response
            && let Some(code) = map.get("code").and_then(Value::as_i64)
            && code != 0
        {
            let msg = map.get("msg").and_then(Value::as_str).unwrap_or("");
            let place = element
                .place
                .as_ref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            return Err(if code == NO_PERMISSION {
                format!(
                    "{file}{place} is Lark's error response {code} (\"{msg}\"): a permission error from Lark, \
                     not a goalc problem. The app that called the OKR API may not read this user's OKRs: \
                     give it the OKR read permission (okr:okr:readonly) in the Lark developer console, \
                     and fetch the OKRs again"
                )
            } else {
                format!(
                    "{file}{place} is Lark's error response {code} (\"{msg}\"), not a list of OKRs: \
                     fetch the OKRs again"
                )
            });
        }
        let response: Response =
            serde_path_to_error::deserialize(element.response).map_err(|e| {
                let path = e.path().to_string();
                let inner = e
                    .into_inner()
                    .to_string()
                    .replace("struct Response", "an object");
                if path == "." {
                    let place = element
                        .place
                        .as_ref()
                        .map(|p| format!(", {p}"))
                        .unwrap_or_default();
                    format!(
                        "{file}{place}: {inner} at the top level; a Lark OKR response looks like \
                         {{\"code\": 0, \"data\": {{\"okr_list\": [...]}}}}"
                    )
                } else {
                    format!("{}: {inner}", at(&path))
                }
            })?;
        if response.code != 0 {
            return Err(format!(
                "{file}: Lark's error response {} (\"{}\")",
                response.code, response.msg
            ));
        }
        let owner = element
            .owner
            .or_else(|| stem_owner.map(str::to_string))
            .ok_or_else(|| format!("{file}: whose OKRs are these? give `--owner ID`"))?;
        if !valid_id(&owner) {
            return Err(format!(
                "`{owner}` is not a valid person id (no dots, blanks or control characters): give `--owner ID`"
            ));
        }
        people.push(Person {
            id: owner.clone(),
            name: None,
        });
        let Some(data) = response.data else {
            return Err(format!("{}: missing", at("data")));
        };
        for okr in data.okr_list {
            let deadlines: Vec<Date> = okr
                .objective_list
                .iter()
                .filter_map(|o| o.deadline.as_ref().and_then(StrNum::date))
                .collect();
            let period = period(okr.name.as_deref().unwrap_or(""), &deadlines);
            for objective in okr.objective_list {
                let title = objective
                    .content
                    .clone()
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| {
                        format!(
                            "Objective {}",
                            objective.id.as_ref().map_or(String::new(), StrNum::text)
                        )
                    });
                let id = goal_ids.take(&slug(&title, "objective"));
                if let Some(lark) = &objective.id {
                    by_lark_id.insert(lark.text(), id.clone());
                }
                for u in &objective.mentioned_user_list {
                    if let Some(p) = u.id() {
                        people.push(Person { id: p, name: None });
                    }
                }
                let mut due = objective.deadline.as_ref().and_then(StrNum::date);
                let mut metric_ids = Unique::default();
                let mut metrics = Vec::new();
                for kr in objective.kr_list {
                    let title = kr.content.filter(|c| !c.trim().is_empty());
                    let mut m =
                        Metric::new(metric_ids.take(&slug(title.as_deref().unwrap_or(""), "kr")));
                    m.title = title;
                    m.kind = Some(Kind::Deliverable);
                    m.weight = kr.kr_weight.filter(|w| *w > 0.0 && w.is_finite());
                    m.due = kr.deadline.as_ref().and_then(StrNum::date);
                    // A key result due after its objective: the objective lasts as long.
                    if let (Some(d), Some(g)) = (m.due, due)
                        && d > g
                    {
                        due = Some(d);
                    }
                    let date = kr
                        .progress_rate_percent_last_updated_time
                        .as_ref()
                        .and_then(StrNum::date);
                    let percent = kr.progress_rate.as_ref().and_then(|p| p.percent);
                    // Lark scores 0 until someone grades the key result.
                    let score = kr
                        .score
                        .filter(|s| *s > 0.0 && s.is_finite())
                        .map(|s| (s / 100.0).clamp(0.0, 1.0));
                    if let Some(date) = date
                        && (percent.is_some() || score.is_some())
                    {
                        m.checkins.push(Checkin {
                            date,
                            value: percent.map(|p| p.clamp(0.0, 100.0)),
                            status: status(
                                kr.progress_rate.as_ref().and_then(|p| p.status.as_ref()),
                            ),
                            score,
                        });
                    }
                    for u in &kr.mentioned_user_list {
                        if let Some(p) = u.id() {
                            people.push(Person { id: p, name: None });
                        }
                    }
                    metrics.push(m);
                }
                let aligned: Vec<AlignedTo> = objective
                    .aligned_objective_list
                    .iter()
                    .map(|a| (a.id.text(), a.owner.as_ref().and_then(User::id)))
                    .collect();
                for (_, owner) in &aligned {
                    if let Some(o) = owner {
                        people.push(Person {
                            id: o.clone(),
                            name: None,
                        });
                    }
                }
                pending.push((import.goals.len(), aligned));
                import.goals.push(Goal {
                    id,
                    title,
                    framework: Some("okr".into()),
                    level: None,
                    owner: owner.clone(),
                    team: None,
                    start: None,
                    due,
                    period: Some(period.clone()),
                    aligns_to: Vec::new(),
                    aligns_elsewhere: Vec::new(),
                    weight: objective.weight.filter(|w| *w > 0.0 && w.is_finite()),
                    score: objective
                        .score
                        .filter(|s| *s > 0.0 && s.is_finite())
                        .map(|s| (s / 100.0).clamp(0.0, 1.0)),
                    metrics,
                });
            }
        }
    }
    let mut elsewhere = 0;
    for (at, aligned) in pending {
        let Some(goal) = import.goals.get_mut(at) else {
            continue;
        };
        for (lark, owner) in aligned {
            match by_lark_id.get(&lark) {
                Some(id) if *id != goal.id => goal.aligns_to.push(id.clone()),
                Some(_) => {}
                None => {
                    elsewhere += 1;
                    goal.aligns_elsewhere.push(match owner {
                        Some(o) => format!("Lark objective {lark} of `{o}`"),
                        None => format!("Lark objective {lark}"),
                    });
                }
            }
        }
    }
    if elsewhere > 0 {
        import.notes.push(format!(
            "{elsewhere} alignment(s) name objectives that are not in {file}; they are kept as comments \
             (`# also aligns to ...`) on their goals: import those users' OKRs too, then write the \
             goal ids into `aligns_to`"
        ));
    }
    levels_from_alignment(&mut import, levels);
    import.people = people;
    Ok(import)
}

/// Lark has no levels: an objective others align to sits a level above the highest of them,
/// so that alignments point upward (capped at the top level).
fn levels_from_alignment(import: &mut Import, levels: &[String]) {
    let index: HashMap<String, usize> = import
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), i))
        .collect();
    let mut height = vec![0usize; import.goals.len()];
    // Longest chain below each goal, by relaxation; a cycle stops at the number of levels.
    let limit = levels.len().saturating_sub(1);
    for _ in 0..=limit {
        let mut changed = false;
        for (i, g) in import.goals.iter().enumerate() {
            let h = height.get(i).copied().unwrap_or(0);
            for parent in &g.aligns_to {
                if let Some(&p) = index.get(parent)
                    && let Some(slot) = height.get_mut(p)
                    && *slot < h + 1
                    && h < limit
                {
                    *slot = h + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (g, h) in import.goals.iter_mut().zip(height) {
        let at = levels.len().saturating_sub(1).saturating_sub(h);
        g.level = levels.get(at).cloned();
    }
}
