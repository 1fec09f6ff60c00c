//! Link the `hookrc` binary as a non-PIE executable on Linux.
//!
//! A hook's fixed cost is mostly process start. As a position-independent
//! executable, the dynamic loader applies ~21,000 relative relocations at
//! every start, faulting in ~100 extra pages: about 0.5 ms of a ~1.5 ms idle
//! hook, measured with `perf stat` (203 → 97 page faults). Linked at a fixed
//! address, those pointers are resolved at link time. The objects stay
//! position-independent; only the final link of the binaries changes.

fn main() {
    #[expect(
        clippy::disallowed_methods,
        reason = "a build script reads Cargo's target description from its environment"
    )]
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
