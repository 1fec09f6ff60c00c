//! Go checks on a directory the runner is handed (the worktree or a staged
//! snapshot built by the binary), never on git: the toolchain and its
//! environment, module discovery, and one file per tool (gofmt, go vet, the
//! configured linter), each on top of [`crate::run`].

mod error;
mod fmt;
mod lint;
mod modules;
mod target;
mod toolchain;
mod vet;

#[cfg(test)]
mod testenv;

pub use error::GoError;
pub use fmt::{FormatReport, check_format};
pub use lint::{LintTool, Linter, lint};
pub use modules::{
    Grouping, Module, Selection, SkipReason, Unit, Workspace, find_modules, find_workspace,
    group_files, is_generated, package_arg,
};
pub use target::Target;
pub use toolchain::{GO_ENV_KEYS, GoEnv, GoVersion, MINIMUM_GO, Toolchain, find_program};
pub use vet::vet;
