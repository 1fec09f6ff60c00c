//! Integration tests of the hookrc binary.
