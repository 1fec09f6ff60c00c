//! Go checks on a directory the runner is handed (the worktree or a staged
//! snapshot built by the binary), never on git: the toolchain and its
//! environment, module discovery, and one file per tool (gofmt, go vet, the
//! configured linter), each on top of [`crate::run`].

mod bench;
mod bench_ab;
mod build;
mod cover;
mod cross_test;
mod error;
mod fmt;
mod goenv;
mod gomod;
mod imports;
mod lint;
mod modules;
mod stats;
mod target;
mod toolchain;
mod vet;

#[cfg(test)]
mod testenv;

pub use bench::{
    Baseline, BenchComparison, BenchOptions, BenchResult, BenchRule, BenchUnit, Geomean, Machine,
    Samples, UnitComparison, compare_bench, run_bench,
};
pub use bench_ab::{AbSide, build_side, run_interleaved};
pub use build::{BuildOptions, Platform, cross_build};
pub use cover::{Coverage, CoverageScope, TestOptions, test_coverage};
pub use cross_test::{CrossTest, cross_test};
pub use error::GoError;
pub use fmt::{FormatReport, check_format, unformatted_on_disk};
pub use goenv::{EnvPolicy, check_env};
pub use gomod::{ModOptions, check_module};
pub use imports::imports;
pub use lint::{LintTool, Linter, lint};
pub use modules::{
    Grouping, Module, Selection, SkipReason, Unit, Workspace, find_modules, find_workspace,
    group_files, is_generated, package_arg,
};
pub use stats::{
    CONFIDENCE, Summary, UTest, min_samples_for_interval, min_samples_for_test, smallest_p,
    summarize, u_test,
};
pub use target::Target;
pub use toolchain::{
    GO_ENV_KEYS, GoEnv, GoVersion, MINIMUM_GO, Toolchain, find_program, go_env_file,
};
pub use vet::vet;
