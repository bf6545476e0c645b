//! `each-parallel`: the block helper that renders the report's long lists on every core.

use crate::report::render::{LAZY_KEY, LazyList};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, Renderable,
};
use rayon::prelude::*;
use serde_json::Value;

/// `{{#each-parallel list}}…{{/each-parallel}}`: `each` for long lists, the items rendered on
/// every core and written in order. Inside, only the item is in scope (no `../` or `@root`),
/// and `@index`, `@first` and `@last` are not set.
pub(super) struct EachParallel<'a> {
    /// The report's lists that the template data only points to (see [`LazyList`]).
    pub(super) lists: &'a [&'a dyn LazyList],
}

/// Items rendered per task, and tasks per batch written out: output is streamed a batch at a
/// time instead of being held whole.
const CHUNK: usize = 64;
const BATCH: usize = 64;

impl HelperDef for EachParallel<'_> {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let Some(template) = h.template() else {
            return Err(RenderErrorReason::BlockContentRequired.into());
        };
        let value = h.param(0).map(|p| p.value());
        let lazy = value
            .and_then(|v| v.get(LAZY_KEY))
            .and_then(Value::as_u64)
            .and_then(|i| self.lists.get(usize::try_from(i).ok()?));
        let array = value.and_then(Value::as_array);
        let len = match (lazy, array) {
            (Some(list), _) => list.len(),
            (None, Some(items)) => items.len(),
            (None, None) => return Err(RenderErrorReason::InvalidParamType("array").into()),
        };
        let item = |i: usize| -> Result<Value, RenderError> {
            match (lazy, array) {
                (Some(list), _) => list
                    .value(i)
                    .map_err(|e| RenderErrorReason::Other(e.to_string()).into()),
                (None, Some(items)) => Ok(items.get(i).cloned().unwrap_or(Value::Null)),
                (None, None) => Ok(Value::Null),
            }
        };
        let starts: Vec<usize> = (0..len).step_by(CHUNK).collect();
        // Pieces start at the size of the last ones: growing a string of a few hundred
        // kilobytes by doubling copied it over and over.
        let mut expect = 0;
        for batch in starts.chunks(BATCH) {
            let pieces: Vec<Result<String, RenderError>> = batch
                .par_iter()
                .map(|&start| {
                    let mut piece = Piece(String::with_capacity(expect));
                    for i in start..(start + CHUNK).min(len) {
                        let context = Context::from(item(i)?);
                        let mut rc = RenderContext::new(None);
                        template.render(r, &context, &mut rc, &mut piece)?;
                    }
                    Ok(piece.0)
                })
                .collect();
            for piece in pieces {
                let piece = piece?;
                expect = expect.max(piece.len() + piece.len() / 8);
                out.write(&piece)?;
            }
        }
        Ok(())
    }
}

/// A rendered chunk of `each-parallel`.
struct Piece(String);

impl Output for Piece {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        self.0.push_str(seg);
        Ok(())
    }
}
