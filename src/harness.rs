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
