//! Releases from the commit history: the changelog of a module (`hookrc
//! changelog`), its next version (`hookrc bump`) and Go's rule for module
//! versions (`bump`, and the `go-release` pre-push gate).
//!
//! Every module of the repository (the root, and each directory with a
//! nested `go.mod`) is versioned apart: its tags are `vX.Y.Z` at the root
//! and `sub/dir/vX.Y.Z` for the module in `sub/dir`, and its history is
//! the commits that touch its directory outside its nested modules.
//! Repository access goes through `crate::git`; this module only decides.

pub(crate) mod bump;
pub(crate) mod context;
pub(crate) mod entry;
pub(crate) mod forge;
pub(crate) mod go_module;
pub(crate) mod history;
pub(crate) mod markdown;
pub(crate) mod prepend;
pub(crate) mod version;
