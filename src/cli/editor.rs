//! `goalc schema` and `goalc lsp`: what editors ask goalc for.

use super::common::write_stdout;

#[derive(clap::Args, Debug)]
pub(super) struct SchemaArgs {
    /// The schema of progress files (*.progress.toml) instead
    #[arg(long)]
    progress: bool,
    // `--config` (goalc.toml's schema) is the global flag given without a FILE: see `Global`.
}

#[derive(clap::Args, Debug)]
pub(super) struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub(super) fn schema(args: SchemaArgs, config: bool) -> Result<u8, String> {
    if config && args.progress {
        return Err("--config and --progress each name one schema; give one".into());
    }
    let schema = if config {
        crate::rules::config_schema::json_schema()
    } else {
        crate::model::schema::json_schema(args.progress)
    };
    let mut text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    text.push('\n');
    write_stdout(&text)?;
    Ok(0)
}

pub(super) fn lsp() -> Result<u8, String> {
    crate::lsp::run()?;
    Ok(0)
}

pub(super) fn completions(args: CompletionsArgs) -> Result<u8, String> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "goalc", &mut out);
    write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

pub(super) fn manpage() -> Result<u8, String> {
    let command = <super::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| format!("cannot render the man page: {e}"))?;
    write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
