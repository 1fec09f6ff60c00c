//! hookrc-testkit (under construction).
