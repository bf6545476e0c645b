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

// The layers, bottom first: a module imports only from the layers above it in this list
// (tests/layers.rs fails when one reaches down the list). Blank lines keep rustfmt from
// sorting them.

/// Leaves: text, spans, dates, suggestions, timings, file writes.
pub mod base;

/// Every rule's identity and the shape of its thresholds.
pub mod catalog;

/// The settings of a run (goalc.toml as data).
pub mod settings;

/// Files as text, and the findings about them.
pub mod source;

pub mod diagnostic;

/// The raw model: what a file says, as written.
pub mod model;

/// Discovery, reading and decoding, one decoder per document kind.
pub mod load;

/// The resolved workspace: lowering, ids, links across files.
pub mod workspace;

/// Progress, expected progress, status and forecasts.
pub mod progress;

/// What changed since a git revision: the plan files read at REF, compared goal by goal.
pub mod history;

/// The rules, one file each.
pub mod rules;

/// The pipeline, and the resolved workspace as JSON.
pub mod check;

pub(crate) mod compile;

/// What reads the findings and the workspace: output formats, reports, the language server.
pub(crate) mod emit;

pub mod report;

pub(crate) mod lsp;

pub(crate) mod init;

#[doc(hidden)]
pub mod harness;

/// The command line.
pub mod cli;
