//! hookrc's check runner: external processes as [`Job`]s with timeouts and
//! cancellation, a bounded rayon fan-out that keeps input order
//! ([`run_ordered`]), `xargs`-style argument batches ([`batch_args`]), and the
//! typed [`Outcome`] and [`Finding`] that every check produces.
//!
//! It knows nothing of git or of the policy file, and never reads the process
//! environment: every job carries the complete environment its child gets.
//!
//! ```
//! use hookrc_runner::{Cancel, Job, ProcessStatus, run};
//!
//! let job = Job::new(["/bin/sh", "-c", "printf '%s' \"$GREETING\"; exit 3"], "/")
//!     .with_env_var("GREETING", "hello");
//! let done = run(&job, &Cancel::new()).expect("sh runs");
//! assert_eq!(done.status(), ProcessStatus::Exited(3));
//! assert_eq!(done.stdout(), b"hello");
//! ```

mod batch;
mod cancel;
mod error;
mod exec;
pub mod go;
mod marked;
mod outcome;
mod pool;

pub use batch::{DEFAULT_MAX_ARG_BYTES, batch_args};
pub use cancel::Cancel;
pub use error::ExecError;
pub use exec::{Completed, DEFAULT_OUTPUT_CAP, Job, ProcessStatus, run};
pub use marked::kill_marked;
pub use outcome::{Finding, Outcome, Status};
pub use pool::{cores, run_on_cores, run_ordered};
