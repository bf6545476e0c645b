//! What the fuzz targets run (`fuzz/`), kept in the library so that the tests replay every input
//! that once failed through exactly the same code.

use crate::base::date::Date;
use crate::check::{Checked, check_in_memory};
use crate::emit::{self, Format, HumanOptions};
use crate::load::load_bytes;
use crate::report::{self, Filters};
use crate::settings::Config;
use crate::source::{FileId, FileKind};

/// Arbitrary bytes as a plan file and as a progress file: every finding points inside the text.
pub fn load(data: &[u8]) {
    for (name, kind) in [
        ("f.plan.toml", FileKind::Plan),
        ("f.progress.toml", FileKind::Progress),
    ] {
        let loaded = load_bytes(FileId(0), name.into(), name.into(), kind, data.to_vec());
        let len = loaded.source.text.len() as u32;
        for d in &loaded.diags {
            assert!(
                d.span.start <= d.span.end && d.span.end <= len.max(1),
                "{d:?} outside {len} bytes"
            );
            let _ = loaded.source.range(d.span);
        }
    }
}

/// A small workspace from fuzzer bytes: files separated by 0xFF bytes (which UTF-8 text never
/// contains), named as plans and progress files in turn.
pub fn workspace(data: &[u8]) -> Checked {
    let names = [
        "org.plan.toml",
        "team.plan.toml",
        "q1.progress.toml",
        "me.plan.toml",
    ];
    let files = data
        .split(|b| *b == 0xff)
        .take(names.len())
        .zip(names)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    let as_of = Date::from_ymd(2026, 6, 15).unwrap_or_else(Date::today);
    check_in_memory(files, Config::default(), as_of)
}

/// The whole check of a small workspace, through every output format and `compile`.
pub fn check(data: &[u8]) {
    let checked = workspace(data);
    let human = HumanOptions {
        color: false,
        width: 100,
    };
    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
    ] {
        let _ = emit::render(format, &checked, &human);
    }
    let _ = serde_json::to_string(&crate::compile::compile(&checked.workspace));
}

/// The report of a small workspace in every built-in format: built-in templates always render.
pub fn report(data: &[u8]) {
    let checked = workspace(data);
    let filters = Filters::default();
    for format in [
        report::Format::Html,
        report::Format::Md,
        report::Format::Json,
    ] {
        let mut out = Vec::new();
        let rendered = report::render(report::build(&checked, &filters), format, None, &mut out);
        assert!(rendered.is_ok(), "{format:?} failed to render");
    }
}

/// A workspace of `goals` goals in files of 20: chains of alignment, metrics with check-ins,
/// shared owners and titles that repeat (the rules that group goals see real groups), and one
/// goal in ten with a broken parent and owner (each unknown id is matched against every id for
/// a "did you mean").
pub fn synthetic_workspace(goals: usize) -> Vec<(String, Vec<u8>)> {
    (0..goals.div_ceil(20))
        .map(|f| {
            let mut text = format!(
                "[plan]\ntitle = \"p{f}\"\nowner = \"o{}\"\nstart = 2026-01-01\nend = 2026-12-31\n",
                f % 50
            );
            if f == 0 {
                for o in 0..50 {
                    text.push_str(&format!("[people.o{o}]\nname = \"Owner {o}\"\n"));
                }
            }
            for g in f * 20..((f + 1) * 20).min(goals) {
                let owner = if g % 10 == 5 {
                    format!("nobody-{g}")
                } else {
                    format!("o{}", g % 50)
                };
                text.push_str(&format!(
                    "[goals.g{g}]\ntitle = \"Grow metric {} from 10 to 20 by December\"\nowner = \"{owner}\"\n",
                    g % 7,
                ));
                if g % 10 == 5 {
                    text.push_str(&format!("aligns_to = \"missing-{g}\"\n"));
                } else if g % 20 != 0 {
                    text.push_str(&format!("aligns_to = \"g{}\"\n", g - 1));
                }
                text.push_str(&format!(
                    "[goals.g{g}.metrics.m]\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-03-01, value = 12 }}, {{ date = 2026-05-01, value = 14 }}]\n"
                ));
            }
            (format!("f{f}.plan.toml"), text.into_bytes())
        })
        .collect()
}

