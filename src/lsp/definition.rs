//! Go to definition: where the goal, metric or person under the cursor is declared.

use super::analysis;
use super::convert::location;
use super::session::Server;
use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse};

pub(super) fn definition(
    server: &Server,
    p: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let (checked, symbol, _, _) = server.symbol_at(&p.text_document_position_params)?;
    let (file, span) = analysis::definition(&checked.workspace, symbol);
    Some(GotoDefinitionResponse::Scalar(location(
        checked, file, span,
    )?))
}
