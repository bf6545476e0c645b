//! goalc: a compiler and linter for goal plans kept as TOML.
//!
//! The pipeline, one module a stage: [`discover`] -> [`load`] (via [`decode`] into the raw
//! [`model`]) -> [`resolve`] (into the [`workspace`]) -> [`rules`] -> [`emit`]. [`check`] runs
//! it; [`cli`] is the command line.

// No input may panic goalc: nothing a user controls is unwrapped or indexed unchecked. The few
// modules that index by the ids the resolver hands out (always in range of the vectors it built)
// allow `indexing_slicing` for themselves, saying so.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod check;
pub mod cli;
pub mod compile;
pub mod config;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod discover;
pub mod emit;
#[doc(hidden)]
pub mod harness;
pub mod index;
pub mod init;
pub mod load;
pub mod lower;
pub mod lsp;
pub mod model;
pub mod output;
pub mod progress;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod source;
pub mod span;
pub mod suggest;
pub mod text;
pub mod timings;
pub mod workspace;
