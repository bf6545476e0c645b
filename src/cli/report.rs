//! `goalc report`: render a progress report, built in or from the user's template.

use super::Global;
use super::common::run_error;
use crate::base::suggest::did_you_mean;
use crate::check;
use crate::diagnostic::Severity;
use crate::report::{self, Filters, Format, RenderFailure, Template};
use crate::workspace::Workspace;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files or folders to report on [default: .]; goals they align to are shown for context
    paths: Vec<PathBuf>,
    /// Output format [default: html, or md for a `--template` named *.md.hbs]
    #[arg(long, visible_alias = "output-format", value_enum)]
    format: Option<Format>,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write --output even when its name is a format's (`--output json`)
    #[arg(long)]
    force: bool,
    /// Render this Handlebars template with the report's data instead of the built-in one
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Only goals of this team (and the goals they align to, for context)
    #[arg(long)]
    team: Option<String>,
    /// Only goals owned by this person id
    #[arg(long)]
    owner: Option<String>,
    /// Only goals at this level
    #[arg(long)]
    level: Option<String>,
    /// Add a "Changed since REF" section: what changed in the plan since this git revision
    #[arg(long, value_name = "REF")]
    since: Option<String>,
    /// Show goal and person ids beside their names (they are always in the hover text)
    #[arg(long)]
    show_ids: bool,
    /// Write a small static site into DIR: index.html for the whole workspace, and a page per
    /// team and per person, linked both ways
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "template"])]
    site: Option<PathBuf>,
}

