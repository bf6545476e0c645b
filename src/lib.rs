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

// The layers, bottom first; a module imports only from the layers above it in this list
// (tests/layers.rs fails when one reaches up).
pub mod base;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod compile;
pub mod diagnostic;
pub mod emit;
#[doc(hidden)]
pub mod harness;
pub mod init;
pub mod load;
pub mod lsp;
pub mod model;
pub mod progress;
pub mod report;
pub mod rules;
pub mod settings;
pub mod source;
pub mod workspace;

// Old paths, until every caller uses the new ones.
pub use base::{date, fsio as output, span, suggest, text, timings};
pub use load::{config, decode, discover};
pub use model::schema;
pub use workspace::{index, lower, resolve};
