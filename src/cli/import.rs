//! `goalc import lark|csv|xlsx FILE` and `goalc export csv [PATHS]`.

use super::Global;
use super::common::{run_error, write_stdout};
use crate::import::{self, Format, Request};
use crate::load::discover::display_name;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum From {
    /// Lark (Feishu) OKR: the open API's JSON for a user's OKRs, or an array / JSON lines of them
    Lark,
    /// One row per metric, the columns of `goalc export csv`
    Csv,
    /// An Excel workbook with the CSV's columns (first sheet, or `--sheet`)
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub(super) struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    format: From,
    /// The file to import
    file: PathBuf,
    /// The folder to write the workspace into [default: .]
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: Option<PathBuf>,
    /// The person whose OKRs a Lark response holds [default: the file's stem]
    #[arg(long, value_name = "ID")]
    owner: Option<String>,
    /// The sheet of an Excel workbook to read [default: the first]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Replace files that exist
    #[arg(long)]
    force: bool,
    /// Print what would be written, and write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum To {
    /// One row per metric, the columns `goalc import csv` reads
    Csv,
}

#[derive(clap::Args, Debug)]
pub(super) struct ExportArgs {
    /// The format to write
    #[arg(value_enum)]
    format: To,
    /// Files or folders [default: .]
    paths: Vec<PathBuf>,
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn import(args: ImportArgs, global: &Global, cwd: &Path) -> Result<u8, String> {
    let format = match args.format {
        From::Lark => Format::Lark,
        From::Csv => Format::Csv,
        From::Xlsx => Format::Xlsx,
    };
    if args.sheet.is_some() && format != Format::Xlsx {
        return Err("`--sheet` applies to `goalc import xlsx` only".into());
    }
    if args.owner.is_some() && format != Format::Lark {
        return Err(
            "`--owner` applies to `goalc import lark` only (CSV rows name their owner)".into(),
        );
    }
    let out = cwd.join(args.output.unwrap_or_else(|| PathBuf::from(".")));
    let file = cwd.join(&args.file);
    let req = Request {
        format,
        file: &file,
        out: &out,
        owner: args.owner.as_deref(),
        sheet: args.sheet.as_deref(),
        force: args.force,
        dry_run: args.dry_run,
        as_of: global.as_of,
    };
    let outcome = import::import(&req, cwd)?;
    let mut text = String::new();
    if args.dry_run {
        for (rel, body) in &outcome.layout.files {
            let path = out.join(rel);
            let verb = if outcome.replaced.contains(&path) {
                "would replace"
            } else {
                "would write"
            };
            text.push_str(&format!(
                "==> {verb} {} <==\n{body}\n",
                display_name(&path, cwd)
            ));
        }
    } else if !global.quiet {
        for path in &outcome.written {
            let verb = if outcome.replaced.contains(path) {
                "replaced"
            } else {
                "created"
            };
            text.push_str(&format!("{verb} {}\n", display_name(path, cwd)));
        }
    }
    if !global.quiet {
        for note in &outcome.notes {
            text.push_str(&format!("note: {note}\n"));
        }
        let l = &outcome.layout;
        let f = outcome.findings;
        text.push_str(&format!(
            "{} {} goals, {} metrics, {} check-ins and {} people from {} into {} files; \
             `goalc check` finds {} errors ({} structural) and {} warnings\n",
            if args.dry_run {
                "would import"
            } else {
                "imported"
            },
            l.goals,
            l.metrics,
            l.checkins,
            l.people,
            display_name(&file, cwd),
            l.files.len(),
            f.errors,
            f.structural,
            f.warnings
        ));
    }
    write_stdout(&text)?;
    Ok(0)
}

pub(super) fn export(args: ExportArgs, global: &Global, cwd: &Path) -> Result<u8, String> {
    let To::Csv = args.format;
    let opts = global.options(args.paths, None);
    let (ws, diags, found) =
        crate::check::load_workspace(&opts, cwd).map_err(|e| run_error(e, global))?;
    let structural = diags.iter().any(|d| {
        d.rule.is_structural()
            && d.severity == crate::diagnostic::Severity::Error
            && found.scope.contains(&ws.file(d.file).path)
    });
    if structural {
        return Err(
            "the workspace has structural errors (`goalc check` shows them); fix them before exporting"
                .into(),
        );
    }
    match args.output {
        Some(path) => {
            let path = cwd.join(path);
            crate::base::fsio::write_atomic_with(&path, |w| {
                import::export::to_csv(&ws, w).map_err(std::io::Error::other)
            })
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        None => {
            let mut bytes = Vec::new();
            import::export::to_csv(&ws, &mut bytes)?;
            write_stdout(&String::from_utf8_lossy(&bytes))?;
        }
    }
    Ok(0)
}
