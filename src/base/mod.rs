//! Leaves that know nothing of goals: text and spans, dates, suggestions, timings, file writes.

pub mod date;
pub mod fsio;
pub mod sanitize;
pub mod span;
pub mod suggest;
pub mod text;
pub mod timings;
