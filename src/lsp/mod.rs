//! `goalc lsp`: a Language Server on standard input and output. It checks the whole workspace
//! the way `goalc check` does, with open documents' unsaved text in place of the files, and
//! answers go to definition, find references, hover, completion and quick fixes.

// Indexing here is by FileId/GoalId values the resolver created as positions in the very
// vectors indexed, never by a number read from a file or a message.
#![allow(clippy::indexing_slicing)]

mod analysis;
mod complete;
pub mod position;

use crate::check::Checked;
use crate::diagnostic::Severity;
use crate::source::{FileId, SourceFile};
use crate::span::Span;
use analysis::Symbol;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Runs the server until the client says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), ".".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri)
        .and_then(|u| uri_to_path(&u));
    let mut server = Server {
        connection: &connection,
        root,
        open: HashMap::new(),
        checked: None,
        published: HashSet::new(),
    };
    server.main_loop()?;
    drop(server);
    drop(connection);
    io.join().map_err(|e| e.to_string())
}

struct Document {
    text: String,
    version: i32,
}

struct Server<'c> {
    connection: &'c Connection,
    root: Option<PathBuf>,
    open: HashMap<PathBuf, Document>,
    checked: Option<Checked>,
    /// Files that have diagnostics on the client, to clear when they go away.
    published: HashSet<PathBuf>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(req) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = self.request(req);
                    self.send(Message::Response(response));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) {
        // A closed channel means the client is gone; the loop ends with it.
        let _ = self.connection.sender.send(message);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    if self.root.is_none() {
                        self.root = path.parent().map(Path::to_path_buf);
                    }
                    self.open.insert(
                        path,
                        Document {
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                    );
                    self.refresh();
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                    && let Some(doc) = self.open.get_mut(&path)
                {
                    for change in p.content_changes {
                        match change.range {
                            Some(r) => {
                                let start = position::to_offset(&doc.text, r.start);
                                let end = position::to_offset(&doc.text, r.end).max(start);
                                doc.text.replace_range(start..end, &change.text);
                            }
                            None => doc.text = change.text,
                        }
                    }
                    doc.version = p.text_document.version;
                    self.refresh();
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params)
                    && let (Some(path), Some(text)) = (uri_to_path(&p.text_document.uri), p.text)
                    && let Some(doc) = self.open.get_mut(&path)
                {
                    doc.text = text;
                }
                self.refresh();
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    self.open.remove(&path);
                    self.refresh();
                }
            }
            _ => {}
        }
    }

    /// Checks the workspace again and publishes every file's diagnostics.
    fn refresh(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let overlays: HashMap<PathBuf, String> = self
            .open
            .iter()
            .map(|(p, d)| (p.clone(), d.text.clone()))
            .collect();
        let checked = analysis::analyze(&root, &overlays);
        let mut by_file: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
        for d in &checked.diagnostics {
            by_file
                .entry(d.file)
                .or_default()
                .push(lsp_diagnostic(&checked, d));
        }
        let mut now = HashSet::new();
        for (i, file) in checked.workspace.files.iter().enumerate() {
            let diagnostics = by_file.remove(&FileId(i as u32)).unwrap_or_default();
            // An open document always gets its list, empty or not, so the editor knows it is
            // checked.
            if diagnostics.is_empty()
                && !self.published.contains(&file.path)
                && !self.open.contains_key(&file.path)
            {
                continue;
            }
            if !diagnostics.is_empty() {
                now.insert(file.path.clone());
            }
            self.publish(&file.path, diagnostics);
        }
        for gone in self.published.difference(&now).cloned().collect::<Vec<_>>() {
            if file_id_of(&checked, &gone).is_none() {
                self.publish(&gone, Vec::new());
            }
        }
        self.published = now;
        self.checked = Some(checked);
    }

    fn publish(&self, path: &Path, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = path_to_uri(path) else {
            return;
        };
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: self.open.get(path).map(|d| d.version),
        };
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Message::Notification(Notification::new(
                notification::PublishDiagnostics::METHOD.into(),
                params,
            )));
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            request::GotoDefinition::METHOD => parse(req).map(|p: GotoDefinitionParams| {
                json(self.definition(&p.text_document_position_params))
            }),
            request::References::METHOD => {
                parse(req).map(|p: ReferenceParams| json(self.references(&p)))
            }
            request::HoverRequest::METHOD => {
                parse(req).map(|p: HoverParams| json(self.hover(&p.text_document_position_params)))
            }
            request::Completion::METHOD => parse(req)
                .map(|p: CompletionParams| json(self.completion(&p.text_document_position))),
            request::CodeActionRequest::METHOD => {
                parse(req).map(|p: CodeActionParams| json(self.code_actions(&p)))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unsupported: {}", req.method),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// The checked workspace, the file a position is in, and the byte offset.
    fn locate(&self, at: &TextDocumentPositionParams) -> Option<(&Checked, FileId, usize)> {
        let checked = self.checked.as_ref()?;
        let path = uri_to_path(&at.text_document.uri)?;
        let file = file_id_of(checked, &path)?;
        let text = &checked.workspace.file(file).text;
        Some((checked, file, position::to_offset(text, at.position)))
    }

    fn symbol_at(
        &self,
        at: &TextDocumentPositionParams,
    ) -> Option<(&Checked, Symbol, FileId, Span)> {
        let (checked, file, offset) = self.locate(at)?;
        let o = analysis::at(&checked.workspace, file, offset)?;
        Some((checked, o.symbol?, file, o.span))
    }

    fn definition(&self, at: &TextDocumentPositionParams) -> Option<GotoDefinitionResponse> {
        let (checked, symbol, _, _) = self.symbol_at(at)?;
        let (file, span) = analysis::definition(&checked.workspace, symbol);
        Some(GotoDefinitionResponse::Scalar(location(
            checked, file, span,
        )?))
    }

    fn references(&self, p: &ReferenceParams) -> Option<Vec<Location>> {
        let (checked, symbol, _, _) = self.symbol_at(&p.text_document_position)?;
        Some(
            analysis::occurrences(&checked.workspace)
                .into_iter()
                .filter(|o| o.symbol == Some(symbol))
                .filter(|o| p.context.include_declaration || !o.definition)
                .filter_map(|o| location(checked, o.file, o.span))
                .collect(),
        )
    }

    fn hover(&self, at: &TextDocumentPositionParams) -> Option<Hover> {
        let (checked, symbol, file, span) = self.symbol_at(at)?;
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

    fn completion(&self, at: &TextDocumentPositionParams) -> Option<CompletionResponse> {
        let (checked, file, offset) = self.locate(at)?;
        let items = complete::complete(checked, file, offset);
        Some(CompletionResponse::Array(items))
    }

    fn code_actions(&self, p: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
        let checked = self.checked.as_ref()?;
        let path = uri_to_path(&p.text_document.uri)?;
        let file = file_id_of(checked, &path)?;
        let source = checked.workspace.file(file);
        let start = position::to_offset(&source.text, p.range.start) as u32;
        let end = position::to_offset(&source.text, p.range.end) as u32;
        let mut actions = Vec::new();
        for d in checked.diagnostics.iter().filter(|d| d.file == file) {
            if d.span.end < start || d.span.start > end {
                continue;
            }
            let Some(suggestion) = d.help.as_deref().and_then(did_you_mean) else {
                continue;
            };
            let written = source.slice(d.span);
            // keep the quotes the reference was written in
            let new_text = match written.chars().next() {
                Some(q @ ('"' | '\'')) => format!("{q}{suggestion}{q}"),
                _ => suggestion.to_string(),
            };
            let uri = p.text_document.uri.clone();
            let edit = TextEdit {
                range: range(source, d.span),
                new_text,
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with `{suggestion}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic(checked, d)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri, vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        Some(actions)
    }
}

/// The suggestion of a help text that reads "did you mean `x`?".
fn did_you_mean(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next().filter(|s| !s.is_empty())
}

type Failure = (ErrorCode, String);

fn parse<T: serde::de::DeserializeOwned>(req: Request) -> Result<T, Failure> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn file_id_of(checked: &Checked, path: &Path) -> Option<FileId> {
    analysis::file_id(&checked.workspace, path)
}

fn range(file: &SourceFile, span: Span) -> Range {
    position::range(&file.text, span.start as usize, span.end as usize)
}

fn location(checked: &Checked, file: FileId, span: Span) -> Option<Location> {
    let source = checked.workspace.file(file);
    Some(Location::new(
        path_to_uri(&source.path)?,
        range(source, span),
    ))
}

fn lsp_diagnostic(checked: &Checked, d: &crate::diagnostic::Diagnostic) -> Diagnostic {
    let source = checked.workspace.file(d.file);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: location(checked, l.file, l.span)?,
                message: l.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(source, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("goalc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// `file:///a%20b/c.plan.toml` → `/a b/c.plan.toml`.
fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.split(['?', '#']).next()?;
    let mut bytes = Vec::with_capacity(rest.len());
    let mut iter = rest.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    Some(crate::discover::normalize(Path::new(&path)))
}

fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_str()?.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_spaces_and_unicode() {
        let path = PathBuf::from("/tmp/a b/Ωμέγα 学习/x.plan.toml");
        let uri = path_to_uri(&path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/a%20b/"));
        assert_eq!(uri_to_path(&uri).unwrap(), path);
    }

    #[test]
    fn suggestions_come_from_the_help() {
        assert_eq!(
            did_you_mean("did you mean `erp-fluency`?"),
            Some("erp-fluency")
        );
        assert_eq!(did_you_mean("add a metric"), None);
    }
}
