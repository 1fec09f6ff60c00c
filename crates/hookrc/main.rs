//! hookrc: a Git hooks manager with embedded checkers.

fn main() {}
