//! hookrc-policy (under construction).
