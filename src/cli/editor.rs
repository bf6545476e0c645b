//! `goalc schema` and `goalc lsp`: what editors ask goalc for.

use super::common::write_stdout;

#[derive(clap::Args, Debug)]
pub(super) struct SchemaArgs {
    /// The schema of progress files (*.progress.toml) instead
    #[arg(long)]
    progress: bool,
}

pub(super) fn schema(args: SchemaArgs) -> Result<u8, String> {
    let mut text = serde_json::to_string_pretty(&crate::model::schema::json_schema(args.progress))
        .map_err(|e| e.to_string())?;
    text.push('\n');
    write_stdout(&text)?;
    Ok(0)
}

pub(super) fn lsp() -> Result<u8, String> {
    crate::lsp::run()?;
    Ok(0)
}
