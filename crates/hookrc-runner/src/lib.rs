//! hookrc-runner (under construction).
