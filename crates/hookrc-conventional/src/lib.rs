//! hookrc-conventional (under construction).
