//! Leaves that know nothing of goals: text and spans, dates, suggestions, timings, file writes,
//! the machine's memory.

pub mod date;
pub mod fsio;
pub mod memory;
pub mod sanitize;
pub mod span;
pub mod suggest;
pub mod text;
pub mod timings;
