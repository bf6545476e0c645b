//! Code lens: "N goals align here" above each goal that others align to. The lens carries no
//! command to run (an empty command id, which clients show as a label): find references on the
//! goal lists them.

use super::convert::{file_id_of, range, uri_to_path};
use super::session::Server;
use lsp_types::{CodeLens, CodeLensParams, Command};

pub(super) fn code_lenses(server: &Server, p: &CodeLensParams) -> Option<Vec<CodeLens>> {
    let checked = server.checked.as_ref()?;
    let ws = &checked.workspace;
    let file = file_id_of(checked, &uri_to_path(&p.text_document.uri)?)?;
    let source = ws.file(file);
    Some(
        ws.goal_ids()
            .filter(|(_, g)| g.file == file && !g.children.is_empty())
            .map(|(_, g)| {
                let n = g.children.len();
                let title = match n {
                    1 => "1 goal aligns here".to_string(),
                    n => format!("{n} goals align here"),
                };
                CodeLens {
                    range: range(source, g.id.span),
                    command: Some(Command {
                        title,
                        command: String::new(),
                        arguments: None,
                    }),
                    data: None,
                }
            })
            .collect(),
    )
}