/// The input up to its first 0xFF byte, and the rest (for targets that take two things).
fn split_first(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0xff) {
        Some(at) => (
            data.get(..at).unwrap_or(data),
            data.get(at + 1..).unwrap_or(&[]),
        ),
        None => (data, &[]),
    }
}

/// goalc.toml: arbitrary bytes (up to the first 0xFF) as a configuration. Its findings point
/// inside its text; a configuration it accepts has values in their bounds, and checks a small
/// workspace (the rest of the input) without a panic.
pub fn config(data: &[u8]) {
    let (text, rest) = split_first(data);
    let path = std::path::Path::new("goalc.toml");
    match crate::load::config::from_bytes(
        path,
        "goalc.toml".into(),
        text.to_vec(),
        crate::rules::thresholds,
    ) {
        Err(crate::load::config::ConfigError::Invalid { source, diags }) => {
            assert!(
                !diags.is_empty(),
                "an invalid configuration without a finding"
            );
            let len = source.text.len() as u32;
            for d in &diags {
                assert!(
                    d.span.start <= d.span.end && d.span.end <= len.max(1),
                    "{d:?} outside {len} bytes"
                );
            }
        }
        Err(crate::load::config::ConfigError::Io(..)) => {}
        Ok(config) => {
            assert!((1..=1u64 << 30).contains(&config.max_file_bytes));
            for setting in &config.rules {
                for (name, value) in &setting.thresholds {
                    let known = crate::rules::thresholds(setting.rule)
                        .iter()
                        .find(|t| t.name == *name);
                    assert!(
                        known.is_some_and(|t| t.min <= *value && *value <= t.max),
                        "{name} = {value}"
                    );
                }
            }
            let as_of = config
                .as_of
                .or_else(|| Date::from_ymd(2026, 6, 15))
                .unwrap_or_else(Date::today);
            let files = rest
                .split(|b| *b == 0xfe)
                .take(3)
                .zip(["org.plan.toml", "team.plan.toml", "q1.progress.toml"])
                .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
                .collect();
            let checked = check_in_memory(files, config, as_of);
            let _ = emit::render(
                Format::Json,
                &checked,
                &HumanOptions {
                    color: false,
                    width: 100,
                },
            );
        }
    }
}

/// A user's template (the input up to its first 0xFF, as text) rendering the report of the
/// workspace of the rest, as HTML and as Markdown: an error or a report, never a panic.
pub fn template(data: &[u8]) {
    let (text, rest) = split_first(data);
    let text = String::from_utf8_lossy(text);
    let checked = workspace(rest);
    let filters = Filters::default();
    for format in [report::Format::Html, report::Format::Md] {
        let template = report::Template {
            name: "fuzz.hbs",
            text: &text,
        };
        let mut out = Vec::new();
        let _ = report::render(
            report::build(&checked, &filters),
            format,
            Some(template),
            &mut out,
        );
    }
}

/// The language server's reader over arbitrary bytes on its standard input: it ends, hands on
/// only well-formed messages and answers the rest with framed JSON-RPC errors. Then the input
/// as a document and a list of ranged edits (`didChange`), which must keep it valid text.
pub fn lsp(data: &[u8]) {
    let (messages, answered) = crate::lsp::read_all(data);
    let _ = messages;
    let framed = framed_errors(&answered);
    assert!(framed.is_ok(), "{framed:?}");
    // The document, then edits of 9 bytes each: start line, column, end line, column (one byte
    // each, small numbers past the ends included), whether ranged, and up to 4 bytes of text.
    let (doc, edits) = split_first(data);
    let mut text = String::from_utf8_lossy(doc).into_owned();
    for edit in edits.chunks(9) {
        let at = |i: usize| u32::from(edit.get(i).copied().unwrap_or(0));
        let position = |line, character| lsp_types::Position { line, character };
        let range = (at(4) % 4 != 0).then(|| lsp_types::Range {
            start: position(at(0) % 16, at(1)),
            end: position(at(2) % 16, at(3)),
        });
        let new = String::from_utf8_lossy(edit.get(5..).unwrap_or(&[])).into_owned();
        crate::lsp::apply_change(&mut text, range, new);
    }
}

