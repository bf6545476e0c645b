//! Handlebars helpers for report templates, built-in and custom alike. Helpers that draw
//! (`progress-bar`, `sparkline`) return markup built from numbers and escaped text, meant for
//! triple braces; the others return text that the template's escaper handles.

mod chart;
mod draw;
mod each_parallel;
mod format;

pub use format::{fmt_number, fmt_percent};

use super::render::LazyList;
use each_parallel::EachParallel;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde_json::Value;

/// Which flavour of the drawing helpers to register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavour {
    Html,
    Markdown,
}

type HelperFn = fn(&Helper<'_>, Flavour) -> Result<Value, RenderError>;

struct ValueHelper {
    name: &'static str,
    flavour: Flavour,
    f: HelperFn,
}

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        if h.params().is_empty() {
            return Err(RenderErrorReason::ParamNotFoundForIndex(self.name, 0).into());
        }
        (self.f)(h, self.flavour).map(ScopedJson::Derived)
    }
}

pub(super) fn register<'a>(
    hb: &mut Handlebars<'a>,
    flavour: Flavour,
    lists: &'a [&'a dyn LazyList],
) {
    let helpers: [(&'static str, HelperFn); 11] = [
        ("percent", format::percent),
        ("number", format::number),
        ("date", format::date),
        ("status-label", format::status_label),
        ("mermaid-label", format::mermaid_label),
        ("metric-result", format::metric_result),
        ("progress-bar", draw::progress_bar),
        ("sparkline", draw::sparkline),
        ("checkin-list", draw::checkin_list),
        ("metric-chart", chart::metric_chart),
        ("burnup-chart", chart::burnup_chart),
    ];
    for (name, f) in helpers {
        hb.register_helper(name, Box::new(ValueHelper { name, flavour, f }));
    }
    hb.register_helper("each-parallel", Box::new(EachParallel { lists }));
}

fn param<'a>(h: &'a Helper<'_>, i: usize) -> &'a Value {
    static NULL: Value = Value::Null;
    h.param(i).map_or(&NULL, |p| p.value())
}

/// What a missing value reads as.
const NONE: &str = "—";
