//! Each rule against commitlint's documented behaviour.