/// Every answer of the reader is a framed JSON-RPC 2.0 error, -32700 or -32600.
fn framed_errors(mut rest: &[u8]) -> Result<(), String> {
    while !rest.is_empty() {
        let text = String::from_utf8_lossy(rest);
        let (length, body_at) = text
            .strip_prefix("Content-Length: ")
            .and_then(|h| h.split_once("\r\n\r\n"))
            .and_then(|(n, _)| Some((n.parse::<usize>().ok()?, 16 + n.len() + 4)))
            .ok_or_else(|| format!("an answer that is not framed: {text:?}"))?;
        let body = rest
            .get(body_at..body_at + length)
            .ok_or("an answer shorter than its Content-Length")?;
        let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        let code = value
            .get("error")
            .and_then(|e| e.get("code"))
            .and_then(serde_json::Value::as_i64);
        if value.get("jsonrpc").and_then(serde_json::Value::as_str) != Some("2.0")
            || !matches!(code, Some(-32700 | -32600))
        {
            return Err(format!("not a JSON-RPC error: {value}"));
        }
        rest = rest.get(body_at + length..).unwrap_or(&[]);
    }
    Ok(())
}

/// `--output` paths: in a folder of inputs (plans, a goalc.toml, a template), links to them
/// (a symlink, a hard link), a symlink to an output and a dangling one, the input's bytes pick
/// a path (each byte one component of a small set) that a run writes its output to, as the
/// CLI does. An input is never overwritten, a symlink never replaced, nothing written outside
/// the folder.
pub fn output_path(data: &[u8]) {
    use std::path::{Component, Path, PathBuf};
    const PARTS: &[&str] = &[
        "org.plan.toml",
        "teams",
        "t.plan.toml",
        "goalc.toml",
        "r.hbs",
        "link-to-org",
        "link-out",
        "dangling",
        "hardlink",
        ".",
        "..",
        "out",
        "new.html",
        "",
    ];
    const INPUTS: &[(&str, &str)] = &[
        ("org.plan.toml", "[plan]\n"),
        ("teams/t.plan.toml", "[goals.g]\n"),
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("r.hbs", "{{plan.title}}\n"),
    ];
    static DIR: std::sync::OnceLock<Option<tempfile::TempDir>> = std::sync::OnceLock::new();
    let Some(dir) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().ok()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("teams")).ok()?;
        std::fs::create_dir_all(root.join("out")).ok()?;
        for (name, text) in INPUTS {
            std::fs::write(root.join(name), text).ok()?;
        }
        std::fs::hard_link(root.join("org.plan.toml"), root.join("hardlink")).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink("org.plan.toml", root.join("link-to-org")).ok()?;
            symlink("out/report.html", root.join("link-out")).ok()?;
            symlink("nowhere/x", root.join("dangling")).ok()?;
        }
        Some(dir)
    }) else {
        return;
    };
    let root = dir.path();
    let mut path = PathBuf::from(root);
    for b in data.iter().take(6) {
        path.push(
            PARTS
                .get(usize::from(*b) % PARTS.len())
                .copied()
                .unwrap_or("."),
        );
    }
    // Only paths that stay in the folder as written (its symlinks lead inside it too).
    let mut depth = 0i32;
    for c in path
        .strip_prefix(root)
        .map(Path::components)
        .into_iter()
        .flatten()
    {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return;
        }
    }
    let inputs: Vec<PathBuf> = INPUTS.iter().map(|(n, _)| root.join(n)).collect();
    if crate::base::fsio::input_clash(&path, &inputs).is_none() {
        let _ = crate::base::fsio::write_atomic(&path, b"REPORT\n");
    }
    for (name, text) in INPUTS {
        let now = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        assert_eq!(
            now,
            *text,
            "{} overwritten through {}",
            name,
            path.display()
        );
    }
    #[cfg(unix)]
    for link in ["link-to-org", "link-out", "dangling"] {
        let meta = std::fs::symlink_metadata(root.join(link));
        assert!(
            meta.is_ok_and(|m| m.file_type().is_symlink()),
            "{link} replaced through {}",
            path.display()
        );
    }
}
