//! Find references: every place across the workspace that names the symbol under the cursor.

use super::analysis;
use super::convert::location;
use super::session::Server;
use lsp_types::{Location, ReferenceParams};

pub(super) fn references(server: &Server, p: &ReferenceParams) -> Option<Vec<Location>> {
    let (checked, symbol, _, _) = server.symbol_at(&p.text_document_position)?;
    Some(
        analysis::occurrences(&checked.workspace)
            .into_iter()
            .filter(|o| o.symbol == Some(symbol))
            .filter(|o| p.context.include_declaration || !o.definition)
            .filter_map(|o| location(checked, o.file, o.span))
            .collect(),
    )
}