pub(super) fn run(args: Args, global: &Global, cwd: &Path) -> Result<u8, String> {
    super::common::check_output_name(
        args.output.as_deref(),
        &["html", "md", "markdown", "json"],
        args.force,
    )?;
    let template = match &args.template {
        Some(path) => {
            let limit = check::max_file_bytes(&args.paths, global.config.as_deref(), None, cwd);
            let cannot = |e: String| format!("cannot read template {}: {e}", path.display());
            let bytes = match crate::base::fsio::read_regular(&cwd.join(path), limit) {
                Ok(crate::base::fsio::Bounded::Bytes(bytes)) => bytes,
                Ok(crate::base::fsio::Bounded::TooLarge(len)) => {
                    return Err(cannot(format!(
                        "{len} bytes is over the limit of {limit} (`max_file_bytes` in goalc.toml)"
                    )));
                }
                Err(e) => return Err(cannot(e.to_string())),
            };
            let text = String::from_utf8(bytes).map_err(|_| cannot("not valid UTF-8".into()))?;
            Some((
                crate::load::discover::display_name(&cwd.join(path), cwd),
                text,
            ))
        }
        None => None,
    };
    let format = match (args.format, &args.template) {
        (Some(Format::Json), Some(_)) => {
            return Err(
                "--template renders html or md; --format json prints the data itself".into(),
            );
        }
        (Some(f), _) => f,
        (None, Some(path)) if is_markdown(path) => Format::Md,
        (None, _) => Format::Html,
    };
    if args.site.is_some() && matches!(args.format, Some(Format::Md | Format::Json)) {
        return Err("--site writes HTML pages; --format md or json writes one file".into());
    }
    let mut opts = global.options(args.paths.clone(), None);
    opts.since = args.since.clone();
    let checked = check::check(&opts, cwd).map_err(|e| run_error(e, global))?;
    if !global.quiet {
        super::diff::note(&checked);
    }
    let filters = Filters {
        team: args.team,
        owner: args.owner,
        level: args.level,
    };
    check_filters(&checked.workspace, &filters)?;
    if let Some(dir) = &args.site {
        return site(
            &checked,
            &filters,
            &cwd.join(dir),
            dir,
            args.show_ids,
            global,
        );
    }
    let template = template
        .as_ref()
        .map(|(name, text)| Template { name, text });
    // The process ends soon after: the OS reclaims the template's data faster than a drop.
    let keep = |rendered: report::Rendered| std::mem::forget(rendered);
    if let Some(path) = &args.output {
        let mut inputs = checked.inputs.clone();
        inputs.extend(args.template.iter().map(|t| cwd.join(t)));
        super::common::refuse_inputs(&cwd.join(path), &inputs)?;
    }
    let written = if format == Format::Md && template.is_none() {
        // The built-in Markdown goes to job summaries and comments, which refuse it past 1 MiB.
        report::markdown(&checked, &filters, report::MARKDOWN_LIMIT, args.show_ids).and_then(
            |bytes| match &args.output {
                Some(path) => crate::base::fsio::write_output(&cwd.join(path), |out| {
                    out.write_all(&bytes).map_err(RenderFailure::Io)
                }),
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes)
                        .and_then(|()| out.flush())
                        .map_err(RenderFailure::Io)
                }
            },
        )
    } else {
        let builtin_html = format == Format::Html && template.is_none();
        let mut shared = report::Shared::new(&checked).with_show_ids(args.show_ids);
        if builtin_html {
            shared = shared.with_card_limit(report::CARD_LIMIT);
        }
        let mut data = report::build_with(&checked, &filters, &shared, None);
        if builtin_html {
            // A page of tens of thousands of goal cards is one no browser opens.
            report::limit(&mut data);
        }
        match &args.output {
            Some(path) => crate::base::fsio::write_output(&cwd.join(path), |out| {
                report::render(data, format, template, out).map(keep)
            }),
            // Held back until whole, so a failing template never leaves half a report in a
            // redirected file.
            None => {
                let mut buffer = Vec::new();
                report::render(data, format, template, &mut buffer).and_then(|rendered| {
                    keep(rendered);
                    let mut out = std::io::stdout().lock();
                    out.write_all(&buffer)
                        .and_then(|()| out.flush())
                        .map_err(RenderFailure::Io)
                })
            }
        }
    };
    match written {
        Ok(()) => {}
        Err(RenderFailure::Template(message)) => return Err(message),
        Err(RenderFailure::Io(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe && args.output.is_none() => {}
        Err(RenderFailure::Io(e)) => {
            return Err(match &args.output {
                Some(path) => format!("cannot write {}: {e}", path.display()),
                None => format!("cannot write to standard output: {e}"),
            });
        }
    }
    let errors = checked.count(Severity::Error);
    if errors > 0 && !global.quiet {
        eprintln!(
            "warning: the workspace has {errors} error{}; `goalc check` shows them",
            if errors == 1 { "" } else { "s" }
        );
    }
    // The process ends here: the OS reclaims the workspace faster than dropping it would.
    std::mem::forget(checked);
    // The report was written: failing a build on findings is `check`'s job.
    Ok(0)
}

fn site(
    checked: &check::Checked,
    filters: &Filters,
    dir: &Path,
    shown: &Path,
    show_ids: bool,
    global: &Global,
) -> Result<u8, String> {
    match report::write_site(checked, filters, dir, show_ids) {
        Ok(pages) => {
            if !global.quiet {
                eprintln!("wrote {pages} pages to {}", shown.display());
            }
        }
        Err(report::SiteFailure::Refused(why)) => return Err(why),
        Err(report::SiteFailure::Render(page, RenderFailure::Template(why))) => {
            return Err(format!("cannot render {page}: {why}"));
        }
        Err(report::SiteFailure::Render(page, RenderFailure::Io(e)))
        | Err(report::SiteFailure::Io(page, e)) => {
            return Err(format!("cannot write {}: {e}", Path::new(&page).display()));
        }
    }
    let errors = checked.count(Severity::Error);
    if errors > 0 && !global.quiet {
        eprintln!(
            "warning: the workspace has {errors} error{}; `goalc check` shows them",
            if errors == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}

fn is_markdown(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".md") || name.ends_with(".markdown") || name.contains(".md.")
}

/// A filter that matches no goal is a typo far more often than an empty team.
fn check_filters(ws: &Workspace, filters: &Filters) -> Result<(), String> {
    let known = |what: &str, wanted: &Option<String>, values: Vec<&str>| -> Result<(), String> {
        let Some(wanted) = wanted else { return Ok(()) };
        if values.contains(&wanted.as_str()) {
            return Ok(());
        }
        Err(match did_you_mean(wanted, values.iter().copied()) {
            Some(s) => format!("no goal has {what} `{wanted}`; did you mean `{s}`?"),
            None => format!("no goal has {what} `{wanted}`"),
        })
    };
    known(
        "team",
        &filters.team,
        ws.goals.iter().filter_map(|g| ws.team(g)).collect(),
    )?;
    known(
        "owner",
        &filters.owner,
        ws.goals
            .iter()
            .filter_map(|g| g.owner.as_ref().map(|o| o.id.value.as_str()))
            .collect(),
    )?;
    known(
        "level",
        &filters.level,
        ws.levels().iter().map(String::as_str).collect(),
    )
}
