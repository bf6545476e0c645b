//! Hover: what the symbol under the cursor is, in Markdown (written by `complete::describe`).

use super::complete;
use super::convert::range;
use super::session::Server;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub(super) fn hover(server: &Server, p: &HoverParams) -> Option<Hover> {
    let (checked, symbol, file, span) = server.symbol_at(&p.text_document_position_params)?;
    let text = complete::describe(checked, symbol);
    let source = checked.workspace.file(file);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range(source, span)),
    })
}
